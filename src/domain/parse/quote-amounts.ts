/**
 * Quoted amounts said without a currency, in a question that judges a price: "月租报价 2.2万", "年付 8万 一年",
 * "we pay 150k a year", "they said 12k a month". The period is read from the words on either side: a period word
 * before ("月租", "年付", "包月", "每月", "monthly", "a year"; "一年 总价 96万": the term's total is its price) or after ("一年", "/月", "a month", "per year").
 * Pure: text in, amounts out.
 */
import { scaled } from './numbers.js';

export type Period = 'hour' | 'month' | 'year';

/** An amount with a money scale (万, 千, w, k) or, after a period word, a plain number; not a count of something else. */
const AMOUNT =
  /(?<![\d.A-Za-z])(\d+(?:\.\d+)?)(?:\s*(万|千|w(?![A-Za-z])|k(?![A-Za-z]))|(?![\d.]))(?!\s*(?:万|亿|百万|千万|[mb](?![A-Za-z])|million|billion|thousand|tokens?|输入|输出|小时|个|台|张|卡|块卡|核|次|人(?!民币)|位|用户|条|字|天|周|月|年|[GT]B?(?![A-Za-z])|gib|x\b|\*|%|hours?|hrs?|gpus?|cards?|nodes?|instances?|servers?|vcpus?|cores?|users?|requests?|calls?|in\b|out\b|input|output))/giu;

/**
 * A price for each machine or card, said between the amount and its period ("包一年 每台 3.6万", "18k each per year",
 * "2.8万/台/年"): the period is still the price's.
 */
const EACH =
  '(?:(?:每|/)\\s*(?:台|张|卡|个|块|节点|实例)|\\beach\\b|\\bapiece\\b|(?:\\b(?:per|a)\\s+|/\\s*)(?:box|instance|node|machine|server|gpu|card|unit|vm|host)\\b)';
/** A period word right before the amount (end-anchored on the words before it). */
const PERIOD_BEFORE = new RegExp(
  `(?:(?:每|一|(?<![\\d.])1)\\s*个?\\s*(小时|月|年)|(月|年|时)(?:租|费|付|度|单价)|包\\s*(?:一|1)?\\s*个?\\s*(月|年)|按(小时|月|年)|\\b(?:per|a|an|every)\\s+(hour|month|year)|\\b(hourly|monthly|yearly|annual(?:ly)?))\\s*(?:的)?\\s*(?:价格|报价|费用|价钱|收费|租金|开价|报了|给了?|总价|总费用|总共|一共|合计|总计|共|是|为|要|收|cost|price|quote|rate|fee|bill|total|in total|of|is|at)?\\s*(?:${EACH}\\s*(?:的)?\\s*(?:价格|报价|费用|价钱|是|为|要|收|cost|price|is|at)?)?\\s*[:：]?\\s*$`,
  'iu',
);
/** A period said right after the amount ("8万 一年", "12k a month", "22000/月", "18k each per year"). */
const PERIOD_AFTER = new RegExp(
  `^\\s*(?:${EACH}\\s*)?(?:\\/|per|an?|every|每|一|1)\\s*(?:个)?\\s*(小时|月|年|hours?|hrs?|months?|mo|years?|yrs?)(?![A-Za-z])`,
  'iu',
);

/** The per-machine words at the end of the words before an amount ("包一年 每台 "). */
const EACH_BEFORE = new RegExp(
  `${EACH}\\s*(?:的)?\\s*(?:价格|报价|费用|价钱|是|为|要|收|cost|price|is|at)?\\s*[:：]?\\s*$`,
  'iu',
);

/** The words before a count of tokens, not money: "输出 6000万", "output: 60M", "每月输入 3亿" (the side of a token volume). */
const TOKEN_SIDE_BEFORE =
  /(?:输入|输出|\b(?:input|output|prompt|completion)(?:\s+tokens?)?|\btokens?)\s*(?:的)?\s*(?:是|为|约|大概|大约|~|≈)?\s*[:：]?\s*$/iu;

function period(word: string | undefined): Period | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (/^(?:小时|时|hours?|hrs?|hourly)$/.test(w)) return 'hour';
  if (/^(?:月|months?|mo|monthly)$/.test(w)) return 'month';
  if (/^(?:年|years?|yrs?|yearly|annual(?:ly)?)$/.test(w)) return 'year';
  return null;
}

export interface QuoteAmount {
  index: number;
  length: number;
  amount: number;
  per: Period | null;
  said: string;
  /** The scale written ("万", "千", "w", "k"), if any. */
  scale?: string;
}

/**
 * The first quoted amount without a currency in `text` (already blanked of what other readers took), or null.
 * `isGpu(at)` says a GPU model starts at that index ("包月 4090 8卡" is a card, not a price).
 */
export function quoteAmount(text: string, isGpu: (at: number) => boolean): QuoteAmount | null {
  AMOUNT.lastIndex = 0;
  for (let m = AMOUNT.exec(text); m; m = AMOUNT.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    const pb = PERIOD_BEFORE.exec(before);
    const pa = PERIOD_AFTER.exec(after);
    // A plain number is a price only next to a period word; a scaled one (万, k) in a quote question is one anyway.
    if (!m[2] && !pb && !pa) continue;
    if (isGpu(m.index)) continue;
    if (TOKEN_SIDE_BEFORE.test(before)) continue;
    const per = period(pa?.[1]) ?? period(pb?.slice(1).find(Boolean));
    // The period words are part of the price ("一个月 9.8万" is a monthly price, not a month's duration) — unless the
    // price is for each machine ("包一年 每台 3.6万") or a year's ("一年 96万"): then the period also says the term, and is left for it.
    const each = pb ? EACH_BEFORE.exec(before) : null;
    // "一年 96万": a year's price said with its year, the term of the deal too (left for the term reader, as "一年 120万RMB"
    // is); "一个月 9.8万" stays a monthly rate.
    const term = pb && !each ? /^(?:一|1)\s*年/u.exec(pb[0]) : null;
    const index = pa || !pb ? m.index : m.index - (term ? pb[0].length - term[0].length : (each ?? pb)[0].length);
    const length = m.index + m[0].length + (pa ? pa[0].length : 0) - index;
    return {
      index,
      length,
      amount: scaled(m[1] as string, m[2] === '千' ? 'k' : m[2]),
      per,
      said: text.slice(index, index + length).trim(),
      scale: m[2],
    };
  }
  return null;
}
