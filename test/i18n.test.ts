/**
 * Answers in the asker's language: every golden question rendered in Chinese and in English, whatever language
 * it was asked in. The template-made parts (headings, labels, money, dates) must be in the answer's language;
 * the sentences the domain writes are checked by their own tests. `--lang` on `procure ask` and the console
 * overrides the question's language.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, readProject } from '../src/catalog/load.js';
import type { Answer } from '../src/domain/answer.js';
import { type Engine, loadEngine } from '../src/engine.js';
import { fmtFor } from '../src/render/format.js';
import { runCli as run } from './helpers/cli.js';
import { copyProject, editYaml, removeDir } from './helpers/project.js';

const TODAY = '2026-11-23';
const GOLDEN = join(import.meta.dirname, 'golden');
const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(GOLDEN, d.name, 'question.txt')))
  .map((d) => ({ name: d.name, question: readFileSync(join(GOLDEN, d.name, 'question.txt'), 'utf8').trim() }));

/** Headings and labels the English templates write; none may remain in a Chinese answer. */
const ENGLISH_TEMPLATE_WORDS = [
  '*Recommendation:*',
  '*Placement, ranked*',
  '*Cost breakdown*',
  'per month in',
  'in total',
  '(priced lines only)',
  'Other billing modes',
  'Nothing priced in the catalogue for',
  '*Not priced — what to ask for*',
  'Calculator:',
  '*Questions to raise with the vendor*',
  'more question',
  'more option',
  '*Sources cited*',
  '_Assumptions:_',
  '_Notes:_',
  'So far I have:',
  ' · source: ',
  ' · as of ',
  '(as of ',
  'older than',
  'e.g. “',
  'In Slack:',
];
/** Headings the Chinese templates write; none may appear in an English answer. */
const CHINESE_TEMPLATE_WORDS = [
  '*建议：*',
  '*费用明细*',
  '*部署建议',
  '*应向厂商提出的问题*',
  '*引用的资料来源*',
  '_假设：_',
  '_说明：_',
  '截至',
  '/月',
];

/** The breakdown's price lines ("  • label: qty × unit price = monthly") and option totals, made by the templates. */
function priceLines(text: string): string[] {
  return text.split('\n').filter((l) => /^\s+• .+ × .+ = /.test(l) || /^\*\d+\. .+\* — \*/.test(l));
}

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

function askIn(question: string, lang: 'en' | 'zh'): { answer: Answer; text: string } {
  const { answer } = engine.ask(question, TODAY, { lang });
  return { answer, text: engine.text(answer) };
}

describe('every golden question renders in Chinese', () => {
  it.each(cases)('$name', ({ question }) => {
    const { answer, text } = askIn(question, 'zh');
    expect(answer.lang).toBe('zh');
    for (const word of ENGLISH_TEMPLATE_WORDS) expect(text, `"${word}" left in:\n${text}`).not.toContain(word);
    // An amount per month as the templates write it ("US$1,183/month"); "500 GB/month" in a sentence is the domain's.
    expect(text).not.toMatch(/\d\/month/);
    // Money in the breakdown is written the Chinese way: ¥1,234 / US$1,234, never "USD 1,234".
    const priced = priceLines(text);
    for (const line of priced) {
      expect(line).toMatch(/¥\d|US\$\d/);
      expect(line).not.toMatch(/\b(?:USD|CNY) \d/);
    }
    if (answer.options.some((o) => o.lines.length)) expect(priced.length).toBeGreaterThan(0);
    // Dates the templates print are written 2026年1月21日.
    for (const m of text.matchAll(/截至 (\S+?)[）_ ·，]/g)) expect(m[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
  });
});

describe('every golden question renders in English', () => {
  it.each(cases)('$name', ({ question }) => {
    const { answer, text } = askIn(question, 'en');
    expect(answer.lang).toBe('en');
    for (const word of CHINESE_TEMPLATE_WORDS) expect(text, `"${word}" in:\n${text}`).not.toContain(word);
    for (const line of priceLines(text)) {
      expect(line).toMatch(/\b(?:USD|CNY) \d/);
      expect(line).not.toMatch(/¥|US\$/);
    }
  });
});

describe('money, numbers and dates per language', () => {
  it('writes the same amounts with each language’s currency sign and date order', () => {
    const zh = fmtFor('zh');
    const en = fmtFor('en');
    expect(zh.money(1234.4, 'CNY')).toBe('¥1,234'); // 100 and over: whole units
    expect(zh.money(12.5, 'CNY')).toBe('¥12.50');
    expect(zh.money(1183.3, 'USD')).toBe('US$1,183');
    expect(en.money(1183.3, 'USD')).toBe('USD 1,183');
    expect(en.money(0.0123, 'CNY')).toBe('CNY 0.012');
    expect(zh.range({ low: 900, expected: 1000, high: 1200 }, 'CNY')).toBe('¥1,000（900–1,200）');
    expect(en.range({ low: 900, expected: 1000, high: 1200 }, 'USD')).toBe('USD 1,000 (900–1,200)');
    expect(zh.unitPrice(9.5, 'CNY')).toBe('¥9.50');
    expect(en.unitPrice(0.000526, 'USD')).toBe('USD 0.000526');
    expect(zh.date('2026-11-23')).toBe('2026年11月23日');
    expect(en.date('2026-11-23')).toBe('2026-11-23');
    expect(zh.percent(12.4)).toBe('+12%');
    expect(en.percent(-5)).toBe('−5%');
  });

  it('names providers and places in Chinese in a Chinese answer', () => {
    const { text } = askIn('2x T4 inference on AWS in Hong Kong or Singapore for 6 months, in dollars', 'zh');
    expect(text).toContain('香港');
    expect(text).toContain('新加坡');
    expect(text).not.toMatch(/— (?:Hong Kong|Singapore)\*/);
  });
});

describe('--lang overrides the question’s language', () => {
  const ENGLISH_Q = '2x T4 in Hong Kong';
  const CHINESE_Q = '香港 2张T4 推理 6个月 多少钱';

  it('follows the question without --lang', async () => {
    expect((await run(['ask', '--no-record', ENGLISH_Q])).out).toContain('*Cost breakdown*');
    expect((await run(['ask', '--no-record', CHINESE_Q])).out).toContain('*费用明细*');
  });

  it('--lang zh answers an English question in Chinese, --lang en a Chinese one in English', async () => {
    const zh = await run(['ask', '--no-record', '--lang', 'zh', ENGLISH_Q]);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('*费用明细*');
    expect(zh.out).not.toContain('*Cost breakdown*');
    const en = await run(['ask', '--no-record', '--lang', 'en', CHINESE_Q]);
    expect(en.code).toBe(0);
    expect(en.out).toContain('*Cost breakdown*');
    expect(en.out).not.toContain('*费用明细*');
  });

  it('--json carries the answer language in request and answer', async () => {
    const r = await run(['ask', '--no-record', '--json', '--lang', 'zh', ENGLISH_Q]);
    const { request, answer } = JSON.parse(r.out) as { request: { lang: string }; answer: Answer };
    expect(request.lang).toBe('zh');
    expect(answer.lang).toBe('zh');
  });

  it('refuses a language it does not have in one sentence', async () => {
    const r = await run(['ask', '--no-record', '--lang', 'fr', ENGLISH_Q]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('--lang must be en or zh, not "fr".\n');
  });

  it('the console takes --lang, and "/lang" switches it between questions', async () => {
    const stdin = Readable.from([`${ENGLISH_Q}\n`, '/lang en\n', `${ENGLISH_Q}\n`, '/lang auto\n', `${CHINESE_Q}\n`]);
    const r = await run(['start', '--lang', 'zh'], { stdin });
    expect(r.code).toBe(0);
    const answers = r.out.split(/\n(?=\*(?:Estimate|估算|费用|Cost))/);
    const first = r.out.indexOf('*费用明细*');
    const second = r.out.indexOf('*Cost breakdown*');
    const third = r.out.indexOf('*费用明细*', second);
    expect(answers.length).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
  });
});

describe('facts and rules in both languages', () => {
  let root: string | null = null;
  afterEach(() => {
    if (root) removeDir(root);
    root = null;
  });

  it('a Chinese answer cites a fact by its Chinese claim, with the source and its date unchanged', () => {
    const { answer, text } = askIn('what are the PIPL rules for exporting personal data?', 'zh');
    const fact = answer.facts.find((f) => f.id === 'cac-2024-standard-contract-threshold');
    expect(fact?.claim).toContain('10万人以上、不满100万人');
    expect(fact?.source).toBe('https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm');
    expect(text).toContain('截至 2024年3月22日');
    const en = askIn('what are the PIPL rules for exporting personal data?', 'en').answer;
    expect(en.facts.find((f) => f.id === 'cac-2024-standard-contract-threshold')?.claim).toContain(
      'at least 100,000 but fewer than 1 million people',
    );
  });

  it('a Chinese answer uses the rules’ Chinese texts with Chinese values filled in', () => {
    const { answer } = askIn('2x A10 inference in Hangzhou for 3 months', 'zh');
    const questions = answer.topQuestions.map((q) => q.text).join('\n');
    expect(questions).toContain('2 张 A10的配额能否在 3 个月内得到保证');
    const reasons = answer.options.flatMap((o) => o.reasons.map((r) => r.text)).join('\n');
    expect(reasons).toContain('续费时生效');
  });

  it('lint refuses a fact without its Chinese claim, naming the fact', () => {
    root = copyProject();
    editYaml(root, 'catalog/facts/general.yaml', (doc) => {
      doc.deleteIn(['facts', 0, 'claim_zh']);
    });
    const { data, problems } = readProject(root);
    expect(data).toBeNull();
    expect(problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(/^catalog\/facts\/general\.yaml: facts \(id [a-z0-9-]+\)\.claim_zh: is missing/),
    );
  });

  it('a rule without its Chinese text loads, with a warning naming it; Chinese answers fall back to English', () => {
    root = copyProject();
    editYaml(root, 'catalog/rules/questions.yaml', (doc) => {
      doc.deleteIn(['rules', 0, 'question', 'text_zh']);
    });
    const { data, warnings } = readProject(root);
    expect(data).not.toBeNull();
    expect(warnings.map(formatProblem)).toEqual([
      'catalog/rules/questions.yaml: rules (id q-gpu-availability-alibaba).question.text_zh: no Chinese text: Chinese answers show this rule in English',
    ]);
  });

  it('catalog lint lists the warnings on stdout and still exits 0', async () => {
    root = copyProject();
    editYaml(root, 'intents/place.yaml', (doc) => {
      doc.delete('title_zh');
    });
    const r = await run(['catalog', 'lint'], { root });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('warning: intents/place.yaml: title_zh: no Chinese title');
  });
});
