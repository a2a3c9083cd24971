/**
 * Big price files (src/catalog/price-table.ts, catalog/README.md "Machine-written price tables"): the fast check
 * of price rows gives exactly PriceSchema's result, the table format reads back what it wrote, and the loader
 * refuses a bad table naming the file, the row (with its id) and the field, as for any price file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAwsOffer } from '../../src/catalog/aws-offer.js';
import { pricesFromCsv } from '../../src/catalog/csv-prices.js';
import { formatProblem, type LoadResult, loadProject, readProject } from '../../src/catalog/load.js';
import {
  fastPrices,
  PRICE_TABLE_FORMAT,
  priceTable,
  priceTableText,
  readPriceTable,
  readPriceTableFile,
  readPriceTableText,
} from '../../src/catalog/price-table.js';
import { type Price, PriceSchema } from '../../src/catalog/schema.js';
import { Engine } from '../../src/engine.js';
import { copyProject, REPO_ROOT, removeDir } from '../helpers/project.js';
import { sampleOffer } from './offer-fixture.js';

const shipped = loadProject(REPO_ROOT).catalog.prices;
const TABLE = 'catalog/prices/zz-table.json';

/** The shipped prices as they are written in their files (before defaults), from the YAML. */
function rawShippedRows(): Record<string, unknown>[] {
  return shipped.map((p) => JSON.parse(JSON.stringify(p)) as Record<string, unknown>);
}

function problems(result: LoadResult): string[] {
  return result.problems.map(formatProblem);
}

describe('the fast check of price rows', () => {
  it('gives what PriceSchema gives for every shipped price', () => {
    const rows = rawShippedRows();
    const fast = fastPrices(rows);
    expect(fast).not.toBeNull();
    expect(fast).toStrictEqual(rows.map((r) => PriceSchema.parse(r)));
  });

  it('accepts exactly the rows PriceSchema accepts, with the same result (mutated rows)', () => {
    const base = rawShippedRows();
    const fields = Object.keys(PriceSchema.shape);
    const values = [
      undefined,
      null,
      '',
      ' ',
      'x',
      'hong-kong',
      'Hong Kong',
      'aws',
      'gpu-instance',
      'storage',
      'model-tokens',
      'subscription',
      'package',
      'USD',
      'usd',
      'page',
      'second-hand',
      'input',
      'block',
      'https://example.com/p',
      'quote:ALI-1',
      'not a source',
      '2026-02-30',
      '2026-01-15',
      new Date('2026-01-15T00:00:00Z'),
      -1,
      0,
      0.5,
      3,
      Number.NaN,
      true,
      [],
      ['hong-kong'],
      {},
      { locations: ['hong-kong'] },
      { locations: ['Hong Kong'] },
      { jurisdiction: 'mainland' },
      { locations: ['singapore'], jurisdiction: 'any' },
      { model: 'T4', count: 2 },
      { model: 'T4', count: 0 },
      { from_gb: 0, to_gb: null },
      { from_gb: 10, to_gb: 0 },
    ];
    fc.assert(
      fc.property(
        fc.nat(base.length - 1),
        fc.array(fc.tuple(fc.constantFrom(...fields), fc.nat(values.length - 1), fc.boolean()), {
          minLength: 1,
          maxLength: 4,
        }),
        (rowIndex, edits) => {
          const row: Record<string, unknown> = { ...(base[rowIndex] as Record<string, unknown>) };
          for (const [field, v, remove] of edits) {
            if (remove) delete row[field];
            else row[field] = values[v];
          }
          const zod = PriceSchema.safeParse(row);
          const fast = fastPrices([row]);
          if (zod.success) expect(fast).toStrictEqual([zod.data]);
          else expect(fast).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the price table format', () => {
  it('reads back exactly the prices it wrote, from the text line by line or parsed whole', () => {
    const text = priceTableText(shipped);
    expect(readPriceTableText(text)).toMatchObject({ issues: [], prices: shipped });
    expect(readPriceTableText(text)?.prices).toStrictEqual(shipped);
    expect(readPriceTable(JSON.parse(text)).prices).toStrictEqual(shipped);
    // Laid out another way (pretty-printed), the text is not read line by line, but parses to the same table.
    expect(readPriceTableText(JSON.stringify(JSON.parse(text), null, 2))).toBeNull();
    expect(readPriceTable(JSON.parse(JSON.stringify(JSON.parse(text), null, 2))).prices).toStrictEqual(shipped);
  });

  it('holds what the importers make (AWS offer tiers with open ends, CSV rows) exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-table-'));
    try {
      const offer = join(dir, 'index.json');
      writeFileSync(offer, sampleOffer());
      const catalog = loadProject(REPO_ROOT).catalog;
      const { rows: aws } = await importAwsOffer(offer, 'ap-east-1', catalog);
      expect(aws.some((r) => r.tier?.to_gb === null)).toBe(true);
      expect(readPriceTableText(priceTableText(aws))?.prices).toStrictEqual(aws.map((r) => PriceSchema.parse(r)));
      const csv = [
        'provider,kind,service,sku,region,unit,price,currency,source,as_of,gpu_model,gpu_count,vcpu,memory_gib',
        'tencent,gpu-instance,CVM GPU,GN7.2XLARGE32,ap-guangzhou,instance-hour,12.5,CNY,quote:TC-1,2026-11-20,T4,1,8,32',
        'tencent,compute,CVM,S5.LARGE8,ap-guangzhou,instance-hour,0.9,CNY,quote:TC-1,2026-11-20,,,2,8',
      ].join('\n');
      const { rows: fromCsv } = pricesFromCsv(csv, catalog, 'csv-test');
      expect(fromCsv).toHaveLength(2);
      expect(readPriceTableText(priceTableText(fromCsv))?.prices).toStrictEqual(fromCsv);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shares the fields every row has and keeps id a column', () => {
    const aws = shipped.filter((p) => p.provider === 'aws');
    const t = priceTable(aws);
    expect(t.format).toBe(PRICE_TABLE_FORMAT);
    expect(t.shared.provider).toBe('aws');
    expect(t.columns[0]).toBe('id');
    expect(t.columns).not.toContain('provider');
    for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });

  it('reads nothing line by line from text that is not a one-row-per-line table', () => {
    const text = priceTableText(shipped.slice(0, 3));
    const lines = text.split('\n');
    const rowsAt = lines.findIndex((l) => l.startsWith('"rows"')) + 1;
    // Two rows on one line, a row over two lines, a comma after the last row, a missing comma: all fall back.
    const joined = [...lines.slice(0, rowsAt), `${lines[rowsAt]}${lines[rowsAt + 1]}`, ...lines.slice(rowsAt + 2)];
    expect(readPriceTableText(joined.join('\n'))).toBeNull();
    const row = lines[rowsAt] as string;
    const cut = row.indexOf(',') + 1;
    const split = [...lines.slice(0, rowsAt), row.slice(0, cut), row.slice(cut), ...lines.slice(rowsAt + 1)];
    expect(readPriceTableText(split.join('\n'))).toBeNull();
    const last = lines.findIndex((l) => l.startsWith(']')) - 1;
    const trailing = lines.map((l, i) => (i === last ? `${l},` : l));
    expect(readPriceTableText(trailing.join('\n'))).toBeNull();
    const missing = lines.map((l, i) => (i === rowsAt ? l.replace(/,$/, '') : l));
    expect(readPriceTableText(missing.join('\n'))).toBeNull();
    expect(readPriceTableText(JSON.stringify({ prices: [] }))).toBeNull();
  });
});

describe('a price table in the catalogue', () => {
  let root: string;
  const rows = () => [
    {
      id: 'tbl-aws-hk-m7i',
      provider: 'aws',
      kind: 'compute',
      service: 'EC2',
      sku: 'm7i.large',
      scope: { locations: ['hong-kong'] },
      billing: 'payg',
      unit: 'instance-hour',
      price: 0.001, // below any shipped row, so the engine picks this table
      currency: 'USD',
      vcpu: 2,
      memoryGiB: 8,
      source: 'https://example.com/aws-prices',
      as_of: '2026-11-01',
      grade: 'official',
    },
    {
      id: 'tbl-aws-hk-m7i-xl',
      provider: 'aws',
      kind: 'compute',
      service: 'EC2',
      sku: 'm7i.xlarge',
      scope: { locations: ['hong-kong'] },
      billing: 'payg',
      unit: 'instance-hour',
      price: 0.002,
      currency: 'USD',
      vcpu: 4,
      memoryGiB: 16,
      source: 'https://example.com/aws-prices',
      as_of: '2026-11-01',
      grade: 'official',
    },
  ];
  const write = (text: string) => writeFileSync(join(root, TABLE), text);
  const table = () =>
    JSON.parse(priceTableText(rows() as Price[])) as Record<string, unknown> & {
      shared: Record<string, unknown>;
      columns: string[];
      rows: unknown[][];
    };
  /** The table back as text, one row per line, as the importers write it. */
  const text = (t: ReturnType<typeof table>) =>
    `{"format": ${JSON.stringify(t.format)},\n"shared": ${JSON.stringify(t.shared)},\n"columns": ${JSON.stringify(t.columns)},\n"rows": [\n${t.rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;

  beforeEach(() => {
    root = copyProject();
  });

  afterEach(() => {
    removeDir(root);
  });

  it('loads, and the engine prices with it', () => {
    write(priceTableText(rows() as Price[]));
    const { data, problems: found } = readProject(root);
    expect(found.map(formatProblem)).toEqual([]);
    const mine = data?.catalog.prices.filter((p) => p.id.startsWith('tbl-'));
    expect(mine).toStrictEqual(rows().map((r) => PriceSchema.parse(r)));
    expect(readPriceTableFile(join(root, TABLE))?.prices).toStrictEqual(mine);
    const engine = new Engine(data as NonNullable<typeof data>);
    const { answer } = engine.ask('4 vCPU 16GB on AWS in Hong Kong', '2026-11-23');
    const hk = answer.options.find((o) => o.location === 'hong-kong');
    expect(hk?.lines.some((l) => l.priceId.startsWith('tbl-'))).toBe(true);
  });

  it('loads the example in catalog/README.md, line by line', () => {
    const readme = readFileSync(join(REPO_ROOT, 'catalog', 'README.md'), 'utf8');
    const example = /```json\n(\{"format": "price-table\/1",[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    write(example as string);
    expect(readPriceTableFile(join(root, TABLE))?.prices).toHaveLength(2);
    const { data, problems: found } = readProject(root);
    expect(found.map(formatProblem)).toEqual([]);
    expect(data?.catalog.prices.find((p) => p.id === 'aws-ap-east-1-g4dn.xlarge')).toMatchObject({
      provider: 'aws',
      gpu: { model: 'T4', count: 1 },
      scope: { locations: ['hong-kong'] },
      dated: 'page',
    });
  });

  it('loads the same when pretty-printed (parsed whole)', () => {
    write(JSON.stringify(table(), null, 2));
    const { data, problems: found } = readProject(root);
    expect(found.map(formatProblem)).toEqual([]);
    expect(data?.catalog.prices.filter((p) => p.id.startsWith('tbl-'))).toStrictEqual(
      rows().map((r) => PriceSchema.parse(r)),
    );
  });

  it('refuses a row without its source, naming the file, the row, its id and the field', () => {
    const t = table();
    // Source per row instead of shared, and missing in the second row.
    const source = t.shared.source;
    delete t.shared.source;
    t.columns.push('source');
    t.rows = t.rows.map((r, i) => [...r, i === 1 ? null : source]);
    write(text(t));
    const result = readProject(root);
    expect(result.data).toBeNull();
    expect(problems(result)).toEqual([
      `${TABLE}: prices[1] (id tbl-aws-hk-m7i-xl).source: is required: every price and fact needs its source (a URL or "quote:<reference>")`,
    ]);
  });

  it('refuses a table with no as_of at all', () => {
    const t = table();
    delete t.shared.as_of;
    write(text(t));
    const result = readProject(root);
    expect(result.data).toBeNull();
    expect(problems(result)).toEqual([
      `${TABLE}: columns: no "as_of" column or shared "as_of": must be a date written YYYY-MM-DD`,
    ]);
  });

  it('refuses a bad cell as PriceSchema words it: file: prices[i] (id x).field: reason', () => {
    const t = table();
    const price = t.columns.indexOf('price');
    (t.rows[0] as unknown[])[price] = 'cheap';
    write(text(t));
    expect(problems(readProject(root))).toEqual([`${TABLE}: prices[0] (id tbl-aws-hk-m7i).price: must be a number`]);
  });

  it('refuses a bad shared value, an unknown column and a short row', () => {
    const t = table();
    t.shared.currency = 'EUR';
    t.columns.push('colour');
    t.rows = t.rows.map((r) => [...r, 'red']);
    write(text(t));
    const found = problems(readProject(root));
    expect(found.some((p) => p.startsWith(`${TABLE}: shared.currency: `))).toBe(true);
    expect(found).toContain(`${TABLE}: columns[${t.columns.length - 1}]: "colour" is not a price field`);

    const u = table();
    (u.rows[1] as unknown[]).pop();
    write(text(u));
    expect(problems(readProject(root))).toEqual([
      `${TABLE}: prices[1]: must be a list of ${u.columns.length} cells, one per column (${u.columns.join(', ')})`,
    ]);
  });

  it('refuses the rules between fields, as PriceSchema does', () => {
    const t = table();
    delete t.shared.kind;
    t.columns.push('kind');
    t.rows = t.rows.map((r, i) => [...r, i === 0 ? 'gpu-instance' : 'compute']);
    write(text(t));
    expect(problems(readProject(root))).toEqual([
      `${TABLE}: prices[0] (id tbl-aws-hk-m7i).gpu: a gpu-instance price needs gpu: {model, count}`,
    ]);
  });

  it('refuses an id used again in a YAML price file, naming the table', () => {
    const t = table();
    const id = shipped.find((p) => p.provider === 'aws')?.id as string;
    (t.rows[0] as unknown[])[0] = id;
    write(text(t));
    const found = problems(readProject(root));
    expect(found.some((p) => p.startsWith(`${TABLE}: (id ${id}): id is used twice`))).toBe(true);
  });

  it('reports a broken table file as invalid JSON, whatever its layout', () => {
    write(priceTableText(rows() as Price[]).replace(/\n\]\}\n$/, ',\n]}\n'));
    const [problem] = readProject(root).problems;
    expect(problem?.file).toBe(TABLE);
    expect(problem?.reason).toMatch(/is not valid JSON/);
  });

  it('still reads a price file of plain lists, fast path or not', () => {
    rmSync(join(root, TABLE), { force: true });
    writeFileSync(join(root, 'catalog/prices/zz-lists.json'), JSON.stringify({ prices: rows() }));
    const { data } = readProject(root);
    expect(data?.catalog.prices.filter((p) => p.id.startsWith('tbl-'))).toStrictEqual(
      rows().map((r) => PriceSchema.parse(r)),
    );
    const broken = rows();
    (broken[1] as Record<string, unknown>).as_of = '2026-13-01';
    writeFileSync(join(root, 'catalog/prices/zz-lists.json'), JSON.stringify({ prices: broken }));
    expect(problems(readProject(root))).toEqual([
      'catalog/prices/zz-lists.json: prices[1] (id tbl-aws-hk-m7i-xl).as_of: is not a real calendar date',
    ]);
    expect(readFileSync(join(root, 'catalog/prices/zz-lists.json'), 'utf8')).toContain('2026-13-01');
  });
});
