/**
 * Step 2: prices written in the question. After a quote word ("报价", "quoted", "good deal?") the first is the vendor's
 * quote to check; one next to a budget word is a budget; any other is a note, never priced.
 */
import type { QuoteCurrency } from '../request.js';
import type { CompiledLexicon } from './lexicon.js';
import { fold } from './literal-gate.js';
import { NUM, scaled } from './numbers.js';
import { quoteAmount } from './quote-amounts.js';
import type { ParseState } from './state.js';
import { blank } from './work.js';

type Per = 'hour' | 'month' | 'year' | null;
interface Price {
  amount: number;
  currency: QuoteCurrency | null;
  per: Per | 'thousand-tokens' | 'million-tokens';
  said: string;
  /** Where it ends in the text, when read there. */
  end?: number;
}

/**
 * A price written in the question: "9.5 CNY/hour", "¥9.5/小时", "$2.1 per GPU-hour", "报价 9.5 元/小时", "6800元/月".
 * A currency (symbol or word, before or after: "人民币960", "美元 2.5/小时") is required; the period is optional
 * ("/月", "per month", "每月", "一个月").
 */
const MONEY = new RegExp(
  `(¥|\\$|us\\$|rmb|cny|usd|人民币|美元|美金)?\\s*(?<![\\d.A-Za-z])${NUM}\\s*(k|千|万|w(?![A-Za-z])|m(?![A-Za-z])|mn|million)?\\s*(元|块钱|块|rmb|cny|yuan|人民币|usd|dollars?|美元|美金|刀)?(?:\\s*(?:(?:each|apiece)\\s*)?(?:/|per|an?|每|一|1(?=\\s*个))\\s*(?:个\\s*)?(?:(?:gpu|card|卡|张|instance|台|node|box|machine|server|vm|host|节点)[\\s-]*(?:/|per|每)?\\s*)?(hours?|hrs?|h|小时|(?<=[卡台张]\\s*)时|months?|mo|月|years?|yrs?|年)(?![A-Za-z]))?`,
  'giu',
);
/**
 * A price per tokens of a model API: "0.6 rmb per million input tokens", "$0.003 per 1k tokens", "¥0.8/百万tokens",
 * "输入 0.8元/百万token". Named groups: the currency before (sym) and after (word), the amount, how many tokens (unit: a
 * thousand or a million), the side (input or output).
 */
const TOKEN_PRICE = new RegExp(
  `(?<sym>¥|\\$|us\\$|rmb|cny|usd|人民币|美元|美金)?\\s*(?<![\\d.A-Za-z])(?<amount>${NUM})\\s*(?<word>元|块钱|块|rmb|cny|yuan|人民币|usd|dollars?|美元|美金|刀)?\\s*(?:/|per|每|一)\\s*(?:1\\s*|一)?(?<unit>k|thousand|千|m|mn|million|百万|1,?000(?:,?000)?)\\s*(?:个\\s*)?(?<side>input|output|prompt|completion|输入|输出)?\\s*tokens?(?![A-Za-z])`,
  'giu',
);
/** A price per tokens said after them: "每百万输出 token 18 元", "per 1k input tokens: ¥0.004". The same named groups. */
const TOKEN_PRICE_AFTER = new RegExp(
  `(?:每|per)\\s*(?:1\\s*|一)?(?<unit>k|thousand|千|m|mn|million|百万|1,?000(?:,?000)?)\\s*(?:个\\s*)?(?<side>input|output|prompt|completion|输入|输出)?\\s*tokens?(?![A-Za-z])\\s*(?:的)?\\s*(?:价格|报价|价钱|费用|is|at|:|：|是|为|要|收)?\\s*(?<sym>¥|\\$|us\\$|rmb|cny|usd|人民币|美元|美金)?\\s*(?<![\\d.A-Za-z])(?<amount>${NUM})\\s*(?<word>元|块钱|块|rmb|cny|yuan|人民币|usd|dollars?|美元|美金|刀)?(?![\\d.])`,
  'giu',
);
/** The side of a token price said near it: "for ERNIE input", "输入 0.8元/百万token". */
const SIDE_AFTER = /^(?:[^.,;，。；？?!\n]|\.(?=\d)){0,40}?(?:\b(input|output|prompt|completion)\b|(输入|输出))/iu;
const SIDE_BEFORE = /(?:\b(input|output|prompt|completion)\b|(输入|输出))[^.,;，。；？?!\n\d]{0,8}$/iu;

function sideOf(word: string | undefined): 'input' | 'output' | null {
  if (!word) return null;
  return /^(?:input|prompt|输入)$/iu.test(word) ? 'input' : 'output';
}

/** Tokens a price is per: a thousand ("1k", "千", "1000") or a million ("per million", "/百万", "/1M"). */
function tokensPer(unit: string | undefined): 'thousand-tokens' | 'million-tokens' {
  const u = (unit ?? '').toLowerCase().replace(/,/g, '');
  return u === 'k' || u === 'thousand' || u === '千' || u === '1000' ? 'thousand-tokens' : 'million-tokens';
}

/**
 * A price's amount and period without a currency, after a quote word: "报价 9.5/小时", "报价 18万/月", "quoted 9.5 per hour".
 * In a Chinese question the amount is in yuan.
 */
const BARE_RATE = new RegExp(
  `(?<![\\d.A-Za-z])${NUM}\\s*(k|千|万|w(?![A-Za-z]))?\\s*(?:/|per|每)\\s*(?:(?:gpu|card|卡|张|台|instance|node|box|machine|server|vm|host|节点)[\\s-]*(?:/|per|每)?\\s*)?(hours?|hrs?|小时|months?|月|years?|年)(?![A-Za-z])`,
  'giu',
);
/**
 * A price said after its period, after a quote word: "每月 15万 的价格", "每小时 8.5". Not a count of something else
 * ("每月跑200小时", "每月 5000万 输入").
 */
const RATE_AFTER_PERIOD = new RegExp(
  `(?:每|一)\\s*(?:个)?\\s*(?:[卡台张]\\s*)?(小时|(?<=[卡台张]\\s*)时|月|年)\\s*(?:的)?\\s*(?:价格|报价|费用|价钱|收费|是|为|要)?\\s*[:：]?\\s*(?<![\\d.])${NUM}\\s*(千|万|w(?![A-Za-z]))?(?![\\d.])(?!\\s*(?:万|亿|千|百万|小时|个|台|张|卡|核|天|周|月|年|[GT]B?\\b|tokens?|输入|输出|input|output|in\\b|out\\b|%))`,
  'giu',
);
/**
 * An amount without a currency next to a budget word ("预算每月2万", "budget 50k a year", "不超过 3000/月"): a budget.
 * It needs a scale, a period or four digits, so "up to 4" (GPUs, machines) is not one.
 */
const BARE_BUDGET = new RegExp(
  `(?<![\\d.A-Za-z])${NUM}\\s*(k|千|万|w(?![A-Za-z]))?(?:\\s*(?:/|per|an?|每|一)\\s*(月|年|months?|years?|mo|yr)(?![A-Za-z]))?(?![\\d.]|\\s*(?:台|张|块|卡|核|个|小时|天|h\\b|hours?|tokens?|[GT]B?\\b|万|亿|%|c\\b|g\\b|x\\b|gpus?|cards?|nodes?|instances?|servers?|vcpus?|cores?))`,
  'giu',
);
/** Right before "$": a dollar that is not the US dollar ("HK$", "S$", "NT$", "A$", "C$"). */
const OTHER_DOLLAR = /(?<![A-Za-z])(?:hk|s|sg|nt|a|au|c|ca|nz)\s*$/iu;
/**
 * A period said after an amount with "for" ("¥216,000 for the year": the year's price) or as an adverb ("12.5k USD
 * monthly per node", "$3.2 hourly", "120k rmb annually").
 */
const PERIOD_FOR_AFTER =
  /^\s*(?:for\s+(?:the|a|one|1)(?:\s+(?:whole|full|entire))?\s+(hour|month|year)\b|(hour|month|year)ly\b|(annual)(?:ly)?\b)/iu;
/** The period PERIOD_FOR_AFTER found. */
function periodAfter(after: string): Per {
  const m = PERIOD_FOR_AFTER.exec(after);
  return m ? periodOf(m[1] ?? m[2] ?? (m[3] ? 'year' : undefined)) : null;
}

/**
 * The period said before an amount ("每月的报价是 ¥6800", "包年 ¥6.2万", as quote-amounts.ts reads them without a
 * currency; "一年总价 ¥96万": the year's total is its price).
 */
const PERIOD_BEFORE =
  /(?:每|一|1\s*个?|包|按|per\s+|an?\s+)(?:[卡台张]\s*|(?:gpu|card)[\s-]*)?(小时|(?<=[卡台张]\s*)时|月|年|hour|month|year)\s*(?:的)?\s*(?:报价|价格|价钱|费用|总价|总费用|总共|一共|合计|总计|共|是|为|要|收|total)?\s*(?:(?:每\s*[台张卡个]|each|apiece)\s*(?:的)?\s*(?:报价|价格|价钱|费用|是|为|要|收)?)?\s*[:：]?\s*$/iu;

function periodOf(s: string | undefined): Per {
  if (!s) return null;
  const u = s.toLowerCase();
  if (/^(?:h|hr|hrs|hours?|小时|时)$/.test(u)) return 'hour';
  if (/^(?:mo|months?|月)$/.test(u)) return 'month';
  if (/^(?:yrs?|years?|年)$/.test(u)) return 'year';
  return null;
}

/** A budget said in the question is not priced: the note says how it was read, to hold the costs against. */
function budgetNote(b: Price, say: ParseState['say']): string {
  const amount = `${b.currency ?? ''} ${b.amount.toLocaleString('en-US')}`.trim();
  const per = b.per ? say('parse.budget.per', { per: say(`parse.period.${b.per}`) }) : '';
  return say('parse.budget', { said: b.said, amount, per });
}

/** `isGpu`: whether a GPU is named at a position of the unconsumed text (its number is not an amount). */
export function readQuotes(s: ParseState, lx: CompiledLexicon, isGpu: (at: number) => boolean): void {
  const { w, req, notes, say } = s;
  const low = s.text.toLowerCase();
  const folded = fold(low);
  const quoting = lx.quote.some((r) => r.test(low, folded));
  const prices: Price[] = [];
  const budgets: Price[] = [];
  const yuanIfZh = req.lang === 'zh' ? 'CNY' : null;
  const committed = (before: string, after: string) =>
    lx.commitmentBefore.some((r) => r.test(before)) || lx.commitmentAfter.some((r) => r.test(after));
  // "volc offered 2.6万/月": an amount in 万 or 千 is in yuan, in whatever language the question is.
  const yuanOf = (scale: string | undefined) => yuanIfZh ?? (scale && /^(?:万|千|w)$/iu.test(scale) ? 'CNY' : null);
  // A price per tokens first ("0.6 rmb per million input tokens"): its "million input tokens" is not a volume, and its
  // amount is not an instance's price. Kept as written, per a thousand or a million tokens (token-prices.ts compares
  // it with the catalogue's unit prices).
  const tokenPrices: (Price & { per: 'thousand-tokens' | 'million-tokens'; direction: 'input' | 'output' | null })[] =
    [];
  const tokenPrice = (m: RegExpExecArray, before: string, after: string) => {
    const g = m.groups ?? {};
    const sym = (g.sym ?? '').toLowerCase();
    const word = (g.word ?? '').toLowerCase();
    if (!sym && !word && !quoting) return false;
    const usd = sym === '$' || sym === 'us$' || sym === 'usd' || /usd|dollar|美元|美金|刀/.test(`${sym}${word}`);
    const near = SIDE_BEFORE.exec(before) ?? SIDE_AFTER.exec(after);
    const direction = sideOf(g.side) ?? sideOf(near?.[1] ?? near?.[2]);
    const currency = sym || word ? (usd ? 'USD' : 'CNY') : yuanIfZh;
    const end = m.index + m[0].length;
    tokenPrices.push({ amount: Number(g.amount), currency, per: tokensPer(g.unit), direction, said: m[0].trim(), end });
    return true;
  };
  w.take(TOKEN_PRICE, tokenPrice);
  w.take(TOKEN_PRICE_AFTER, tokenPrice);
  // "HK$14,900/month", "SGD 2,100 a month", "5800港币/台/月": kept in its own currency (checked once given in CNY/USD).
  const other = lx.otherMoney;
  if (other)
    w.take(other.re, (m, before, after) => {
      const currency = other.codeOf(m.groups?.cur ?? m.groups?.cur2 ?? '');
      if (!currency) return false;
      const amount = scaled((m[2] ?? m[4]) as string, (m[3] ?? m[5]) === '千' ? 'k' : (m[3] ?? m[5]));
      const per = periodOf(m[7]) ?? periodOf(PERIOD_BEFORE.exec(before)?.[1]) ?? periodAfter(after);
      const said = m[0].trim();
      if (committed(before, after)) notes.push(say('parse.commitment', { said }));
      else {
        const budget = lx.budgetBefore.some((r) => r.test(before)) || lx.budgetAfter.some((r) => r.test(after));
        (budget ? budgets : prices).push({ amount, currency, per, said, end: m.index + m[0].length });
      }
      return true;
    });
  w.take(MONEY, (m, before, after) => {
    const sym = (m[1] ?? '').toLowerCase();
    const word = (m[4] ?? '').toLowerCase();
    if (!sym && !word) return false;
    // "A10 两块", "4090 三块 按量", "4块910B", "四块A10", "8块卡": cards counted next to the GPU, not yuan (块 with no sign
    // and no period).
    if (!sym && word === '块' && !m[5]) {
      const last = /[A-Za-z0-9][\w-]*\s*$/u.exec(before);
      if (last && isGpu(m.index - last[0].length)) return false;
      const next = m.index + m[0].length + (/^\s*/.exec(after)?.[0].length ?? 0);
      if (isGpu(next) || /^\s*(?:显卡|卡|gpu)/iu.test(after)) return false;
    }
    // "HK$ 8000", "S$1,200": another currency's dollars, not US dollars; said back, never priced as USD.
    const other = sym === '$' ? OTHER_DOLLAR.exec(before) : null;
    if (other) {
      notes.push(say('parse.price-currency', { said: `${other[0].trim()}${m[0].trim()}` }));
      return true;
    }
    // "if we commit 3M RMB/yr", "承诺每年200万美元": what the buyer would spend, not a quote.
    if (committed(before, after)) {
      notes.push(say('parse.commitment', { said: m[0].trim() }));
      return true;
    }
    const budget = lx.budgetBefore.some((r) => r.test(before)) || lx.budgetAfter.some((r) => r.test(after));
    const usd =
      sym === '$' ||
      sym === 'us$' ||
      sym === 'usd' ||
      sym === '美元' ||
      sym === '美金' ||
      /usd|dollar|美元|美金|刀/.test(word);
    const amount = scaled(m[2] as string, m[3] === '千' ? 'k' : m[3]);
    // "¥216,000 for the year", "30000 CNY for a year": the period after it (left for the term reader too).
    const per = periodOf(m[5]) ?? periodOf(PERIOD_BEFORE.exec(before)?.[1]) ?? periodAfter(after);
    const end = m.index + m[0].length;
    (budget ? budgets : prices).push({ amount, currency: usd ? 'USD' : 'CNY', per, said: m[0].trim(), end });
    return true;
  });
  for (const b of budgets) notes.push(budgetNote(b, say));
  if (quoting) {
    // An amount without a currency, its scale and its period at the given groups of the pattern.
    const rate = (amountAt: number, periodAt: number) => (m: RegExpExecArray, before: string, after: string) => {
      if (committed(before, after)) {
        notes.push(say('parse.commitment', { said: m[0].trim() }));
        return true;
      }
      const scale = m[amountAt + 1];
      prices.push({
        amount: scaled(m[amountAt] as string, scale === '千' ? 'k' : scale),
        currency: yuanOf(scale),
        per: periodOf(m[periodAt]),
        said: m[0].trim(),
        end: m.index + m[0].length,
      });
      return true;
    };
    w.take(RATE_AFTER_PERIOD, rate(2, 1));
    w.take(BARE_RATE, rate(1, 3));
  }
  // "月租报价 2.2万", "年付 8万 一年", "we pay 150k a year": an amount without a currency, its period from the words around it.
  let bare = quoting && !prices.length && !tokenPrices.length ? quoteAmount(w.text, isGpu) : null;
  if (bare && committed(w.text.slice(0, bare.index), w.text.slice(bare.index + bare.length))) {
    notes.push(say('parse.commitment', { said: bare.said }));
    blank(w, bare.index, bare.length);
    bare = null;
  }
  if (bare) {
    prices.push({ amount: bare.amount, currency: yuanOf(bare.scale), per: bare.per, said: bare.said });
    blank(w, bare.index, bare.length);
  }
  // "输入 0.8元/百万tokens，不对，是0.6": the amount settled on, per the same tokens.
  const token = tokenPrices[0] && correctedPrice(s, lx.corrections, tokenPrices[0], tokenPrices);
  if (token && quoting && token.amount > 0) {
    req.quotedPrice = { amount: token.amount, currency: token.currency, per: token.per, direction: token.direction };
    for (const p of [...tokenPrices.slice(1), ...prices])
      notes.push(say('parse.price-unused.second', { said: p.said }));
    return;
  }
  for (const p of tokenPrices) notes.push(say('parse.price-unused.not-quote', { said: p.said }));
  const first = prices[0] && correctedPrice(s, lx.corrections, prices[0], prices);
  if (first && quoting && first.amount > 0) {
    req.quotedPrice = { amount: first.amount, currency: first.currency, per: first.per };
    for (const p of prices.slice(1)) notes.push(say('parse.price-unused.second', { said: p.said }));
  } else for (const p of prices) notes.push(say('parse.price-unused.not-quote', { said: p.said }));
}

/**
 * An amount said right after a correction that follows a price ("每月8.2万，不对，是7.8万", "$4.10/hr, sorry, $3.90"):
 * the amount the price is, in its currency and period unless said again. Groups: currency before, amount, scale,
 * currency after, period.
 */
const AMOUNT_AFTER_FIX = new RegExp(
  `^\\s*[，,:：]?\\s*(?:是|要|为|改成|改为|应该是|it'?s|to|make (?:that|it))?\\s*(¥|\\$|us\\$|rmb|cny|usd|人民币|美元|美金)?\\s*${NUM}\\s*(k|千|万|w(?![A-Za-z]))?\\s*(元|块钱|块|rmb|cny|yuan|人民币|usd|dollars?|美元|美金|刀)?(?![\\d.A-Za-z%])(?!\\s*(?:台|张|卡|核|个|套|天|周|x\\b|gpus?|cards?|nodes?|instances?|servers?|machines?|box(?:es)?|vms?|hosts?|vcpus?|cores?|[GT]B?\\b))(?:\\s*(?:/|per|an?|每|一)\\s*(?:个)?\\s*(hours?|hrs?|h|小时|months?|mo|月|years?|yrs?|年)(?![A-Za-z]))?`,
  'iu',
);

/**
 * The price a user settled on: a price followed, within a few words, by a correction cue and another amount is that
 * amount. The corrected amount is blanked (not also read as a count) and dropped from the other prices.
 */
function correctedPrice<P extends Price>(s: ParseState, corrections: RegExp[], first: P, prices: P[]): P {
  if (first.end === undefined) return first;
  const after = s.text.slice(first.end, first.end + 40);
  for (const c of corrections) {
    const cue = c.exec(after);
    if (!cue) continue;
    const from = cue.index + cue[0].length;
    const m = AMOUNT_AFTER_FIX.exec(after.slice(from));
    if (!m) continue;
    const amount = scaled(m[2] as string, m[3] === '千' ? 'k' : m[3]);
    // Words between the price and the cue ("$4.10/hr for a p4d, sorry, $3.90", "$2,400/month for 6 boxes, sorry
    // 2,100"): the new amount says it is money, or is near the price it corrects (not a count of something else).
    const adjacent = /^[\s，,.;；:：—–-]*$/u.test(after.slice(0, cue.index));
    const near = amount >= first.amount / 2 && amount <= first.amount * 2;
    if (!adjacent && !m[1] && !m[3] && !m[4] && !m[5] && !near) continue;
    const sym = `${m[1] ?? ''}${m[4] ?? ''}`.toLowerCase();
    const currency = !sym ? first.currency : /\$|usd|dollar|美元|美金|刀/.test(sym) ? 'USD' : 'CNY';
    const at = first.end + from;
    const end = at + m[0].length;
    const said = m[0].trim();
    // Read already as a price of its own ("$4.10/hr, sorry, $3.90/hr", "0.8元/百万tokens，不对，是0.6元/百万tokens"): not a
    // second price to note.
    for (let i = prices.length - 1; i > 0; i--) {
      const other = prices[i];
      if (other?.end === undefined) continue;
      const start = other.end - other.said.length;
      if (other.end > at && (other.end <= end + 1 || (start >= at && start <= end))) prices.splice(i, 1);
    }
    blank(s.w, at, m[0].length);
    return { ...first, amount, currency, per: periodOf(m[5]) ?? first.per, said, end };
  }
  return first;
}

/**
 * An amount without a currency next to a budget word ("预算每月2万", "budget 50k a year"): a budget, noted and not
 * priced. Read after the token volumes and model names, so "qwen-max 每月 5000万 输入" is neither.
 */
export function readBudgets(s: ParseState, lx: CompiledLexicon, isGpu: (at: number) => boolean): void {
  const { w, req, notes, say } = s;
  const yuanIfZh = req.lang === 'zh' ? 'CNY' : null;
  w.take(BARE_BUDGET, (m, before, after) => {
    if (!(lx.budgetBefore.some((r) => r.test(before)) || lx.budgetAfter.some((r) => r.test(after)))) return false;
    if (!m[2] && !m[3] && Number(m[1]) < 1000) return false;
    if (isGpu(m.index + m[0].length + (/^\s*/.exec(after)?.[0].length ?? 0))) return false;
    const amount = scaled(m[1] as string, m[2] === '千' ? 'k' : m[2]);
    const per = periodOf(m[3]) ?? periodOf(PERIOD_BEFORE.exec(before)?.[1]);
    notes.push(budgetNote({ amount, currency: yuanIfZh, per, said: m[0].trim() }, say));
    return true;
  });
}

/** A price said as a whole: "52k rmb total", "in total", "总价", "一共", "合计". */
const TOTAL = /\b(?:in )?total\b|\ball[- ]in\b|总价|总共|一共|合计|总计|总费用|总额/iu;

/**
 * A quoted price said as a total, with no period, over a term of one year or one month ("renewal: one more year, 52k
 * rmb total", "包一年 … 一共 9.6万"): the price of that year or month (a price with no period is otherwise taken as
 * hourly). Run after the term is read.
 */
export function termTotal(s: ParseState): void {
  const { req, text } = s;
  const q = req.quotedPrice;
  if (!q || q.per !== null || !TOTAL.test(text)) return;
  if (req.durationMonths === 12) q.per = 'year';
  else if (req.durationMonths === 1) q.per = 'month';
}
