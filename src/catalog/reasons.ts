/**
 * Why a value in the catalogue is wrong, as a message key and its values (templates/<lang>/problems.yaml,
 * `problem.reason.*`), made where the problem is found: `catalog lint` says it in the asker's language from the key,
 * never by reading its English back. Pure (no I/O): the schemas (src/catalog/schema.ts, which the domain imports)
 * use it.
 *
 * - A problem our code finds itself (the loader, a cross-file check, a watchlist check) is made as a `Said` there.
 * - A refinement or an issue a schema adds carries its key in the issue (`ownIssue`: zod's `params`).
 * - A built-in check's own sentence (a pattern, a minimum, the wrong type: zod keeps no values beside these) is
 *   written with `own`: zod keeps the English, and the key is filed beside it, so `issueSaid` finds the key of the
 *   issue zod reports by the sentence the schema itself set (not by a pattern over English).
 * - zod's own issues (a wrong type, too small, an unknown key…) are keyed by their code and values, not their text.
 */
import { z } from 'zod';
import type { Said, SaidVars } from './said.js';

const OWN = new Map<string, Said>();

/**
 * A sentence a schema sets itself for zod, with the key it is said by in any language: returns the English (zod's
 * message) and files the key under it. The English is the key's text in templates/en/problems.yaml with the values
 * filled in (test/i18n/catalog-tools.test.ts checks each one).
 */
export function own(english: string, key: string, vars?: SaidVars): string {
  if (!OWN.has(english)) OWN.set(english, vars ? { key, vars } : { key });
  return english;
}

/** A refinement's or an added issue's sentence: zod's message, and its key carried in the issue (`params.said`). */
export interface OwnIssue {
  message: string;
  params: { said: Said };
}

/**
 * The sentence of a refinement (`.refine(check, ownIssue(…))`) or of an issue a schema adds
 * (`ctx.addIssue({ code: 'custom', path, ...ownIssue(…) })`): the English for zod, and the key in the issue itself.
 */
export function ownIssue(english: string, key: string, vars?: SaidVars): OwnIssue {
  own(english, key, vars);
  return { message: english, params: { said: vars ? { key, vars } : { key } } };
}

/** Every sentence the schemas set themselves, with its key (for the test that keeps them and the templates equal). */
export function ownSentences(): ReadonlyMap<string, Said> {
  return OWN;
}

/** A problem's reason by key (`problem.reason.<name>`) and values. */
export function reason(name: string, vars?: SaidVars): Said {
  return vars ? { key: `problem.reason.${name}`, vars } : { key: `problem.reason.${name}` };
}

/**
 * An issue as zod reports it (parsed with `{ reportInput: true }`, so a wrong type can name the type it got). Loose on
 * purpose: issues are read by their code and the values zod gives with it.
 */
export interface ZodIssueLike {
  readonly code?: string;
  readonly message: string;
}
type Fields = ZodIssueLike & Record<string, unknown>;

/** Parse options every catalogue check uses: the issues keep the value they refused (see `issueSaid`). */
export const REPORT_INPUT = { reportInput: true } as const;

/** Why zod refused a value, by key: the schema's own sentence, or zod's issue by its code and values. */
export function issueSaid(issue: ZodIssueLike): Said {
  const said = ((issue as Fields).params as { said?: Said } | undefined)?.said;
  if (said) return said;
  return OWN.get(issue.message) ?? zodSaid(issue);
}

// What zod's English (its locale `en`) names sizes and formats by; the Chinese texts do not need them.
const SIZED: Record<string, string> = {
  string: 'characters',
  file: 'bytes',
  array: 'items',
  set: 'items',
  map: 'entries',
};
const FORMATS: Record<string, string> = {
  regex: 'input',
  email: 'email address',
  url: 'URL',
  emoji: 'emoji',
  uuid: 'UUID',
  uuidv4: 'UUIDv4',
  uuidv6: 'UUIDv6',
  nanoid: 'nanoid',
  guid: 'GUID',
  cuid: 'cuid',
  cuid2: 'cuid2',
  ulid: 'ULID',
  xid: 'XID',
  ksuid: 'KSUID',
  datetime: 'ISO datetime',
  date: 'ISO date',
  time: 'ISO time',
  duration: 'ISO duration',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  mac: 'MAC address',
  cidrv4: 'IPv4 range',
  cidrv6: 'IPv6 range',
  base64: 'base64-encoded string',
  base64url: 'base64url-encoded string',
  json_string: 'JSON string',
  e164: 'E.164 number',
  currency_code: 'currency code',
  credit_card: 'credit card number',
  iban: 'IBAN',
  jwt: 'JWT',
  template_literal: 'input',
};

/** A value as zod writes it in a sentence: strings quoted. */
function shown(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return `"${v}"`;
  return `${v}`;
}

function typeName(type: string, input?: unknown): string {
  if (type === 'number' && typeof input === 'number' && !Number.isFinite(input)) return String(input);
  return type === 'nan' ? 'NaN' : type;
}

/** The type of a value, as zod names it. */
function typeOf(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : 'number';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null && 'constructor' in v && v.constructor)
      return (v.constructor as { name: string }).name;
  }
  return typeof v;
}

/** What zod got where it expected another type (an issue without its input: the value was missing). */
function received(issue: Fields): string {
  if (typeof issue.received === 'string') return issue.received;
  return 'input' in issue ? typeName(typeOf(issue.input), issue.input) : 'undefined';
}

/** zod's own issue by its code and values (the sentences of templates/en/problems.yaml `problem.reason.zod-*`). */
function zodSaid(issue: ZodIssueLike): Said {
  const i = issue as Fields;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeName(String(i.expected));
      return expected === 'int'
        ? reason('zod-int', { received: received(i) })
        : reason('zod-type', { expected, received: received(i) });
    }
    case 'invalid_value': {
      const values = (i.values ?? []) as unknown[];
      return values.length === 1
        ? reason('zod-value', { value: shown(values[0]) })
        : reason('zod-option', { list: values.map(shown).join('|') });
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const origin = i.origin as string | undefined;
      const adj = i.exact ? 'exactly ' : i.inclusive ? (big ? '<=' : '>=') : big ? '<' : '>';
      const bound = `${adj}${String(big ? i.maximum : i.minimum)}`;
      const what = big ? (origin ?? 'value') : String(origin);
      const unit = origin ? SIZED[origin] : undefined;
      const name = big ? 'zod-big' : 'zod-small';
      return unit ? reason(`${name}-size`, { what, bound, unit }) : reason(name, { what, bound });
    }
    case 'invalid_format': {
      const format = String(i.format);
      if (format === 'starts_with') return reason('zod-starts', { prefix: String(i.prefix) });
      if (format === 'ends_with') return reason('zod-ends', { suffix: String(i.suffix) });
      if (format === 'includes') return reason('zod-includes', { includes: String(i.includes) });
      if (format === 'regex') return reason('zod-pattern', { pattern: String(i.pattern) });
      return reason('zod-format', { format: FORMATS[format] ?? format });
    }
    case 'not_multiple_of':
      return reason('zod-multiple', { divisor: String(i.divisor) });
    case 'unrecognized_keys': {
      const keys = (i.keys ?? []) as unknown[];
      return reason(keys.length > 1 ? 'zod-keys' : 'zod-key', { keys: keys.map(shown).join(', ') });
    }
    case 'invalid_key': {
      // The key's own problem (a record's key schema), said in Chinese; zod's English names only where.
      const inner = (i.issues as ZodIssueLike[] | undefined)?.[0];
      return reason('zod-invalid-key', {
        origin: String(i.origin),
        reason: inner ? issueSaid(inner) : reason('zod-input'),
      });
    }
    case 'invalid_union': {
      const options = i.options as unknown[] | undefined;
      if (Array.isArray(options) && options.length > 0)
        return reason('zod-discriminator', { options: options.map((o) => `'${String(o)}'`).join(' | ') });
      return i.inclusive === false ? reason('zod-union-many') : reason('zod-input');
    }
    case 'invalid_element':
      return reason('zod-element', { origin: String(i.origin) });
    case 'custom': {
      // A refinement that set no sentence of its own (every schema here does, with `own`): zod's default for it, or
      // a sentence written without a key, said as written.
      const zods = z.config().localeError?.(issue as never);
      return (typeof zods === 'string' ? zods : zods?.message) === issue.message
        ? reason('zod-input')
        : reason('zod-custom', { detail: issue.message });
    }
    default:
      return reason('zod-input');
  }
}
