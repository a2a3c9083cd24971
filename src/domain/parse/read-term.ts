/**
 * Step 9: the term and how it is paid: a duration ("3 months", "1 yr", "half a year", "一年", "3个月", "6 weeks") and
 * the billing mode (pay-as-you-go, subscription, spot, from the lexicon). "包年"/"yearly" with no duration is a year.
 */
import { withdrawn } from './corrections.js';
import type { CompiledLexicon } from './lexicon.js';
import { fold } from './literal-gate.js';
import type { ParseState } from './state.js';
import { blank } from './work.js';

const HALF_YEAR = /half\s+a\s+year|半年|six[- ]month/giu;
const ONE_PERIOD =
  /\b(?:for|over)\s+(?:a|one|1|the(?: whole| full| entire)?)\s+(month|year|quarter)\b|\b(?:(?:one|1|a) more|another)\s+(month|year|quarter)\b|\ba\s+(?:(?:full|whole|entire)\s+)?year\b|\bannual(?:ly)?\b|\bquarterly\b|\ba\s+quarter\b/giu;
/** "2 years", "two full months", "3 whole weeks": a word for whole periods may stand between. */
const YEARS =
  /(\d+(?:\.\d+)?)\s*-?\s*(?:(?:full|whole|entire|complete|calendar)\s+)?(years?|yrs?|yr|y|年)(?![A-Za-z0-9])/giu;
const MONTHS =
  /(\d+(?:\.\d+)?)\s*-?\s*(?:(?:full|whole|entire|complete|calendar)\s+)?(months?|mos?|mths?|个月|月)(?![A-Za-z0-9])/giu;
/** A price asked right after "一个月" ("一个月多少钱", "1个月大概要多少"): the month is the rate, not a term. */
const MONTH_PRICE_AFTER =
  /^\s*的?\s*(?:大概|大约|约|差不多)?\s*(?:要|需要|得)?\s*(?:多少钱|多少|什么价|几多钱|价格|费用|花费|成本|开销)/u;
/**
 * An amount right after "一个月" that makes the month a rate ("一个月大概 5T", "1个月 3000万 tokens", "一个月 200 小时",
 * "一个月 输入 3亿");
 * a day's hours ("一个月 24小时不停") are how it runs in that month, not a month's amount.
 */
const MONTH_AMOUNT_AFTER =
  /^\s*(?:大概|大约|约|差不多|左右|能|会|要|跑|用|出|有)?\s*(?:(?:token\s*)?(?:输入|输出)|input|output)?\s*(?:大概|大约|约)?\s*(\d+(?:\.\d+)?)\s*([kmgtp]b?|[tg]|万|亿|千万|千|小时|h|tokens?)(?![A-Za-z])/iu;
const monthAmountAfter = (said: string): boolean => {
  const m = MONTH_AMOUNT_AFTER.exec(said);
  return m !== null && !(/^(?:小时|h)$/iu.test(m[2] as string) && Number(m[1]) <= 24);
};
/** "4月份", "2026年4月", "4月初", "3月起": a month of the calendar, not a term (a term is "4个月"). */
const CALENDAR_MONTH_AFTER = /^(?:份|初|底|中旬|上旬|下旬|\s*\d{1,2}\s*[号日]|起|开始|之前|以前|以后|之后)/u;
const CALENDAR_MONTH_BEFORE = /(?:\d{4}\s*年|今年|去年|明年|年初|年底)\s*$/u;
/** "renewal in 2 months", "expires within 3 months", "2个月后到期": when something happens, not a term. */
const WHEN_BEFORE = /\b(?:in|within|after)\s*(?:the\s+next\s+|another\s+|about\s+|~)?$/iu;
const WHEN_CONTEXT = /renew|expir|\bdue\b|coming up|\bends?\b|\bstarts?\b|到期|续约|续费|过期/iu;
const WHEN_AFTER_ZH = /^\s*(?:后|以后|之后)\s*(?:就|要)?\s*(?:到期|续约|续费|过期|开始)/u;
const QUARTERS = /(\d+(?:\.\d+)?)\s*(?:个)?\s*(?:quarters?|季度)(?![A-Za-z0-9])/giu;
/**
 * A run said in days: "for 10 days", "for about 45 days", "跑 10 天", "租 20 天" (not a rate, "10 days a month", nor a
 * notice or a retention: "提前 7 天", "保留 7 天").
 */
const DAYS_RUN =
  /\bfor\s+(?:about\s+|around\s+|roughly\s+|approx(?:imately|\.)?\s+|~\s*)?(\d{1,3})\s*-?\s*days?\b(?!\s*(?:a|per|each|every|of (?:the|each) (?:week|month))\b)|(?:跑|用|租|开)\s*(?:个|大概|大约|约)?\s*(\d{1,3})\s*天(?!\s*(?:的?通知|内|后|前|左右就|一次))/giu;
/** A named quarter or half as the run: "for Q1 only", "just for Q3", "through H2": 3 or 6 months. */
const NAMED_QUARTER =
  /\b(?:for|through|thru|during|over)\s+(?:the\s+)?(?:q([1-4])|h([12]))(?:\s+(?:only|20\d\d))?\b|\b(?:q([1-4])|h([12]))\s+only\b/giu;
const WEEKS =
  /(\d+(?:\.\d+)?)\s*-?\s*(?:(?:full|whole|entire|complete|calendar)\s+)?(weeks?|wks?|周|星期)(?![A-Za-z0-9])/giu;
/**
 * How long they have been with a provider, not the term to price: "we've been on Alibaba for 4 yrs", "been using
 * Tencent for the past 3 years", "已经用了3年", "在阿里云跑了两年了".
 */
const TENURE_BEFORE =
  /\bbeen\s+(?:on|with|using|running|at|in|hosted|hosting|buying|paying)\b[^.?!;:—]{0,40}\bfor\s*(?:the\s+(?:last|past)\s+|about\s+|over\s+|almost\s+|nearly\s+|~)?$|(?:已经|已)?(?:用|跑|在上面|合作|续)了\s*$/iu;
const TENURE_AFTER = /^\s*(?:now\b|already\b|so far\b|了|多了)/iu;

/** `corrections`: the lexicon's correction cues ("1yr RI — wait no, it's 3yr": the first term is withdrawn). */
export function readDuration(s: ParseState, corrections: RegExp[] = []): void {
  const { text, w, req, notes, say } = s;
  const setMonths = (n: number) => {
    if (req.durationMonths === null) req.durationMonths = Math.round(n * 100) / 100;
  };
  // "1yr RI — wait no, it's 3yr", "半年，不对，一年": a term followed by a correction is withdrawn.
  const terms = [YEARS, MONTHS].flatMap((re) =>
    [...w.text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
  );
  for (const gone of withdrawn(w.text, terms, corrections)) {
    notes.push(say('parse.corrected', { said: w.text.slice(gone.start, gone.end).trim() }));
    blank(w, gone.start, gone.end - gone.start);
  }
  w.take(HALF_YEAR, () => {
    setMonths(6);
    return true;
  });
  w.take(ONE_PERIOD, (m) => {
    // "renew for another year", "one more year": a period's term too.
    const u = (m[1] ?? m[2] ?? m[0]).toLowerCase();
    setMonths(u.includes('quarter') ? 3 : u.includes('month') ? 1 : 12);
    return true;
  });
  w.take(YEARS, (m, before, after) => {
    const n = Number(m[1]);
    // A calendar year, not a term: "2026年5月", "阿里云2026年调价" (no one buys 1,900 years).
    if (m[2] === '年' && n >= 1900 && n <= 2200) return false;
    if (TENURE_BEFORE.test(before) || TENURE_AFTER.test(after)) return true;
    setMonths(n * 12);
    return true;
  });
  w.take(MONTHS, (m, before, after) => {
    if ((WHEN_BEFORE.test(before) && WHEN_CONTEXT.test(text)) || WHEN_AFTER_ZH.test(after)) return false;
    // "5TB per 2 months" is a rate; "on a 12-month plan", "for a 3 month finetune" is a term ("a" alone is an article).
    if (/(?:\bper|\/|每|\d\S*\s+a)\s*$/i.test(before)) return false;
    if (m[2] === '月' && (CALENDAR_MONTH_AFTER.test(after) || CALENDAR_MONTH_BEFORE.test(before))) return false;
    // "外网流量一个月大概 5T", "一个月 200 小时": a month's amount (read before, so looked for in the text), a rate.
    const said = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    // "先跑一个月", "租一个月", "试用一个月": how long it runs, whatever follows.
    const runFor = /(?:跑|租|用|试|开|先)\s*$/u.test(before);
    if (
      !runFor &&
      Number(m[1]) === 1 &&
      /月$/.test(m[2] as string) &&
      (monthAmountAfter(said) || MONTH_PRICE_AFTER.test(said))
    )
      return false;
    setMonths(Number(m[1]));
    return true;
  });
  w.take(DAYS_RUN, (m) => {
    setMonths(Number(m[1] ?? m[2]) / 30.4);
    return true;
  });
  w.take(NAMED_QUARTER, (m) => {
    setMonths(m[1] || m[3] ? 3 : 6);
    return true;
  });
  w.take(QUARTERS, (m) => {
    setMonths(Number(m[1]) * 3);
    return true;
  });
  w.take(WEEKS, (m, before) => {
    // "第48周": the 48th week of the year, not a term.
    if (/第\s*$/u.test(before)) return false;
    setMonths((Number(m[1]) * 7) / 30.4);
    return true;
  });
}

/** Two billing modes set against each other: "on-demand vs 1yr reserved", "spot or on-demand", "包年和按量差多少". */
const MODES_CONTRASTED = /\s(?:vs\.?|versus|or|against|compared (?:to|with))\s|还是|和|与|跟|对比|相比|比/iu;
/** A term that belongs to the reservation, not to how long the workload runs: "1yr reserved", "3年预留". */
const TERM_OF_MODE =
  /\b\d+(?:\.\d+)?\s*-?\s*(?:yrs?|years?|y|months?|mos?)\s*(?:reserved|ri|reservations?|commit(?:ment)?|subscription|prepaid|savings plan)\b|(?:\d+|[一两二三])\s*年\s*(?:包年|预留|合约|预付)/iu;
/** A price asked per month: "what does it cost per month", "每月多少". */
const PER_MONTH =
  /\b(?:per|a|each|every) month\b|\bmonthly (?:cost|price|bill)\b|\/\s*mo(?:nth)?\b|每月|每个月|一个月多少|月费/iu;
/** How long the workload runs, said apart from a term: "for 6 months", "跑半年". */
const RUN_LENGTH =
  /\bfor (?:a|one|\d+(?:\.\d+)?)\s*-?\s*(?:months?|years?|yrs?|mos?)\b|(?:跑|用|租|共|总共)\s*(?:\d+|[一两二三半])\s*(?:个月|年)/iu;

/** The billing mode said; "包年", "yearly": a subscription by the year, a one-year term when no duration is said. */
export function readBilling(s: ParseState, lx: CompiledLexicon): void {
  const { req, vague, notes, say } = s;
  const low = s.text.toLowerCase();
  const folded = fold(low);
  // In the order said: "on-demand vs 1yr reserved" is pay-as-you-go, then subscription.
  const at = (b: (typeof lx.billing)[number]) =>
    Math.min(...b.res.map((r) => r.search(low, folded)).filter((i) => i >= 0));
  const said = lx.billing.filter((b) => b.res.some((r) => r.test(low, folded))).sort((a, b) => at(a) - at(b));
  // "按量，不对，改成包月", "on-demand — sorry, I meant reserved": a mode followed by a correction is withdrawn.
  const gone = withdrawn(
    low,
    said.map((b) => ({ start: at(b), end: at(b) + 1, b })),
    lx.corrections,
  );
  const modes = said.filter((b) => ![...gone].some((g) => g.b === b)).map((b) => b.mode);
  // "on-demand vs 1yr reserved": one thing priced in both modes, over no term but the one asked for.
  if (modes.length >= 2 && MODES_CONTRASTED.test(low)) {
    // "per month … on-demand vs 1yr reserved": the term is the reservation's; the price is asked per month.
    if (TERM_OF_MODE.test(low) && PER_MONTH.test(low) && !RUN_LENGTH.test(low)) req.durationMonths = null;
    // "按量 和 包年": the subscription side is a year's; both are priced over that year, as "1yr reserved" is.
    const yearly = modes.includes('subscription') ? lx.yearly.map((r) => r.exec(low)).find(Boolean) : null;
    if (yearly && req.durationMonths === null && !PER_MONTH.test(low)) {
      req.durationMonths = 12;
      vague.durationAssumed = true;
      notes.push(say('parse.one-year-term', { said: yearly[0].trim() }));
    }
    s.modes = modes;
    notes.push(say('parse.modes-both', { modes: modes.map((m) => say(`billing.${m}`)).join(say('parse.or')) }));
    return;
  }
  req.billing = modes[0] ?? null;
  const yearly = req.billing === 'subscription' ? lx.yearly.map((r) => r.exec(low)).find(Boolean) : null;
  if (yearly && req.durationMonths === null) {
    req.durationMonths = 12;
    vague.durationAssumed = true;
    notes.push(say('parse.one-year-term', { said: yearly[0].trim() }));
  }
}

/**
 * A renewal with no billing mode said ("baidu renewal: 10 x bcc 8c32g, 96k RMB for the year"): what is renewed is a
 * subscription, so it is priced as one, with a note. Model APIs are billed by use and keep no mode. Run after the
 * signals (the renewal is one).
 */
export function renewalBilling(s: ParseState): void {
  const { req, wl, notes, say } = s;
  if (req.billing !== null || !req.signals.renewal) return;
  if (wl.kind === 'model-api' || wl.model || wl.tokensPerMonth) return;
  if (!wl.vcpu && !wl.gpu && !wl.instanceType && !wl.instances && !wl.memoryGiB) return;
  req.billing = 'subscription';
  notes.push(say('parse.renewal-subscription'));
}
