/**
 * Cue patterns that cost nothing on questions they cannot match.
 *
 * V8 compiles a regular expression on its first test, and a long case-insensitive Unicode pattern (`iu`, as the
 * intents' cues and the lexicon's words are written) costs far more to compile than to run: testing every cue once
 * was most of a cold `procure ask`'s parse. Most cues cannot match a given question at all: each needs some word that
 * is not in it. A `GatedPattern` reads from its source the literal text any match must contain (one of a few
 * alternatives: "cheapest", "哪个划算", …), checks for it with `includes`, and only then compiles and runs the pattern.
 * The answer is the pattern's own: the gate only skips patterns that cannot match.
 */

/** Literal text one of which every match contains; null when nothing is required (the pattern always runs). */
export type Need = string[] | null;

/**
 * A question folded as `iu` patterns compare letters: lower case, and "ſ" (which folds to "s"; "K", the Kelvin sign,
 * already lower-cases to "k"). A literal ASCII letter in an `iu` pattern matches exactly the characters that fold to it.
 */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ſ/g, 's');
}

/** A character a literal in an `iu` pattern matches only as itself once folded: ASCII, or without case (汉字). */
function foldable(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x80) return true;
  return c.toLowerCase() === c && c.toUpperCase() === c;
}

interface Parse {
  src: string;
  i: number;
}

/** The literal needed by an alternation ending at `)` or the end of the source. */
function alternation(p: Parse): Need {
  const branches: Need[] = [sequence(p)];
  while (p.src[p.i] === '|') {
    p.i++;
    branches.push(sequence(p));
  }
  if (branches.some((b) => b === null)) return null;
  return [...new Set(branches.flatMap((b) => b as string[]))];
}

/** The most selective need of one branch: its longest run of literal text, or a group's alternatives. */
function sequence(p: Parse): Need {
  const needs: string[][] = [];
  let run = '';
  const endRun = () => {
    if (run) needs.push([run]);
    run = '';
  };
  while (p.i < p.src.length && p.src[p.i] !== '|' && p.src[p.i] !== ')') {
    const atom = readAtom(p);
    const q = readQuantifier(p);
    if (atom.literal !== null && q === null) {
      run += atom.literal;
      continue;
    }
    endRun();
    // A quantified literal keeps its need when it must occur at least once ("x+", "(?:ab){2}").
    const need = atom.literal !== null ? [atom.literal] : atom.need;
    if (need && (q === null || q.min >= 1)) needs.push(need);
  }
  endRun();
  if (!needs.length) return null;
  // Fewer, longer alternatives reject more questions.
  const score = (n: string[]) => Math.min(...n.map((s) => s.length)) - n.length / 100;
  return needs.reduce((best, n) => (score(n) > score(best) ? n : best));
}

interface Atom {
  /** One literal character (folded), or null. */
  literal: string | null;
  /** What a group needs; null for anything else. */
  need: Need;
}

const NONE: Atom = { literal: null, need: null };

function readAtom(p: Parse): Atom {
  const c = p.src[p.i] as string;
  if (c === '(') {
    p.i++;
    let look = false;
    if (p.src[p.i] === '?') {
      const rest = p.src.slice(p.i, p.i + 3);
      if (rest.startsWith('?:')) p.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        p.i += 2;
        look = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        p.i += 3;
        look = true;
      } else if (rest.startsWith('?<')) p.i = p.src.indexOf('>', p.i) + 1;
      else throw new Error(`unsupported group at ${p.i}`);
    }
    const need = alternation(p);
    if (p.src[p.i] !== ')') throw new Error(`unclosed group at ${p.i}`);
    p.i++;
    // A lookaround matches nothing itself (and a negative one needs the opposite): no need from it.
    return { literal: null, need: look ? null : need };
  }
  if (c === '[') {
    p.i++;
    if (p.src[p.i] === '^') p.i++;
    if (p.src[p.i] === ']') p.i++;
    while (p.i < p.src.length && p.src[p.i] !== ']') p.i += p.src[p.i] === '\\' ? 2 : 1;
    if (p.src[p.i] !== ']') throw new Error('unclosed class');
    p.i++;
    return NONE;
  }
  if (c === '\\') return readEscape(p);
  p.i++;
  if (c === '.' || c === '^' || c === '$') return NONE;
  if (c === '*' || c === '+' || c === '?' || c === '{') throw new Error(`nothing to repeat at ${p.i - 1}`);
  // An astral character is two code units: read it whole.
  const code = c.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdbff) {
    p.i++;
    return NONE;
  }
  return foldable(c) ? { literal: c.toLowerCase(), need: null } : NONE;
}

const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };

function readEscape(p: Parse): Atom {
  const e = p.src[p.i + 1] as string;
  p.i += 2;
  if (e === undefined) throw new Error('trailing backslash');
  if (CONTROL[e]) return { literal: CONTROL[e], need: null };
  if ('bBdDwWsS'.includes(e) || /[0-9]/.test(e)) {
    // \b and \B assert, the others are classes, digits are back references (or \0): none is a literal.
    while (/[0-9]/.test(e) && /[0-9]/.test(p.src[p.i] ?? '')) p.i++;
    return NONE;
  }
  if (e === 'k') {
    p.i = p.src.indexOf('>', p.i) + 1;
    return NONE;
  }
  if (e === 'p' || e === 'P') {
    p.i = p.src.indexOf('}', p.i) + 1;
    return NONE;
  }
  if (e === 'c') {
    p.i++;
    return NONE;
  }
  if (e === 'x') {
    const ch = String.fromCharCode(Number.parseInt(p.src.slice(p.i, p.i + 2), 16));
    p.i += 2;
    return foldable(ch) ? { literal: ch.toLowerCase(), need: null } : NONE;
  }
  if (e === 'u') {
    let hex: string;
    if (p.src[p.i] === '{') {
      const end = p.src.indexOf('}', p.i);
      hex = p.src.slice(p.i + 1, end);
      p.i = end + 1;
    } else {
      hex = p.src.slice(p.i, p.i + 4);
      p.i += 4;
    }
    const ch = String.fromCodePoint(Number.parseInt(hex, 16));
    return ch.length === 1 && foldable(ch) ? { literal: ch.toLowerCase(), need: null } : NONE;
  }
  // An identity escape: "\.", "\?", "\-", "\/".
  return foldable(e) ? { literal: e.toLowerCase(), need: null } : NONE;
}

function readQuantifier(p: Parse): { min: number } | null {
  const c = p.src[p.i];
  let min: number;
  if (c === '*' || c === '?') {
    min = 0;
    p.i++;
  } else if (c === '+') {
    min = 1;
    p.i++;
  } else if (c === '{') {
    const m = /^\{(\d+)(?:,(\d*))?\}/.exec(p.src.slice(p.i));
    if (!m) throw new Error(`bad quantifier at ${p.i}`);
    min = Number(m[1]);
    p.i += m[0].length;
  } else return null;
  if (p.src[p.i] === '?') p.i++;
  return { min };
}

/** The literal text any match of `source` (an `iu` pattern) must contain; null when it cannot tell. */
export function needOf(source: string): Need {
  try {
    const p: Parse = { src: source, i: 0 };
    const need = alternation(p);
    if (p.i !== source.length) return null;
    return need?.every((s) => s.length > 0) ? need : null;
  } catch {
    return null;
  }
}

/** What each gated pattern needs, by its source: plain data, so the catalogue cache can keep it (src/catalog/cache.ts). */
export type CueNeeds = Record<string, Need>;

/**
 * Each pattern's need, read once: reading them (needOf) for the parser's few hundred cues was ~18 ms of a cold
 * `procure ask`. The loader builds a parser with an empty book and keeps what it wrote (load.ts: cueNeeds); start-up
 * then looks the needs up. A source the book lacks (code that gates a new pattern) is read and written down as usual.
 */
export class NeedBook {
  private readonly known: CueNeeds;

  constructor(known: CueNeeds = {}) {
    this.known = { ...known };
  }

  of(source: string): Need {
    if (Object.hasOwn(this.known, source)) return this.known[source] ?? null;
    const need = needOf(source);
    this.known[source] = need;
    return need;
  }

  /** Every need read or looked up so far, by source. */
  get needs(): CueNeeds {
    return { ...this.known };
  }
}

/** A case-insensitive Unicode pattern that compiles only when a question has the literal text it needs. */
export class GatedPattern {
  private compiled: RegExp | null = null;
  private readonly need: Need;

  /** `book`: the needs already read (NeedBook); without one, the need is read from the source here. */
  constructor(
    readonly source: string,
    book?: NeedBook,
  ) {
    this.need = book ? book.of(source) : needOf(source);
  }

  private get re(): RegExp {
    this.compiled ??= new RegExp(this.source, 'iu');
    return this.compiled;
  }

  /** `folded`: `fold(text)`, when the caller tests many patterns against one text. */
  test(text: string, folded: string = fold(text)): boolean {
    if (this.need && !this.need.some((s) => folded.includes(s))) return false;
    return this.re.test(text);
  }

  /** The index of the first match, as `String.prototype.search`; -1 when there is none. */
  search(text: string, folded: string = fold(text)): number {
    if (this.need && !this.need.some((s) => folded.includes(s))) return -1;
    return text.search(this.re);
  }
}
