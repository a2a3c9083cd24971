/**
 * The text being read: each extractor blanks what it consumed, so a number is never read twice ("2x A10" is not also
 * two instances). Blanking keeps every position, so what one step found can still be located by the next.
 */

export class Work {
  constructor(public text: string) {}
  /** Runs a global regex over the unconsumed text; blanks each match the callback accepts. */
  take(g: RegExp, fn: (m: RegExpExecArray, before: string, after: string) => boolean | undefined): void {
    if (!g.global) throw new Error(`take needs a global pattern: /${g.source}/${g.flags}`);
    g.lastIndex = 0;
    let m: RegExpExecArray | null = g.exec(this.text);
    while (m) {
      const before = this.text.slice(Math.max(0, m.index - 40), m.index);
      const after = this.text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      if (fn(m, before, after) !== false) {
        this.text = this.text.slice(0, m.index) + ' '.repeat(m[0].length) + this.text.slice(m.index + m[0].length);
      }
      if (m[0].length === 0) g.lastIndex++;
      m = g.exec(this.text);
    }
  }
}

export function blank(w: Work, start: number, length: number): void {
  w.text = w.text.slice(0, start) + ' '.repeat(length) + w.text.slice(start + length);
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** No word, number, instance type or region id is this long; anything longer is noise. */
export const MAX_TOKEN_CHARS = 64;

/**
 * Parse cost bound: a run of Latin letters, digits, dots, dashes or underscores longer than MAX_TOKEN_CHARS
 * is blanked out before parsing, since every pattern that starts on a digit or letter run rescans it from
 * each position (and fuzzy matching compares it whole): a 4,000-digit token cost seconds, now it costs nothing.
 */
export function dropLongTokens(text: string): string {
  return text.replace(new RegExp(`[A-Za-z0-9._-]{${MAX_TOKEN_CHARS + 1},}`, 'g'), ' ');
}
