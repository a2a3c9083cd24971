/**
 * History and the weekly summary end to end: `procure ask`, `summary`, `history export` and `quotes …` run
 * in-process with PROCURE_DATA_DIR in a temp dir and the clock (Date only) fixed; a golden text of a summary
 * built from fixed records; and the spend chart PNG.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { weeklySummary } from '../../src/app/summary.js';
import type { Catalog } from '../../src/catalog/load.js';
import type { Price } from '../../src/catalog/schema.js';
import type { Answer } from '../../src/domain/answer.js';
import type { Quote } from '../../src/domain/quote.js';
import { buildSummary, type SummaryRecord, type WeeklySummary } from '../../src/domain/summary.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { CHART_HEIGHT, CHART_WIDTH, spendChartPng } from '../../src/render/chart.js';
import { FileStore } from '../../src/store/file-store.js';
import type { HistoryRecord } from '../../src/store/types.js';
import { addWeeks, isoWeekOf, weekStart } from '../../src/store/week.js';
import { type Run, runCli as run } from '../helpers/cli.js';
import { REPO_ROOT, removeDir, tempDir } from '../helpers/project.js';
import { testQuote } from '../helpers/quote.js';

/** Exit 1, nothing on stdout, exactly one line on stderr and no stack trace. */
function expectOneLineError(r: Run): void {
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  const lines = r.err.trimEnd().split('\n');
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]?.trim()).not.toBe('');
  expect(r.err).not.toMatch(/^ {4}at /m);
}

let engine: Engine;

beforeAll(async () => {
  engine = await loadEngine(REPO_ROOT);
});

describe('the command line with a store in PROCURE_DATA_DIR', () => {
  /** Wednesday of 2026-W48. */
  const NOW = new Date('2026-11-25T10:00:00Z');
  const WEEK = '2026-W48';
  const T4_HK = '2x T4 in Hong Kong';
  const T4_SG = '4x T4 inference in Singapore for 6 months';
  const STORAGE = '1.5 TB of object storage and 500 GB/month egress in Hong Kong, in dollars';
  let dir: string;

  beforeEach(() => {
    dir = tempDir('procure-cli-store-');
    vi.stubEnv('PROCURE_DATA_DIR', dir);
    vi.stubEnv('PROCURE_STALE_DAYS', undefined);
    vi.stubEnv('USER', 'tester');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    removeDir(dir);
  });

  /** Asks each question a minute apart. */
  async function askAll(questions: string[], extra: string[] = []): Promise<void> {
    for (const [i, q] of questions.entries()) {
      vi.setSystemTime(new Date(NOW.getTime() + i * 60_000));
      const r = await run(['ask', ...extra, q]);
      expect(r.code, r.err).toBe(0);
    }
  }

  async function history(): Promise<HistoryRecord[]> {
    const store = await FileStore.open(dir, { writer: false });
    try {
      return await store.history();
    } finally {
      await store.close();
    }
  }

  it('`procure ask` three times, then `procure summary` shows the three requests and the largest estimate', async () => {
    await askAll([T4_HK, T4_SG, STORAGE]);
    const records = await history();
    expect(records.map((r) => r.text)).toEqual([T4_HK, T4_SG, STORAGE]);
    expect(records.every((r) => r.surface === 'cli' && r.user === 'tester' && r.channel === null)).toBe(true);
    expect(records.every((r) => isoWeekOf(new Date(r.at)) === WEEK)).toBe(true);

    const r = await run(['summary']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Weekly summary — ${WEEK}`);
    expect(r.out).toContain('*Requests:* 3 this week, 0 last week');
    const largest = r.out.split('\n').find((l) => /^\s+1\. /.test(l));
    expect(largest).toContain(T4_SG);

    const json = await run(['summary', '--json', '--week', WEEK]);
    const summary = JSON.parse(json.out) as WeeklySummary;
    expect(summary.requests).toEqual({ thisWeek: 3, lastWeek: 0 });
    expect(summary.largest[0]?.text).toBe(T4_SG);
    expect(summary.largest.map((l) => l.monthly)).toEqual(
      [...summary.largest.map((l) => l.monthly)].sort((a, b) => b - a),
    );
    expect(summary.spend.estimates).toBe(3);
    expect(summary.spend.total).toBeCloseTo(
      records.reduce((s, x) => s + (x.monthly ?? 0), 0),
      2,
    );
  });

  it('`procure ask --no-record` adds nothing to the history', async () => {
    await askAll([T4_HK]);
    await askAll([T4_SG, STORAGE], ['--no-record']);
    expect((await history()).map((r) => r.text)).toEqual([T4_HK]);
    const summary = JSON.parse((await run(['summary', '--json'])).out) as WeeklySummary;
    expect(summary.requests.thisWeek).toBe(1);
  });

  it('`procure summary --week` reads another week', async () => {
    await askAll([T4_HK]);
    const next = JSON.parse((await run(['summary', '--json', '--week', '2026-W49'])).out) as WeeklySummary;
    expect(next.requests).toEqual({ thisWeek: 0, lastWeek: 1 });
  });

  it('`procure history export --format json` and csv contain the records', async () => {
    await askAll([T4_HK, T4_SG]);
    const json = await run(['history', 'export', '--format', 'json']);
    expect(json.code, json.err).toBe(0);
    const exported = JSON.parse(json.out) as HistoryRecord[];
    expect(exported).toEqual(await history());

    const csv = await run(['history', 'export', '--format', 'csv']);
    expect(csv.code, csv.err).toBe(0);
    const rows = csv.out.trimEnd().split('\r\n');
    expect(rows[0]).toBe('at,surface,user,channel,intent,text,top_provider,top_region,monthly,currency,gaps,questions');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`,${T4_HK},aws,ap-east-1,1182.6,USD,`);
    expect(rows[2]).toContain(T4_SG);

    // CSV is the default, and --since filters.
    expect((await run(['history', 'export'])).out).toBe(csv.out);
    const since = await run(['history', 'export', '--since', '2026-11-26']);
    expect(since.out.trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('the csv export neutralises a text starting with "=" against spreadsheet formulas', async () => {
    const formula = '=1+1 2x T4 in Hong Kong';
    await askAll([formula]);
    expect((await history()).map((r) => r.text)).toEqual([formula]);
    const csv = await run(['history', 'export', '--format', 'csv']);
    const row = csv.out.trimEnd().split('\r\n')[1] ?? '';
    const cells = row.split(',');
    expect(cells[5]).toBe(`'${formula}`);
    expect(cells.some((c) => c.startsWith('='))).toBe(false);
  });

  // OWASP's CSV-injection advice covers cells starting with =, +, -, @, tab and carriage return. A question typed
  // in Slack such as "-1+cmd|' /C calc'!A0" starts with "-" and a digit, and is exported as a live formula.
  it('the csv export neutralises texts starting with "+", "-" or "@" too, not only plain numbers', async () => {
    const store = await FileStore.open(dir, { writer: false });
    const texts = ["-1+cmd|' /C calc'!A0 2x T4", '+1+1 2x T4', '@SUM(A1) 2x T4'];
    for (const [i, text] of texts.entries())
      await store.recordRequest({
        id: `r${i}`,
        at: new Date(NOW.getTime() + i * 1000).toISOString(),
        surface: 'slack',
        user: 'U1',
        channel: 'C1',
        text,
        intent: 'estimate',
        request: {},
        top: null,
        monthly: null,
        currency: null,
        providers: [],
        locations: [],
        gaps: 0,
        questions: [],
      });
    await store.close();
    const csv = await run(['history', 'export']);
    const textCells = csv.out
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((row) => row.split(',')[5] ?? '');
    expect(textCells).toHaveLength(3);
    for (const cell of textCells) expect(cell, cell).toMatch(/^["']*'/);
  });

  it('`procure summary --week 2026-W99` exits 1 with one sentence', async () => {
    const r = await run(['summary', '--week', '2026-W99']);
    expectOneLineError(r);
    expect(r.err).toContain('2026-W99');
  });

  it('`procure history export --format xml` and a bad --since exit 1 with one sentence', async () => {
    expectOneLineError(await run(['history', 'export', '--format', 'xml']));
    expectOneLineError(await run(['history', 'export', '--since', 'yesterday']));
  });

  describe('procure quotes', () => {
    const ADD = [
      'quotes',
      'add',
      '--provider',
      'alibaba',
      '--resource',
      'gpu',
      '--gpu',
      'A10',
      '--region',
      'cn-hangzhou',
      '--price',
      '9.5',
      '--unit',
      'instance-hour',
      '--currency',
      'CNY',
      '--reference',
      'ALI-2026-017',
    ];

    it('add stores a quote, list shows it, ask uses it, remove takes it away', async () => {
      const added = await run([...ADD, '--valid-until', '2027-01-31']);
      expect(added.err).toBe('');
      expect(added.code).toBe(0);
      expect(added.out).toMatch(/^Added quote ALI-2026-017 \(id [0-9a-f]{8}\), valid until 2027-01-31\.\n$/);

      const list = await run(['quotes', 'list']);
      expect(list.code).toBe(0);
      expect(list.out).toContain('ALI-2026-017');
      expect(list.out).toContain('alibaba gpu-instance 1x A10 in hangzhou: CNY 9.5 per instance-hour');
      expect(list.out).not.toContain('EXPIRED');
      const listed = JSON.parse((await run(['quotes', 'list', '--json'])).out) as Quote[];
      expect(listed.map((q) => [q.reference, q.location, q.addedBy])).toEqual([['ALI-2026-017', 'hangzhou', 'tester']]);

      const asked = await run(['ask', '--json', '--no-record', '2x A10 inference in Hangzhou for 3 months']);
      const { answer } = JSON.parse(asked.out) as { answer: Answer };
      const sources = answer.options.flatMap((o) => o.lines.map((l) => l.source));
      expect(sources).toContain('quote:ALI-2026-017');

      const removed = await run(['quotes', 'remove', 'ALI-2026-017']);
      expect(removed.code, removed.err).toBe(0);
      expect(removed.out).toContain('Removed 1 quote matching');
      expect((await run(['quotes', 'list'])).out).toMatch(/^No vendor quotes yet/);
      expectOneLineError(await run(['quotes', 'remove', 'ALI-2026-017']));
    });

    it('remove also works by id', async () => {
      await run([...ADD, '--valid-until', '2027-01-31']);
      const [q] = JSON.parse((await run(['quotes', 'list', '--json'])).out) as Quote[];
      const removed = await run(['quotes', 'remove', q?.id ?? '?']);
      expect(removed.code, removed.err).toBe(0);
      expect(JSON.parse((await run(['quotes', 'list', '--json'])).out)).toEqual([]);
    });

    it('add without --valid-until exits 1 with one sentence naming the flag, and stores nothing', async () => {
      const r = await run(ADD);
      expectOneLineError(r);
      expect(r.err).toContain('--valid-until');
      expect(JSON.parse((await run(['quotes', 'list', '--json'])).out)).toEqual([]);
    });

    it('add with a bad value exits 1 with one sentence naming the field', async () => {
      const r = await run([...ADD, '--valid-until', '2026-02-30']);
      expectOneLineError(r);
      expect(r.err).toContain('valid_until');
    });

    it('list marks an expired quote', async () => {
      await run([...ADD, '--valid-until', '2026-11-01']);
      expect((await run(['quotes', 'list'])).out).toContain('EXPIRED');
    });

    it('import keeps the good rows and names the bad row by line on stderr', async () => {
      const file = join(dir, 'quotes.csv');
      writeFileSync(
        file,
        [
          'provider,resource,sku,region,price,unit,currency,reference,valid_until,gpu_model,gpu_count',
          'alibaba,gpu,ecs.gn7i-c8g1.2xlarge,cn-hangzhou,9.5,instance-hour,CNY,ALI-2026-017,2027-01-31,A10,1',
          'alibaba,gpu,,cn-hangzhou,9.5,instance-hour,CNY,ALI-BAD,2026-02-30,A10,1',
          'aws,gpu,g4dn.xlarge,ap-east-1,0.65,instance-hour,USD,AWS-PPA-9,2027-06-30,T4,1',
          '',
        ].join('\n'),
      );
      const r = await run(['quotes', 'import', file]);
      expect(r.code).toBe(0);
      expect(r.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/quotes\.csv: line 3: valid_until/)]);
      expect(r.out).toBe('Imported 2 quotes; 1 row had problems and was skipped.\n');
      const listed = JSON.parse((await run(['quotes', 'list', '--json'])).out) as Quote[];
      expect(listed.map((q) => q.reference)).toEqual(['ALI-2026-017', 'AWS-PPA-9']);
    });

    it('import of a file with only bad rows exits 1 and stores nothing; a missing file is one sentence', async () => {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, 'this is not,a quotes file\n1,2\n');
      const r = await run(['quotes', 'import', file]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('line 1');
      expect(JSON.parse((await run(['quotes', 'list', '--json'])).out)).toEqual([]);
      expectOneLineError(await run(['quotes', 'import', join(dir, 'missing.csv')]));
    });
  });
});

describe('the weekly summary (golden)', () => {
  const WEEK = '2026-W47';
  const TODAY = '2026-11-23';
  /** A round rate, so the golden numbers can be checked by hand: 1 USD = 7 CNY. */
  const RATE = 7;
  const Q_CAPACITY = 'Is the GPU capacity guaranteed for the whole term?';
  const Q_EGRESS = 'What does egress to mainland users cost after the free allowance?';
  const Q_SPOT = 'How much notice is given before a spot instance is reclaimed?';
  const Q_RENEWAL = 'What is the price on renewal after the first year?';
  const Q_TOKENS = 'Is there a volume discount above 1 billion tokens a month?';

  function rec(
    at: string,
    user: string,
    channel: string | null,
    text: string,
    intent: string,
    top: [string, string, string | null] | null,
    monthly: number | null,
    currency: 'USD' | 'CNY' | null,
    questions: string[],
    missing: string[] = [],
  ): SummaryRecord {
    return {
      missing,
      at,
      user,
      channel,
      text,
      intent,
      top: top ? { provider: top[0], location: top[1], region: top[2] } : null,
      monthly,
      currency,
      providers: top ? [top[0]] : [],
      locations: top ? [top[1]] : [],
      questions,
    };
  }

  const THIS_WEEK: SummaryRecord[] = [
    rec(
      '2026-11-16T09:12:00.000Z',
      'alice',
      'C-PROC',
      '2x T4 in Hong Kong',
      'estimate',
      ['aws', 'hong-kong', 'ap-east-1'],
      1182.6,
      'USD',
      [Q_CAPACITY, Q_EGRESS],
    ),
    rec(
      '2026-11-16T14:30:00.000Z',
      'bob',
      'C-PROC',
      '4x T4 inference in Singapore for 6 months',
      'estimate',
      ['aws', 'singapore', 'ap-southeast-1'],
      2149.12,
      'USD',
      [Q_CAPACITY, Q_SPOT],
    ),
    rec(
      '2026-11-17T10:00:00.000Z',
      'chen',
      null,
      '2x A10 inference in Hangzhou for 3 months',
      'estimate',
      ['alibaba', 'hangzhou', 'cn-hangzhou'],
      13870,
      'CNY',
      [Q_CAPACITY, Q_RENEWAL],
    ),
    rec(
      '2026-11-17T16:45:00.000Z',
      'dana',
      'C-ML',
      'Qwen-plus, 200M input tokens a month',
      'estimate',
      ['alibaba', 'beijing', 'cn-beijing'],
      160,
      'CNY',
      [Q_TOKENS],
    ),
    rec(
      '2026-11-18T11:00:00.000Z',
      'alice',
      'C-PROC',
      'Where should the Tmall shop backend run?',
      'place',
      ['alibaba', 'hangzhou', 'cn-hangzhou'],
      null,
      null,
      [Q_RENEWAL],
      ['A10 GPU instance — Tencent Cloud ap-guangzhou', 'internet egress — Alibaba Cloud cn-hangzhou'],
    ),
    rec(
      '2026-11-19T08:20:00.000Z',
      'erin',
      'C-ML',
      '8 vCPU 32 GB in Ningxia for a year on AWS',
      'estimate',
      ['aws', 'ningxia', 'cn-northwest-1'],
      4200,
      'CNY',
      [Q_CAPACITY],
    ),
    rec(
      '2026-11-19T15:00:00.000Z',
      'bob',
      'C-PROC',
      'Compare Tencent and Alibaba for 16 vCPU in Shanghai',
      'compare',
      ['tencent', 'shanghai', 'ap-shanghai'],
      3500,
      'CNY',
      [Q_SPOT],
      ['internet egress — Alibaba Cloud cn-hangzhou'],
    ),
    rec(
      '2026-11-20T13:00:00.000Z',
      'bob',
      'C-PROC',
      'Huawei 2 TB storage in Hong Kong',
      'estimate',
      ['huawei', 'hong-kong', 'ap-southeast-1'],
      95.5,
      'USD',
      [Q_EGRESS],
    ),
    rec(
      '2026-11-21T17:30:00.000Z',
      'frank',
      'D-DM',
      'Doubao pro, 1B tokens a month',
      'estimate',
      ['volcengine', 'beijing', 'cn-beijing'],
      800,
      'CNY',
      [Q_TOKENS, Q_CAPACITY],
    ),
    rec('2026-11-22T22:10:00.000Z', 'chen', null, 'What are the ICP filing rules?', 'facts', null, null, null, []),
  ];
  const LAST_WEEK: SummaryRecord[] = [
    rec(
      '2026-11-10T09:00:00.000Z',
      'alice',
      'C-PROC',
      '2x T4 in Hong Kong',
      'estimate',
      ['aws', 'hong-kong', 'ap-east-1'],
      1182.6,
      'USD',
      [Q_CAPACITY],
    ),
    rec(
      '2026-11-12T11:00:00.000Z',
      'bob',
      'C-PROC',
      'ERNIE 4.0, 50M tokens a month',
      'estimate',
      ['baidu', 'beijing', 'cn-beijing'],
      350,
      'CNY',
      [Q_TOKENS],
    ),
    rec(
      '2026-11-14T12:00:00.000Z',
      'dana',
      'C-ML',
      'Where to serve inference for South-East Asian users',
      'place',
      ['aws', 'singapore', null],
      null,
      null,
      [Q_SPOT],
    ),
  ];

  const quote = (reference: string, validUntil: string, overrides: Partial<Quote> = {}): Quote =>
    testQuote({
      id: reference.toLowerCase(),
      reference,
      validUntil,
      addedBy: 'UADMIN',
      addedAt: '2026-10-01T00:00:00.000Z',
      ...overrides,
    });

  const QUOTES: Quote[] = [
    quote('ALI-2026-017', '2026-12-03'), // 10 days left
    quote('AWS-PPA-8', '2026-11-01', { provider: 'aws', location: 'hong-kong', gpu: { model: 'T4', count: 1 } }), // expired
    quote('HW-2027-001', '2027-03-31', { provider: 'huawei', resource: 'storage', gpu: null, unit: 'gb-month' }), // far off
  ];

  /** The shipped catalogue with a fixed FX rate and three prices of known dates, so the golden does not move. */
  function fixedCatalog(): Catalog {
    const real = engine.data.catalog;
    const fx = real.fx.find((r) => r.base === 'USD' && r.counter === 'CNY');
    if (!fx) throw new Error('the catalogue has no USD/CNY rate');
    const base = real.prices[0] as Price;
    const price = (id: string, asOf: string): Price => ({ ...base, id, as_of: asOf });
    return {
      ...real,
      fx: [{ ...fx, id: 'usd-cny-test', rate: RATE, as_of: '2026-11-20' }],
      prices: [
        price('test-price-2026-01', '2026-01-21'),
        price('test-price-2026-03', '2026-03-31'),
        price('test-price-2026-11', '2026-11-02'),
      ],
    };
  }

  function build(catalog: Catalog = fixedCatalog()): WeeklySummary {
    const weeks = Array.from({ length: 8 }, (_, i) => addWeeks(WEEK, i - 7));
    return buildSummary({
      week: WEEK,
      weekStart: weekStart(WEEK),
      weeks,
      thisWeek: THIS_WEEK,
      lastWeek: LAST_WEEK,
      window: [
        ...LAST_WEEK.map((record) => ({ week: addWeeks(WEEK, -1), record })),
        ...THIS_WEEK.map((record) => ({ week: WEEK, record })),
      ],
      quotes: QUOTES,
      catalog,
      today: TODAY,
      staleDays: 90,
    });
  }

  it('renders as the golden text', async () => {
    const text = engine.renderer.summary(build());
    await expect(`${text}\n`).toMatchFileSnapshot('../golden-summary/weekly.txt');
  });

  it('renders as the golden text in Chinese too', async () => {
    const text = engine.renderer.summary(build(), 'text', 'zh');
    await expect(`${text}\n`).toMatchFileSnapshot('../golden-summary/weekly.zh.txt');
  });

  it('says how many requests were priced, how many not, and the prices most often missing', () => {
    const s = build();
    expect(s.coverage).toEqual({ asked: 9, priced: 8, unpriced: 1 });
    expect(s.topMissing[0]).toEqual({ what: 'internet egress — Alibaba Cloud cn-hangzhou', count: 2 });
    expect(s.topMissing).toHaveLength(2);
    const text = engine.renderer.summary(s);
    expect(text).toMatch(/\*Priced:\* 8 of 9 requests .*1 could not be priced/);
    expect(text).not.toMatch(/\(s\)/);
  });

  it('adds up: counts, FX-converted spend, the five largest in order', () => {
    const s = build();
    expect(s.from).toBe('2026-11-16');
    expect(s.to).toBe('2026-11-22');
    expect(s.requests).toEqual({ thisWeek: 10, lastWeek: 3 });
    expect(s.byIntent).toEqual([
      { intent: 'compare', thisWeek: 1, lastWeek: 0 },
      { intent: 'estimate', thisWeek: 7, lastWeek: 2 },
      { intent: 'facts', thisWeek: 1, lastWeek: 0 },
      { intent: 'place', thisWeek: 1, lastWeek: 1 },
    ]);
    expect(s.byIntent.reduce((n, i) => n + i.thisWeek, 0)).toBe(10);
    expect(s.byChannel.reduce((n, c) => n + c.count, 0)).toBe(10);
    expect(s.byChannel.find((c) => c.channel === 'console')?.count).toBe(2);

    const usd = [1182.6, 2149.12, 13870 / RATE, 160 / RATE, 4200 / RATE, 3500 / RATE, 95.5, 800 / RATE];
    expect(s.spend.estimates).toBe(8);
    expect(s.spend.unconverted).toBe(0);
    expect(s.spend.total).toBeCloseTo(
      usd.reduce((a, b) => a + b, 0),
      2,
    );
    expect(s.fx).toEqual({ rate: RATE, asOf: '2026-11-20', id: 'usd-cny-test' });

    expect(s.largest.map((l) => [l.monthly, l.provider, l.region])).toEqual([
      [2149.12, 'AWS', 'ap-southeast-1'],
      [1981.43, 'Alibaba Cloud', 'cn-hangzhou'],
      [1182.6, 'AWS', 'ap-east-1'],
      [600, 'AWS', 'cn-northwest-1'],
      [500, 'Tencent Cloud', 'ap-shanghai'],
    ]);

    expect(s.topQuestions[0]).toEqual({ text: Q_CAPACITY, count: 5 });
    expect(s.topQuestions.slice(1).map((q) => q.count)).toEqual([2, 2, 2, 2]);
    expect(s.expiringQuotes).toEqual([
      {
        reference: 'ALI-2026-017',
        provider: 'Alibaba Cloud',
        resource: 'gpu-instance 1x A10',
        location: 'hangzhou',
        validUntil: '2026-12-03',
        daysLeft: 10,
      },
    ]);
    expect(s.stale).toEqual({
      count: 2,
      staleDays: 90,
      oldest: [
        { id: 'test-price-2026-01', provider: expect.any(String), asOf: '2026-01-21' },
        { id: 'test-price-2026-03', provider: expect.any(String), asOf: '2026-03-31' },
      ],
    });

    // The chart data: this week's spend by provider adds up to the total, last week's CNY estimate is converted.
    const thisWeek = s.spendByWeek.filter((p) => p.week === WEEK);
    expect(thisWeek.reduce((a, p) => a + p.monthly, 0)).toBeCloseTo(s.spend.total, 1);
    expect(s.spendByWeek.find((p) => p.week === '2026-W46' && p.provider === 'Baidu AI Cloud')?.monthly).toBe(50);
    expect(s.weeks).toEqual([
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
  });

  it('uses the newest USD/CNY rate in the catalogue, and counts CNY estimates it cannot convert', () => {
    const catalog = fixedCatalog();
    const [rate] = catalog.fx;
    if (!rate) throw new Error('no rate');
    const newer = build({ ...catalog, fx: [{ ...rate, id: 'older', as_of: '2026-01-01', rate: 5 }, rate] });
    expect(newer.fx?.id).toBe('usd-cny-test');
    const noFx = build({ ...catalog, fx: [] });
    expect(noFx.fx).toBeNull();
    expect(noFx.spend.unconverted).toBe(5);
    expect(noFx.spend.total).toBeCloseTo(1182.6 + 2149.12 + 95.5, 2);
    expect(engine.renderer.summary(noFx)).toContain('(5 could not be converted)');
  });

  it('for Slack, user text cannot ping a channel', () => {
    const s = build();
    const first = s.largest[0];
    if (!first) throw new Error('no largest');
    first.text = '<!channel> 4x T4 in Singapore & <@U123>';
    const slack = engine.renderer.summary(s, 'slack');
    expect(slack).toContain('&lt;!channel&gt; 4x T4 in Singapore &amp; &lt;@U123&gt;');
    expect(slack).not.toContain('<!channel>');
  });

  it('weeklySummary reads the same numbers from a store', async () => {
    const dir = tempDir('procure-summary-store-');
    try {
      const store = await FileStore.open(dir, { writer: true });
      for (const [i, r] of [...LAST_WEEK, ...THIS_WEEK].entries())
        await store.recordRequest({ ...r, id: `r${i}`, surface: 'slack', request: {}, gaps: 0 });
      // Outside the window: the week after, and nine weeks before.
      await store.recordRequest({
        ...(THIS_WEEK[0] as SummaryRecord),
        id: 'after',
        at: '2026-11-23T00:00:00.000Z',
        surface: 'cli',
        request: {},
        gaps: 0,
      });
      await store.recordRequest({
        ...(THIS_WEEK[0] as SummaryRecord),
        id: 'before',
        at: '2026-09-20T00:00:00.000Z',
        surface: 'cli',
        request: {},
        gaps: 0,
      });
      await store.addQuotes(QUOTES);
      const fromStore = await weeklySummary(store, engine, WEEK, TODAY);
      await store.close();
      const s = build(engine.data.catalog);
      expect(fromStore.requests).toEqual({ thisWeek: 10, lastWeek: 3 });
      expect(fromStore.largest).toEqual(s.largest);
      expect(fromStore.spend).toEqual(s.spend);
      expect(fromStore.expiringQuotes).toEqual(s.expiringQuotes);
      expect(fromStore.spendByWeek.map((p) => p.week).sort()[0]).toBe('2026-W46');
    } finally {
      removeDir(dir);
    }
  });
});

describe('the spend chart (spendChartPng)', () => {
  const WEEKS = Array.from({ length: 8 }, (_, i) => addWeeks('2026-W47', i - 7));

  function pngSize(png: Buffer): { width: number; height: number } {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  }

  it('is a valid PNG 960 wide, and the bytes differ when the data differs', async () => {
    const a = await spendChartPng(
      [
        { week: '2026-W46', provider: 'AWS', monthly: 1182.6 },
        { week: '2026-W47', provider: 'AWS', monthly: 3931.72 },
        { week: '2026-W47', provider: 'Alibaba Cloud', monthly: 2004.29 },
      ],
      WEEKS,
      'USD',
    );
    const size = pngSize(a);
    expect(size.width).toBe(CHART_WIDTH);
    expect(size.height).toBe(CHART_HEIGHT);
    expect(endsWithIend(a)).toBe(true);

    const b = await spendChartPng([{ week: '2026-W47', provider: 'AWS', monthly: 50 }], WEEKS, 'USD');
    expect(pngSize(b)).toEqual(size);
    expect(a.equals(b)).toBe(false);

    const again = await spendChartPng([{ week: '2026-W47', provider: 'AWS', monthly: 50 }], WEEKS, 'USD');
    expect(again.equals(b)).toBe(true);
  });

  it('draws an empty chart when there is no spend', async () => {
    const png = await spendChartPng([], WEEKS, 'USD');
    expect(pngSize(png).width).toBe(CHART_WIDTH);
  });
});

/** The PNG ends with an IEND chunk. */
function endsWithIend(png: Buffer): boolean {
  return png.subarray(png.length - 8, png.length - 4).toString('ascii') === 'IEND';
}
