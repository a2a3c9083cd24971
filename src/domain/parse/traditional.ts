/**
 * Traditional characters read as simplified ones (intents/lexicon.yaml `traditional`): "每月大約 2千萬 輸入" is read as
 * "每月大约 2千万 输入", "優刻得" as "优刻得", so the lexicon and the catalogue, written in simplified characters, match
 * a question typed in traditional ones. One character for one: positions in the text stay where they were.
 */
export type Simplify = (text: string) => string;

export function simplifier(table: Record<string, string>): Simplify {
  const map = new Map(Object.entries(table).filter(([t, s]) => t.length === 1 && s.length === 1 && t !== s));
  if (map.size === 0) return (text) => text;
  const any = new RegExp(`[${[...map.keys()].join('')}]`, 'gu');
  return (text) => text.replace(any, (c) => map.get(c) ?? c);
}
