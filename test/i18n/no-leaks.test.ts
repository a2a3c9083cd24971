/**
 * No English left in a Chinese answer, and no Chinese in an English one, on every surface a user reads: questions of
 * every intent through the console text and the Slack blocks, the CLI's error sentences, the weekly summary and its
 * chart, and Slack admin replies (test/i18n/lang-audit.ts, also run by `npx tsx scripts/lang-audit.ts`). Names,
 * instance types, region codes, units, URLs and the sources' own quoted words are allowed. A new English sentence
 * in code or data reached by a Chinese question fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../src/engine.js';
import { SlackService } from '../../src/slack/service.js';
import {
  type AuditResult,
  auditAdmin,
  auditAnswers,
  auditCatalogTools,
  auditCliErrors,
  auditCliFiles,
  auditHelp,
  auditRefresh,
  auditSlackUi,
  auditSummary,
  chineseRuns,
  EN_CLI_ERRORS,
  EN_QUESTIONS,
  englishRuns,
  formatSlips,
  ZH_CLI_ERRORS,
  ZH_QUESTIONS,
} from './lang-audit.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const fresh = (): AuditResult => ({ checked: {}, leaks: [] });
const show = (r: AuditResult) => r.leaks.map((l) => `${l.surface} | ${l.question} | ${l.text}`).join('\n');

describe('the leak finder', () => {
  it('finds English sentences, units and money written the English way in Chinese text', () => {
    expect(englishRuns('价格库中没有该价格。 an account’s TradePrice (not the list price)')).not.toEqual([]);
    expect(englishRuns('按 1 个月计：1 months')).not.toEqual([]);
    expect(formatSlips('每月 CNY 6,766，截至 2026-01-26', 'zh')).toEqual(['format: CNY 6,766', 'format: 2026-01-26']);
  });

  it('lets names, types, region codes, units, URLs and quoted sources through', () => {
    const text =
      '阿里云 cn-hangzhou 的 ecs.gn7i-c8g1.2xlarge（1 张 A10，8 vCPU，30 GiB）每小时 ¥9.27；' +
      'Omdia 数据；原文："rates of your final order shall prevail"；来源：https://www.alibabacloud.com/help/en/ecs';
    expect(englishRuns(text, ['Alibaba Cloud'])).toEqual([]);
    expect(formatSlips(text, 'zh')).toEqual([]);
  });

  it('takes file paths out whole, even when an allowed phrase occurs inside one', () => {
    const said = '已导入 1 个价格行，写入 /tmp/lang-audit-catalog-Xyzabc/out/csv-sheet-rows.json；2 行有问题，已跳过。';
    expect(englishRuns(said, ['csv', 'abc'])).toEqual([]);
    expect(englishRuns('写入 ../data/out/prices.json，and then it was not read')).not.toEqual([]);
  });

  it('finds Chinese in English text, but not in the user’s own words', () => {
    expect(chineseRuns('Estimate: 2x A10 在杭州')).toEqual(['在杭州']);
    expect(chineseRuns('“杭州 2张A10” was not clear', ['杭州 2张A10'])).toEqual([]);
  });
});

describe('a Chinese question gets no English sentence, on any surface', () => {
  it('answers of every intent: console text and Slack blocks', () => {
    const r = fresh();
    const answers = auditAnswers(engine, 'zh', ZH_QUESTIONS, r);
    expect(answers.length).toBeGreaterThan(ZH_QUESTIONS.length - 3);
    expect(new Set(answers.map((a) => a.answer.kind))).toEqual(
      new Set(['estimate', 'compare', 'place', 'facts', 'questions', 'help', 'summary', 'followup']),
    );
    for (const { answer } of answers) expect(answer.lang).toBe('zh');
    expect(show(r)).toBe('');
  });

  it('the CLI’s error sentences', async () => {
    const r = fresh();
    await auditCliErrors(engine, 'zh', ZH_CLI_ERRORS, r);
    expect(show(r)).toBe('');
  });

  it('the weekly summary and its chart', async () => {
    const r = fresh();
    // A week of Chinese and English questions: the Chinese summary says the bot's lines in Chinese, and quotes the
    // askers' own words as they typed them.
    await auditSummary(
      engine,
      'zh',
      auditAnswers(engine, 'zh', ZH_QUESTIONS.slice(0, 20), fresh()),
      r,
      auditAnswers(engine, 'en', EN_QUESTIONS.slice(0, 12), fresh()),
    );
    expect(r.checked.summary).toBe(2);
    expect(show(r)).toBe('');
  });

  it('Slack admin replies to an admin whose language is Chinese', async () => {
    const r = fresh();
    await auditAdmin(
      engine,
      'zh',
      [
        'quotes',
        'quote add',
        'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=ALI-1 valid_until=2027-01-31',
        'quotes',
        'quote add provider=nowhere price=x',
        'quote add provider=alibaba resource=gpu region=xx-nowhere-9 price=1,5 unit=instance-hour currency=CNY reference=R valid_until=2027-01-31',
        'quote remove',
        'quote remove NOPE',
        'quote remove ALI-1',
        'quote frobnicate',
        'settings',
        'settings summary-channel nowhere',
        'settings summary-channel <#C0123456|procurement>',
        'settings summary-lang fr',
        'admin reload',
        'admin refresh',
        // What the quote schema itself refuses: our own sentence naming the field, never zod's English.
        'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=fortnight currency=CNY reference=Z-1 valid_until=2027-01-31',
        'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=EUR reference=Z-2 valid_until=2027-01-31',
        'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=Z-3 valid_until=31/01/2027',
        'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=Z-4 valid_until=2027-02-30',
        'quote add provider=alibaba resource=tokens region=cn-hangzhou price=9.5 unit=million-tokens currency=CNY reference=Z-6 valid_until=2027-01-31',
      ],
      r,
    );
    expect(r.checked['slack-admin']).toBeGreaterThan(20);
    expect(show(r)).toBe('');
  });

  it('Slack’s home tab, refine and quote forms, button errors and export sentences', async () => {
    const r = fresh();
    await auditSlackUi(engine, 'zh', r);
    expect(r.checked['slack-ui']).toBe(7);
    expect(show(r)).toBe('');
  });

  it('procure help, quotes CSV files with bad rows, and the notes of a user’s own price imports', async () => {
    const r = fresh();
    await auditHelp(engine, 'zh', r);
    await auditCliFiles(engine, 'zh', r);
    expect(r.checked['import-notes']).toBe(4);
    expect(show(r)).toBe('');
  }, 120_000);

  it('price refreshes: the admin’s replies, the scheduled DM and the weekly summary after them', async () => {
    const r = fresh();
    await auditRefresh('zh', r);
    expect(r.checked['slack-refresh']).toBe(8);
    expect(show(r)).toBe('');
  }, 180_000);
});

describe('the catalogue maintainer’s commands under --lang zh', () => {
  it('importers’ file-shape and row errors, catalog lint’s problems and warnings, coverage, stale and diff', async () => {
    const r = fresh();
    await auditCatalogTools(engine, 'zh', r);
    expect(r.checked['import-error']).toBeGreaterThan(40);
    expect(r.checked.lint).toBe(3);
    expect(r.checked['catalog-report']).toBe(5);
    expect(show(r)).toBe('');
  }, 300_000);

  it('and under --lang en, no Chinese', async () => {
    const r = fresh();
    await auditCatalogTools(engine, 'en', r);
    expect(show(r)).toBe('');
  }, 300_000);
});

describe('the Slack refine form of a Chinese answer', () => {
  it('says what is wrong with a field in Chinese', () => {
    const service = new SlackService(engine, () => '2026-11-23');
    const base = engine.ask('杭州 2张A10 推理 3个月 多少钱', '2026-11-23').request;
    const v = (value: string) => ({ value: { value } });
    const read = service.readRefine(
      {
        vcpu: v('-3'),
        memory: v('1.5x'),
        instances: v('2.5'),
        gpu_model: v('Z99'),
        locations: v('Atlantis'),
        providers: v('Nimbus'),
        tokens_in: v('5'),
        billing: { value: { selected_option: { value: 'barter' } } },
      } as never,
      base,
    );
    expect('errors' in read).toBe(true);
    const errors = 'errors' in read ? Object.values(read.errors).join('\n') : '';
    expect(errors).toMatch(/[\u3400-\u9fff]/);
    expect(englishRuns(errors, ['Atlantis', 'Nimbus', 'Z99', 'cn-shanghai'])).toEqual([]);
  });
});

describe('an English question gets no Chinese but names and the user’s words', () => {
  it('answers of every intent, CLI errors, the summary, admin replies', async () => {
    const r = fresh();
    const answers = auditAnswers(engine, 'en', EN_QUESTIONS, r);
    for (const { answer } of answers) expect(answer.lang).toBe('en');
    await auditCliErrors(engine, 'en', EN_CLI_ERRORS, r);
    await auditSummary(engine, 'en', answers, r, auditAnswers(engine, 'zh', ZH_QUESTIONS.slice(0, 20), fresh()));
    await auditAdmin(engine, 'en', ['quotes', 'settings', 'quote remove NOPE', 'admin reload'], r);
    await auditSlackUi(engine, 'en', r);
    await auditHelp(engine, 'en', r);
    await auditCliFiles(engine, 'en', r);
    await auditRefresh('en', r, ['admin refresh dry-run', 'admin refresh', 'admin refresh public tencent']);
    expect(show(r)).toBe('');
  }, 180_000);
});

describe('the shipped catalogue carries its caveats in both languages', () => {
  it('every price note and every spot or renewal risk has its Chinese text', () => {
    const c = engine.data.catalog;
    const missing = [
      ...c.prices.filter((p) => p.note && !p.note_zh).map((p) => `price ${p.id}: note`),
      ...c.adjustments.filter((a) => a.risk && !a.risk_zh).map((a) => `adjustment ${a.id}: risk`),
    ];
    expect(missing).toEqual([]);
  });

  it('a Chinese answer shows the Chinese caveat and an English one the source’s English', () => {
    const zh = engine.ask('阿里云杭州 8核32G 多少钱', '2026-11-23').answer;
    const en = engine.ask('Alibaba Hangzhou 8 vCPU 32GB', '2026-11-23').answer;
    const notesOf = (a: typeof zh) => a.options.flatMap((o) => o.lines.flatMap((l) => l.notes)).join('\n');
    expect(notesOf(zh)).toContain('公开目录价（中国站价格文件）');
    expect(notesOf(zh)).not.toContain('public list price');
    expect(notesOf(en)).toContain('public list price (China-site price file)');
  });
});
