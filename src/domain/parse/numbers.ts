/** Number words and Chinese numerals → digits, so the extractors only deal with Arabic numbers. */

const EN_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  sixteen: 16,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  single: 1,
  dozen: 12,
};

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Parses a Chinese numeral up to the thousands: 十二 → 12, 二十 → 20, 一百 → 100, 三千 → 3000. */
export function zhNumeral(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const d = ZH_DIGITS[ch];
    if (d !== undefined) {
      current = d;
      continue;
    }
    const mult = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
    total += (current || 1) * mult;
    current = 0;
  }
  return total + current;
}

/** Words for a count of GPUs in one machine ("dual A10", "quad L4"). */
const GPU_COUNT_WORDS: Record<string, number> = { single: 1, dual: 2, twin: 2, double: 2, quad: 4, octo: 8 };

/** Unit words that make a Chinese numeral in front of them a quantity worth converting. */
const ZH_UNIT = '(?=\\s*(?:台|部(?![分门署件])|张|块|卡|个|年|核|月|小时|天|周|倍|片|颗|节点|实例|TB|GB|T|G))';

/** "quick one", "which one", "the cheaper one": "one" standing for a thing, not a count. */
const ONE_AS_PRONOUN =
  /\b(?:quick|this|that|which|the|another|each|every|any|no|last|same|other|right|cheaper|cheapest|better|best|bigger|smaller|new|old)\s+$/i;

/**
 * Normalises the text for extraction: NFKC (full-width → ASCII), × → x, number words → digits.
 * Keeps the length stable where it can so spans stay meaningful; exact positions are not relied on.
 */
export function normalise(text: string): string {
  let s = text
    .normalize('NFKC')
    .replace(/[×＊]/g, 'x')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"');
  s = s.replace(/(\d),(\d{3})(?!\d)/g, '$1$2').replace(/(\d),(\d{3})(?!\d)/g, '$1$2');
  // "零点五T", "一点五年", "1点5T": a decimal point written 点.
  s = s.replace(
    new RegExp(`([零〇一二两三四五六七八九十百千]+|\\d+)点([零〇一二三四五六七八九]+|\\d+)${ZH_UNIT}`, 'g'),
    (_m, a: string, b: string) => {
      const whole = /^\d+$/.test(a) ? a : String(zhNumeral(a) ?? a);
      const frac = /^\d+$/.test(b) ? b : [...b].map((c) => String(ZH_DIGITS[c] ?? c)).join('');
      return `${whole}.${frac}`;
    },
  );
  // "一亿", "两千万", "三十万": a numeral before 万/亿 is an amount ("千万不要", "must not", starts with no digit).
  s = s.replace(
    /(?<![零〇一二两三四五六七八九十百千])[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*(?=[万亿])/g,
    (m) => String(zhNumeral(m) ?? m),
  );
  // "八万五", "一万二", "1万5", "三亿五": a single digit after 万/亿 is its tenth (85,000; 12,000), not units. (A count or
  // a time after it — "1万5台", "八万五一个月" — is the next number, not part of this one.)
  s = s.replace(
    /(\d+)([万亿])([一二两三四五六七八九]|\d)(?![\d.零〇二两三四五六七八九十百千万亿]|一(?![个月年台天周张块])|\s*(?:台|张|块|卡|个|年|核|月|小时|天|周|倍|片|颗|节点|实例))/g,
    (_m, a: string, scale: string, d: string) => `${a}.${/\d/.test(d) ? d : ZH_DIGITS[d]}${scale}`,
  );
  // "三千五", "两百五", "3千5": likewise a single digit after 千/百 is its next place (3,500; 250), not units.
  s = s.replace(
    /(?<![零〇一二两三四五六七八九十百千\d.])([一二两三四五六七八九]|\d)([千百])([一二两三四五六七八九]|\d)(?![\d.零〇二两三四五六七八九十百千万亿]|一(?![个月年台天周张块])|\s*(?:台|张|块|卡|个|年|核|月|小时|天|周|倍|片|颗|节点|实例))/g,
    (m, a: string, scale: string, b: string, at: number, all: string) => {
      const digit = (c: string) => (/\d/.test(c) ? Number(c) : (ZH_DIGITS[c] ?? 0));
      const unit = scale === '千' ? 1000 : 100;
      // "三千五一个月": a space keeps the next number ("一个月" → "1个月") from running into this one.
      const apart = /^[零〇一二两三四五六七八九十]/.test(all.slice(at + m.length)) ? ' ' : '';
      // "3千5" keeps its 千 (an amount in 千 is in yuan, see read-quotes.ts).
      if (/\d/.test(a) && scale === '千') return `${a}.${digit(b)}千${apart}`;
      return `${digit(a) * unit + (digit(b) * unit) / 10}${apart}`;
    },
  );
  // "报价 两千八百 每月", "一千二百/月": a whole numeral with 千 or 百 standing alone (before a space, a period word or
  // punctuation) is an amount. "百度" starts with no digit; "千万不要" is left above.
  s = s.replace(
    /(?<![零〇一二两三四五六七八九十百千万亿第])[一二两三四五六七八九](?:[零〇一二两三四五六七八九十]*[千百])+[零〇一二两三四五六七八九十]*(?=\s|[/每元块，,。？?！!]|$)/g,
    (m) => String(zhNumeral(m) ?? m),
  );
  // "第三台" is an ordinal (the third one), not a count: left as written.
  s = s.replace(new RegExp(`(?<!第)[零〇一二两三四五六七八九十百千]+${ZH_UNIT}`, 'g'), (m) =>
    String(zhNumeral(m) ?? m),
  );
  s = s.replace(/\b(a couple of|couple of|a pair of|pair of)\b/gi, '2');
  // "dual A10", "quad L4", "8-way H800", "双卡 A10", "单卡 4090": a count of GPUs said as a word.
  s = s.replace(
    /\b(single|dual|twin|double|quad|octo|(\d)-way)\b(?=[\s-]*(?:gpus?[\s-]+|nvidia\s+)?(?:[a-z]{1,3}\d{1,4}[a-z]{0,3}|\d{4})\b)/gi,
    (w, _word: string, n?: string) => (n ? `${n}x` : String(GPU_COUNT_WORDS[w.toLowerCase()] ?? w)),
  );
  s = s.replace(/[单双](?=\s*(?:卡|张卡|路))/g, (c) => (c === '单' ? '1' : '2'));
  s = s.replace(/\b(?:a|one)\s+fortnight\b|\bfortnight\b/gi, '2 weeks');
  s = s.replace(
    /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen|twenty|thirty|forty|fifty|hundred|single|dozen)\b/gi,
    (w, _word: string, at: number, all: string) =>
      /^one$/i.test(w) && ONE_AS_PRONOUN.test(all.slice(Math.max(0, at - 12), at))
        ? w
        : String(EN_WORDS[w.toLowerCase()]),
  );
  return s;
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  千: 1e3,
  千万: 1e7,
  m: 1e6,
  mn: 1e6,
  mm: 1e6,
  million: 1e6,
  millions: 1e6,
  百万: 1e6,
  万: 1e4,
  /** "2w": 万 in chat shorthand (2w = 20,000). */
  w: 1e4,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  亿: 1e8,
};

export function scaled(num: string, scale: string | undefined): number {
  const n = Number.parseFloat(num);
  if (!scale) return n;
  return n * (SCALE[scale.toLowerCase()] ?? 1);
}

/** A number as the patterns capture it: "8", "2.5". */
export const NUM = '(\\d+(?:\\.\\d+)?)';

/** Longer words first: 千万 (ten million) must not be read as 千 with 万 left over. */
export const SCALE_RE = 'k|thousand|千万|千|millions?|mn|mm|m|百万|万|w(?![A-Za-z])|billions?|bn|b|亿';

/** Decimal GB from a number and its size unit. */
export function toGB(num: string, unit: string): number {
  const n = Number.parseFloat(num);
  const u = unit.toLowerCase();
  if (u.startsWith('p')) return n * 1e6;
  if (u.startsWith('t')) return n * 1000;
  if (u.startsWith('m')) return n / 1000;
  return n;
}
