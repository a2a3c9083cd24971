/**
 * The catalogue's problems (`procure catalog lint`, an import that clashes, a catalogue that does not load) in the
 * asker's language. The loader, the schemas and zod write each reason as an English sentence; every kind of reason
 * has a key in templates/<lang>/problems.yaml whose English text is that sentence with `{{placeholders}}` for what
 * varies (a file, an id, a value). A reason is matched against the English texts and said in the other language with
 * the same values: the same file, path and value, in one sentence. A reason no English text matches is shown as
 * written (and the language audit, test/i18n/lang-audit.ts, reports it).
 */
import type { Say, SayVars } from '../domain/say.js';
import type { Problem } from './load.js';
import { formatProblem } from './load.js';
import { shippedMessages } from './shipped-messages.js';

interface Pattern {
  key: string;
  re: RegExp;
  names: string[];
  /** Letters outside the placeholders: the more, the more specific (tried first). */
  weight: number;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
let patterns: Pattern[] | null = null;

function compiled(): Pattern[] {
  if (patterns) return patterns;
  const out: Pattern[] = [];
  for (const [key, text] of Object.entries(shippedMessages().en)) {
    if (!key.startsWith('problem.reason.')) continue;
    const names: string[] = [];
    let re = '';
    let last = 0;
    let weight = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      const literal = text.slice(last, m.index);
      weight += literal.length;
      re += `${escapeRe(literal)}([\\s\\S]+?)`;
      names.push(m[1] as string);
      last = (m.index ?? 0) + m[0].length;
    }
    weight += text.length - last;
    re += escapeRe(text.slice(last));
    out.push({ key, re: new RegExp(`^${re}$`), names, weight });
  }
  patterns = out.sort((a, b) => b.weight - a.weight);
  return patterns;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One reason (as the loader or zod wrote it, in English) in `say`'s language; as written when none matches. */
export function reasonIn(say: Say, reason: string): string {
  if (say.lang === 'en') return reason;
  const text = reason.trim();
  for (const p of compiled()) {
    const m = p.re.exec(text);
    if (!m) continue;
    const vars: SayVars = {};
    p.names.forEach((name, i) => {
      vars[name] = m[i + 1] as string;
    });
    return say(p.key, vars);
  }
  return reason;
}

/** A problem as `catalog lint` prints it, in `say`'s language: the file, where in it, and what is wrong. */
export function problemIn(say: Say, p: Problem): string {
  if (say.lang === 'en') return formatProblem(p);
  const reason = reasonIn(say, p.reason);
  return p.path
    ? say('problem.line', { file: p.file, path: p.path, reason })
    : say('problem.line-top', { file: p.file, reason });
}

/**
 * A problem already written as one line, "<file>: <where>: <reason>" or "<file>: <reason>" (the watchlists' problems,
 * src/refresh/refresh.ts), in `say`'s language.
 */
export function problemLineIn(say: Say, line: string): string {
  if (say.lang === 'en') return line;
  const m = /^(\S+?\.(?:ya?ml|json|csv)): ([\s\S]*)$/.exec(line);
  if (!m) return reasonIn(say, line);
  const [, file = '', rest = ''] = m;
  const whole = reasonIn(say, rest);
  if (whole !== rest) return say('problem.line-top', { file, reason: whole });
  const at = rest.indexOf(': ');
  if (at < 0) return say('problem.line-top', { file, reason: whole });
  const path = rest.slice(0, at);
  return say('problem.line', {
    file,
    path: path === '(file)' ? say('problem.top') : path,
    reason: reasonIn(say, rest.slice(at + 2)),
  });
}
