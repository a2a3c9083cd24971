/**
 * Text → Request. Pure: the catalogue, intents and lexicon come in; nothing is read or written.
 * Each extractor blanks what it consumed, so a number is never read twice ("2x A10" is not also two instances).
 * What is not said stays null. The parser records what it assumed in `notes`, which the answer shows.
 */
import type { Catalog } from '../../catalog/load.js';
import type { IntentDef, Lexicon } from '../../intents/schema.js';
import type { Intent, Lang, Request, WorkloadKind } from '../request.js';
import { emptyRequest } from '../request-values.js';
import { type Messages, type Say, sayer } from '../say.js';
import { withdrawn } from './corrections.js';
import { EntityIndex, type Mention } from './entities.js';
import { InstanceTypeIndex, type TypeMatch } from './instance-types.js';
import { normalise, SCALE_RE, scaled, toGB } from './numbers.js';
import { quoteAmount } from './quote-amounts.js';
import { readRanges } from './ranges.js';

export interface Parsed {
  request: Request;
  /** Plain sentences about what was assumed or not understood, shown with the answer. */
  notes: string[];
  /** Things mentioned without enough detail to use, which a follow-up may ask for. */
  vague: {
    gpuWithoutModel: boolean;
    tokensWithoutSplit: boolean;
    /** The GPU count was not said and 1 was assumed (a follow-up keeps the earlier count instead). */
    gpuCountAssumed?: boolean;
    /** A count of GPUs said without a model ("4张卡", "8 GPUs"): a follow-up changes the last GPU's count. */
    gpuCount?: number;
    /** The duration was not said and a year was taken from "包年"/"yearly" (a follow-up keeps the earlier one). */
    durationAssumed?: boolean;
  };
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const MONTH_HOURS = 730;

const EGRESS =
  /egress|outbound|transfer(?:red)?\s*out|data\s*transfer|internet\s*traffic|traffic|download|\bout\b(?:\s+(?:to|over|into)\s+(?:the\s+)?(?:internet|net|web|public))?|\bto\s+(?:the\s+)?(?:internet|public\s+internet)\b|internet\s+(?:bandwidth|out)|\bbandwidth\b|流量|出网|外网|出口|流出|下行|公网|带宽/iu;
const STORAGE =
  /storage|disk|ssd|hdd|oss|cos|obs|s3|object|bucket|data(?:set)?|backup|archive|nas|存储|硬盘|磁盘|云盘|数据|备份/iu;
const MEMORY = /ram|memory|mem\b|内存/iu;
/** An English label right before a size ("storage 20TB", "egress: 5TB"). */
const ADJACENT_LABEL = /([A-Za-z]+)\s*[:=]?\s*$/u;
const ADJACENT_SIZE_WORD = /(存储?|硬盘|磁盘|云盘|流量|出网|外网|流出|下行|内存)\s*$/u;

/** The parser's patterns, made once: `Work.take` runs them with the g flag from the start of the text. */
const TOKENS_THEN_DIRECTION = new RegExp(
  `${NUM}\\s*(${SCALE_RE})?\\s*(?:tokens?\\s+)?(?:of\\s+)?(input|prompt|output|completion)(?:\\s*tokens?)?`,
  'giu',
);
const ZH_TOKENS_THEN_DIRECTION = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})?(?:\\s*tokens?)?\\s*(输入|输出)`,
  'giu',
);
/** "30M in 10M out", "30M in / 10M out", "100M tokens/month in, 30M out": a scale is required, so "3 in Hangzhou" is not read. */
const TOKENS_IN_OUT = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?\\s*)?(?:(?:/|per|a|每)\\s*(?:month|mo|day|月|天|日)\\s*)?,?\\s*in\\b[\\s,;/&+]*(?:and\\s+)?${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?\\s*)?out\\b`,
  'giu',
);
const TOKENS_SLASH_IN_OUT = new RegExp(
  `(?<![\\d.])${NUM}\\s*(${SCALE_RE})\\s*/\\s*${NUM}\\s*(${SCALE_RE})\\s*(?:tokens?\\s*)?(?:in\\s*/\\s*out|input\\s*/\\s*output|输入\\s*/\\s*输出)`,
  'giu',
);
/**
 * A price written in the question: "9.5 CNY/hour", "¥9.5/小时", "$2.1 per GPU-hour", "报价 9.5 元/小时", "6800元/月".
 * A currency (symbol or word) is required; the period is optional.
 */
const MONEY = new RegExp(
  `(¥|\\$|us\\$|rmb|cny|usd)?\\s*(?<![\\d.A-Za-z])${NUM}\\s*(k|千|万|w(?![A-Za-z])|m(?![A-Za-z])|mn|million)?\\s*(元|块钱|块|rmb|cny|yuan|usd|dollars?|美元|美金|刀)?(?:\\s*(?:/|per|an?|每|一)\\s*(?:(?:gpu|card|卡|张|instance|台)[\\s-]*(?:/|per|每)?\\s*)?(hours?|hrs?|h|小时|months?|mo|月|years?|yrs?|年)(?![A-Za-z]))?`,
  'giu',
);
/**
 * A price's amount and period without a currency, after a quote word: "报价 9.5/小时", "报价 18万/月", "quoted 9.5 per hour".
 * In a Chinese question the amount is in yuan.
 */
const BARE_RATE = new RegExp(
  `(?<![\\d.A-Za-z])${NUM}\\s*(k|千|万|w(?![A-Za-z]))?\\s*(?:/|per|每)\\s*(?:(?:gpu|card|卡|张)[\\s-]*(?:/|per|每)?\\s*)?(hours?|hrs?|小时|months?|月|years?|年)(?![A-Za-z])`,
  'giu',
);
/**
 * A price said after its period, after a quote word: "每月 15万 的价格", "每小时 8.5". Not a count of something else
 * ("每月跑200小时", "每月 5000万 输入").
 */
const RATE_AFTER_PERIOD = new RegExp(
  `(?:每|一)\\s*(?:个)?\\s*(小时|月|年)\\s*(?:的)?\\s*(?:价格|报价|费用|价钱|收费|是|为|要)?\\s*[:：]?\\s*(?<![\\d.])${NUM}\\s*(千|万|w(?![A-Za-z]))?(?![\\d.])(?!\\s*(?:万|亿|千|百万|小时|个|台|张|卡|核|天|周|月|年|[GT]B?\\b|tokens?|输入|输出|input|output|in\\b|out\\b|%))`,
  'giu',
);
const DIRECTION_THEN_TOKENS = new RegExp(
  `(input|prompt|output|completion|输入|输出)\\s*(?:tokens?)?\\s*(?:(?:每|一)\\s*个?\\s*(?:月|天|日)|(?:per|a|/)\\s*(?:month|mo|day))?\\s*[:：]?\\s*${NUM}\\s*(${SCALE_RE})?(?:\\s*tokens?)?`,
  'giu',
);
/** A day's volume: "每天大概 100万 输入", "日均", "daily 2M input", "2M input a day", "/day". */
const TOKENS_DAILY_BEFORE =
  /(?:每天|每日|日均|一天|\bdaily|\bper day|\ba day|\beach day)\s*(?:大概|大约|约|about|around|~|≈)?\s*[:：]?\s*$/iu;
const TOKENS_DAILY_AFTER = /^\s*(?:tokens?)?\s*(?:\/\s*day|per day|a day|each day|daily|每天|每日)/iu;
const TOKENS_DAILY_INSIDE = /(?:\/|\bper|\ba|每|一)\s*个?\s*(?:day\b|天|日)/iu;
/** Days in a month (730 hours / 24). */
const DAYS_PER_MONTH = 30.4;
const TOKENS = new RegExp(`${NUM}\\s*(${SCALE_RE})?\\s*tokens?`, 'giu');
const CPU_MEMORY_SHAPE = new RegExp(
  `${NUM}\\s*(?:c|核|vcpus?|cores?)\\s*[,/+、]?\\s*${NUM}\\s*(?:g|gb|gib|g内存)(?!(?!x\\s*\\d)[A-Za-z])`,
  'giu',
);
const VCPUS = new RegExp(`${NUM}\\s*(?:-\\s*)?(?:v-?cpus?|vcores?|cpus?|cores?|核)(?![A-Za-z])`, 'giu');
const MEMORY_AFTER_VCPUS = new RegExp(
  `^\\s*(?:,|/|and|with|\\+|、|和)?\\s*${NUM}\\s*(?:g|gb|gib|gigs?)(?![A-Za-z])(?:\\s*(?:of\\s+)?(?:ram|memory|mem|内存))?`,
  'iu',
);
const MEMORY_SIZE = new RegExp(`${NUM}\\s*(?:g|gb|gib|gigs?)\\s*(?:of\\s+)?(?:ram|memory|mem|内存)`, 'giu');
const MEMORY_NAMED = new RegExp(`(?:ram|memory|内存)\\s*[:：]?\\s*${NUM}\\s*(?:g|gb|gib)(?![A-Za-z])`, 'giu');
const SIZE = new RegExp(
  `${NUM}\\s*(pb|tb|gb|gib|tib|t|g|mb|gigs?|teras?)(?![A-Za-z])(\\s*(?:/|per|a|each|every|每)\\s*(?:month|mo|月)|\\s+monthly\\b)?(\\s*(?:/|per|a|each|every|每)\\s*(?:day|天|日)|\\s+daily\\b)?`,
  'giu',
);
/**
 * Hosted model names: a family word, then parts joined by "-", a space or nothing ("qwen2.5-72b-instruct", "ernie 4.0",
 * "deepseek-v3.1", "doubao-seed-1.6"). Read by `readModel`, a scanner, not one regex: a repeated optional separator
 * around repeated digits backtracks exponentially on a long run of digits.
 */
const MODEL_FAMILY = /(?<![A-Za-z0-9])(?:qwen|qwq|doubao|ernie|deepseek|glm|hunyuan|kimi|moonshot)/giu;
const MODEL_PART =
  /^(?:\d+(?:\.\d+)*[a-z]?|max|plus|turbo|flash|pro|lite|speed|seed|coder|vl|long|bot|instruct|thinking|mini|chat|reasoner|preview|latest|distill|v\d+(?:\.\d+)*|r\d|k\d|t\d|x\d(?:\.\d+)?|\d+k|a\d+b)$/i;
const DISTILLED_BASE = /distill[-\s]+(?:qwen|llama)/giu;
/** Parts that name a base model, read only right after "distill" ("deepseek-r1-distill-qwen-32b"). */
const MODEL_BASE_PART = /^(?:qwen[\d.]*|llama[\d.]*)$/i;
const MODEL_PART_CHARS = /[A-Za-z0-9.]/;

/** The end of the model name that starts with a family word ending at `from`. */
function readModel(text: string, from: number): number {
  let end = from;
  for (let guard = 0; guard < 12; guard++) {
    const sep = text[end] === '-' || text[end] === ' ' ? 1 : 0;
    let i = end + sep;
    while (i < text.length && i - end <= 24 && MODEL_PART_CHARS.test(text[i] as string)) i++;
    let part = text.slice(end + sep, i);
    while (part.endsWith('.')) part = part.slice(0, -1);
    const afterDistill = /distill$/i.test(text.slice(from, end));
    if (
      !part ||
      !(MODEL_PART.test(part) || (afterDistill && MODEL_BASE_PART.test(part))) ||
      (sep === 0 && end !== from)
    )
      break;
    if (i < text.length && MODEL_PART_CHARS.test(text[i] as string)) break; // a longer word: not a model part
    end = end + sep + part.length;
  }
  return end;
}
const EQUIVALENT =
  /\b(?:equivalent|similar|comparable|counterpart|same (?:size|spec|shape)|something like|like an?)\b|同规格|同等|类似|相当于|对标|等效/iu;
const ZH_MODEL =
  /(文心一言|文心|豆包|混元|通义千问|千问|盘古)\s*(\d+(?:\.\d+)?(?![\d.]|\s*(?:个|月|年|台|张|卡|天|周|小时|万|亿|千|百|[kmb]\b|tokens?)))?\s*(turbo|pro|lite|max|plus|speed|flash|mini|vl)?(?:\s*-?\s*(\d+k)(?![A-Za-z]))?(?![A-Za-z])/giu;
const INSTANCES =
  /(\d+)\s*-?\s*(?:x\s*)?(?:(?:web|app|application|api|db|database|backend|worker|build|game|cpu|gpu|compute|linux|windows)\s+)?(?:台|instances?|nodes?|servers?|vms?|machines?|hosts?|boxes|replicas?|个实例|个节点|of (?:them|those|these)|copies|(?:ecs|cvms?|ec2s?|bcc|uhosts?)(?![A-Za-z.-]))(?![A-Za-z])/giu;
/** A count of GPUs written apart from the model ("…, 8 cards", "8张卡", "128 GPUs"), not of machines ("8 GPU nodes"). */
const GPU_COUNT_APART =
  /(?<![\d.A-Za-z])(\d+)\s*-?\s*(?:cards?|gpus?)(?![A-Za-z])(?![\s-]*(?:nodes?|servers?|instances?|machines?|hosts?|vms?|boxes|台|hours?|hrs?|h\b|小时))|(?<![\d.])(\d+)\s*(?:张|块)?\s*(?:卡|显卡)(?!\s*(?:服务器|机器|节点|台|时|小时|nodes?|servers?|instances?|machines?))/giu;
/** Machines right after a GPU model ("H800 nodes", "A100 servers", "H20 机器"). */
const GPU_MACHINES_AFTER =
  /^\s*(?:nodes?|servers?|machines?|boxes|hosts?|instances?|vms?|服务器|机器|节点|整机)(?![A-Za-z])/iu;
/** GPU-hours ("600 GPU-hours a month", "每月 600 卡时"): hours a month shared out over the GPUs asked for. */
const GPU_HOURS =
  /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:gpu|card|卡)[\s-]*(?:hours?|hrs?|h\b|小时|时)(?:\s*(?:a|per|\/|each|every|每)\s*(?:month|mo|月))?/giu;
/**
 * GPUs a server holds ("8卡服务器", "8卡的机器", "8-GPU nodes", "an 8 GPU server"): a count per instance, with the
 * number of servers said apart ("2台", "two 8-GPU nodes"). "8 GPU nodes" (no hyphen, plural) stays 8 nodes.
 */
const GPU_PER_SERVER =
  /(?<![\d.A-Za-z])(\d+)\s*(?:张|块)?\s*(?:卡|显卡|gpu)\s*(?:的)?\s*(?:服务器|机器|节点|整机|裸金属|主机|实例)|(?<![\d.A-Za-z])(\d+)(?:-(?:gpus?|cards?)\s*(?:servers?|nodes?|machines?|boxes|box|hosts?|instances?|vms?)|\s*(?:gpus?|cards?)\s+(?:server|node|machine|box|host|instance|vm))(?![A-Za-z])/giu;
/** What joins two providers set against each other: "A or B", "A cloud or B", "A还是B", "A或者B". */
const PROVIDERS_OR = /^\s*(?:cloud\s*)?(?:or|还是|或者|或是)\s*$/iu;

/** Two provider names joined by "or" / 还是 ("alibaba or tencent", "阿里云还是腾讯云"). */
function providersOr(mentions: Mention[], text: string): boolean {
  const named = mentions.filter((m) => m.type === 'provider');
  return named.some((m, i) => {
    const next = named[i + 1];
    return next !== undefined && next.id !== m.id && PROVIDERS_OR.test(text.slice(m.end, next.start));
  });
}
/** What splits a comparison into its two sides. */
const SIDE_SEPARATOR = /\s(?:vs\.?|versus|v\.s\.|compared (?:to|with)|against|or)\s|还是|对比|相比|或者|或是/iu;
const TIMES = /(?<![A-Za-z0-9])[x*]\s*(\d+)(?![\d.A-Za-z])/giu;
const HOURS =
  /(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h|小时)\s*(?:a|per|\/|each|every|每)\s*(month|mo|月|day|天|日|night|晚|week|周)/giu;
const HOURS_ZH =
  /(?:每|一|1)\s*(?:个)?\s*(月|天|日|晚|周|星期)\s*(?:只|大概|大约|约)?\s*(?:跑|运行|用|使用|开|开机|工作)?\s*(?:大概|大约|约)?\s*(\d+(?:\.\d+)?)\s*(?:个)?\s*(?:小时|h)(?![A-Za-z])/giu;
/** "8 hours a day on weekdays": a working month of 22 days. */
const WEEKDAYS =
  /\bweekdays?\b|\bworking days?\b|\bbusiness days?\b|\bmon(?:day)?\s*(?:-|to|through|thru)\s*fri(?:day)?\b|\b5 days? (?:a|per|each) week\b|工作日|周一到周五|周一至周五|(?:每|一|1)\s*(?:个)?\s*(?:周|星期)\s*(?:工作|上班|跑)?\s*5\s*天/iu;
const WORKDAYS_PER_MONTH = 22;
/** The working week said with a number, taken out so that its 5 is not left over. */
const WEEKDAYS_SAID =
  /\b5 days? (?:a|per|each) week\b|(?:每|一|1)\s*(?:个)?\s*(?:周|星期)\s*(?:工作|上班|跑)?\s*5\s*天/giu;
/** A span of the clock: "9-6", "9am-6pm", "9:00 to 18:00", "9点到18点". Read as hours a day (see `clockSpan`). */
const CLOCK_SPAN =
  /(?<![\d.:A-Za-z-])(\d{1,2})(?::00)?\s*(am|pm|点)?\s*(?:-|–|~|to|until|till|到|至)\s*(\d{1,2})(?::00)?\s*(am|pm|点)?(?![\d.:]|\s*(?:c\b|g\b|核|x|tb|gb|月|年|个|号|日|(?:months?|years?|weeks?|days?|cards?|gpus?|nodes?|instances?)(?![A-Za-z])|台|张))/giu;
/** Daytime on working days, said without the hours: taken as 10 hours a day on weekdays. */
const WEEKDAY_DAYTIME =
  /工作日.{0,4}白天|白天.{0,6}工作日|工作时间|上班时间|\bweekday daytime\b|\bdaytime (?:on |during )?(?:weekdays|working days|business days)\b|\b(?:during )?(?:business|office|working) hours\b/giu;
const DAYTIME_HOURS = 10;
/** A number left over after extraction, with the word or unit after it. */
const LEFTOVER = /(?<![A-Za-z0-9.-])(\d+(?:\.\d+)?)(\s*%|\s*[A-Za-z]{1,12}|\s*[\u4e00-\u9fff]{1,2})?/gu;
const ALWAYS_ON = /\b24\s*\/\s*7\b|\b24x7\b|全天候/giu;
const HALF_YEAR = /half\s+a\s+year|半年|six[- ]month/giu;
const ONE_PERIOD =
  /\b(?:for|over)\s+(?:a|one|1)\s+(month|year|quarter)\b|\ba\s+(?:full\s+)?year\b|\bannual(?:ly)?\b|\bquarterly\b|\ba\s+quarter\b/giu;
const YEARS = /(\d+(?:\.\d+)?)\s*-?\s*(years?|yrs?|yr|y|年)(?![A-Za-z0-9])/giu;
const MONTHS = /(\d+(?:\.\d+)?)\s*-?\s*(months?|mos?|mths?|个月|月)(?![A-Za-z0-9])/giu;
/** An amount right after "一个月" that makes the month a rate ("一个月大概 5T", "1个月 3000万 tokens"). */
/** A price asked right after "一个月" ("一个月多少钱", "1个月大概要多少"): the month is the rate, not a term. */
const MONTH_PRICE_AFTER =
  /^\s*的?\s*(?:大概|大约|约|差不多)?\s*(?:要|需要|得)?\s*(?:多少钱|多少|什么价|几多钱|价格|费用|花费|成本|开销)/u;
const MONTH_AMOUNT_AFTER =
  /^\s*(?:大概|大约|约|差不多|左右|能|会|要|跑|用|出|有)?\s*(?:大概|大约|约)?\s*\d+(?:\.\d+)?\s*(?:[kmgtp]b?|[tg]|万|亿|千万|千|小时|h|tokens?)(?![A-Za-z])/iu;
const QUARTERS = /(\d+(?:\.\d+)?)\s*(?:个)?\s*(?:quarters?|季度)(?![A-Za-z0-9])/giu;
const WEEKS = /(\d+(?:\.\d+)?)\s*-?\s*(weeks?|wks?|周|星期)(?![A-Za-z0-9])/giu;

/** Memory sizes GPUs are sold with ("A100 80GB", "H20 96G"): read as part of the card, not as a size. */
const GPU_MEMORIES = '16|20|24|32|40|48|64|80|94|96|141|192';
const NOT_GPU_MEMORY = 'storage|disk|ssd|egress|traffic|ram|memory|mem\\b|内存|存储|硬盘|流量|云盘';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class Work {
  constructor(public text: string) {}
  /** Runs a global regex over the unconsumed text; blanks each match the callback accepts. */
  take(g: RegExp, fn: (m: RegExpExecArray, before: string, after: string) => boolean | undefined): void {
    if (!g.global) throw new Error(`take needs a global pattern: /${g.source}/${g.flags}`);
    g.lastIndex = 0;
    let m: RegExpExecArray | null = g.exec(this.text);
    while (m) {
      const before = this.text.slice(Math.max(0, m.index - 40), m.index);
      const after = this.text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      if (fn(m, before, after) !== false) {
        this.text = this.text.slice(0, m.index) + ' '.repeat(m[0].length) + this.text.slice(m.index + m[0].length);
      }
      if (m[0].length === 0) g.lastIndex++;
      m = g.exec(this.text);
    }
  }
}

function blank(w: Work, start: number, length: number): void {
  w.text = w.text.slice(0, start) + ' '.repeat(length) + w.text.slice(start + length);
}

export class Parser {
  private readonly entities: EntityIndex;
  private readonly types: InstanceTypeIndex;
  private readonly gpuRe: RegExp;
  /** The GPU pattern anchored at the start of a string: "is a GPU named here?". */
  private readonly gpuStart: RegExp;
  private readonly gpuByName = new Map<string, string>();
  private readonly compiled: { intent: IntentDef; cues: { re: RegExp; weight: number }[] }[];
  private readonly lx: {
    kinds: { kind: WorkloadKind; res: RegExp[] }[];
    billing: { mode: 'payg' | 'subscription' | 'spot'; res: RegExp[] }[];
    yearly: RegExp[];
    currency: { code: 'USD' | 'CNY'; res: RegExp[] }[];
    commerce: { id: string; res: RegExp[] }[];
    personal: RegExp[];
    prodYes: RegExp[];
    prodNo: RegExp[];
    renewal: RegExp[];
    audienceAfter: RegExp;
    audienceBefore: RegExp;
    demonyms: { slug: string; re: RegExp }[];
    incumbentBefore: RegExp;
    challengerBefore: RegExp | null;
    quote: RegExp[];
    budgetBefore: RegExp[];
    budgetAfter: RegExp[];
    families: {
      family: string;
      re: RegExp;
      providers: string[];
      open: RegExp | null;
      openProviders: string[];
      platform: boolean;
    }[];
    factTopics: { search: string; res: RegExp[] }[];
    products: { provider: string; res: RegExp[] }[];
    corrections: RegExp[];
    /** Storage words, with the providers' disk and storage product names from the lexicon. */
    storage: RegExp;
  };

  /** The notes' words in the language of the question being parsed (set at the start of `parse`). */
  private say: Say;
  private readonly messages: Messages;

  constructor(
    private readonly catalog: Catalog,
    intents: IntentDef[],
    lexicon: Lexicon,
    messages: Messages,
  ) {
    this.messages = messages;
    this.say = sayer(this.messages, 'en');
    this.entities = new EntityIndex(catalog);
    this.types = new InstanceTypeIndex(catalog, lexicon);
    const names: string[] = [];
    for (const g of catalog.gpus) {
      for (const n of [g.model, ...g.aliases]) {
        this.gpuByName.set(n.toLowerCase().replace(/[\s-]+/g, ''), g.model);
        names.push(n);
      }
    }
    const alts = names
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]?'));
    // "A100 80GB", "H100 SXM", "A100-SXM4-80G": the form factor and memory of the card belong to the model, not to the size.
    // "8xA100", "H100x8": an x and a count may touch the name.
    const form = '(?:[\\s-]*(?:sxm\\d?|pcie|nvl|hgx))?';
    const mem = `(?:[\\s-]*(${GPU_MEMORIES})\\s*g(?:b|ib)?(?![A-Za-z0-9])(?!\\s*(?:of\\s+)?(?:${NOT_GPU_MEMORY})))?`;
    this.gpuRe = new RegExp(
      `(?<![0-9a-wyz])(?<!(?<![0-9])x)(?:nvidia\\s+|tesla\\s+|geforce\\s+)?(${alts.join('|')})${form}${mem}${form}(?:s|'s)?(?!(?!x\\d)[A-Za-z0-9])`,
      'giu',
    );
    this.gpuStart = new RegExp(`^${this.gpuRe.source}`, 'iu');
    const re = (s: string) => new RegExp(s, 'iu');
    this.compiled = intents.map((intent) => ({
      intent,
      cues: intent.cues.map((c) => ({ re: re(c.pattern), weight: c.weight })),
    }));
    const words = (list: string[]) => list.map((w) => w.replace(/ /g, '\\s+')).join('|');
    this.lx = {
      kinds: lexicon.workload_kinds.map((k) => ({ kind: k.kind, res: k.patterns.map(re) })),
      billing: lexicon.billing.map((b) => ({ mode: b.mode, res: b.patterns.map(re) })),
      yearly: lexicon.yearly_terms.map(re),
      currency: lexicon.currency.map((c) => ({ code: c.code, res: c.patterns.map(re) })),
      commerce: lexicon.commerce_platforms.map((c) => ({ id: c.id, res: c.patterns.map(re) })),
      personal: lexicon.personal_data.map(re),
      prodYes: lexicon.production.yes.map(re),
      prodNo: lexicon.production.no.map(re),
      renewal: lexicon.renewal.map(re),
      audienceAfter: new RegExp(`^[\\s,]*(?:based\\s+)?(?:${words(lexicon.audience_after)})(?![A-Za-z])`, 'iu'),
      audienceBefore: new RegExp(`(?:${words(lexicon.audience_before)})\\s*(?:the\\s+|our\\s+)?$`, 'iu'),
      demonyms: Object.entries(lexicon.demonyms).map(([slug, list]) => ({
        slug,
        re: new RegExp(`(?<![A-Za-z])(?:${words(list)})\\s*(?:${words(lexicon.audience_after)})(?![A-Za-z])`, 'giu'),
      })),
      incumbentBefore: new RegExp(`(?:${words(lexicon.incumbent_before)})\\s*(?:the\\s+|our\\s+)?$`, 'iu'),
      challengerBefore: lexicon.challenger_before.length
        ? new RegExp(`(?:${words(lexicon.challenger_before)})\\s*(?:the\\s+)?$`, 'iu')
        : null,
      quote: lexicon.quote_cues.map(re),
      budgetBefore: lexicon.budget_cues.before.map(re),
      budgetAfter: lexicon.budget_cues.after.map(re),
      families: lexicon.model_families.map((f) => ({
        family: f.family,
        re: new RegExp(
          f.names
            .map((n) =>
              /[\u3400-\u9fff]/u.test(n)
                ? escapeRe(n)
                : `(?<![A-Za-z])${escapeRe(n).replace(/ /g, '\\s+')}(?![A-Za-z])`,
            )
            .join('|'),
          'iu',
        ),
        providers: f.providers,
        open: f.open_weights ? re(f.open_weights) : null,
        openProviders: f.open_providers ?? f.providers,
        platform: f.platform,
      })),
      factTopics: lexicon.fact_topics.map((t) => ({ search: t.search, res: t.patterns.map(re) })),
      products: lexicon.provider_products.map((p) => ({ provider: p.provider, res: p.patterns.map(re) })),
      corrections: lexicon.corrections.map(re),
      storage: new RegExp([STORAGE.source, ...lexicon.storage_products].join('|'), 'iu'),
    };
  }

  /**
   * `lang`: the answer's language when it is not the question's (`--lang`, a user's setting): the notes are written in
   * it; the request's own `lang` stays the question's (the caller sets the answer's).
   */
  parse(raw: string, lang?: Lang | null): Parsed {
    // A question with Chinese in it is answered in Chinese.
    const asked: Lang = /[\u3400-\u9fff]/u.test(raw) ? 'zh' : 'en';
    const say = sayer(this.messages, lang ?? asked);
    this.say = say;
    // "2-4 A10": a range is priced at its top, with a note.
    const ranged = readRanges(dropLongTokens(normalise(raw)), (s) => this.gpuStart.test(s), say);
    const text = ranged.text;
    const req = emptyRequest('help');
    req.lang = asked;
    const notes: string[] = [...ranged.notes];
    const vague: Parsed['vague'] = { gpuWithoutModel: false, tokensWithoutSplit: false };
    const w = new Work(text);
    const wl = req.workload;
    const low0 = text.toLowerCase();

    // Instance types first: "ecs.gn7i-c8g1.2xlarge" must not be read as "8g", nor "S5.LARGE8" as anything else.
    const found = this.types.find(text);
    for (const t of found) blank(w, t.start, t.end - t.start);
    // Places and providers are read with the type names blanked out; the providers named settle ambiguous types.
    const entityText = w.text;
    const mentions = this.entities.find(entityText);
    const named = new Set(mentions.filter((m) => m.type === 'provider').map((m) => m.id));
    // "m8i.xlarge? no wait, m8i.4xlarge": a type the user corrected is withdrawn.
    const gone = withdrawn(text, found, this.lx.corrections);
    for (const t of gone) notes.push(say('parse.corrected', { said: t.raw }));
    const typeMatches: TypeMatch[] = found
      .filter((t) => !gone.has(t))
      .map((t) => ({ ...t, ...this.types.lookup(t.raw, named) }));
    let gpuFromType = false;
    const firstType = typeMatches[0];
    if (firstType) {
      wl.instanceType = firstType.type;
      if (firstType.shape) {
        wl.vcpu = firstType.shape.vcpu;
        wl.memoryGiB = firstType.shape.memoryGiB;
        if (firstType.shape.gpu) {
          wl.gpu = { ...firstType.shape.gpu };
          gpuFromType = true;
        }
      }
      const pre = /(\d+)\s*(?:x|\*|台|个)?\s*$/i.exec(text.slice(Math.max(0, firstType.start - 12), firstType.start));
      const post = /^\s*(?:x|\*)\s*(\d+)(?![\d.])|^\s*(\d+)\s*台/i.exec(text.slice(firstType.end, firstType.end + 12));
      if (pre) {
        wl.instances = Number(pre[1]);
        blank(w, firstType.start - pre[0].length, pre[0].length);
      } else if (post) {
        wl.instances = Number(post[1] ?? post[2]);
        blank(w, firstType.end, post[0].length);
      }
      for (const t of typeMatches.slice(1))
        if (t.type !== firstType.type) notes.push(say('parse.second-type', { type: t.type, first: firstType.type }));
    }

    // A price in the question: a vendor's quote to check ("a quote of 9.5 CNY/hour … good deal?"), or else a note.
    const quoting = this.lx.quote.some((r) => r.test(low0));
    const prices: {
      amount: number;
      currency: 'USD' | 'CNY' | null;
      per: 'hour' | 'month' | 'year' | null;
      said: string;
    }[] = [];
    const budgets: typeof prices = [];
    w.take(MONEY, (m, before, after) => {
      const sym = (m[1] ?? '').toLowerCase();
      const word = (m[4] ?? '').toLowerCase();
      if (!sym && !word) return false;
      const budget = this.lx.budgetBefore.some((r) => r.test(before)) || this.lx.budgetAfter.some((r) => r.test(after));
      const usd = sym === '$' || sym === 'us$' || sym === 'usd' || /usd|dollar|美元|美金|刀/.test(word);
      const amount = scaled(m[2] as string, m[3] === '千' ? 'k' : m[3]);
      let per = periodOf(m[5]);
      if (!per)
        per = periodOf(
          /(?:每|一|1\s*个?|per\s+|an?\s+)(小时|月|年|hour|month|year)\s*(?:的)?\s*(?:报价|价格|价钱|费用|是|为|要|收)?\s*[:：]?\s*$/iu.exec(
            before,
          )?.[1],
        );
      (budget ? budgets : prices).push({ amount, currency: usd ? 'USD' : 'CNY', per, said: m[0].trim() });
      return true;
    });
    for (const b of budgets) notes.push(budgetNote(b));
    if (quoting)
      w.take(RATE_AFTER_PERIOD, (m) => {
        prices.push({
          amount: scaled(m[2] as string, m[3] === '千' ? 'k' : m[3]),
          currency: req.lang === 'zh' ? 'CNY' : null,
          per: periodOf(m[1]),
          said: m[0].trim(),
        });
        return true;
      });
    if (quoting)
      w.take(BARE_RATE, (m) => {
        prices.push({
          amount: scaled(m[1] as string, m[2] === '千' ? 'k' : m[2]),
          currency: req.lang === 'zh' ? 'CNY' : null,
          per: periodOf(m[3]),
          said: m[0].trim(),
        });
        return true;
      });
    // "月租报价 2.2万", "年付 8万 一年", "we pay 150k a year": an amount without a currency, its period from the words around it.
    const bare = quoting && !prices.length ? quoteAmount(w.text, (at) => this.gpuStart.test(w.text.slice(at))) : null;
    if (bare) {
      prices.push({ amount: bare.amount, currency: req.lang === 'zh' ? 'CNY' : null, per: bare.per, said: bare.said });
      blank(w, bare.index, bare.length);
    }
    const firstPrice = prices[0];
    if (firstPrice && quoting && firstPrice.amount > 0) {
      req.quotedPrice = { amount: firstPrice.amount, currency: firstPrice.currency, per: firstPrice.per };
      for (const p of prices.slice(1)) notes.push(say('parse.price-unused.second', { said: p.said }));
    } else for (const p of prices) notes.push(say('parse.price-unused.not-quote', { said: p.said }));

    // Model tokens: "20M input and 5M output tokens", "input 20M tokens", "输入2000万 tokens", "30M in 10M out".
    let input: number | null = null;
    let output: number | null = null;
    // "每天大概 100万 输入", "2M input tokens a day": volumes a day, made monthly below.
    let daily = false;
    // "50M tokens/day in, 10M out", "输入token每天5千万": the day said inside the match counts too.
    const perDay = (before: string, after: string, said = '') => {
      if (TOKENS_DAILY_BEFORE.test(before) || TOKENS_DAILY_AFTER.test(after) || TOKENS_DAILY_INSIDE.test(said))
        daily = true;
    };
    const dir = (s: string) => (/^(input|prompt|输入)/i.test(s) ? 'input' : 'output');
    for (const re of [TOKENS_IN_OUT, TOKENS_SLASH_IN_OUT])
      w.take(re, (m, before, after) => {
        perDay(before, after, m[0]);
        input = (input ?? 0) + scaled(m[1] as string, m[2]);
        output = (output ?? 0) + scaled(m[3] as string, m[4]);
        return true;
      });
    w.take(TOKENS_THEN_DIRECTION, (m, before, after) => {
      // "input 20M output 5M": the 20M belongs to the input before it, not to the output after it.
      if (/(?:输入|输出|input|output|prompt|completion)\s*(?:tokens?)?\s*[:：]?\s*$/i.test(before)) return false;
      perDay(before, after);
      const n = scaled(m[1] as string, m[2]);
      if (dir(m[3] as string) === 'input') input = (input ?? 0) + n;
      else output = (output ?? 0) + n;
      return true;
    });
    // "每月1亿输入 2000万输出": a number written right against 输入/输出, unless the direction came first ("输入3亿输出…").
    w.take(ZH_TOKENS_THEN_DIRECTION, (m, before, after) => {
      if (/(?:输入|输出|input|output|prompt|completion)\s*[:：]?\s*$/i.test(before)) return false;
      perDay(before, after);
      const n = scaled(m[1] as string, m[2]);
      if (m[3] === '输入') input = (input ?? 0) + n;
      else output = (output ?? 0) + n;
      return true;
    });
    w.take(DIRECTION_THEN_TOKENS, (m, before, after) => {
      perDay(before, after, m[0]);
      const n = scaled(m[2] as string, m[3]);
      if (dir(m[1] as string) === 'input') input = (input ?? 0) + n;
      else output = (output ?? 0) + n;
      return true;
    });
    if (input !== null || output !== null) {
      if (daily) {
        const month = (n: number | null) => (n === null ? null : Math.round(n * DAYS_PER_MONTH));
        input = month(input);
        output = month(output);
        notes.push(this.say('parse.tokens-daily', { days: DAYS_PER_MONTH }));
      }
      wl.tokensPerMonth = { input: input ?? 0, output: output ?? 0 };
      if (input === null) notes.push(say('parse.no-input-tokens'));
      if (output === null) notes.push(say('parse.no-output-tokens'));
    } else {
      w.take(TOKENS, () => {
        vague.tokensWithoutSplit = true;
        return true;
      });
    }

    // Hosted model names.
    const models: string[] = [];
    MODEL_FAMILY.lastIndex = 0;
    for (let m = MODEL_FAMILY.exec(w.text); m; m = MODEL_FAMILY.exec(w.text)) {
      const end = readModel(w.text, m.index + m[0].length);
      if (end < w.text.length && /[A-Za-z0-9]/.test(w.text[end] as string)) continue; // "qwentastic", "glmx"
      // "qwen 2.5 72b", "qwen-3 max": Qwen writes its version against the family word ("qwen2.5-72b", "qwen3-max").
      const name = w.text
        .slice(m.index, end)
        .toLowerCase()
        .replace(/\s+/g, '-')
        .replace(/^(qwen)-(\d+(?:\.\d+)?)(?=-|$)/, '$1$2');
      if (!models.includes(name)) models.push(name);
      blank(w, m.index, end - m.index);
      MODEL_FAMILY.lastIndex = end;
    }
    // "文心 4.5 turbo", "豆包 1.5 pro": a Chinese family name with a version or tier names the model.
    if (!models.length)
      w.take(ZH_MODEL, (m) => {
        const fam = this.lx.families.find((f) => !f.platform && f.re.test(m[1] as string));
        if (!fam || (!m[2] && !m[3])) return false;
        // "豆包 1.5 pro 32k": the context length is part of the model's name.
        const name = [fam.family, m[2], m[3]?.toLowerCase(), m[4]?.toLowerCase()].filter(Boolean).join('-');
        models.push(name.replace(/^(qwen)-(\d)/, '$1$2'));
        return true;
      });
    wl.model = models[0] ?? null;
    if (models.length > 1)
      notes.push(
        say(models.length === 2 ? 'parse.second-model' : 'parse.more-models', {
          others: models.slice(1).join(', '),
          first: models[0] ?? '',
        }),
      );

    let secondGpu = false;
    // "2x A10, sorry I meant 2x L20": a GPU the user corrected is withdrawn, with its count.
    const gpuSpans = [...w.text.matchAll(this.gpuRe)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    for (const g of withdrawn(w.text, gpuSpans, this.lx.corrections)) {
      const count = /(\d+(?:\.\d+)?)\s*(?:x|\*|张|块|卡)?\s*$/i.exec(w.text.slice(Math.max(0, g.start - 8), g.start));
      const from = count ? g.start - count[0].length : g.start;
      notes.push(say('parse.corrected', { said: w.text.slice(from, g.end).trim() }));
      blank(w, from, g.end - from);
    }
    // GPUs: "2x A10", "two T4s", "4 x L20", "2张A10", "8卡H800", "A10 x2", "an A10".
    w.take(this.gpuRe, (m, before, after) => {
      const model =
        this.gpuByName.get((m[1] as string).toLowerCase().replace(/[\s-]+/g, '')) ?? (m[1] as string).toUpperCase();
      if (gpuFromType && wl.gpu?.model === model) return true;
      let count: number | null = null;
      const pre =
        /(\d+(?:\.\d+)?)\s*(?:x|\*|张|块|卡|片|颗|pcs?|-?\s*gpus?(?:\s+of)?|-?\s*cards?(?:\s+of)?|units?(?:\s+of)?)?\s*(?:nvidia\s+)?$/i.exec(
          before,
        );
      const post = /^\s*(?:gpus?|cards?)?\s*(?:x|\*)\s*(\d+)|^[\s,]*(\d+)\s*(?:张|块|卡|片|颗|cards?\b|gpus?\b)/i.exec(
        after,
      );
      // "4 H800 nodes (8 GPUs each)": the number before counts the machines, not the cards.
      const machines =
        pre && !/[张块卡片颗x*]|gpu|card|unit/i.test(pre[0]) && GPU_MACHINES_AFTER.test(after) && wl.instances === null;
      if (machines) wl.instances = Number(pre[1]);
      else if (pre) count = Number(pre[1]);
      else if (post) count = Number(post[1] ?? post[2]);
      else if (/\b(?:an?|1)\s*$/i.test(before)) count = 1;
      if (count === null) {
        count = 1;
        if (!wl.gpu) {
          vague.gpuCountAssumed = true;
          notes.push(say('parse.gpu-count-assumed', { model }));
        }
      }
      if (count > 0 && !wl.gpu) wl.gpu = { model, count };
      else if (wl.gpu && wl.gpu.model === model && !gpuFromType) wl.gpu.count += count;
      else if (wl.gpu && wl.gpu.model !== model) {
        secondGpu = true;
        notes.push(say('parse.second-gpu', { count, model, firstCount: wl.gpu.count, firstModel: wl.gpu.model }));
      }
      if (m[2]) notes.push(say('parse.gpu-memory', { said: m[0].trim(), model }));
      if (pre) blank(w, m.index - pre[0].length, pre[0].length);
      else if (post) blank(w, m.index + m[0].length, post[0].length);
      return true;
    });
    // "8卡服务器 2台 H800", "two 8-GPU nodes of H100": the cards a server holds, and the servers before it.
    if (wl.gpu && vague.gpuCountAssumed && !gpuFromType) {
      const gpu = wl.gpu;
      w.take(GPU_PER_SERVER, (m, before) => {
        if (!vague.gpuCountAssumed) return false;
        gpu.count = Number(m[1] ?? m[2]);
        vague.gpuCountAssumed = false;
        const i = notes.findIndex((n) => n.startsWith(`No ${gpu.model} count was given`));
        if (i >= 0) notes.splice(i, 1);
        const servers = /(\d+)\s*(?:x|\*|台)?\s*$/i.exec(before);
        if (servers && wl.instances === null) {
          wl.instances = Number(servers[1]);
          blank(w, m.index - servers[0].length, servers[0].length);
        }
        return true;
      });
    }
    // "H20 in Beijing, 8 cards", "H800 … 128 GPUs": a count of cards said apart from the model.
    if (wl.gpu && vague.gpuCountAssumed && !gpuFromType) {
      const gpu = wl.gpu;
      w.take(GPU_COUNT_APART, (m) => {
        if (!vague.gpuCountAssumed) return false;
        gpu.count = Number(m[1] ?? m[2]);
        vague.gpuCountAssumed = false;
        const i = notes.findIndex((n) => n.startsWith(`No ${gpu.model} count was given`));
        if (i >= 0) notes.splice(i, 1);
        return true;
      });
    }
    // "改成 4 张卡", "make it 8 GPUs": a count of cards with no model, which a follow-up applies to the last GPU.
    if (!wl.gpu)
      w.take(GPU_COUNT_APART, (m) => {
        if (vague.gpuCount !== undefined) return false;
        vague.gpuCount = Number(m[1] ?? m[2]);
        return true;
      });
    if (!wl.gpu && (vague.gpuCount !== undefined || /\bgpus?\b|显卡|算力卡|gpu/i.test(w.text)))
      vague.gpuWithoutModel = true;

    // vCPU and memory: "4c8g", "16核64G", "8 vCPU 32GB", "8 vCPUs / 32 GiB RAM".
    w.take(CPU_MEMORY_SHAPE, (m, before, after) => {
      wl.vcpu ??= Number(m[1]);
      wl.memoryGiB ??= Number(m[2]);
      this.instancesAround(w, wl, m, before, after);
      return true;
    });
    w.take(VCPUS, (m, before, after) => {
      wl.vcpu ??= Number(m[1]);
      this.instancesAround(w, wl, m, before, after);
      const mem = MEMORY_AFTER_VCPUS.exec(after);
      if (mem && wl.memoryGiB === null) {
        wl.memoryGiB = Number(mem[1]);
        blank(w, m.index + m[0].length, mem[0].length);
      }
      return true;
    });
    w.take(MEMORY_SIZE, (m) => {
      wl.memoryGiB ??= Number(m[1]);
      return true;
    });
    w.take(MEMORY_NAMED, (m) => {
      wl.memoryGiB ??= Number(m[1]);
      return true;
    });

    // Instances: "2台", "3 instances", "2x 8 vCPU" (the vCPU part is already consumed).
    w.take(INSTANCES, (m) => {
      wl.instances ??= Number(m[1]);
      return true;
    });
    // "8 vCPU 32GiB batch workers, x5": a lone "x5" after a machine shape counts the machines.
    if (wl.vcpu || wl.memoryGiB || wl.instanceType)
      w.take(TIMES, (m) => {
        if (wl.instances !== null) return false;
        wl.instances = Number(m[1]);
        return true;
      });

    // Sizes in GB/TB: classified by the words next to them.
    w.take(SIZE, (m, before, after) => {
      // "1TB/day egress": a day's transfer, made a month's (× 30.4 days) when it is egress.
      const daily = Boolean(m[4]);
      const gb = toGB(m[1] as string, m[2] as string);
      const monthly = Boolean(m[3]) || daily;
      const next = after.slice(0, 30);
      const prev = before.slice(-25);
      const which = (s: string) =>
        EGRESS.test(s) ? 'egress' : MEMORY.test(s) ? 'memory' : this.lx.storage.test(s) ? 'storage' : null;
      const firstIn = (text: string) => {
        const hits = [
          ['egress', text.search(EGRESS)],
          ['storage', text.search(this.lx.storage)],
          ['memory', text.search(MEMORY)],
        ].filter(([, i]) => (i as number) >= 0) as [string, number][];
        hits.sort((a, b) => a[1] - b[1]);
        return hits[0]?.[0] ?? null;
      };
      const firstNext = firstIn(next);
      // The words up to the next number (after) or since the last one (before) belong to this number: in
      // "object storage 20TB + 5TB egress/month" the egress is the 5TB's, not the 20TB's.
      const nextOwn = firstIn(next.slice(0, next.search(/\d|$/)));
      const prevOwn = which(prev.replace(/^[\s\S]*\d/, ''));
      const labelBefore = ADJACENT_LABEL.exec(prev)?.[1];
      const byLabel = labelBefore ? which(labelBefore) : null;
      // A word right before the number says what it is: "存50TB", "出网流量10TB", "内存64G".
      const adjacent = ADJACENT_SIZE_WORD.exec(before)?.[1];
      const byAdjacent = adjacent
        ? /存|盘/.test(adjacent)
          ? 'storage'
          : adjacent === '内存'
            ? 'memory'
            : 'egress'
        : null;
      const kind =
        byAdjacent ?? byLabel ?? nextOwn ?? prevOwn ?? firstNext ?? which(prev) ?? (monthly ? 'egress' : null);
      if (kind === 'egress' && daily && wl.egressGBPerMonth === null) {
        wl.egressGBPerMonth = Math.round(gb * DAYS_PER_MONTH);
        notes.push(
          this.say('parse.egress-daily', { said: m[0].trim(), days: DAYS_PER_MONTH, gb: wl.egressGBPerMonth }),
        );
      } else if (kind === 'egress') wl.egressGBPerMonth ??= gb;
      else if (kind === 'storage') wl.storageGB ??= gb;
      else if (kind === 'memory') wl.memoryGiB ??= Number(m[1]);
      else {
        notes.push(say('parse.size-unclear', { said: m[0].trim() }));
      }
      return true;
    });

    // Hours: "200 hours a month", "8 hours a day", "24/7", "每月200小时".
    const weekdays = WEEKDAYS.test(text);
    w.take(WEEKDAYS_SAID, () => true); // "每周5天", "5 days a week": said, and read through `weekdays`
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
    w.take(GPU_HOURS, (m) => {
      if (wl.hoursPerMonth !== null) return false;
      const gpus = wl.gpu?.count ?? 1;
      const total = Number(m[1]);
      wl.hoursPerMonth = Math.min(Math.round((total / gpus) * 10) / 10, MONTH_HOURS);
      notes.push(
        `"${m[0].trim()}" taken as ${wl.hoursPerMonth} hours a month for ${gpus === 1 ? 'one GPU' : `each of ${gpus} GPUs`}.`,
      );
      return true;
    });
    w.take(HOURS, (m) => {
      perMonth(Number(m[1]), (m[2] as string).toLowerCase(), m[0].trim());
      return true;
    });
    w.take(HOURS_ZH, (m) => {
      perMonth(Number(m[2]), m[1] as string, m[0].trim());
      return true;
    });
    // "weekdays 9-6", "9am-6pm on weekdays", "工作日 9点到18点": the span a day, on weekdays when they are said.
    w.take(CLOCK_SPAN, (m) => {
      if (wl.hoursPerMonth !== null) return false;
      const said = Boolean(m[2] || m[4]);
      if (!weekdays && !said) return false; // a bare "9-6" is only a time of day next to "weekdays"
      const span = clockSpan(Number(m[1]), m[2], Number(m[3]), m[4]);
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
    w.take(ALWAYS_ON, () => {
      wl.hoursPerMonth ??= MONTH_HOURS;
      return true;
    });

    // Duration: "3 months", "1 yr", "half a year", "一年", "3个月", "6 weeks".
    const setMonths = (n: number) => {
      if (req.durationMonths === null) req.durationMonths = Math.round(n * 100) / 100;
    };
    w.take(HALF_YEAR, () => {
      setMonths(6);
      return true;
    });
    w.take(ONE_PERIOD, (m) => {
      const u = (m[1] ?? m[0]).toLowerCase();
      setMonths(u.includes('quarter') ? 3 : u.includes('month') ? 1 : 12);
      return true;
    });
    w.take(YEARS, (m) => {
      const n = Number(m[1]);
      // A calendar year, not a term: "2026年5月", "阿里云2026年调价" (no one buys 1,900 years).
      if (m[2] === '年' && n >= 1900 && n <= 2200) return false;
      setMonths(n * 12);
      return true;
    });
    w.take(MONTHS, (m, before) => {
      if (/(?:per|a|\/|每)\s*$/i.test(before)) return false;
      // "外网流量一个月大概 5T", "一个月 200 小时": a month's amount (read before, so looked for in the text), a rate.
      const said = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      if (
        Number(m[1]) === 1 &&
        /月$/.test(m[2] as string) &&
        (MONTH_AMOUNT_AFTER.test(said) || MONTH_PRICE_AFTER.test(said))
      )
        return false;
      setMonths(Number(m[1]));
      return true;
    });
    w.take(QUARTERS, (m) => {
      setMonths(Number(m[1]) * 3);
      return true;
    });
    w.take(WEEKS, (m) => {
      setMonths((Number(m[1]) * 7) / 30.4);
      return true;
    });

    // Entities: providers, locations, areas, region ids.
    this.applyEntities(req, mentions, entityText, notes);
    for (const m of mentions) blank(w, m.start, m.end - m.start);
    this.impliedProviders(req, typeMatches, models, low0, notes);

    // Billing, currency, workload kind, signals.
    const low = text.toLowerCase();
    for (const b of this.lx.billing) if (!req.billing && b.res.some((r) => r.test(low))) req.billing = b.mode;
    // "包年", "yearly": a subscription by the year; with no duration said, the term is one year.
    const yearly = req.billing === 'subscription' ? this.lx.yearly.map((r) => r.exec(low)).find(Boolean) : null;
    if (yearly && req.durationMonths === null) {
      req.durationMonths = 12;
      vague.durationAssumed = true;
      notes.push(say('parse.one-year-term', { said: yearly[0].trim() }));
    }
    for (const c of this.lx.currency) if (!req.currency && c.res.some((r) => r.test(low))) req.currency = c.code;
    if (/\bin\s+(?:usd|dollars?|us\s*dollars?)\b|用美元|以美元/i.test(low)) req.currency = 'USD';
    if (/\bin\s+(?:rmb|cny|yuan|renminbi)\b|用人民币|以人民币/i.test(low)) req.currency = 'CNY';
    for (const k of this.lx.kinds) {
      if (req.workload.kind) break;
      if (k.kind === 'model-api' && !(wl.model || wl.tokensPerMonth || vague.tokensWithoutSplit)) continue;
      if (k.res.some((r) => r.test(low))) req.workload.kind = k.kind;
    }
    if (!req.workload.kind && wl.model && !wl.gpu) req.workload.kind = 'model-api';
    for (const c of this.lx.commerce) if (c.res.some((r) => r.test(low))) req.signals.commercePlatforms.push(c.id);
    req.signals.personalData = this.lx.personal.some((r) => r.test(low));
    if (this.lx.prodYes.some((r) => r.test(low))) req.signals.production = true;
    else if (this.lx.prodNo.some((r) => r.test(low)) || req.workload.kind === 'dev') req.signals.production = false;
    req.signals.renewal = this.lx.renewal.some((r) => r.test(low));

    if (!req.workload.kind && !wl.gpu && !wl.vcpu && !wl.instanceType && this.lx.families.some((f) => f.re.test(low)))
      req.workload.kind = 'model-api';

    const topics = this.lx.factTopics.filter((t) => t.res.some((r) => r.test(low))).map((t) => t.search);
    // Two GPUs, instance types or models named ("A100 x4 vs H100 x2"): two things to set side by side.
    const rivals = secondGpu || models.length > 1 || new Set(typeMatches.map((t) => t.type)).size > 1;
    req.intent = this.classify(text, req, vague, topics.length > 0, providersOr(mentions, entityText), rivals);
    if (req.intent === 'facts') req.topic = topicOf(raw, topics);
    else if (req.intent === 'questions') req.topic = topicOf(raw, []);
    if (req.intent !== 'facts' && req.intent !== 'questions' && req.intent !== 'help' && req.intent !== 'summary')
      notes.push(...this.unused(w.text, raw));
    if (req.intent === 'compare') req.sides = this.sides(text, req, notes);
    if (wl.instanceType && !wl.vcpu && !wl.gpu && !wl.memoryGiB)
      notes.push(say('parse.type-unknown', { type: wl.instanceType }));
    return { request: req, notes, vague };
  }

  /**
   * "1x L20 in Hangzhou vs 1x L4 on AWS Singapore": two sides, each with its own place and provider or its own GPU,
   * that the flat request would mix up (AWS in Hangzhou, the L4 dropped). Each side is read on its own; null when the
   * text has not exactly two sides or they do not differ that way ("Alibaba vs Tencent in Guangzhou" shares the place).
   */
  private sides(text: string, req: Request, notes: string[]): Request['sides'] {
    const parts = text.split(SIDE_SEPARATOR).filter((p) => p.trim());
    if (parts.length !== 2) return null;
    const [a, b] = parts.map((p) => {
      const r = this.parse(p).request;
      return {
        provider: r.providers.length === 1 ? (r.providers[0] ?? null) : null,
        location: r.locations.length === 1 ? (r.locations[0] ?? null) : null,
        gpu: r.workload.gpu,
      };
    }) as [NonNullable<Request['sides']>[number], NonNullable<Request['sides']>[number]];
    const placed = Boolean(a.location && b.location && a.location !== b.location && a.provider !== b.provider);
    const gpus = Boolean(a.gpu && b.gpu && a.gpu.model !== b.gpu.model);
    if (!placed && !gpus) return null;
    // "L4 vs T4 on AWS Tokyo": when only the GPUs differ, a provider or place said once holds for both sides.
    if (!placed)
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        x.provider ??= y.provider;
        x.location ??= y.location;
      }
    // Both sides on one placement ("L4 vs T4 on AWS Tokyo") cannot be told apart by where they run: not sides.
    if (a.provider === b.provider && a.location === b.location) return null;
    const [secondGpu = ''] = this.say('parse.second-gpu', { count: '\u0000' }).split('\u0000');
    const i = notes.findIndex((n) => n.startsWith(secondGpu));
    if (gpus && i >= 0) notes.splice(i, 1);
    const say = this.say;
    const said = (s: typeof a) => {
      const gpu = s.gpu ?? req.workload.gpu;
      return [
        gpu ? say('parse.side.gpu', { count: gpu.count, model: gpu.model }) : '',
        s.provider ? say('parse.side.on', { provider: this.providerName(s.provider) }) : say('parse.side.any'),
        s.location ? say('parse.side.in', { place: this.placeName(s.location) }) : '',
      ]
        .filter(Boolean)
        .join(say('parse.side.sep'));
    };
    notes.push(say('parse.sides', { a: said(a), b: said(b) }));
    return [a, b];
  }

  /** "3 x 4C16G", "2x 8 vCPU", "4C16G x5": the count of instances written next to a machine shape. */
  private instancesAround(w: Work, wl: Request['workload'], m: RegExpExecArray, before: string, after: string): void {
    if (wl.instances !== null) return;
    // "3 x 4C16G", "2台 8核", "3 个 4核8G 的实例", "3 of the 8c32g".
    const pre = /(\d+)\s*(?:x|台|个|套|of(?:\s+(?:the|those|these))?)\s*$/i.exec(before);
    const post = /^(?:\s*(?:g|gb|gib)?\s*(?:ram|memory)?)?[\s,]*(?:x|\*)\s*(\d+)(?![\d.])/i.exec(after);
    if (pre) {
      wl.instances = Number(pre[1]);
      blank(w, m.index - pre[0].length, pre[0].length);
    } else if (post) {
      wl.instances = Number(post[1]);
      blank(w, m.index + m[0].length, post[0].length);
    }
  }

  /** Providers a named instance type or model implies ("g4dn.xlarge" → AWS, "文心一言" → Baidu, DeepSeek → several). */
  private impliedProviders(req: Request, types: TypeMatch[], models: string[], said: string, notes: string[]): void {
    // "deepseek-r1-distill-qwen-32b" is a DeepSeek model: the base it was distilled from names no family.
    const low = said.replace(DISTILLED_BASE, 'distill');
    const namedAny = req.providers.length > 0;
    // "an r7.2xlarge equivalent on Huawei": the type gives the size; the providers named are the ones to price.
    const equivalent = namedAny && EQUIVALENT.test(low);
    // "m7i.2xlarge vs ecs.g8i.2xlarge": each type names its provider, so a comparison of types compares both.
    const seen = new Set<string>();
    for (const type of types) {
      if (seen.has(type.type)) continue;
      seen.add(type.type);
      this.impliedByType(req, type, namedAny, equivalent, notes);
    }
    if (namedAny) {
      this.secondModelProviders(req, models, low, notes);
      return;
    }
    const platforms = this.lx.families.filter((f) => f.platform && f.re.test(low));
    let implied: string[] = platforms.flatMap((f) => f.providers);
    // "EC2 in Virginia", "5TB in COS": a product only one provider sells names it.
    const products = this.lx.products
      .map((p) => ({ p: p.provider, at: Math.min(...p.res.map((r) => low.search(r)).filter((i) => i >= 0)) }))
      .filter((x) => Number.isFinite(x.at))
      .sort((a, b) => a.at - b.at)
      .map((x) => x.p);
    for (const p of products) if (!req.providers.includes(p as never)) req.providers.push(p as never);
    if (!implied.length) {
      // Every model family named, in the order written: "豆包和文心一言哪个划算" compares Volcano Engine and Baidu.
      const named = this.lx.families
        .filter((f) => !f.platform)
        .map((f) => ({ f, at: f.re.exec(low)?.index ?? -1 }))
        .filter((x) => x.at >= 0)
        .sort((a, b) => a.at - b.at);
      for (const { f } of named) {
        const model = models.find((m) => f.re.test(m));
        implied.push(...(model && f.open?.test(model) ? f.openProviders : f.providers));
      }
      implied = [...new Set(implied)];
    }
    for (const p of implied) if (!req.providers.includes(p as never)) req.providers.push(p as never);
    this.secondModelProviders(req, models, low, notes);
  }

  /**
   * "Baidu ernie-4.0 vs qwen-plus": two models compared, a provider named for one. The other model's only seller is
   * added, so both sides of the comparison are asked about.
   */
  private secondModelProviders(req: Request, models: string[], said: string, notes: string[]): void {
    const low = said.replace(DISTILLED_BASE, 'distill');
    const families = this.lx.families
      .filter((f) => !f.platform && f.re.test(low))
      .sort((a, b) => (a.re.exec(low)?.index ?? 0) - (b.re.exec(low)?.index ?? 0));
    if (families.length < 2) return;
    const byProvider: Record<string, string> = {};
    for (const f of families) {
      const model = models.find((m) => f.re.test(m));
      const sellers = model && f.open?.test(model) ? f.openProviders : f.providers;
      if (sellers.length === 1 && !sellers.some((p) => req.providers.includes(p as never))) {
        const p = sellers[0] as Request['providers'][number];
        req.providers.push(p);
        notes.push(
          `${model ?? f.family} is ${this.providerName(p)}'s model: ${this.providerName(p)} was added to the comparison.`,
        );
      }
      for (const p of sellers) if (model && req.providers.includes(p as never)) byProvider[p] ??= model;
    }
    // Each provider priced for its own model, when the models named split between them.
    if (new Set(Object.values(byProvider)).size < 2) return;
    req.workload.modelByProvider = byProvider;
    const prefixes = ['parse.second-model', 'parse.more-models'].map(
      (key) => this.say(key, { others: '\u0000' }).split('\u0000')[0] ?? '',
    );
    const i = notes.findIndex((n) => prefixes.some((p) => p && n.startsWith(p)));
    if (i >= 0) notes.splice(i, 1);
    notes.push(
      this.say('parse.model-per-provider', {
        list: Object.entries(byProvider)
          .map(([p, m]) => this.say('parse.model-on', { model: m, provider: this.providerName(p) }))
          .join(this.say('followup.note.sep')),
      }),
    );
  }

  /** The provider an instance type implies: added when it is the type's only provider. */
  private impliedByType(req: Request, type: TypeMatch, namedAny: boolean, equivalent: boolean, notes: string[]): void {
    if (equivalent && !type.providers.some((p) => req.providers.includes(p as never)))
      notes.push(this.say('parse.type-as-size', { type: type.type }));
    else if (type.providers.length === 1) {
      const p = type.providers[0] as Request['providers'][number];
      if (!req.providers.includes(p)) {
        if (namedAny)
          notes.push(this.say('parse.type-adds-provider', { type: type.type, provider: this.providerName(p) }));
        req.providers.push(p);
      }
    } else if (!type.providers.some((p) => req.providers.includes(p as never)))
      notes.push(
        this.say('parse.type-ambiguous', {
          type: type.type,
          providers: type.providers.map((p) => this.providerName(p)).join(this.say('parse.or')),
        }),
      );
  }

  private applyEntities(req: Request, mentions: Mention[], text: string, notes: string[]): void {
    const providers = new Set<string>();
    for (const m of mentions) if (m.type === 'provider') providers.add(m.id);
    const locations: string[] = [];
    const audience: string[] = [];
    const addUnique = (list: string[], v: string) => {
      if (!list.includes(v)) list.push(v);
    };
    let prevAudienceEnd = -1;
    let challenger: string | null = null;
    for (const m of mentions) {
      if (m.type === 'provider') {
        const before = text.slice(Math.max(0, m.start - 25), m.start);
        if (this.lx.incumbentBefore.test(before) && !req.signals.incumbent)
          req.signals.incumbent = m.id as Request['signals']['incumbent'];
        if (this.lx.challengerBefore?.test(before)) challenger ??= m.id;
        if (m.fuzzy)
          notes.push(this.say('parse.fuzzy', { said: text.slice(m.start, m.end), what: this.providerName(m.id) }));
        continue;
      }
      let slug = m.id;
      if (m.type === 'region') {
        const regions = m.regions ?? [];
        const named = regions.find((r) => providers.has(r.provider));
        const counts = new Map<string, number>();
        for (const r of regions) counts.set(r.location, (counts.get(r.location) ?? 0) + 1);
        slug = named?.location ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? m.id;
        if (!named && counts.size > 1)
          notes.push(
            this.say('parse.region-ambiguous', {
              id: m.id,
              list: regions
                .map((r) =>
                  this.say('parse.region-at', {
                    provider: this.providerName(r.provider),
                    place: this.placeName(r.location),
                  }),
                )
                .join(this.say('followup.note.sep')),
              place: this.placeName(slug),
            }),
          );
      }
      const before = text.slice(Math.max(0, m.start - 30), m.start);
      const after = text.slice(m.end, m.end + 30);
      const chained =
        prevAudienceEnd >= 0 && /^\s*(?:and|or|&|,|和|与|、|及)\s*$/i.test(text.slice(prevAudienceEnd, m.start));
      const isAudience = chained || this.lx.audienceAfter.test(after) || this.lx.audienceBefore.test(before);
      prevAudienceEnd = isAudience ? m.end : -1;
      if (m.fuzzy)
        notes.push(this.say('parse.fuzzy', { said: text.slice(m.start, m.end), what: this.placeName(slug) }));
      addUnique(isAudience ? audience : locations, slug);
    }
    for (const d of this.lx.demonyms) if (d.re.test(text)) addUnique(audience, d.slug);
    for (const d of this.lx.demonyms) d.re.lastIndex = 0;
    req.providers = [...providers] as Request['providers'];
    // "on Tencent Guangzhou, should we move to Huawei?": of two providers, the one not moved to is in use today.
    if (!req.signals.incumbent && challenger && providers.size === 2)
      req.signals.incumbent = req.providers.find((p) => p !== challenger) ?? null;
    req.locations = locations;
    req.signals.audience = audience;
  }

  /** A provider's name in the language of the question being parsed. */
  private providerName(id: string): string {
    const p = this.catalog.providers.find((x) => x.id === id);
    if (!p) return id;
    return this.say.lang === 'zh' ? (p.names_zh[0] ?? p.name) : p.name;
  }

  /** A place in the notes: its slug in English (as the notes always wrote it), its Chinese name in Chinese. */
  private placeName(slug: string): string {
    if (this.say.lang !== 'zh') return slug;
    const l = this.catalog.locations.find((x) => x.slug === slug) ?? this.catalog.areas.find((x) => x.slug === slug);
    return l?.names_zh[0] ?? slug;
  }

  /** Numbers and units left in the text after every extractor took its part: each becomes a note, never silence. */
  private unused(rest: string, raw: string): string[] {
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
          ? this.say('parse.unused.discount', { said })
          : /^(?:hours?|hrs?|h|小时)$/i.test(unit)
            ? this.say('parse.unused.hours', { said, n })
            : this.say('parse.unused.other', { said }),
      );
      if (out.length >= 3) break;
    }
    return out;
  }

  private classify(
    text: string,
    req: Request,
    vague: Parsed['vague'],
    aboutFacts = false,
    providersOr = false,
    rivals = false,
  ): Intent {
    const wl = req.workload;
    const sized = Boolean(
      wl.instanceType ||
        wl.gpu ||
        wl.vcpu ||
        wl.memoryGiB ||
        wl.storageGB ||
        wl.egressGBPerMonth ||
        wl.tokensPerMonth ||
        vague.tokensWithoutSplit,
    );
    const scores = this.compiled.map(({ intent, cues }) => ({
      intent,
      score: cues.reduce((sum, c) => sum + (c.re.test(text) ? c.weight : 0), 0),
    }));
    const bump = (id: Intent, by: number) => {
      const s = scores.find((x) => x.intent.id === id);
      if (s && (s.score > 0 || by > 0)) s.score += by;
    };
    if (sized) bump('estimate', 1);
    // A compliance, SLA, support, price-change, outage or region question is a facts question.
    if (aboutFacts) bump('facts', 3);
    // A pasted quote ("9.5 CNY/hour for A10, good deal?") is checked against the estimate.
    if (req.quotedPrice) bump('estimate', 3);
    // A comparison needs two things to compare: providers, places, or two GPUs / instance types / models.
    if (req.providers.length + req.locations.length + (rivals ? 2 : 0) < 2) bump('compare', -1.5);
    // "A100 x4 vs H100 x2", "m7i.2xlarge or ecs.g8i.2xlarge": two of a kind set against each other.
    // "A10 和 L20 分别多少钱": joined by "and", they are rivals only when the question already asks for a comparison.
    const compareCued = (scores.find((x) => x.intent.id === 'compare')?.score ?? 0) > 0;
    if (rivals && (SIDE_SEPARATOR.test(text) || (compareCued && /\band\b|和|与|跟/iu.test(text)))) bump('compare', 1);
    if (req.signals.incumbent && req.providers.length >= 2) bump('compare', 1);
    // "alibaba or tencent for 8x H20": two providers set against each other is a comparison (a place question naming
    // the providers it may use stays one: "which region is best … we only use AWS or Alibaba").
    if (providersOr) bump('compare', 1.5);
    const best = scores.sort((a, b) => b.score - a.score || b.intent.priority - a.intent.priority)[0];
    if (best && best.score > 0) return best.intent.id;
    if (sized) return 'estimate';
    if (req.providers.length >= 2) return 'compare';
    if (wl.kind) return 'place';
    return 'help';
  }
}

/** Hours between two clock times: "9-6" is 9:00 to 18:00, "9am-6pm" 9 hours, "9点到18点" 9 hours; null if not a span. */
function clockSpan(
  from: number,
  fromSuffix: string | undefined,
  to: number,
  toSuffix: string | undefined,
): number | null {
  const h24 = (n: number, suffix: string | undefined) => (suffix?.toLowerCase() === 'pm' && n < 12 ? n + 12 : n);
  const start = h24(from, fromSuffix);
  let end = h24(to, toSuffix);
  if (start > 24 || end > 24) return null;
  if (end <= start && !toSuffix && end + 12 > start && end + 12 <= 24) end += 12;
  const span = end - start;
  return span > 0 && span <= 24 ? span : null;
}

/** A budget said in the question is not priced: the note says how it was read, to hold the costs against. */
function budgetNote(b: { amount: number; currency: 'USD' | 'CNY' | null; per: string | null; said: string }): string {
  const amount = `${b.currency ?? ''} ${b.amount.toLocaleString('en-US')}`.trim();
  return `"${b.said}" was read as a budget of ${amount}${b.per ? ` a ${b.per}` : ''}: it is not priced; hold the costs below against it.`;
}

function periodOf(s: string | undefined): 'hour' | 'month' | 'year' | null {
  if (!s) return null;
  const u = s.toLowerCase();
  if (/^(?:h|hr|hrs|hours?|小时)$/.test(u)) return 'hour';
  if (/^(?:mo|months?|月)$/.test(u)) return 'month';
  if (/^(?:yrs?|years?|年)$/.test(u)) return 'year';
  return null;
}

/** The words of a facts or questions query, for searching the facts. */
/** No word, number, instance type or region id is this long; anything longer is noise. */
export const MAX_TOKEN_CHARS = 64;

/**
 * Parse cost bound: a run of Latin letters, digits, dots, dashes or underscores longer than MAX_TOKEN_CHARS
 * is blanked out before parsing, since every pattern that starts on a digit or letter run rescans it from
 * each position (and fuzzy matching compares it whole): a 4,000-digit token cost seconds, now it costs nothing.
 */
function dropLongTokens(text: string): string {
  return text.replace(new RegExp(`[A-Za-z0-9._-]{${MAX_TOKEN_CHARS + 1},}`, 'g'), ' ');
}

function topicOf(raw: string, search: string[]): string | null {
  const t = raw
    .normalize('NFKC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const said = t.toLowerCase();
  const words = [...new Set(search.join(' ').split(' '))].filter((x) => x && !said.includes(x)).join(' ');
  const both = words ? `${words}: ${t}` : t;
  return both.length ? both.slice(0, 300) : null;
}
