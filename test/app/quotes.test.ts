/**
 * Vendor quotes: one from named fields (quoteFrom), many from a CSV (quotesFromCsv), and how a quote takes
 * precedence over the list price in a real estimate (the shipped catalogue through loadEngine()).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { QUOTE_COLUMNS, type QuoteInput, quoteFrom, quotesFromCsv } from '../../src/app/quotes.js';
import type { Catalog } from '../../src/catalog/load.js';
import { type Quote, QuoteSchema, quotesAsPrices, resolveLocation } from '../../src/domain/quote.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { REPO_ROOT } from '../helpers/project.js';

const TODAY = '2026-11-23';
const NOW = new Date('2026-11-20T10:00:00Z');

/** The README's example: Alibaba A10 in cn-hangzhou. */
const GOOD: QuoteInput = {
  provider: 'alibaba',
  resource: 'gpu',
  gpu_model: 'A10',
  region: 'cn-hangzhou',
  price: '9.5',
  unit: 'instance-hour',
  currency: 'CNY',
  reference: 'ALI-2026-017',
  valid_until: '2027-01-31',
};

const HEADER = 'provider,resource,sku,region,price,unit,currency,reference,valid_until,gpu_model,gpu_count';

let engine: Engine;
let catalog: Catalog;

beforeAll(async () => {
  engine = await loadEngine(REPO_ROOT);
  catalog = engine.data.catalog;
});

function from(input: QuoteInput): Quote {
  return quoteFrom(input, catalog, 'UTESTER', NOW);
}

describe('quoteFrom', () => {
  it('turns good input into a Quote, resolving the region id cn-hangzhou to hangzhou', () => {
    const q = from(GOOD);
    expect(QuoteSchema.safeParse(q).success).toBe(true);
    expect(q).toMatchObject({
      provider: 'alibaba',
      resource: 'gpu-instance',
      sku: null,
      location: 'hangzhou',
      billing: 'payg',
      unit: 'instance-hour',
      price: 9.5,
      currency: 'CNY',
      reference: 'ALI-2026-017',
      validUntil: '2027-01-31',
      gpu: { model: 'A10', count: 1 },
      addedBy: 'UTESTER',
      addedAt: NOW.toISOString(),
    });
    expect(q.id).toMatch(/^[0-9a-f]{8}$/);
    expect(from(GOOD).id).not.toBe(q.id);
  });

  it.each([
    ['Hangzhou', 'alibaba', 'hangzhou'],
    ['hangzhou', 'alibaba', 'hangzhou'],
    ['杭州', 'alibaba', 'hangzhou'],
    ['Hong Kong', 'aws', 'hong-kong'],
    ['ap-east-1', 'aws', 'hong-kong'],
  ])('resolves the location from %s (%s) to %s', (region, provider, slug) => {
    expect(from({ ...GOOD, provider, region, gpu_model: 'T4' }).location).toBe(slug);
    expect(resolveLocation(catalog, provider, region)).toBe(slug);
  });

  it('accepts provider names and aliases, RMB for CNY, and gpu counts', () => {
    const q = from({ ...GOOD, provider: 'Alibaba Cloud', currency: 'rmb', gpu_count: '2', price: '1,234.5' });
    expect(q.provider).toBe('alibaba');
    expect(q.currency).toBe('CNY');
    expect(q.gpu).toEqual({ model: 'A10', count: 2 });
    expect(q.price).toBe(1234.5);
  });

  it.each(['provider', 'resource', 'region', 'price', 'unit', 'currency', 'reference', 'valid_until'] as const)(
    'a missing %s is an Error naming the field',
    (field) => {
      const input: QuoteInput = { ...GOOD };
      delete input[field];
      expect(() => from(input)).toThrow(new RegExp(`^${field}\\b`));
      expect(() => from({ ...GOOD, [field]: '   ' })).toThrow(new RegExp(`^${field}\\b`));
    },
  );

  it.each([
    ['provider', 'nosuchcloud', /^provider "nosuchcloud"/],
    ['resource', 'teleporter', /^resource "teleporter"/],
    ['region', 'mars-north-1', /^region "mars-north-1"/],
    ['price', '-1', /^price "-1"/],
    ['price', 'cheap', /^price "cheap"/],
    ['price', '1e12', /^price "1e12"/],
    ['valid_until', '2026-02-30', /^valid_until "2026-02-30"/],
    ['valid_until', '31/01/2027', /^valid_until "31\/01\/2027"/],
    ['gpu_model', 'Z9000', /^gpu_model "Z9000"/],
    ['gpu_count', '0', /^gpu_count "0"/],
    ['unit', 'fortnight', /^unit "fortnight"/],
    ['currency', 'EUR', /^currency "EUR"/],
    ['billing', 'free', /^billing "free"/],
  ] as const)('a bad %s ("%s") is an Error naming the field', (field, value, message) => {
    expect(() => from({ ...GOOD, [field]: value })).toThrow(message);
  });

  it('a GPU quote without a GPU model is refused', () => {
    const input: QuoteInput = { ...GOOD };
    delete input.gpu_model;
    expect(() => from(input)).toThrow(/GPU model/);
  });
});

describe('quotesFromCsv', () => {
  it('keeps the good rows and reports the bad rows by line number (the header is line 1)', () => {
    const csv = [
      HEADER,
      'alibaba,gpu,ecs.gn7i-c8g1.2xlarge,cn-hangzhou,9.5,instance-hour,CNY,ALI-2026-017,2027-01-31,A10,1',
      'nosuchcloud,gpu,,cn-hangzhou,9.5,instance-hour,CNY,BAD-1,2027-01-31,A10,1',
      'aws,gpu,g4dn.xlarge,ap-east-1,0.65,instance-hour,USD,AWS-PPA-9,2027-06-30,T4,1',
      'alibaba,gpu,,cn-hangzhou,-1,instance-hour,CNY,BAD-2,2027-01-31,A10,1',
      'alibaba,gpu,,cn-hangzhou,9.5,instance-hour,CNY,BAD-3,2026-02-30,A10,1',
      '',
    ].join('\n');
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(quotes.map((q) => q.reference)).toEqual(['ALI-2026-017', 'AWS-PPA-9']);
    expect(quotes.map((q) => q.location)).toEqual(['hangzhou', 'hong-kong']);
    expect(problems.map((p) => p.line)).toEqual([3, 5, 6]);
    expect(problems[0]?.reason).toMatch(/^provider "nosuchcloud"/);
    expect(problems[1]?.reason).toMatch(/^price "-1"/);
    expect(problems[2]?.reason).toMatch(/^valid_until "2026-02-30"/);
  });

  it('counts lines with Windows line ends and blank lines between rows', () => {
    const csv = [
      HEADER,
      '',
      'alibaba,gpu,,cn-hangzhou,9.5,instance-hour,CNY,ALI-1,2027-01-31,A10,1',
      'alibaba,gpu,,cn-hangzhou,9.5,instance-hour,XYZ,BAD-1,2027-01-31,A10,1',
    ].join('\r\n');
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(quotes.map((q) => q.reference)).toEqual(['ALI-1']);
    expect(problems).toEqual([{ line: 4, reason: expect.stringMatching(/^currency "XYZ"/) }]);
  });

  it('reads a quoted field with a comma in it', () => {
    const csv = `${HEADER}\naws,gpu,g4dn.xlarge,ap-east-1,"1,250.50",instance-hour,USD,"AWS PPA, 2026 renewal",2027-06-30,T4,1\n`;
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(problems).toEqual([]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.reference).toBe('AWS PPA, 2026 renewal');
    expect(quotes[0]?.price).toBe(1250.5);
  });

  it('accepts upper-case headers, a byte-order mark, and columns in any order', () => {
    const csv = `\uFEFFREFERENCE,Valid_Until,PROVIDER,resource,region,price,unit,currency,gpu_model\nALI-9,2027-01-31,alibaba,gpu,Hangzhou,9.5,instance-hour,CNY,A10\n`;
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(problems).toEqual([]);
    expect(quotes.map((q) => [q.reference, q.location])).toEqual([['ALI-9', 'hangzhou']]);
  });

  it('a header missing required columns gives one problem at line 1, naming them, and no quotes', () => {
    const csv = 'provider,resource,sku,price\nalibaba,gpu,,9.5\n';
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(quotes).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(1);
    for (const col of ['region', 'unit', 'currency', 'reference', 'valid_until'])
      expect(problems[0]?.reason).toContain(col);
  });

  it.each([
    ['a PNG', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR"\0\0'],
    ['JSON', '{"quotes": [{"provider": "alibaba"}]}'],
    ['prose', 'Hi team,\nhere are the prices we agreed with Alibaba: 9.5 CNY an hour for A10.\n'],
  ])('a file that is not CSV at all (%s) gives problems and no quotes', (_what, text) => {
    const { quotes, problems } = quotesFromCsv(text, catalog, 'UTESTER', NOW);
    expect(quotes).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
      expect(p.reason.trim()).not.toBe('');
    }
  });

  it('an empty file gives one problem at line 1', () => {
    const { quotes, problems } = quotesFromCsv('', catalog, 'UTESTER', NOW);
    expect(quotes).toEqual([]);
    expect(problems.map((p) => p.line)).toEqual([1]);
  });

  it('QUOTE_COLUMNS lists every required column', () => {
    for (const c of ['provider', 'resource', 'region', 'price', 'unit', 'currency', 'reference', 'valid_until'])
      expect(QUOTE_COLUMNS).toContain(c);
  });

  // README: "Bad rows are reported by line number and the good rows are kept". A row that leaves off the optional
  // trailing columns (a storage quote needs no gpu_model or gpu_count) must not sink the whole file.
  it('a row with fewer columns than the header does not lose the good rows', () => {
    const csv = [
      HEADER,
      'alibaba,gpu,,cn-hangzhou,9.5,instance-hour,CNY,ALI-1,2027-01-31,A10,1',
      'alibaba,storage,OSS,cn-hangzhou,0.12,gb-month,CNY,ALI-OSS-1,2027-01-31',
      'aws,gpu,g4dn.xlarge,ap-east-1,0.65,instance-hour,USD,AWS-PPA-9,2027-06-30,T4,1',
    ].join('\n');
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(quotes.map((q) => q.reference)).toEqual(expect.arrayContaining(['ALI-1', 'AWS-PPA-9']));
    for (const p of problems) expect(p.line, p.reason).toBe(3);
  });

  // A header whose names are quoted ("provider","resource",… as LibreOffice writes with "quote all text cells")
  // is valid CSV with every required column.
  it('a header with quoted column names is read', () => {
    const csv = `${HEADER.split(',')
      .map((h) => `"${h}"`)
      .join(',')}\nalibaba,gpu,,cn-hangzhou,9.5,instance-hour,CNY,ALI-1,2027-01-31,A10,1\n`;
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(problems).toEqual([]);
    expect(quotes.map((q) => q.reference)).toEqual(['ALI-1']);
  });
});

describe('quotesAsPrices', () => {
  it('splits valid and expired quotes; a quote valid until today is still valid', () => {
    const valid = from(GOOD);
    const lastDay = from({ ...GOOD, reference: 'ALI-LAST-DAY', valid_until: TODAY });
    const expired = from({ ...GOOD, reference: 'ALI-OLD', valid_until: '2026-11-22' });
    const { prices, expired: gone } = quotesAsPrices([valid, expired, lastDay], TODAY);
    expect(prices.map((p) => p.source)).toEqual(['quote:ALI-2026-017', 'quote:ALI-LAST-DAY']);
    expect(gone.map((q) => q.reference)).toEqual(['ALI-OLD']);
    const [price] = prices;
    expect(price).toMatchObject({
      id: `quote-${valid.id}`,
      provider: 'alibaba',
      kind: 'gpu-instance',
      scope: { locations: ['hangzhou'] },
      billing: 'payg',
      unit: 'instance-hour',
      price: 9.5,
      currency: 'CNY',
      gpu: { model: 'A10', count: 1 },
      grade: 'vendor-quote',
      as_of: '2026-11-20',
    });
    expect(price?.note).toContain('2027-01-31');
  });

  it('gives nothing for no quotes', () => {
    expect(quotesAsPrices([], TODAY)).toEqual({ prices: [], expired: [] });
  });
});

describe('quote precedence in estimates (the real engine)', () => {
  const A10 = '2x A10 inference in Hangzhou for 3 months';
  const T4 = '2x T4 in Hong Kong';

  it('a valid Alibaba A10 quote in cn-hangzhou prices the GPU line in place of the list price, labelled', () => {
    const before = engine.ask(A10, TODAY).answer;
    const alibabaBefore = before.options.find((o) => o.provider === 'alibaba' && o.location === 'hangzhou');
    const listLine = alibabaBefore?.lines.find((l) => l.component === 'gpu');
    expect(listLine?.grade).not.toBe('vendor-quote');
    expect(listLine?.source).toMatch(/^https:\/\//);

    const q = from(GOOD);
    const { answer } = engine.ask(A10, TODAY, { quotes: [q] });
    const alibaba = answer.options.find((o) => o.provider === 'alibaba' && o.location === 'hangzhou');
    expect(alibaba).toBeDefined();
    expect(alibaba?.gaps.filter((g) => g.component === 'gpu')).toEqual([]);
    const gpu = alibaba?.lines.find((l) => l.component === 'gpu');
    expect(gpu).toMatchObject({
      grade: 'vendor-quote',
      source: 'quote:ALI-2026-017',
      priceId: `quote-${q.id}`,
      unitPrice: 9.5,
      currency: 'CNY',
    });
    expect(gpu?.notes.some((n) => n.includes('ALI-2026-017') && n.includes('2027-01-31'))).toBe(true);
    // Two 1x A10 instances around the clock (730 hours a month) at 9.5 CNY an hour.
    expect(gpu?.quantity).toBe(2 * 730);
    expect(gpu?.monthly.expected).toBeCloseTo(2 * 730 * 9.5, 2);
    expect(engine.text(answer)).toContain('quote:ALI-2026-017');
  });

  it('an AWS T4 quote in Hong Kong cheaper than the list price wins over the list price', () => {
    const list = engine.ask(T4, TODAY).answer.options.find((o) => o.provider === 'aws' && o.location === 'hong-kong');
    const listLine = list?.lines.find((l) => l.component === 'gpu');
    expect(listLine?.grade).not.toBe('vendor-quote');
    expect(listLine?.unitPrice).toBeGreaterThan(0.65);

    const q = from({
      provider: 'aws',
      resource: 'gpu-instance',
      sku: 'g4dn.xlarge',
      gpu_model: 'T4',
      region: 'ap-east-1',
      price: '0.65',
      unit: 'instance-hour',
      currency: 'USD',
      reference: 'AWS-PPA-9',
      valid_until: '2027-06-30',
    });
    const { answer } = engine.ask(T4, TODAY, { quotes: [q] });
    const aws = answer.options.find((o) => o.provider === 'aws' && o.location === 'hong-kong');
    const gpu = aws?.lines.find((l) => l.component === 'gpu');
    expect(gpu).toMatchObject({ grade: 'vendor-quote', source: 'quote:AWS-PPA-9', unitPrice: 0.65, currency: 'USD' });
    expect(aws?.lines.filter((l) => l.component === 'gpu')).toHaveLength(1);
    expect(aws?.monthly?.expected).toBeLessThan(list?.monthly?.expected ?? 0);
  });

  it('a quote for another provider or place changes nothing', () => {
    const q = from({ ...GOOD, region: 'cn-beijing' });
    const without = engine.ask(A10, TODAY).answer;
    const withQuote = engine.ask(A10, TODAY, { quotes: [q] }).answer;
    expect(withQuote.options).toEqual(without.options);
  });

  it('an expired quote is ignored and the notes say it expired', () => {
    const q = from({ ...GOOD, reference: 'ALI-OLD', valid_until: '2026-10-31' });
    const { answer } = engine.ask(A10, TODAY, { quotes: [q] });
    const alibaba = answer.options.find((o) => o.provider === 'alibaba' && o.location === 'hangzhou');
    expect(alibaba?.lines.some((l) => l.grade === 'vendor-quote')).toBe(false);
    // The list price stands in again.
    expect(alibaba?.lines.find((l) => l.component === 'gpu')?.grade).not.toBe('vendor-quote');
    const note = answer.notes.find((n) => n.includes('ALI-OLD'));
    expect(note).toMatch(/expired/);
    expect(note).toContain('2026-10-31');
  });
});

describe('quotesFromCsv: files that are not quite CSV', () => {
  const good = 'alibaba,gpu,ecs.gn7i-c8g1.2xlarge,cn-hangzhou,9.5,instance-hour,CNY,ALI-2026-017,2027-01-31,A10,1';
  it('a row with a stray quote is named and skipped; the good rows are kept', () => {
    const csv = [
      HEADER,
      good,
      'alibaba,gpu,"ecs.gn7i,cn-hangzhou,9.5,instance-hour',
      `${good.replace('ALI-2026-017', 'ALI-2')}`,
      '',
    ].join('\n');
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(quotes.map((q) => q.reference)).toContain('ALI-2026-017');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.reason).toMatch(/not valid CSV/);
  });

  it('a semicolon-separated file is told so, not "the header lacks"', () => {
    const csv = [HEADER.replace(/,/g, ';'), good.replace(/,/g, ';')].join('\n');
    const { quotes, problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(quotes).toEqual([]);
    expect(problems).toEqual([
      {
        line: 1,
        reason: expect.stringMatching(
          /^the columns are separated by semicolons, not commas: save it as comma-separated CSV/,
        ),
      },
    ]);
  });

  it('binary bytes are named, not echoed', () => {
    const csv = `${HEADER}\n${good.replace('alibaba', 'ali\u0000\u0007\u001b[31mbaba')}\n`;
    const { problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(problems).toEqual([
      { line: 1, reason: 'the file is not text (it has binary bytes): export the quotes as CSV' },
    ]);
    const invalid = Buffer.concat([
      Buffer.from(`${HEADER}\n`),
      Buffer.from([0xff, 0xfe, 0x80, 0x81]),
      Buffer.from(',gpu\n'),
    ]).toString('utf8');
    expect(quotesFromCsv(invalid, catalog, 'UTESTER', NOW).problems[0]?.reason).toMatch(/not text/);
  });

  it('a row reason never prints control characters from the file', () => {
    const csv = `${HEADER}\n${good.replace('alibaba', 'ali\u001b[31mbaba\u202e')}\n`;
    const { problems } = quotesFromCsv(csv, catalog, 'UTESTER', NOW);
    expect(problems[0]?.reason).toMatch(/^provider "alibaba"/);
  });
});
