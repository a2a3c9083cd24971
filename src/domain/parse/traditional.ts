/**
 * Traditional Chinese read as simplified (intents/lexicon.yaml `traditional` and `regional_words`): "每月大約 2千萬 輸入"
 * is read as "每月大约 2千万 输入", "優刻得" as "优刻得", "記憶體" as "内存", so the lexicon, the intents and the
 * catalogue, written in simplified characters, match a question typed in traditional ones. One character for one, and
 * a shorter mainland word padded with spaces: positions in the text stay where they were. The same reading is applied
 * to the word lists themselves, so a pattern or a name written in traditional matches too.
 */
import { escapeRe } from './work.js';

export type Simplify = (text: string) => string;

export function simplifier(table: Record<string, string>, words: Record<string, string> = {}): Simplify {
  const map = new Map(Object.entries(table).filter(([t, s]) => t.length === 1 && s.length === 1 && t !== s));
  const chars = map.size ? new RegExp(`[${[...map.keys()].join('')}]`, 'gu') : null;
  const byChar = (text: string) => (chars ? text.replace(chars, (c) => map.get(c) ?? c) : text);
  // A regional word is matched once its characters are simplified ("記憶體" → "记忆体" → "内存 ").
  const regional = new Map(
    Object.entries(words).map(([tw, cn]) => [byChar(tw), cn.padEnd([...byChar(tw)].length, ' ')] as const),
  );
  const any = regional.size
    ? new RegExp(
        [...regional.keys()]
          .sort((a, b) => b.length - a.length)
          .map(escapeRe)
          .join('|'),
        'gu',
      )
    : null;
  return (text) => {
    const s = byChar(text);
    return any ? s.replace(any, (w) => regional.get(w) ?? w) : s;
  };
}
