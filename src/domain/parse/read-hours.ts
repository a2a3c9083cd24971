/**
 * Step 8: hours a month: "200 hours a month", "8 hours a day", "每月跑200小时", "600 GPU-hours", "weekdays 9-6",
 * "工作时间", "24/7", "7x24", "每天开 10 个钟" (钟/钟头: hours, as said in the south), "全天开" (all day: always on),
 * "跑满一个月", "一个月跑满", "running the full month", "flat out all month" (the whole month: always on;
 * the month stays the term), "nonstop".
 */
import { scaled, zhNumeral } from './numbers.js';
import type { ParseState } from './state.js';

export const MONTH_HOURS = 730;
const HOURS =
  /(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h|小时|个?钟头|个钟)\s*(?:(?:a|per|\/|each|every|每)\s*(month|mo|月|day|天|日|night|晚|week|周)|(daily|nightly|monthly|weekly)\b)/giu;
/**
 * Hours a day/month said the Chinese way: "每天8小时", "每月跑200小时", "每天就开10个钟", "每天也就训练六个小时":
 * whatever few words come between the period and the number (adverbs, verbs: 就, 只, 大概, 开, 跑满) are read past,
 * but not another period ("一个月 每天8小时" is 8 hours a day).
 */
const HOURS_ZH =
  /(?:每|一|1)\s*(?:个)?\s*(月|天|日|晚|周|星期)(?:\s*[^\P{Script=Han}每天日月周晚年]){0,4}?\s*(\d+(?:\.\d+)?)\s*(?:个)?\s*(?:小时|钟头|钟(?![点头])|h)(?![A-Za-z])/giu;
/** GPU-hours ("600 GPU-hours a month", "每月 600 卡时"): hours a month shared out over the GPUs asked for. */
const GPU_HOURS =
  /(?<![\d.])(\d+(?:\.\d+)?)\s*(k|千|万)?\s*(?:gpu|card|卡)[\s-]*(?:hours?|hrs?|h\b|小时|时)(?:\s*(?:a|per|\/|each|every|每)\s*(?:month|mo|月))?/giu;
/** "8 hours a day on weekdays": a working month of 22 days. */
const WEEKDAYS =
  /\bweekdays?\b|\bworking days?\b|\bbusiness days?\b|\bmon(?:day)?\s*(?:-|to|through|thru)\s*fri(?:day)?\b|\b5 days? (?:a|per|each) week\b|工作日|周一到周五|周一至周五|(?:每|一|1)\s*(?:个)?\s*(?:周|星期)\s*(?:工作|上班|跑|开|开机|运行|用)?\s*5\s*天/iu;
const WORKDAYS_PER_MONTH = 22;
/** The working week said with a number, taken out so that its 5 is not left over. */
const WEEKDAYS_SAID =
  /\b5 days? (?:a|per|each) week\b|(?:每|一|1)\s*(?:个)?\s*(?:周|星期)\s*(?:工作|上班|跑|开|开机|运行|用)?\s*5\s*天/giu;
/** A part of the day said before a clock time in Chinese ("早9点", "下午6点", "晚上10点"); the later ones are p.m. */
const ZH_DAYPART = '(早上|早晨|早|上午|中午|下午|傍晚|晚上|晚|夜里|夜间|凌晨)?';
/** An hour of the clock: digits, or a Chinese numeral before 点 ("九点"). */
const CLOCK_HOUR = '(\\d{1,2}|[一二两三四五六七八九十]{1,3}(?=\\s*点))';
/**
 * A span of the clock: "9-6", "9am-6pm", "9:00 to 18:00", "9点到18点", "早9点到晚9点", "上午九点到下午六点". Read as
 * hours a day (see `clockSpan`).
 */
const CLOCK_SPAN = new RegExp(
  `(?<![\\d.:A-Za-z-])${ZH_DAYPART}\\s*${CLOCK_HOUR}(?::00)?\\s*(am|pm|点)?\\s*(?:-|–|~|to|until|till|到|至)\\s*${ZH_DAYPART}\\s*${CLOCK_HOUR}(?::00)?\\s*(am|pm|点)?(?![\\d.:]|\\s*(?:c\\b|g\\b|核|x|tb|gb|月|年|个|号|日|天|周|(?:months?|years?|weeks?|days?|cards?|gpus?|nodes?|instances?)(?![A-Za-z])|台|张))`,
  'giu',
);
/** Office hours said the Chinese way, without "to": "早9晚6", "早九晚五", "朝九晚五". */
const ZH_SHIFT =
  /(?:早上?|朝)\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*点?\s*[,，-]?\s*晚上?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*点?/gu;
const LATE_DAYPART = /下午|傍晚|晚|夜/u;
/** Daytime on working days, said without the hours: taken as 10 hours a day on weekdays. */
const WEEKDAY_DAYTIME =
  /工作日.{0,4}白天|白天.{0,6}工作日|工作时间|上班时间|\bweekday daytime\b|\bdaytime (?:on |during )?(?:weekdays|working days|business days)\b|\b(?:during )?(?:business|office|working) hours\b/giu;
const DAYTIME_HOURS = 10;
const ALWAYS_ON =
  /\b24\s*\/\s*7\b|(?<![\d.])(?:24\s*[x×*]\s*7|7\s*[x×*]\s*24)(?![\d.])|7\s*[天日]\s*24\s*小时|全天候|(?:全天|整天|一整天|全天24小时)\s*(?:都)?\s*(?:开|开着|开机|运行|跑|在线|不关|不停)|(?:不关机|不停机)|\b(?:runs?|running|on|up) all day(?:,? every day| and (?:all )?night)?\b|24\s*(?:小时|h)\s*(?:不关|开着|开机|运行|在线|不停|常开|不间断|都开)|(?:跑满|开满)\s*24\s*(?:小时|h)|(?:24\s*(?:小时|h)\s*)?(?:跑满|开满|用满)(?=\s*(?:(?:一|1)\s*个?\s*月|整(?:个)?月|全月))|(?<=(?:(?:一|1)\s*个?\s*月|整(?:个)?月|全月)\s*(?:都|就|要|得)?\s*)(?:跑满|开满|用满)|\bnon-?stop\b|\b(?:runs?|running|run|on|up|flat[- ]out|maxed(?: out)?)(?=\s+(?:for\s+)?(?:the\s+|a\s+)?(?:full|whole|entire)\s+month\b|\s+all\s+month\b)|\b(?:running|runs?|run)\s+(?:it\s+|them\s+)?flat[- ]out\b|(?:一|1)\s*天到晚|全年无休|不间断运行|\b(?:on|running|up) all the time\b|\bnever (?:switched|turned|shut|powered) (?:off|down)\b|\baround the clock\b|\balways[- ]on\b/giu;

/** An hour written in digits or as a Chinese numeral ("9", "九"). */
const hourOf = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (zhNumeral(s) ?? Number.NaN));

/**
 * Hours between two clock times: "9-6" is 9:00 to 18:00, "9am-6pm" 9 hours, "9点到18点" 9 hours, "早9点到晚9点" 12
 * hours; null if not a span. A suffix is am/pm/点 or a Chinese part of the day (晚, 下午: p.m.).
 */
function clockSpan(
  from: number,
  fromSuffix: string | undefined,
  to: number,
  toSuffix: string | undefined,
): number | null {
  const h24 = (n: number, suffix: string | undefined) =>
    (suffix?.toLowerCase() === 'pm' || (suffix !== undefined && LATE_DAYPART.test(suffix))) && n < 12 ? n + 12 : n;
  const start = h24(from, fromSuffix);
  let end = h24(to, toSuffix);
  if (start > 24 || end > 24) return null;
  if (end <= start && !toSuffix && end + 12 > start && end + 12 <= 24) end += 12;
  // "10pm-6am", "晚上10点到早上6点": over midnight.
  else if (end <= start && toSuffix && toSuffix !== '点') end += 24;
  const span = end - start;
  return span > 0 && span <= 24 ? span : null;
}

export function readHours(s: ParseState): void {
  const { text, w, wl, notes, say } = s;
  const weekdays = WEEKDAYS.test(text);
  // "24/7", "24小时开着": all month, read first so that "一个月 24小时开着" is not 24 hours a month.
  const perMonth = (n: number, unit: string, said: string) => {
    if (wl.hoursPerMonth !== null) {
      notes.push(say('parse.hours-repeated', { said }));
      return;
    }
    if (/day|天|日|night|晚/.test(unit)) {
      if (weekdays) {
        wl.hoursPerMonth = Math.min(n * WORKDAYS_PER_MONTH, MONTH_HOURS);
        notes.push(say('parse.hours-weekdays', { n, days: WORKDAYS_PER_MONTH, hours: wl.hoursPerMonth }));
      } else {
        wl.hoursPerMonth = Math.round(((n * MONTH_HOURS) / 24) * 10) / 10;
        if (n < 24) notes.push(say('parse.hours-daily', { n, hours: wl.hoursPerMonth }));
      }
    } else if (/week|周|星期/.test(unit)) {
      wl.hoursPerMonth = Math.round(((n * MONTH_HOURS) / 168) * 10) / 10;
      notes.push(say('parse.hours-weekly', { n, hours: wl.hoursPerMonth }));
    } else wl.hoursPerMonth = n;
  };
  // "工作日 全天开", "weekdays, around the clock": all day, on the working days only.
  w.take(ALWAYS_ON, (m) => {
    if (weekdays && wl.hoursPerMonth === null) perMonth(24, 'day', m[0].trim());
    else wl.hoursPerMonth ??= MONTH_HOURS;
    return true;
  });
  w.take(WEEKDAYS_SAID, () => true); // "每周5天", "5 days a week": said, and read through `weekdays`
  w.take(GPU_HOURS, (m) => {
    if (wl.hoursPerMonth !== null) return false;
    const gpus = wl.gpu?.count ?? 1;
    // "1.5k GPU hours", "1万卡时".
    const total = scaled(m[1] as string, m[2] === '千' ? 'k' : m[2]);
    wl.hoursPerMonth = Math.min(Math.round((total / gpus) * 10) / 10, MONTH_HOURS);
    const said = m[0].trim();
    notes.push(
      say(gpus === 1 ? 'parse.gpu-hours.one' : 'parse.gpu-hours.each', { said, hours: wl.hoursPerMonth, gpus }),
    );
    return true;
  });
  w.take(HOURS, (m) => {
    // "12 hrs daily": the unit said as an adverb.
    const unit = (m[2] ?? (m[3] as string).replace(/ly$/i, '').replace(/^dai$/i, 'day')).toLowerCase();
    perMonth(Number(m[1]), unit, m[0].trim());
    return true;
  });
  w.take(HOURS_ZH, (m) => {
    perMonth(Number(m[2]), m[1] as string, m[0].trim());
    return true;
  });
  // "weekdays 9-6", "9am-6pm on weekdays", "工作日 9点到18点": the span a day, on weekdays when they are said.
  w.take(CLOCK_SPAN, (m) => {
    if (wl.hoursPerMonth !== null) return false;
    const [, fromPart, from, fromSuffix, toPart, to, toSuffix] = m;
    const said = Boolean(fromSuffix || toSuffix || fromPart || toPart);
    if (!weekdays && !said) return false; // a bare "9-6" is only a time of day next to "weekdays"
    // "晚上9点": the part of the day says p.m. where no am/pm does.
    const suffix = (part: string | undefined, written: string | undefined) =>
      written && written !== '点' ? written : (part ?? written);
    const span = clockSpan(
      hourOf(from as string),
      suffix(fromPart, fromSuffix),
      hourOf(to as string),
      suffix(toPart, toSuffix),
    );
    if (span === null) return false;
    perMonth(span, 'day', m[0].trim());
    return true;
  });
  w.take(ZH_SHIFT, (m) => {
    if (wl.hoursPerMonth !== null) return false;
    const span = clockSpan(hourOf(m[1] as string), '早', hourOf(m[2] as string), '晚');
    if (span === null) return false;
    perMonth(span, 'day', m[0].trim());
    return true;
  });
  w.take(WEEKDAY_DAYTIME, (m) => {
    if (wl.hoursPerMonth !== null) return true;
    wl.hoursPerMonth = DAYTIME_HOURS * WORKDAYS_PER_MONTH;
    notes.push(
      say('parse.weekday-daytime', {
        said: m[0].trim(),
        daily: DAYTIME_HOURS,
        days: WORKDAYS_PER_MONTH,
        hours: wl.hoursPerMonth,
      }),
    );
    return true;
  });
}
