/** Step 13: numbers and units left in the text after every step took its part: each becomes a note, never silence. */
import type { Say } from '../say.js';
import { escapeRe } from './work.js';

/** A number left over after extraction, with the word or unit after it. */
const LEFTOVER = /(?<![A-Za-z0-9.-])(\d+(?:\.\d+)?)(\s*%|\s*[A-Za-z]{1,12}|\s*[\u4e00-\u9fff]{1,2})?/gu;

/** `rest`: the unconsumed text; `raw`: the question as written (a number only a number word became is not noted). */
export function leftoverNotes(rest: string, raw: string, say: Say): string[] {
  const digits = raw.normalize('NFKC');
  const out: string[] = [];
  let seen = 0;
  for (const m of rest.matchAll(LEFTOVER)) {
    if (++seen > 40) break;
    const n = m[1] as string;
    const unit = (m[2] ?? '').trim();
    const said = `${n}${unit === '%' ? '' : ' '}${unit}`.trim();
    const value = Number(n);
    if (/^(?:19|20)\d\d$/.test(n) || /^(?:年|月|日|号|点|st|nd|rd|th|am|pm|of)$/i.test(unit)) continue;
    if (!new RegExp(`(?<![\\d.])${escapeRe(n)}(?![\\d])`).test(digits)) continue; // a number word ("which one")
    if (unit === '' && value <= 1) continue;
    out.push(
      unit === '%'
        ? say('parse.unused.discount', { said })
        : /^(?:hours?|hrs?|h|小时)$/i.test(unit)
          ? say('parse.unused.hours', { said, n })
          : say('parse.unused.other', { said }),
    );
    if (out.length >= 3) break;
  }
  return out;
}
