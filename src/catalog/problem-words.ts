/**
 * The catalogue's problems (`procure catalog lint`, an import that clashes, a catalogue that does not load, a
 * watchlist's problems) in the asker's language. Each problem carries its reason as a message key and values (`said`,
 * made where the problem was found: src/catalog/reasons.ts), so it is said from templates/<lang>/problems.yaml with
 * the same file, place and values; English stays as the loader writes it (`formatProblem`).
 */
import type { Say } from '../domain/say.js';
import type { Problem } from './load.js';
import { formatProblem } from './load.js';
import { sayNested } from './said.js';

/** A problem as `catalog lint` prints it, in `say`'s language: the file, where in it, and what is wrong. */
export function problemIn(say: Say, p: Problem): string {
  if (say.lang === 'en') return formatProblem(p);
  const reason = sayNested(say, p.said);
  return p.path
    ? say('problem.line', { file: p.file, path: p.path, reason })
    : say('problem.line-top', { file: p.file, reason });
}

/**
 * A problem as the watchlists write theirs (src/refresh/refresh.ts), one line: "<file>: <where>: <reason>", or
 * "<file>: <reason>" when it has no place; `whole`: the place is the file as a whole ("(file)").
 */
export interface LineProblem extends Problem {
  whole?: boolean;
}

/** A watchlist's problem as one line, in `say`'s language. */
export function problemLineIn(say: Say, p: LineProblem): string {
  if (say.lang === 'en') {
    if (!p.path && !p.whole) return `${p.file}: ${p.reason}`;
    return `${p.file}: ${p.path || '(file)'}: ${p.reason}`;
  }
  const reason = sayNested(say, p.said);
  if (!p.path && !p.whole) return say('problem.line-top', { file: p.file, reason });
  return say('problem.line', { file: p.file, path: p.path || say('problem.top'), reason });
}
