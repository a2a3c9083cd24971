/** Numbers, money and dates per language: the formatter lives with the domain (pure), which writes them too. */
export { type Fmt, fmtFor } from '../domain/format.js';
