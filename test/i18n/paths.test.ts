/**
 * Each path that used to speak only English to a Chinese-speaking user, now in Chinese: a quote the schema refuses
 * (our own sentence naming the field, not zod's), the CLI's errors and help (from --lang, the Chinese written in the
 * arguments, or the locale), a user's own price import's notes, a price refresh's report and the weekly summary's
 * price-change lines. English users keep the English sentences.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quoteFrom, quotesFromCsv } from '../../src/app/quotes.js';
import { readAlibabaPriceFile } from '../../src/catalog/importers/alibaba-price-file.js';
import { shippedSay } from '../../src/catalog/shipped-messages.js';
import { cliLangOf } from '../../src/cli/shared.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { formatRefreshReport, type RefreshReport } from '../../src/refresh/refresh.js';
import { runCli } from '../helpers/cli.js';
import { chineseRuns, englishRuns } from './lang-audit.js';

const CJK = /[\u3400-\u9fff]/;
let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const GOOD = {
  provider: 'alibaba',
  resource: 'gpu',
  gpu_model: 'A10',
  region: 'cn-hangzhou',
  price: '9.5',
  unit: 'instance-hour',
  currency: 'CNY',
  reference: 'ALI-1',
  valid_until: '2027-01-31',
};

describe('a quote the schema refuses', () => {
  const refuse = (change: Record<string, string>, lang: 'en' | 'zh') => {
    try {
      quoteFrom({ ...GOOD, ...change }, engine.data.catalog, 'U1', new Date(), 'id', engine.pipeline.say(lang));
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('accepted');
  };

  it.each([
    [{ unit: 'fortnight' }, /^unit “fortnight”无效，只能填以下之一：`instance-hour, /],
    [{ currency: 'EUR' }, /^currency “EUR”无效，只能填以下之一：`USD, CNY`$/],
    [{ billing: 'free' }, /^billing “free”无效/],
    [{ valid_until: '31/01/2027' }, /^valid_until “31\/01\/2027”不是有效日期，请按 YYYY-MM-DD 格式填写/],
    [{ valid_until: '2027-02-30' }, /^valid_until “2027年2月30日”不是真实存在的日期$/],
    [{ resource: 'tokens', gpu_model: '', unit: 'million-tokens' }, /^model 未填写：模型 token 报价需要写明模型/],
  ])('%o is one Chinese sentence naming the field', (change, said) => {
    const text = refuse(change, 'zh');
    expect(text).toMatch(said);
    expect(text).not.toMatch(/Invalid|expected|Too small/);
    expect(englishRuns(text, Object.values(change))).toEqual([]);
  });

  it('says the same in English, in our words and not zod’s', () => {
    expect(refuse({ currency: 'EUR' }, 'en')).toBe('currency "EUR" must be one of USD, CNY');
    expect(refuse({ valid_until: '31/01/2027' }, 'en')).toBe(
      'valid_until "31/01/2027" must be a date written YYYY-MM-DD, such as 2027-01-31',
    );
  });

  it('a quotes CSV’s bad rows are said in the admin’s language', () => {
    const csv = `provider,resource,region,price,unit,currency,reference,valid_until,gpu_model\nalibaba,gpu,cn-hangzhou,9.5,instance-hour,EUR,R-1,2027-01-31,A10\n`;
    const { problems } = quotesFromCsv(csv, engine.data.catalog, 'U1', new Date(), engine.pipeline.say('zh'));
    expect(problems).toEqual([{ line: 2, reason: 'currency “EUR”无效，只能填以下之一：`USD, CNY`' }]);
  });
});

describe('the CLI speaks the user’s language', () => {
  it('takes the language from --lang, then the Chinese written in the arguments, then the locale', () => {
    expect(cliLangOf(['quotes', 'list', '--lang', 'zh'], {})).toBe('zh');
    expect(cliLangOf(['quotes', 'list', '--lang=en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLangOf(['quotes', 'import', '报价.csv'], {})).toBe('zh');
    expect(cliLangOf(['quotes', 'list'], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(cliLangOf(['quotes', 'list'], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(cliLangOf(['quotes', 'list'], { LANG: 'C.UTF-8' })).toBe('en');
  });

  it('a bad flag, a missing file and a refused quote, each one Chinese sentence on stderr', async () => {
    const flag = await runCli(['summary', '--lang', 'zh', '--wek', '2026-W01']);
    expect(flag).toMatchObject({ code: 1, out: '' });
    expect(flag.err).toBe('不认识的选项 --wek：运行 `procure help` 查看各命令可用的选项。\n');
    const file = await runCli(['quotes', 'import', '/nonexistent/报价.csv']);
    expect(file.err).toBe('无法读取 /nonexistent/报价.csv：文件不存在。\n');
    const quote = await runCli(['quotes', 'add', '--lang', 'zh', '--provider', 'alibaba', '--resource', 'gpu']);
    expect(quote.err).toBe('报价未添加：--region 未填写。\n');
    // The English user sees English.
    expect((await runCli(['summary', '--wek', '2026-W01'])).err).toBe(
      'Unknown option --wek: run "procure help" for the options of each command.\n',
    );
  });

  it('procure help in Chinese describes each command in Chinese, the synopses unchanged', async () => {
    const zh = await runCli(['help', '--lang', 'zh']);
    const en = await runCli(['help']);
    expect(zh.out).toMatch(/^用法：\n {2}procure start \[--lang en\|zh\] +运行机器人/);
    expect(en.out).toMatch(/^Usage:\n {2}procure start/);
    const synopses = (t: string) => t.split('\n').filter((l) => /^\s+procure catalog import aws-offer/.test(l));
    expect(synopses(zh.out)[0]).toContain('procure catalog import aws-offer <offer-file.json> --region');
    expect(chineseRuns(en.out)).toEqual([]);
  });
});

describe('a user’s own price import has its notes in Chinese', () => {
  it('every row of an imported Alibaba price file has a Chinese note beside the English one', () => {
    const text = readFileSync(
      join(import.meta.dirname, '..', 'catalog', 'fixtures', 'alibaba-instancePrice.json'),
      'utf8',
    );
    const { prices } = readAlibabaPriceFile(text, {
      catalog: engine.data.catalog,
      file: 'f.json',
      as_of: '2026-12-01',
    });
    const sub = prices.find((p) => p.billing === 'subscription' && (p.term_months ?? 0) > 1);
    expect(sub?.note).toMatch(/subscription price CNY [\d.]+ ÷ \d+ months/);
    expect(sub?.note_zh).toMatch(/包年价 ¥[\d,.]+，按 \d+ 个月均摊|包月价 ¥[\d,.]+，按 \d+ 个月均摊/);
    for (const p of prices) if (p.note) expect(p.note_zh, p.id).toMatch(CJK);
  });
});

describe('a price refresh report in Chinese', () => {
  it('names the provider, the row, the failure kind and the money in Chinese', () => {
    const report: RefreshReport = {
      startedAt: '2026-11-23T10:00:00Z',
      finishedAt: '2026-11-23T10:00:01Z',
      dryRun: false,
      providers: [
        {
          provider: 'alibaba',
          name: 'Alibaba Cloud',
          status: 'done',
          calls: [],
          file: 'catalog/prices/api-alibaba.yaml',
          updated: [
            {
              id: 'x',
              label: 'ecs.g7.2xlarge，cn-hangzhou，按量付费',
              old: 1.2,
              new: 1.32,
              currency: 'CNY',
              unit: 'instance-hour',
            },
          ],
          unchanged: 0,
          failures: [
            {
              label: 'ecs.g7.large，cn-hangzhou，按量付费',
              call: 'c',
              kind: 'throttled',
              code: 'Throttling',
              message: 'Request was denied due to flow control.',
              kept: true,
            },
          ],
          unsupported: [],
        },
      ],
    };
    const text = formatRefreshReport(report, { say: shippedSay('zh'), catalog: engine.data.catalog });
    expect(text).toBe(
      [
        '阿里云：共 2 个价格，读到 1 个（新增或变动 1 个，未变 0 个），失败 1 个 → catalog/prices/api-alibaba.yaml',
        '  ~ ecs.g7.2xlarge，cn-hangzhou，按量付费：¥1.20 → ¥1.32 / 台·小时（+10%）',
        '  ✗ ecs.g7.large，cn-hangzhou，按量付费：调用被限流（Throttling）——保留此前的价格',
        '',
      ].join('\n'),
    );
    expect(formatRefreshReport(report)).toContain('throttled (Throttling): Request was denied due to flow control.');
  });
});
