/**
 * Traditional Chinese read as simplified: each traditional character in the lexicon's table becomes its simplified
 * form, one character for one, so every Chinese word the parser knows ("问哪些问题", "续约", "腾讯云") matches either
 * script. Pure: the table in, a function of the text out.
 */

/** `pairs`: "騰腾 訊讯 …", a traditional character then its simplified form. */
export function simplifier(pairs: string): (text: string) => string {
  const map = new Map<string, string>();
  for (const p of pairs.split(/\s+/)) {
    const [t, s] = [...p];
    if (t && s) map.set(t, s);
  }
  if (!map.size) return (text) => text;
  const any = new RegExp(`[${[...map.keys()].join('')}]`, 'gu');
  return (text) => text.replace(any, (c) => map.get(c) ?? c);
}
