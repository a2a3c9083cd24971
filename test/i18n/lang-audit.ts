/**
 * The language audit: runs questions of every intent through the engine and every surface that shows text to a
 * user (console text, Slack blocks, CLI errors and help, quote CSV problems, imported price notes, the weekly summary
 * and its chart, Slack admin replies, price refreshes, App Home and forms, and the catalogue maintainer's commands:
 * importers' file errors, `catalog lint`, `coverage`, `stale`, `diff`), and finds
 * text in the other language: runs of English words in a Chinese answer (names, types, codes, units, URLs and the
 * sources' own quotes allowed), Chinese in an English answer (names and the user's own words allowed).
 *
 * Used by scripts/lang-audit.ts (counts per surface, every leak listed) and test/i18n/no-leaks.test.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackChanges } from '../../src/app/changes.js';
import { historyRecord } from '../../src/app/record.js';
import { runPublicRefresh, runRefresh } from '../../src/app/refresh.js';
import { weeklySummary } from '../../src/app/summary.js';
import { formatProblem, readProject } from '../../src/catalog/load.js';
import { readPriceTableText } from '../../src/catalog/price-table.js';
import type { Answer } from '../../src/domain/answer.js';
import type { Lang } from '../../src/domain/request.js';
import { Engine } from '../../src/engine.js';
import { InputError } from '../../src/errors.js';
import { PriceApiError } from '../../src/refresh/types.js';
import { spendChartSpec } from '../../src/render/chart.js';
import { answerMessages } from '../../src/slack/blocks.js';
import { CodedError, ErrorCode } from '../../src/slack/errors.js';
import { SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { isoWeekOf } from '../../src/store/week.js';
import { runCli } from '../helpers/cli.js';
import { fakeFactories, projectWithWatchlist, reading } from '../helpers/fake-price-source.js';
import { copyProject, editText, editYaml } from '../helpers/project.js';
import { startFakeFeeds } from '../refresh/public/fake-feeds.js';

export const TODAY = '2026-11-23';

/** Chinese questions of every intent (estimate, compare, place, facts, renewal, quote check, help, summary…). */
export const ZH_QUESTIONS: string[] = [
  // Stay-or-move: "what decides a move", with a catalogue egress price and a move out of the mainland.
  '我们要不要从阿里云迁到华为云？',
  '我们在阿里云上海，要不要迁到腾讯云新加坡？有淘宝用户数据',
  '阿里云杭州 16核64G 包年包月 一年多少钱？',
  '杭州 2张A10 推理 3个月 多少钱',
  '阿里云和腾讯云在新加坡 2张A10 推理 3个月 对比',
  '阿里云杭州和新加坡哪个便宜？8核32G web服务',
  '我们的天猫客服模型应该部署在哪里？',
  '面向大陆用户的生产网站，4台8核16G，放在哪里？',
  '面向海外用户的网站放在香港还是新加坡？',
  'AWS 香港 t3.large 按量 每月多少钱',
  'AWS 宁夏 包年 m5.xlarge 2台 人民币',
  '火山引擎 doubao-seed-1.6 每月1亿输入token 3000万输出 多少钱',
  '通义千问 qwen-plus 每月5000万输入 1000万输出 tokens',
  '百度 ernie-4.5-turbo 每月2000万 tokens',
  '华为云香港 对象存储 20TB + 每月5TB 流量',
  'UCloud 开发机 2核4G 一个月',
  '腾讯云 抢占式 批处理 32核128G 10台',
  '阿里云杭州 ECI 容器 抢占式 4核8G 外网流量每月500GB',
  'H800 训练 8卡 阿里云 vs 火山引擎 6个月',
  '阿里云A10报价9.5元/小时划算吗',
  '腾讯云广州 A10 报价 每小时12元 贵不贵',
  '续约阿里云GPU合同前要问哪些问题？',
  '阿里云续费时应该谈什么？',
  '华为云有ICP备案吗？',
  '腾讯云需要ICP备案吗',
  'AWS 中国区域如何做ICP备案',
  '香港服务器需要ICP备案吗',
  '个人信息出境有哪些规定？',
  'PIPL 个人数据出境 标准合同',
  '阿里云SLA是多少',
  '腾讯云技术支持有哪些级别',
  '阿里云2026年调价是怎么回事',
  '阿里云2023年11月宕机是怎么回事',
  '火山引擎在新加坡有地域吗？',
  '百度智能云在香港有地域吗',
  '抢占式实例会被释放吗',
  '帮助',
  '怎么用',
  '本周摘要',
  '我要GPU',
  '多少钱',
  '阿里云 GPU 推理',
  '杭州 大模型 token 多少钱',
  '香港 2张T4 推理 6个月 多少钱',
  '工作日 9点到18点 阿里云杭州 8核32G',
  '阿里云杭州 64核256G 3年 包年包月 对象存储 50TB',
  '腾讯云新加坡 T4 抢占式 6个月',
  '阿里云杭州 8核32G 2台 包1年，报价 18万/年',
];

/** English questions of the same intents: no Chinese may appear in their answers but names and quotes. */
export const EN_QUESTIONS: string[] = [
  '2x A10 inference in Hangzhou or Singapore for 3 months',
  'Alibaba Hangzhou 16 vCPU 64GB subscription for a year',
  'where should our Tmall customer-service model run?',
  'compare H800 training on Alibaba and Volcano Engine for 6 months',
  '2x T4 inference on AWS in Hong Kong or Singapore for 6 months, in dollars',
  'AWS Ningxia m5.xlarge subscription 2 instances in RMB',
  'qwen-plus 50M input 10M output tokens a month',
  'doubao-seed-1.6 100M tokens/month in, 30M out on Volcano Engine',
  'Huawei Cloud Hong Kong object storage 20TB + 5TB egress/month',
  'UCloud dev box 2 vCPU 4GB for 1 month',
  'Tencent spot batch 32 vCPU 128GB x10',
  'is 9.5 CNY/h for A10 on Alibaba a good deal?',
  'what should we ask Alibaba before renewing the GPU contract?',
  'what should we negotiate at renewal with Alibaba?',
  'does Huawei Cloud support ICP filing?',
  'do we need ICP filing in Hong Kong?',
  'what are the PIPL rules for exporting personal data?',
  'what is the Alibaba SLA?',
  'what happened in the November 2023 Alibaba outage?',
  'does Volcano Engine have a Singapore region?',
  'help',
  'weekly summary',
  'I need GPUs',
  'how much',
  'AWS Hong Kong t3.large on demand per month',
  'weekdays 9-6 Alibaba Hangzhou 8 vCPU 32GB',
];

/** CLI calls whose error sentence is in the question's (or --lang's) language. */
export const ZH_CLI_ERRORS: string[][] = [
  ['ask', '--no-record', '阿里云 -4核 多少钱'],
  ['ask', '--no-record', '阿里云杭州 5000核 多少钱'],
  ['ask', '--no-record', '杭州 2张A10 推理 2000个月'],
  ['ask', '--no-record', '阿里云 1e5 核'],
  ['ask', '--no-record', `杭州${'多少钱'.repeat(1500)}`],
  ['ask', '--no-record', '--lang', 'zh', '   '],
  ['ask', '--no-record', '--lang', 'zh', '2x A10 for 5000 months'],
  ['summary', '--lang', 'zh', '--week', '2026-W99'],
  // The CLI's own errors: the user's language from --lang, or from the Chinese they wrote in the arguments.
  ['frobnicate', '--lang', 'zh'],
  ['ask', '--no-record', '--jsno', '杭州 2张A10 推理 3个月'],
  ['summary', '--lang', 'zh', '--wek', '2026-W01'],
  ['summary', '--lang', 'zh', '--week'],
  ['summary', '--lang', 'zh', '--json=yes'],
  ['ask', '--lang', 'fr', '杭州 多少钱'],
  ['history', 'export', '--lang', 'zh', '--format', 'xml'],
  ['history', 'export', '--lang', 'zh', '--since', '2026-02-30'],
  ['history', 'frobnicate', '--lang', 'zh'],
  ['quotes', 'frobnicate', '--lang', 'zh'],
  ['quotes', 'remove', '--lang', 'zh'],
  ['quotes', 'import', '--lang', 'zh'],
  ['quotes', 'import', '/nonexistent/报价.csv'],
  ['quotes', 'import', '--lang', 'zh', '/'],
  ['quotes', 'add', '--lang', 'zh', '--provider', 'alibaba', '--resource', 'gpu', '--gpu', 'A10'],
  ['quotes', 'add', '--lang', 'zh', ...quoteFlags({ 'valid-until': '31/01/2027' })],
  ['quotes', 'add', '--lang', 'zh', ...quoteFlags({ 'valid-until': '2027-02-30' })],
  ['quotes', 'add', '--lang', 'zh', ...quoteFlags({ currency: 'EUR' })],
  ['quotes', 'add', '--lang', 'zh', ...quoteFlags({ unit: 'fortnight' })],
  ['quotes', 'add', '--lang', 'zh', ...quoteFlags({ billing: 'free' })],
  ['quotes', 'add', '--lang', 'zh', ...quoteFlags({ resource: 'tokens' })],
  ['catalog', 'frobnicate', '--lang', 'zh'],
  ['catalog', 'import', 'nope', '价格表.csv'],
  ['catalog', 'refresh', '--lang', 'zh', 'alibaba'],
  ['catalog', 'refresh', '--lang', 'zh', '--provider', 'nowhere'],
  ['catalog', 'refresh', '--lang', 'zh', '--provider', 'alibaba'],
  ['catalog', 'refresh', '--public', '--lang', 'zh', '--provider', 'nowhere'],
];

/** `procure quotes add` flags for a good quote, with some replaced. */
function quoteFlags(change: Record<string, string>): string[] {
  const good: Record<string, string> = {
    provider: 'alibaba',
    resource: 'gpu',
    gpu: 'A10',
    region: 'cn-hangzhou',
    price: '9.5',
    unit: 'instance-hour',
    currency: 'CNY',
    reference: 'ALI-1',
    'valid-until': '2027-01-31',
    ...change,
  };
  return Object.entries(good).flatMap(([k, v]) => [`--${k}`, v]);
}
export const EN_CLI_ERRORS: string[][] = [
  ['ask', '--no-record', 'Alibaba -4 vCPU'],
  ['ask', '--no-record', '2x A10 in Hangzhou for 2000 months'],
  ['ask', '--no-record', '   '],
  ['ask', '--no-record', '--lang', 'en', '杭州 2张A10 推理 2000个月'],
  ['summary', '--week', '2026-W99'],
  ['frobnicate'],
  ['summary', '--wek', '2026-W01'],
  ['quotes', 'import', '/nonexistent/quotes.csv'],
  ['quotes', 'add', ...quoteFlags({ 'valid-until': '31/01/2027' })],
  ['catalog', 'refresh', '--provider', 'nowhere'],
];

/** Slack admin commands: replies in the admin's language setting. */
export const ADMIN_COMMANDS: string[] = [
  'quotes',
  'quote add',
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=ALI-1 valid_until=2027-01-31',
  'quotes',
  'quote add provider=nowhere price=x',
  // What the quote schema refuses (zod): said in our own sentence naming the field, never zod's English.
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=fortnight currency=CNY reference=Z-1 valid_until=2027-01-31',
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=EUR reference=Z-2 valid_until=2027-01-31',
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=Z-3 valid_until=31/01/2027',
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=Z-4 valid_until=2027-02-30',
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY billing=free reference=Z-5 valid_until=2027-01-31',
  'quote add provider=alibaba resource=tokens region=cn-hangzhou price=9.5 unit=million-tokens currency=CNY reference=Z-6 valid_until=2027-01-31',
  'quote add provider=alibaba resource=gpu region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=Z-7 valid_until=2027-01-31',
  'quote remove',
  'quote remove NOPE',
  'quote remove ALI-1',
  'quote frobnicate',
  'settings',
  'settings summary-channel nowhere',
  'settings summary-channel <#C0123456|procurement>',
  'admin reload',
  'admin refresh',
  'admin refresh public',
];

// ---------------------------------------------------------------------------------------------------------------
// What counts as a leak.

/** Words allowed in a Chinese answer: names, codes, units, terms Chinese buyers write in English. */
const ALLOWED_WORDS = new Set(
  `alibaba aliyun alicloud cloud tencent huawei ucloud global aws amazon web services volcano engine volcengine baidu ai
  bytedance ecs eci cvm obs oss cos tos bos bcc ack cce gpu gpus cpu vcpu vcpus gib gb tb pb mb kb api apis sla slas icp
  pipl cac usd cny rmb hk sg ssd essd hdd linux windows token tokens ark ernie qwen doubao deepseek model studio
  bailian dashscope skypilot priceserver github statusgator nvidia amd intel arm x86 tmall taobao aliexpress
  id ids qps tps nat vpc cdn slb elb eip ip ipv4 ipv6 h800 h100 h20 a100 a10 a10g t4 l4 l20 l40 l40s v100 p4 lingjun
  pai ml llm csv json png yaml cli slack procure bot vs pay-as-you-go payg spot az ok url www https http com cn
  m r c g t x ri sp savings plans ec2 on-demand tier
  provider resource region price unit currency reference billing valid_until gpu_count gpu_model sku key value`
    .split(/\s+/)
    .filter(Boolean),
);

/** Short English words: a run with one of them is English, not a code. */
const SHORT_ENGLISH = new Set(
  `a an the of to in on at is be by or and for not no per as it its if up we you are was has can may all any but get
  set one two use new old day see say ask now off out own our too via yes few fee`.split(/\s+/),
);

/** Code-like tokens (instance types, region ids, fact ids, model names): anything with a digit, dot or hyphen. */
const CODE = /^(?=.*[\d._-])[A-Za-z0-9._/-]+$/;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export interface Leak {
  surface: string;
  question: string;
  text: string;
}

/** Strips what may stay in any language: URLs, `code`, [fact ids], the user's own words, quoted sources. */
function strip(text: string, allowedPhrases: string[]): string {
  let t = text
    .replace(/https?:\/\/[^\s)）>|]+/g, ' ')
    // File paths ("/tmp/lang-audit-catalog-Xyzabc/out/csv-sheet-rows.json"), taken out before the allowed phrases below
    // can cut one into pieces that look like words ("out/").
    .replace(/(?<![\w.])\.{0,2}\/[^\s，。；：、）)"“”]+/g, ' ')
    .replace(/<[^>|]*\|([^>]*)>/g, '$1')
    .replace(/`[^`]*`/g, ' ')
    // The sources' own words, quoted as they wrote them ("rates of your final order shall prevail").
    .replace(/"[^"\n]*"/g, ' ')
    .replace(/\[[a-z0-9][a-z0-9.,\s-]*\]/g, ' ')
    .replace(/\([a-z0-9]+(?:-[a-z0-9.]+)+\)/g, ' ')
    .replace(/（[a-z0-9]+(?:-[a-z0-9.]+)+）/g, ' ');
  // Longest first: a question that contains a shorter one ("多少钱") is taken out whole.
  for (const p of [...allowedPhrases].sort((a, b) => b.length - a.length)) if (p) t = t.split(p).join(' ');
  return t;
}

/** Runs of English words in a Chinese text that are not names, codes or units. */
export function englishRuns(text: string, allowedPhrases: string[] = []): string[] {
  const t = strip(text, allowedPhrases);
  const out: string[] = [];
  for (const line of t.split('\n')) {
    // A run: English words joined by spaces and light punctuation, no Chinese in between.
    for (const m of line.matchAll(/[A-Za-z][A-Za-z0-9'’._/-]*(?:[\s,;:()"“”!?]+[A-Za-z][A-Za-z0-9'’._/-]*)*/g)) {
      const words = m[0].split(/[\s,;:()"“”!?]+/).filter(Boolean);
      const bad = words.filter((w) => {
        const bare = w.replace(/[.,;:'’]+$/, '').replace(/^['’]+/, '');
        if (bare.length < 2) return false;
        if (ALLOWED_WORDS.has(bare.toLowerCase())) return false;
        if (CODE.test(bare) && !/^[a-z]+[.]$/.test(w)) return false;
        // Names: capitalised words (Omdia, DLA Piper, Elastic Load Balancing), mixed case (vePFS), acronyms.
        if (/^[A-Z]/.test(bare) || /[a-z][A-Z]/.test(bare)) return false;
        // Short lower-case codes (Baidu's region ids bj, gz, hkg) unless they are common English words.
        if (bare.length <= 3 && !SHORT_ENGLISH.has(bare)) return false;
        return true;
      });
      // A run of names is a sentence when it is long: "Where should our Tmall customer-service model run".
      const capitalised = words.filter((w) => /^[A-Z][a-z]/.test(w) && !ALLOWED_WORDS.has(w.toLowerCase()));
      if (capitalised.length >= 5) bad.push(...capitalised);
      if (bad.length > 0) out.push(m[0].trim());
    }
  }
  return out;
}

/** Runs of Chinese in an English text that are not names or the user's own words. */
export function chineseRuns(text: string, allowedPhrases: string[] = []): string[] {
  const t = strip(text, allowedPhrases);
  return [...t.matchAll(/[\u3400-\u9fff\uf900-\ufaff，。：；、（）“”！？]+/g)]
    .map((m) => m[0])
    .filter((s) => CJK.test(s));
}

/** Phrases that may appear in either language: product names with Chinese in them, the catalogue's own names. */
export function namePhrases(engine: Engine): { zh: string[]; en: string[] } {
  const c = engine.data.catalog;
  const services = [...new Set(c.prices.map((p) => p.service))];
  const providerNames = c.providers.flatMap((p) => [p.name, ...p.aliases]);
  const locationNames = [...c.locations, ...c.areas].flatMap((l) => [l.name]);
  const gpus = c.gpus.flatMap((g) => [g.model, ...g.aliases]);
  // Longest first, so "Alibaba Cloud" goes before "Alibaba".
  const byLength = (xs: string[]) => [...new Set(xs)].sort((a, b) => b.length - a.length);
  return {
    // In a Chinese answer: product and provider names as written by the providers.
    zh: byLength([...services, ...providerNames, ...gpus]),
    // In an English answer: product names that carry Chinese ("Ark (火山方舟)") and nothing else.
    en: byLength(services.filter((s) => CJK.test(s))).concat(locationNames.filter((s) => CJK.test(s))),
  };
}

function slackTexts(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') return out;
  if (Array.isArray(v)) {
    for (const x of v) slackTexts(x, out);
    return out;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'text' && typeof x === 'string') out.push(x);
      else if (k === 'value')
        continue; // button payloads carry the request, not words
      else slackTexts(x, out);
    }
  }
  return out;
}

/** Numbers, money and units written the other language's way (or wrong in both). */
export function formatSlips(text: string, lang: Lang): string[] {
  const t = text.replace(/https?:\/\/\S+/g, ' ').replace(/`[^`]*`/g, ' ');
  const found: string[] = [];
  const pattern =
    lang === 'zh'
      ? // Chinese money is written ¥1,234 / US$1,234; dates 2026年1月26日; no English plural or "/h".
        /\b(?:USD|CNY|RMB) ?\d[\d,.]*|(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])|\b1 months\b|\d\/h\b|\(s\)/g
      : /[¥]\d|US\$\d|\d{4}年\d{1,2}月|\b1 (?:months|days|GPUs|instances|questions|options)\b|\d\/h\b|\w\(s\)/g;
  for (const m of t.matchAll(pattern)) found.push(`format: ${m[0]}`);
  return found;
}

function finder(lang: Lang, engine: Engine): (text: string, extra?: string[]) => string[] {
  const names = namePhrases(engine);
  return lang === 'zh'
    ? (text, extra = []) => [...englishRuns(text, [...extra, ...names.zh]), ...formatSlips(strip(text, extra), 'zh')]
    : (text, extra = []) => [...chineseRuns(text, [...extra, ...names.en]), ...formatSlips(strip(text, extra), 'en')];
}

export interface AuditResult {
  /** Surfaces in the order they were checked, with how many texts were looked at. */
  checked: Record<string, number>;
  leaks: Leak[];
}

/** Questions asked in `lang` through the engine: console text and Slack blocks. */
export function auditAnswers(
  engine: Engine,
  lang: Lang,
  questions: string[],
  result: AuditResult,
): { question: string; answer: Answer }[] {
  const find = finder(lang, engine);
  const answers: { question: string; answer: Answer }[] = [];
  for (const question of questions) {
    let answer: Answer;
    try {
      answer = engine.ask(question, TODAY).answer;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      for (const leak of find(err.message, [question]))
        result.leaks.push({ surface: 'engine-error', question, text: leak });
      continue;
    }
    answers.push({ question, answer });
    const text = engine.text(answer);
    bump(result, 'console');
    for (const leak of find(text, [question])) result.leaks.push({ surface: 'console', question, text: leak });
    const slack = answerMessages(answer, engine.render(answer, 'slack'));
    bump(result, 'slack');
    const texts = [...slackTexts(slack.first), ...slackTexts(slack.rest), slack.text];
    for (const leak of find(texts.join('\n'), [question]))
      result.leaks.push({ surface: 'slack', question, text: leak });
  }
  return answers;
}

function bump(result: AuditResult, surface: string): void {
  result.checked[surface] = (result.checked[surface] ?? 0) + 1;
}

/** The CLI's error sentences. */
export async function auditCliErrors(engine: Engine, lang: Lang, calls: string[][], result: AuditResult) {
  const find = finder(lang, engine);
  for (const argv of calls) {
    const r = await runCli(argv);
    bump(result, 'cli-error');
    const question = argv.join(' ').slice(0, 80);
    if (r.code === 0) result.leaks.push({ surface: 'cli-error', question, text: '(no error: exit 0)' });
    for (const leak of find(r.err, argv)) result.leaks.push({ surface: 'cli-error', question, text: leak });
  }
}

/** `procure help` in a language: the descriptions (the command synopses are code, the same in both). */
export async function auditHelp(engine: Engine, lang: Lang, result: AuditResult) {
  const find = finder(lang, engine);
  const r = await runCli(['help', '--lang', lang]);
  bump(result, 'cli-help');
  const words = r.out
    .split('\n')
    .map((line) => line.replace(/^\s*procure .*?(?= {2,}|$)/, ' ').replace(/^\s+\[.*$/, ' '))
    .join('\n');
  for (const leak of find(words)) result.leaks.push({ surface: 'cli-help', question: 'procure help', text: leak });
}

/**
 * Files given to the CLI: a quotes CSV with bad rows (each row's problem), one separated by semicolons, one that is
 * binary; and a user's own price import (`procure catalog import …` into a scratch directory): every row's note has
 * its Chinese (note_zh), which must be Chinese.
 */
export async function auditCliFiles(engine: Engine, lang: Lang, result: AuditResult) {
  const find = finder(lang, engine);
  const dir = mkdtempSync(join(tmpdir(), 'lang-audit-files-'));
  const write = (name: string, text: string | Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const header = 'provider,resource,region,price,unit,currency,reference,valid_until,gpu_model';
  const files = [
    write(
      'quotes.csv',
      [
        header,
        'nosuchcloud,gpu,cn-hangzhou,9.5,instance-hour,CNY,BAD-1,2027-01-31,A10',
        'alibaba,gpu,cn-hangzhou,9.5,instance-hour,EUR,BAD-2,2027-01-31,A10',
        'alibaba,gpu,cn-hangzhou,9.5,instance-hour,CNY,BAD-3,31/01/2027,A10',
        'alibaba,gpu,cn-hangzhou,"9.5,instance-hour,CNY,BAD-4,2027-01-31,A10',
        '',
      ].join('\n'),
    ),
    write('semicolons.csv', `${header.replaceAll(',', ';')}\n`),
    write('binary.csv', Buffer.from([0, 1, 2, 255, 254, 0])),
  ];
  try {
    for (const file of files) {
      const r = await runCli(['quotes', 'import', '--lang', lang, file]);
      bump(result, 'cli-error');
      for (const leak of find(r.err + r.out, [file, 'nosuchcloud']))
        result.leaks.push({ surface: 'cli-error', question: `quotes import ${file.split('/').pop()}`, text: leak });
    }
    if (lang !== 'zh') return;
    const fixtures = join(import.meta.dirname, '..', 'catalog', 'fixtures');
    const feeds = join(import.meta.dirname, '..', 'refresh', 'public', 'fixtures');
    const imports: string[][] = [
      ['alibaba-price-file', join(fixtures, 'alibaba-instancePrice.json'), '--as-of', '2026-12-01'],
      ['tencent-feed', join(feeds, 'tencent', 'DescribeZoneInstanceConfigInfos-ap-guangzhou.json')],
      ['huawei-feed', join(feeds, 'huawei', 'productInfo-cn-north-4.json')],
      [
        'volcengine-feed',
        join(feeds, 'volcengine', 'ListTemplate.json'),
        '--table',
        join(feeds, 'volcengine', 'GetTable.json'),
      ],
    ];
    for (const argv of imports) {
      const out = mkdtempSync(join(dir, 'out-'));
      const r = await runCli(['catalog', 'import', ...argv, '--out', out]);
      const question = `catalog import ${argv[0]}`;
      bump(result, 'import-notes');
      if (r.code !== 0) result.leaks.push({ surface: 'import-notes', question, text: `(not imported: ${r.err})` });
      for (const f of readdirSync(out)) {
        const table = readPriceTableText(readFileSync(join(out, f), 'utf8'));
        for (const p of table?.prices ?? []) {
          if (p.note && !p.note_zh)
            result.leaks.push({ surface: 'import-notes', question, text: `no note_zh: ${p.id}` });
          for (const leak of find(p.note_zh ?? ''))
            result.leaks.push({ surface: 'import-notes', question, text: leak });
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The weekly summary (text and Slack) and its chart, built from the answers of this audit. */
export async function auditSummary(
  engine: Engine,
  lang: Lang,
  own: { question: string; answer: Answer }[],
  result: AuditResult,
  /** Questions asked in the other language the same week: their bot-written lines must be said in `lang` too. */
  others: { question: string; answer: Answer }[] = [],
) {
  const answers = [...own, ...others];
  const questions = answers.map((a) => a.question);
  const find = finder(lang, engine);
  const dir = mkdtempSync(join(tmpdir(), 'lang-audit-'));
  const store = await FileStore.open(dir, { writer: true });
  try {
    const now = new Date(`${TODAY}T10:00:00Z`);
    for (const { question, answer } of answers)
      if (answer.kind !== 'help' && answer.kind !== 'followup' && answer.kind !== 'summary')
        await store.recordRequest(
          historyRecord(
            { text: question, request: answer.request, answer },
            { surface: 'slack', user: 'U1', channel: 'C1' },
            now,
          ),
        );
    const week = isoWeekOf(now);
    const summary = await weeklySummary(store, engine, week, TODAY, lang);
    for (const target of ['text', 'slack'] as const) {
      bump(result, 'summary');
      for (const leak of find(engine.renderer.summary(summary, target, lang), questions))
        result.leaks.push({ surface: 'summary', question: `summary (${target})`, text: leak });
    }
    const chartWords = engine.renderer.chartWords(lang, summary.currency, {
      week,
      from: summary.weeks[0] ?? week,
    });
    const spec = spendChartSpec(summary.spendByWeek, summary.weeks, summary.currency, chartWords);
    bump(result, 'chart');
    // The words a reader sees: the title, the axis and legend titles, the legend entries.
    const sp = spec as unknown as {
      title: { text: string };
      data: { values: { provider: string }[] };
      encoding: Record<string, { title?: string }>;
    };
    const words = [
      sp.title.text,
      ...Object.values(sp.encoding).map((e) => e.title ?? ''),
      ...new Set(sp.data.values.map((v) => v.provider)),
    ].join('\n');
    for (const leak of find(words)) result.leaks.push({ surface: 'chart', question: 'chart spec', text: leak });
    for (const leak of find(`${chartWords.post}\n${chartWords.file}`))
      result.leaks.push({ surface: 'chart', question: 'summary post', text: leak });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Slack admin replies for an admin whose language setting is `lang`. */
export async function auditAdmin(engine: Engine, lang: Lang, commands: string[], result: AuditResult) {
  const find = finder(lang, engine);
  const dir = mkdtempSync(join(tmpdir(), 'lang-audit-'));
  const store = await FileStore.open(dir, { writer: true });
  try {
    const service = new SlackService(engine, () => TODAY, { store, admins: ['UADMIN'] });
    await service.loadQuotes();
    await service.handle(`lang ${lang}`, { user: 'UADMIN' });
    await service.handle(`lang ${lang}`, { user: 'UOTHER' });
    const run = async (command: string, user: string) => {
      const m = await service.handle(command, { user });
      bump(result, 'slack-admin');
      const texts = [...slackTexts(m.first), ...slackTexts(m.openModal ?? null), m.text];
      // The admin's own values (key=value) may be quoted back as written.
      const own = command
        .split(/\s+/)
        .flatMap((w) => w.split('=').slice(1))
        .filter((w) => !ALLOWED_WORDS.has(w.toLowerCase()));
      for (const leak of find(texts.join('\n'), [command, ...own]))
        result.leaks.push({
          surface: 'slack-admin',
          question: `${user === 'UADMIN' ? '' : '(not admin) '}${command}`,
          text: leak,
        });
    };
    for (const command of commands) await run(command, 'UADMIN');
    // A question Slack cannot answer: the error reply a user sees, whole.
    for (const question of lang === 'zh' ? ['阿里云 -4核 多少钱', '杭州 2张A10 推理 2000个月'] : ['Alibaba -4 vCPU']) {
      bump(result, 'slack-error');
      try {
        await service.handle(question, { user: 'UOTHER' });
        result.leaks.push({ surface: 'slack-error', question, text: '(answered: no error)' });
      } catch (err) {
        for (const leak of find(service.errorText(err, { text: question }), [question]))
          result.leaks.push({ surface: 'slack-error', question, text: leak });
      }
    }
    await run('quote add provider=alibaba', 'UOTHER');
    await run('admin reload', 'UOTHER');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Slack's other surfaces for a user who asked in `lang` (no language setting): the home tab, the refine form and the
 * quote form opened from the answer's buttons, a button's error, the CSV export's comment and the not-a-member
 * sentence; and the home tab of a user whose setting is `lang`.
 */
export async function auditSlackUi(engine: Engine, lang: Lang, result: AuditResult) {
  const find = finder(lang, engine);
  const dir = mkdtempSync(join(tmpdir(), 'lang-audit-'));
  const store = await FileStore.open(dir, { writer: true });
  try {
    const service = new SlackService(engine, () => TODAY, { store, admins: ['UADMIN'] });
    const check = (surface: string, question: string, texts: string[], own: string[] = []) => {
      bump(result, surface);
      for (const leak of find(texts.join('\n'), own)) result.leaks.push({ surface, question, text: leak });
    };
    const question = lang === 'zh' ? '阿里云A10报价9.5元/小时划算吗' : 'is 9.5 CNY/h for A10 on Alibaba a good deal?';
    for (const user of ['UQ', 'UADMIN']) await service.handle(question, { user, conversation: `D-${user}` });
    check('slack-ui', 'home tab (asked a question)', slackTexts(service.home('UQ')), [question]);
    await service.handle(`lang ${lang}`, { user: 'USET' });
    check('slack-ui', 'home tab (language setting)', slackTexts(service.home('USET')));
    const answer = engine.ask(question, TODAY).answer;
    const messages = answerMessages(answer, engine.render(answer, 'slack'));
    const raw = (action: string): string | undefined => {
      const walk = (v: unknown): string | undefined => {
        if (Array.isArray(v)) return v.map(walk).find((x) => x !== undefined);
        if (!v || typeof v !== 'object') return undefined;
        const o = v as Record<string, unknown>;
        if (o.action_id === action && typeof o.value === 'string') return o.value;
        return Object.values(o)
          .map(walk)
          .find((x) => x !== undefined);
      };
      return walk([...messages.first, ...messages.rest]);
    };
    check('slack-ui', 'refine form', slackTexts(service.refineView(answer.request, {})));
    const quote = raw('procure_save_quote');
    if (quote === undefined)
      result.leaks.push({ surface: 'slack-ui', question: 'save-quote button', text: '(no button)' });
    for (const user of ['UQ', 'UADMIN']) {
      const r = service.saveQuote(quote, user);
      check(
        'slack-ui',
        `save as quote (${user === 'UADMIN' ? 'admin' : 'not admin'})`,
        'text' in r ? [r.text] : slackTexts(r.view),
      );
    }
    check('slack-ui', 'button error (expired)', [
      service.errorText(new CodedError(ErrorCode.Expired, 'x'), { user: 'UNEW', lang: answer.lang }),
    ]);
    check('slack-ui', 'export and form sentences', [
      service.words('UQ', 'slack.export.comment'),
      service.words('UNEW', 'slack.export.not-member', answer.lang),
      service.words('UQ', 'form.err.unreadable'),
      service.formExpired(service.langFor('UQ')),
    ]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A watchlist with a type that reads, one the API throttles, and a billing mode the (fake) API cannot price. */
const AUDIT_WATCH = `provider: alibaba
watch:
  - instance_type: ecs.gn7i-c8g1.2xlarge
    kind: gpu-instance
    vcpu: 8
    memoryGiB: 30
    gpu: { model: A10, count: 1 }
    regions: [cn-hangzhou]
    billing: [payg, spot]
    source: https://www.alibabacloud.com/help/en/ecs/user-guide/gpu-accelerated-compute-optimized-and-vgpu-accelerated-instance-families-1
    as_of: 2026-11-23
  - instance_type: ecs.g7.2xlarge
    kind: compute
    vcpu: 8
    memoryGiB: 32
    regions: [cn-hangzhou]
    billing: [payg]
    source: https://www.alibabacloud.com/help/en/ecs/user-guide/general-purpose-instance-families
    as_of: 2026-11-23
`;

/** Slack admin commands that run a refresh, for an admin whose language is `lang`. */
export const REFRESH_COMMANDS = [
  'admin refresh dry-run',
  'admin refresh nowhere',
  'admin refresh',
  'admin refresh public nowhere',
  'admin refresh public alibaba',
  'admin refresh public tencent',
];

/**
 * Price refreshes as an admin reads them: `/procure admin refresh` (price APIs, with a scripted source: one price
 * read, one call throttled, one billing mode the API cannot price; a dry run; an unknown provider; missing
 * credentials), `/procure admin refresh public` (the recorded public feeds on a loopback server; one that answers
 * 503), the scheduled refresh's DM, and the weekly summary's refresh and price-change lines afterwards.
 */
export async function auditRefresh(lang: Lang, result: AuditResult, commands: string[] = REFRESH_COMMANDS) {
  const root = projectWithWatchlist('alibaba', AUDIT_WATCH);
  const dir = mkdtempSync(join(tmpdir(), 'lang-audit-'));
  const store = await FileStore.open(dir, { writer: true });
  const feeds = await startFakeFeeds();
  feeds.answers.set('tencent:regions', { status: 503 });
  const now = () => new Date(`${TODAY}T10:00:00Z`);
  const script = {
    'ecs.gn7i-c8g1.2xlarge|cn-hangzhou|payg': [reading(6.5)],
    'ecs.g7.2xlarge|cn-hangzhou|payg': [
      new PriceApiError('throttled', 'Request was denied due to flow control.', 'Throttling'),
    ],
  };
  const factories = Object.fromEntries(
    Object.entries(fakeFactories(script)).map(([k, f]) => [k, { ...f, billing: ['payg' as const] }]),
  ) as unknown as ReturnType<typeof fakeFactories>;
  const load = (): { engine: Engine } | { problems: string[] } => {
    const { data, problems } = readProject(root);
    return data ? { engine: new Engine(data, {}) } : { problems: problems.map(formatProblem) };
  };
  try {
    const first = load();
    if (!('engine' in first)) throw new Error(`the audit's project does not load: ${first.problems[0]}`);
    const engine = first.engine;
    // The snapshot the refresh's changes are measured against.
    await trackChanges(store, engine.data.catalog, now());
    const make = (env: Record<string, string>) =>
      new SlackService(engine, () => TODAY, {
        store,
        admins: ['UADMIN'],
        reload: async () => load(),
        refresh: async ({ providers, dryRun, by, say }) =>
          (
            await runRefresh({
              root,
              providers,
              dryRun,
              env,
              factories,
              store,
              by,
              now,
              say,
              retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
            })
          ).text,
        refreshPublic: async ({ providers, dryRun, by, say }) =>
          (
            await runPublicRefresh({
              root,
              providers,
              dryRun,
              env: feeds.env(),
              store,
              by,
              now,
              say,
              bounds: {
                timeoutMs: 5_000,
                maxBytes: 5_000_000,
                retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 5 },
              },
            })
          ).text,
        notify: async (_user, text) => {
          dms.push(text);
        },
        refreshReplyWithinMs: 60_000,
      });
    const dms: string[] = [];
    const find = finder(lang, engine);
    // The admin's own words (a provider named wrong) may be quoted back as written.
    const check = (surface: string, question: string, texts: string[]) => {
      bump(result, surface);
      const own = question.split(' ').filter((w) => !['admin', 'refresh', 'public', 'dry-run'].includes(w));
      for (const leak of find(texts.join('\n'), [question, ...own]))
        result.leaks.push({ surface, question, text: leak });
    };
    const run = async (service: SlackService, command: string) => {
      const m = await service.handle(command, { user: 'UADMIN' });
      check('slack-refresh', command, [...slackTexts(m.first), m.text]);
    };
    const noKeys = make({});
    await noKeys.handle(`lang ${lang}`, { user: 'UADMIN' });
    await run(noKeys, 'admin refresh alibaba');
    const service = make({ FAKE_ALIBABA_KEY: 'k' });
    await service.loadQuotes();
    for (const command of commands) await run(service, command);
    await service.scheduledRefresh();
    check('slack-refresh', 'scheduled refresh (DM)', dms);
    // The weekly summary after the refreshes: their totals and the price changes they made.
    const after = load();
    if ('engine' in after) {
      const summary = await weeklySummary(store, after.engine, isoWeekOf(now()), TODAY);
      for (const target of ['text', 'slack'] as const)
        check('summary', `summary after refresh (${target})`, [after.engine.renderer.summary(summary, target, lang)]);
    }
  } finally {
    await feeds.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

/** The whole audit in one language. */
export async function audit(engine: Engine, lang: Lang): Promise<AuditResult> {
  const result: AuditResult = { checked: {}, leaks: [] };
  const questions = lang === 'zh' ? ZH_QUESTIONS : EN_QUESTIONS;
  const answers = auditAnswers(engine, lang, questions, result);
  await auditCliErrors(engine, lang, lang === 'zh' ? ZH_CLI_ERRORS : EN_CLI_ERRORS, result);
  await auditHelp(engine, lang, result);
  await auditCliFiles(engine, lang, result);
  const others = auditAnswers(engine, lang === 'zh' ? 'en' : 'zh', lang === 'zh' ? EN_QUESTIONS : ZH_QUESTIONS, {
    checked: {},
    leaks: [],
  });
  await auditSummary(engine, lang, answers, result, others);
  await auditAdmin(engine, lang, ADMIN_COMMANDS, result);
  await auditSlackUi(engine, lang, result);
  await auditRefresh(lang, result);
  await auditCatalogTools(engine, lang, result);
  return result;
}

/**
 * The catalogue maintainer's commands, with bad input: every importer given files it cannot read (empty, binary, cut
 * off, of another shape, missing columns, a bad number or date), `procure catalog lint` on a broken copy of the
 * project (loader and schema problems, a broken watchlist, the warnings of a catalogue that loads), and the reports
 * (`catalog coverage`, `catalog stale`, `catalog diff` with a recorded price change). Surfaces: import-error, lint,
 * catalog-report.
 */
export async function auditCatalogTools(engine: Engine, lang: Lang, result: AuditResult) {
  const find = finder(lang, engine);
  const dir = mkdtempSync(join(tmpdir(), 'lang-audit-catalog-'));
  const roots: string[] = [];
  const write = (name: string, text: string | Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const feeds = join(import.meta.dirname, '..', 'refresh', 'public', 'fixtures');
  const fixtures = join(import.meta.dirname, '..', 'catalog', 'fixtures');
  const feed = (path: string) => readFileSync(join(feeds, path), 'utf8');
  const binary = Buffer.from([0, 1, 2, 255, 254, 0, 10]);
  try {
    const empty = write('empty.json', '');
    const bin = write('binary.json', binary);
    const cut = write('cut.json', '{"pricingInfo": {"cn-hangzhou::ecs.g7.large::vpc::linux::optimized": {"hours": [');
    const other = write('other.json', '{"hello": "world"}');
    const out = join(dir, 'out');
    const price = readFileSync(join(fixtures, 'alibaba-instancePrice.json'), 'utf8');
    /** `partial`: a sheet with good rows among the bad, imported in part (exit 0). */
    const calls: { argv: string[]; own?: string[]; partial?: boolean }[] = [
      // AWS offer files.
      { argv: ['aws-offer', other, '--region', 'ap-east-1'] },
      { argv: ['aws-offer', empty, '--region', 'ap-east-1'] },
      { argv: ['aws-offer', other, '--region', 'xx-nowhere-1'], own: ['xx-nowhere-1'] },
      {
        argv: [
          'aws-offer',
          write(
            'offer-cut.json',
            '{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"20261101","publicationDate":"2026-11-01T00:00:00Z","products":{"SKU1":{"sku":',
          ),
          '--region',
          'ap-east-1',
        ],
      },
      // Alibaba's price file.
      ...[empty, bin, cut, other].map((f) => ({ argv: ['alibaba-price-file', f] })),
      { argv: ['alibaba-price-file', write('jpy.json', price.replace(/"currency":\s*"CNY"/, '"currency": "JPY"'))] },
      { argv: ['alibaba-price-file', write('nocur.json', price.replace(/"currency":\s*"CNY",?/, ''))] },
      { argv: ['alibaba-price-file', join(fixtures, 'alibaba-instancePrice-bad-row.json')] },
      {
        argv: [
          'alibaba-price-file',
          write('badkey.json', '{"currency":"CNY","version":"1","pricingInfo":{"cn-hangzhou::ecs.g7.large":{}}}'),
        ],
      },
      {
        argv: [
          'alibaba-price-file',
          write(
            'badperiod.json',
            '{"currency":"CNY","version":"1","pricingInfo":{"cn-hangzhou::ecs.g7.large::vpc::linux::optimized":{"months":[{"price":"10","period":"x"}]}}}',
          ),
        ],
      },
      // SkyPilot's vms.csv.
      ...[
        write('empty.csv', ''),
        write('binary.csv', binary),
        join(fixtures, 'skypilot-wrong-shape.csv'),
        join(fixtures, 'skypilot-bad-row.csv'),
        write(
          'sky-empty-cell.csv',
          'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,SpotPrice,Region,AvailabilityZone\n,,,2,8,0.1,,us-east-1,us-east-1a\n',
        ),
        write(
          'sky-quote.csv',
          'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,SpotPrice,Region,AvailabilityZone\n"m5.large,,,2,8,0.1,,us-east-1,us-east-1a\n',
        ),
      ].map((f) => ({ argv: ['skypilot', f, '--provider', 'aws'] })),
      // A price sheet (CSV).
      ...[
        write('sheet-binary.csv', binary),
        write('sheet-header.csv', 'provider,price\nalibaba,1\n'),
        write(
          'sheet-rows.csv',
          [
            'id,provider,kind,service,unit,price,currency,source,as_of,region',
            'x1,alibaba,compute,ECS,instance-hour,1,CNY,https://example.com/p,2026-02-30,cn-hangzhou',
            'x2,alibaba,compute,ECS,instance-hour,1,CNY,https://example.com/p,2026-01-01,ap-nowhere',
            'x3,alibaba,compute,ECS,instance-hour,1,CNY,,2026-01-01,cn-hangzhou',
            'x4,alibaba,gpu-instance,ECS,instance-hour,1,CNY,https://example.com/p,2026-01-01,cn-hangzhou',
            'x5,alibaba,compute,ECS,fortnight,1,CNY,https://example.com/p,2026-01-01,cn-hangzhou',
            'x6,alibaba,compute,ECS,instance-hour,abc,CNY,https://example.com/p,2026-01-01,cn-hangzhou',
            'x7,alibaba,compute,ECS,instance-hour,1,CNY,somewhere,31/01/2026,cn-hangzhou',
            'x7,alibaba,compute,ECS,instance-hour,1,CNY,https://example.com/p,2026-01-01,cn-hangzhou',
            'x7,alibaba,compute,ECS,instance-hour,1,CNY,https://example.com/p,2026-01-01,cn-hangzhou',
            '',
          ].join('\n'),
        ),
        write('sheet-quote.csv', 'id,provider,kind,service,unit,price,currency,source,as_of\n"x1,alibaba\n'),
      ].map((f) => ({
        argv: ['csv', f],
        own: ['ap-nowhere', 'fortnight', 'somewhere', 'abc'],
        partial: f.endsWith('sheet-rows.csv'),
      })),
      // The public calculator feeds.
      ...['tencent-feed', 'huawei-feed'].flatMap((format) =>
        [empty, bin, cut, other, write(`${format}-array.json`, '[1, 2]')].map((f) => ({ argv: [format, f] })),
      ),
      { argv: ['tencent-feed', write('tencent-code.json', '{"code": 7, "msg": "bad request"}')] },
      {
        argv: [
          'tencent-feed',
          write('tencent-error.json', '{"Response": {"Error": {"Code": "AuthFailure", "Message": "denied"}}}'),
        ],
      },
      {
        argv: [
          'tencent-feed',
          write(
            'tencent-price.json',
            feed('tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json').replace(
              '"UnitPrice": 1.76',
              '"UnitPrice": "ask sales"',
            ),
          ),
        ],
      },
      {
        argv: [
          'tencent-feed',
          write(
            'tencent-cpu.json',
            feed('tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json').replace(/"Cpu": \d+/, '"Cpu": "eight"'),
          ),
        ],
      },
      {
        argv: [
          'huawei-feed',
          write(
            'huawei-cpu.json',
            feed('huawei/productInfo-cn-north-4.json').replace('"cpu": "2vCPUs"', '"cpu": "two"'),
          ),
        ],
      },
      {
        argv: ['huawei-feed', join(feeds, 'huawei', 'productInfo-cn-north-4.json'), '--region', 'ap-southeast-3'],
      },
      ...[empty, bin, cut, other].map((f) => ({ argv: ['volcengine-feed', f] })),
      {
        argv: ['volcengine-feed', write('volc-list.json', '{"Result":{"List":[]}}'), '--table', other],
      },
      {
        argv: [
          'volcengine-feed',
          join(feeds, 'volcengine', 'ListTemplate.json'),
          '--table',
          write('volc-table.json', '{"Result":{"Rows":[]}}'),
        ],
      },
      { argv: ['volcengine-feed', join(feeds, 'volcengine', 'ListTemplate.json'), '--table', cut] },
    ];
    for (const { argv, own = [], partial = false } of calls) {
      const r = await runCli(['catalog', 'import', ...argv, '--out', out, '--lang', lang]);
      const question = `catalog import ${argv.map((a) => a.replace(`${dir}/`, '')).join(' ')}`;
      bump(result, 'import-error');
      if (r.code === 0 && !partial)
        result.leaks.push({ surface: 'import-error', question, text: '(imported: no error)' });
      for (const leak of find(r.err + r.out, [...argv, ...own]))
        result.leaks.push({ surface: 'import-error', question, text: leak });
    }

    // `catalog lint` on a broken copy: the loader's and the schemas' problems.
    const lint = async (root: string, question: string, own: string[] = []) => {
      const r = await runCli(['catalog', 'lint', '--lang', lang], { root });
      bump(result, 'lint');
      if (!(r.err + r.out).trim()) result.leaks.push({ surface: 'lint', question, text: '(nothing said)' });
      for (const leak of find(r.err + r.out, own)) result.leaks.push({ surface: 'lint', question, text: leak });
      return r;
    };
    const broken = copyProject();
    roots.push(broken);
    editYaml(broken, 'catalog/prices/alibaba.yaml', (d) => {
      d.deleteIn(['prices', 0, 'source']);
      d.deleteIn(['prices', 1, 'as_of']);
      d.setIn(['prices', 2, 'as_of'], '2026-02-30');
      d.setIn(['prices', 3, 'provider'], 'nimbus');
      d.setIn(['prices', 4, 'price'], 'abc');
      d.setIn(['prices', 5, 'source'], 'somewhere');
      d.setIn(['prices', 6, 'billing'], 'barter');
      d.setIn(['prices', 7, 'id'], 'Bad Id');
      d.setIn(['prices', 8, 'scope', 'locations'], ['atlantis']);
      d.setIn(['prices', 9, 'colour'], 'blue');
      d.setIn(['prices', 10, 'kind'], 'gpu-instance');
      d.deleteIn(['prices', 10, 'gpu']);
      d.setIn(['prices', 11, 'as_of'], '31/01/2026');
    });
    editYaml(broken, 'catalog/providers.yaml', (d) => {
      d.setIn(['providers', 0, 'regions', 0, 'location'], 'Atlantis');
      d.setIn(['providers', 1, 'default_regions', 0], 'xx-nowhere-1');
    });
    editYaml(broken, 'catalog/gpus.yaml', (d) => d.setIn(['gpus', 0, 'model'], 'a10x'));
    editText(broken, 'catalog/fx.yaml', (t) => `${t}\n  - : [\n`);
    editText(broken, 'templates/zh/answer.hbs', () => '{{#if}}');
    editText(broken, 'templates/en/messages.yaml', (t) => `${t}\nzz.only-in-english: "x"\nBad Key: "y"\n`);
    editYaml(broken, 'intents/estimate.yaml', (d) => d.setIn(['slots', 0, 'name'], 'colour'));
    editYaml(broken, 'catalog/rules/placement.yaml', (d) => {
      d.setIn(['rules', 0, 'when', 'nonsense'], 1);
      d.setIn(['rules', 1, 'advice', 'cites'], ['no-such-fact']);
      d.setIn(['rules', 2, 'advice', 'reason'], 'Use {{nowhere}}');
    });
    writeFileSync(join(broken, 'catalog', 'prices', 'broken.json'), '{"prices": [');
    writeFileSync(
      join(broken, 'catalog', 'prices', 'table.json'),
      JSON.stringify({
        format: 'price-table/1',
        shared: { id: 'x', colour: 1 },
        columns: ['price', 'price'],
        rows: [[1, 2, 3]],
      }),
    );
    writeFileSync(join(broken, 'templates', 'en', 'stray.hbs'), 'x');
    await lint(broken, 'lint (broken catalogue)', ['nimbus', 'barter', 'somewhere', 'atlantis', 'colour', 'Bad Id']);
    // A catalogue that loads, with a broken watchlist.
    const watch = copyProject();
    roots.push(watch);
    editYaml(watch, 'catalog/watchlist/alibaba.yaml', (d) => {
      d.setIn(['watch', 0, 'regions'], ['xx-nowhere-1']);
      d.setIn(['watch', 0, 'gpu', 'model'], 'Z99');
    });
    editYaml(watch, 'catalog/watchlist/tencent.yaml', (d) => d.setIn(['provider'], 'alibaba'));
    editText(watch, 'catalog/watchlist/huawei.yaml', (t) => `${t}\n  - : [\n`);
    editYaml(watch, 'catalog/watchlist/volcengine.yaml', (d) => d.setIn(['watch', 0, 'billing'], ['barter']));
    await lint(watch, 'lint (broken watchlists)', ['xx-nowhere-1', 'Z99', 'barter']);
    // A catalogue that loads with warnings: intents without their Chinese text.
    const warn = copyProject();
    roots.push(warn);
    editYaml(warn, 'intents/estimate.yaml', (d) => {
      d.deleteIn(['title_zh']);
      d.deleteIn(['description_zh']);
      d.deleteIn(['slots', 0, 'ask_zh']);
    });
    editYaml(warn, 'catalog/rules/placement.yaml', (d) => d.deleteIn(['rules', 0, 'advice', 'reason_zh']));
    await lint(warn, 'lint (warnings)');
    // A command that needs the catalogue, when it does not load.
    const r = await runCli(['catalog', 'coverage', '--lang', lang], { root: broken });
    bump(result, 'catalog-report');
    for (const leak of find(r.err))
      result.leaks.push({ surface: 'catalog-report', question: 'coverage (broken)', text: leak });

    // The reports.
    // The catalogue's own names (a price's SKU or service, as the provider writes it) may stay as written.
    const names = [
      ...new Set(engine.data.catalog.prices.flatMap((p) => [p.sku ?? '', p.service])),
      ...engine.data.catalog.allowances.map((a) => a.service),
    ].sort((a, b) => b.length - a.length);
    const report = async (argv: string[], root?: string) => {
      const r = await runCli([...argv, '--lang', lang], root ? { root } : {});
      bump(result, 'catalog-report');
      const question = argv.join(' ');
      if (r.code !== 0) result.leaks.push({ surface: 'catalog-report', question, text: `(exit ${r.code}: ${r.err})` });
      for (const leak of find(r.out + r.err, names))
        result.leaks.push({ surface: 'catalog-report', question, text: leak });
    };
    await report(['catalog', 'coverage']);
    const stale = process.env.PROCURE_STALE_DAYS;
    process.env.PROCURE_STALE_DAYS = '30';
    try {
      await report(['catalog', 'stale']);
    } finally {
      if (stale === undefined) delete process.env.PROCURE_STALE_DAYS;
      else process.env.PROCURE_STALE_DAYS = stale;
    }
    // A price change recorded between two runs (its own data directory, so the snapshot is this project's).
    const data = process.env.PROCURE_DATA_DIR;
    process.env.PROCURE_DATA_DIR = mkdtempSync(join(dir, 'data-'));
    const moved = copyProject();
    roots.push(moved);
    try {
      await runCli(['catalog', 'diff'], { root: moved });
      await report(['catalog', 'diff'], moved);
      editText(moved, 'catalog/prices/shipped-alibaba-ecs.json', (t) => {
        const table = JSON.parse(t) as { columns: string[]; rows: unknown[][] };
        const at = table.columns.indexOf('price');
        const [first, second] = table.rows;
        if (first) first[at] = Number(first[at]) * 1.1;
        if (second) second[at] = Number(second[at]) * 0.9;
        table.rows.splice(2, 1);
        return JSON.stringify(table);
      });
      await report(['catalog', 'diff'], moved);
    } finally {
      if (data === undefined) delete process.env.PROCURE_DATA_DIR;
      else process.env.PROCURE_DATA_DIR = data;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  }
}
