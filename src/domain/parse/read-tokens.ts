/**
 * Step 3: model-API token volumes: "20M input and 5M output tokens", "input 20M tokens", "输入2000万 tokens",
 * "30M in 10M out", "每天大概 100万 输入" (a day's volume, made a month's). Tokens without a direction are vague.
 */
import { NUM, SCALE_RE, scaled } from './numbers.js';
import { namesModel } from './read-models.js';
import type { ParseState } from './state.js';

const TOKENS_THEN_DIRECTION = new RegExp(
  `(?<![\\d.A-Za-z-])${NUM}\\s*(${SCALE_RE})?\\s*(?:tokens?\\s+)?(?:of\\s+)?(input|prompt|output|completion)(?:\\s*tokens?)?`,
  'giu',
);
const ZH_TOKENS_THEN_DIRECTION = new RegExp(
  `(?<![\\d.A-Za-z-])${NUM}\\s*(${SCALE_RE})?(?:\\s*tokens?)?\\s*(输入|输出)|(?<![\\d.A-Za-z-])${NUM}\\s*(${SCALE_RE})?\\s*tokens?\\s*(进|出)(?![口去来货境])`,
  'giu',
);
/**
 * "30M in 10M out", "30M in / 10M out", "100M tokens/month in, 30M out", "40M tokens/day in and 8M/day out": a scale is
 * required, so "3 in Hangzhou" is not read.
 */
const TOKENS_IN_OUT = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?\\s*)?(?:(?:/|per|a|每)\\s*(?:month|mo|day|月|天|日)\\s*)?,?\\s*in\\b[\\s,;/&+]*(?:and\\s+)?${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?\\s*)?(?:(?:/|per|a|每)\\s*(?:month|mo|day|月|天|日)\\s*)?out\\b`,
  'giu',
);
/**
 * "1.2k tokens in and 300 out", "800 tokens in, 200 out" (a request's volumes, often): with the word "tokens" said the
 * scales may be left out ("3 in Hangzhou" has no tokens; "2 out of 3" is no output).
 */
const TOKENS_WORD_IN_OUT = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})?\\s*tokens?\\s*(?:(?:/|per|a|每)\\s*(?:month|mo|day|月|天|日)\\s*)?,?\\s*in\\b[\\s,;/&+]*(?:and\\s+)?${NUM}\\s*(${SCALE_RE})?\\s*(?:tokens?\\s*)?(?:(?:/|per|a|每)\\s*(?:month|mo|day|月|天|日)\\s*)?out\\b(?!\\s+of\\b)`,
  'giu',
);
/** "in 40M/mo, out 8M/mo", "in: 40M out: 8M": the directions before their volumes, a scale required. */
const TOKENS_IN_THEN_OUT = new RegExp(
  `\\bin\\s*[:：]?\\s*${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?\\s*)?(?:(?:/|per|a)\\s*(?:month|mo|day)\\s*)?[\\s,;/&]*(?:and\\s+)?\\bout\\s*[:：]?\\s*${NUM}\\s*(${SCALE_RE})(?:\\s*tokens?)?(?:\\s*(?:/|per|a)\\s*(?:month|mo|day)\\b)?`,
  'giu',
);
/** One volume with the input's or output's share: "1B tokens/month, 80% input", "5亿 token 输入占八成". */
const TOKENS_SHARE = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?)?[^\\d]{0,16}?(?:(\\d{1,2})\\s*%\\s*(?:is\\s+|are\\s+)?(input|prompt|output|completion|输入|输出)|(输入|输出|input|output)\\s*(?:占|is|:)?\\s*(?:(\\d{1,2})\\s*%|([一二两三四五六七八九]|\\d)\\s*成))`,
  'giu',
);
/** One volume with the split as a ratio: "1.2B tokens/month, 80/20 in/out", "5亿 token 输入输出 7:3". */
const TOKENS_RATIO = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?)?[^\\d]{0,20}?(?:(\\d{1,2})\\s*[/:]\\s*(\\d{1,2})\\s*(?:split\\s+)?(?:in\\s*[/:]\\s*out|input\\s*[/:]\\s*output|输入\\s*[/:]?\\s*输出)|(?:in\\s*[/:]\\s*out|input\\s*[/:]\\s*output|输入\\s*[/:]?\\s*输出)\\s*(?:split\\s+|比例?\\s*)?[:：]?\\s*(\\d{1,2})\\s*[/:]\\s*(\\d{1,2}))`,
  'giu',
);
/** 一成 … 九成: tenths (两成 is two). */
const tenths = (c: string) => (/\d/.test(c) ? Number(c) : '一二三四五六七八九'.indexOf(c.replace('两', '二')) + 1) / 10;
const TOKENS_SLASH_IN_OUT = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})\\s*/\\s*${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?\\s*)?(?:in\\s*/\\s*out|input\\s*/\\s*output|输入\\s*/\\s*输出)`,
  'giu',
);
/** "doubao-seed-1.6 vs deepseek-v3 50M/10M": two volumes with a slash and no directions, read (with a model named) as input/output. */
const TOKENS_SLASH_BARE = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})\\s*/\\s*${NUM}\\s*(${SCALE_RE})(?![A-Za-z0-9/])(?:\\s*tokens?)?`,
  'giu',
);
const DIRECTION_THEN_TOKENS = new RegExp(
  `(input|prompt|output|completion|输入|输出)\\s*(?:tokens?)?\\s*(?:(?:每|一)\\s*个?\\s*(?:月|天|日)|(?:per|a|/)\\s*(?:month|mo|day))?\\s*[:：]?\\s*(?:大概|大约|大致|约|差不多|估计|预计|about|around|roughly|approx(?:imately|\\.)?|~|≈)?\\s*${NUM}\\s*(${SCALE_RE})?(?:\\s*tokens?)?`,
  'giu',
);
/** One volume split evenly: "1000万 token 输入输出各一半", "20M tokens, half in half out", "split 50/50 in/out". */
const TOKENS_SPLIT_EVENLY = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})?\\s*(?:tokens?)?[^\\d]{0,14}?(?:输入(?:和|跟|与)?输出各(?:一)?半|输入输出对半|half (?:in|input)[,\\s/&]+(?:and )?half (?:out|output)|(?:split )?(?:evenly|50\\s*/\\s*50|half and half) (?:between )?(?:in(?:put)?\\s*(?:/|and)\\s*out(?:put)?)|in(?:put)?\\s*/\\s*out(?:put)?\\s*(?:split )?(?:evenly|50\\s*/\\s*50))`,
  'giu',
);
/**
 * A day's volume: "每天大概 100万 输入", "日均", "daily 2M input", "2M input a day", "every day", "/day"; Chinese words
 * between the day and the volume ("每天调用 输入 800万", "每天的量 大约 500万") leave it a day's.
 */
const TOKENS_DAILY_BEFORE =
  /(?:(?:每天|每日|日均|一天|(?<![\d.])1\s*天)[\s\u3400-\u9fff]{0,8}?|(?:\bdaily|\b(?:per|a|each|every)\s+day|\beveryday)\s*(?:about|around|~|≈)?)\s*[:：]?\s*(?:~|≈)?\s*$/iu;
/** After the volumes, a clause's comma allowed: "40M tokens in and 6M out every day", "30M in, 5M out, per day". */
const TOKENS_DAILY_AFTER =
  /^\s*(?:tokens?)?\s*[,;]?\s*(?:\/\s*day|(?:per|a|each|every)\s+day|everyday|daily|每天|每日)(?![A-Za-z])/iu;
const TOKENS_DAILY_INSIDE = /(?:\/|\bper|\ba|每|一)\s*个?\s*(?:day\b|天|日)/iu;
/**
 * Volumes said for one request ("100k out per request", "每次请求 2000 token", "500k calls a month, each 1k tokens in …"),
 * with the requests counted apart.
 */
const PER_REQUEST =
  /\b(?:per|each|a|every)\s+(?:request|call|query|conversation|chat|session)\b|\/\s*(?:request|call|req)\b|\b(?:requests?|calls?|queries|conversations|chats|sessions)\b[^.;!?]{0,24}?(?:,|\band\b|\bwith\b)\s*each\b|\b(?:out|output|in|input|tokens?)\s+(?:each|apiece)\b|每(?:次|个|条|轮)(?:请求|调用|对话|会话)?/iu;
/** "10k requests a day", "每天 1万次调用", "300k calls/month": how many requests, and over what. */
const REQUESTS = new RegExp(
  `(?<![\\d.])${NUM}\\s*(k|千|万|m)?\\s*(?:requests?|calls?|queries|conversations|chats|sessions|次(?:请求|调用|对话)?|个请求)(?:\\s*(?:a|per|/|each|every|每)\\s*(day|month|mo(?![A-Za-z])|mth|天|日|月))?`,
  'giu',
);
/** The period of a request count said before it ("每天 1万次", "daily 10k calls"). */
const REQUESTS_PERIOD_BEFORE =
  /(每天|每日|日均|\bdaily|\bper day|每月|\bmonthly|\bper month)\s*(?:调用|请求|calls?|requests?)?\s*(?:大概|大约|约|about|around|~)?\s*$/iu;
/** The token count a price is per: "per 1k tokens", "/1M input tokens", "每千 tokens", "每百万token". */
const PRICE_UNIT =
  /(?:\bper|\/|每)\s*(?:1\s*)?(?:k|m|mn|千|百万|万|million|thousand)?\s*(?:(?:input|output|prompt|completion|输入|输出)\s*)?(?:tokens?|token数?)(?![A-Za-z])/giu;
/** Days in a month (730 hours / 24). */
export const DAYS_PER_MONTH = 30.4;
const TOKENS = new RegExp(`${NUM}\\s*(${SCALE_RE})?\\s*tokens?`, 'giu');
/** A direction right before a number: "input 20M output 5M" gives the 20M to the input before it. */
const DIRECTION_BEFORE =
  /(?:输入|输出|input|output|prompt|completion)\s*(?:tokens?)?\s*[:：]?\s*(?:大概|大约|大致|约|差不多|估计|预计|about|around|roughly|approx(?:imately|\.)?|~|≈)?\s*$/i;
const ZH_DIRECTION_BEFORE =
  /(?:输入|输出|input|output|prompt|completion)\s*[:：]?\s*(?:大概|大约|大致|约|差不多|估计|预计|about|around|roughly|approx(?:imately|\.)?|~|≈)?\s*$/i;

export function readTokens(s: ParseState): void {
  const { w, wl, notes, vague, say } = s;
  let input: number | null = null;
  let output: number | null = null;
  // "每天大概 100万 输入", "2M input tokens a day": volumes a day, made monthly below.
  let daily = false;
  // "50M tokens/day in, 10M out", "输入token每天5千万": the day said inside the match counts too.
  const perDay = (before: string, after: string, said = '') => {
    if (TOKENS_DAILY_BEFORE.test(before) || TOKENS_DAILY_AFTER.test(after) || TOKENS_DAILY_INSIDE.test(said))
      daily = true;
  };
  const add = (direction: 'input' | 'output', n: number) => {
    if (direction === 'input') input = (input ?? 0) + n;
    else output = (output ?? 0) + n;
  };
  const dir = (said: string) => (/^(input|prompt|输入)/i.test(said) ? 'input' : 'output');
  // "0.003 RMB per 1k tokens", "¥0.8/百万 tokens": the unit a price is per, not a volume.
  w.take(PRICE_UNIT, () => true);
  w.take(TOKENS_SPLIT_EVENLY, (m, before, after) => {
    perDay(before, after, m[0]);
    const n = scaled(m[1] as string, m[2]);
    add('input', n / 2);
    add('output', n / 2);
    notes.push(say('parse.tokens-split', { said: m[0].trim(), each: n / 2 }));
    return true;
  });
  w.take(TOKENS_RATIO, (m, before, after) => {
    const a = Number(m[3] ?? m[5]);
    const b = Number(m[4] ?? m[6]);
    if (!(a > 0 && b > 0)) return false;
    perDay(before, after, m[0]);
    const n = scaled(m[1] as string, m[2]);
    add('input', Math.round((n * a) / (a + b)));
    add('output', Math.round((n * b) / (a + b)));
    return true;
  });
  w.take(TOKENS_SHARE, (m, before, after) => {
    const n = scaled(m[1] as string, m[2]);
    const share = m[3] ? Number(m[3]) / 100 : m[6] ? Number(m[6]) / 100 : tenths(m[7] as string);
    const said = (m[4] ?? m[5] ?? '') as string;
    if (!(share > 0 && share < 1)) return false;
    perDay(before, after, m[0]);
    const inputShare = /^(?:input|prompt|输入)$/i.test(said) ? share : 1 - share;
    add('input', Math.round(n * inputShare));
    add('output', Math.round(n * (1 - inputShare)));
    return true;
  });
  for (const re of [TOKENS_IN_OUT, TOKENS_WORD_IN_OUT, TOKENS_IN_THEN_OUT, TOKENS_SLASH_IN_OUT])
    w.take(re, (m, before, after) => {
      perDay(before, after, m[0]);
      add('input', scaled(m[1] as string, m[2]));
      add('output', scaled(m[3] as string, m[4]));
      return true;
    });
  w.take(TOKENS_THEN_DIRECTION, (m, before, after) => {
    if (DIRECTION_BEFORE.test(before)) return false;
    perDay(before, after);
    add(dir(m[3] as string), scaled(m[1] as string, m[2]));
    return true;
  });
  // "每月1亿输入 2000万输出": a number written right against 输入/输出, unless the direction came first ("输入3亿输出…").
  w.take(ZH_TOKENS_THEN_DIRECTION, (m, before, after) => {
    if (ZH_DIRECTION_BEFORE.test(before)) return false;
    perDay(before, after);
    // "5千万 token 进、1千万 token 出": 进 and 出 said for input and output, after the word "token".
    const [num, scale, said] = m[3] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
    add(said === '输入' || said === '进' ? 'input' : 'output', scaled(num as string, scale));
    return true;
  });
  w.take(DIRECTION_THEN_TOKENS, (m, before, after) => {
    perDay(before, after, m[0]);
    add(dir(m[1] as string), scaled(m[2] as string, m[3]));
    return true;
  });
  // "50M/10M" with a model named and no direction said: the usual order of a model's prices, input then output.
  if (input === null && output === null && namesModel(s.text))
    w.take(TOKENS_SLASH_BARE, (m, before, after) => {
      perDay(before, after, m[0]);
      add('input', scaled(m[1] as string, m[2]));
      add('output', scaled(m[3] as string, m[4]));
      notes.push(say('parse.tokens-slash', { said: m[0].trim() }));
      return true;
    });
  // TypeScript cannot see the closures' writes: read the totals back through a widened view.
  const total = { input, output } as { input: number | null; output: number | null };
  // "500k in, 100k out per request, 10k requests a day": a request's volumes times the requests.
  if ((total.input !== null || total.output !== null) && PER_REQUEST.test(s.text))
    w.take(REQUESTS, (m, before) => {
      const period = m[3] ?? REQUESTS_PERIOD_BEFORE.exec(before)?.[1];
      if (!period) return false;
      const n = scaled(m[1] as string, m[2] === '千' ? 'k' : m[2]);
      if (total.input !== null) total.input *= n;
      if (total.output !== null) total.output *= n;
      if (/day|天|日|daily/i.test(period)) daily = true;
      notes.push(say('parse.tokens-per-request', { said: m[0].trim(), n }));
      return true;
    });
  if (total.input === null && total.output === null) {
    w.take(TOKENS, (m, before, after) => {
      vague.tokensWithoutSplit = true;
      const n = scaled(m[1] as string, m[2]);
      const day = TOKENS_DAILY_BEFORE.test(before) || TOKENS_DAILY_AFTER.test(after);
      if (n > 0) vague.tokensTotal = (vague.tokensTotal ?? 0) + (day ? Math.round(n * DAYS_PER_MONTH) : n);
      return true;
    });
    return;
  }
  if (daily as boolean) {
    const month = (n: number | null) => (n === null ? null : Math.round(n * DAYS_PER_MONTH));
    total.input = month(total.input);
    total.output = month(total.output);
    notes.push(say('parse.tokens-daily', { days: DAYS_PER_MONTH }));
  }
  wl.tokensPerMonth = { input: total.input ?? 0, output: total.output ?? 0 };
  if (total.input === null) notes.push(say('parse.no-input-tokens'));
  if (total.output === null) notes.push(say('parse.no-output-tokens'));
}
