/**
 * The importers for the real public formats (src/catalog/importers/): Alibaba's instancePrice.json and SkyPilot's
 * vms.csv. Fixtures under fixtures/ carry the distractors a real file has (classic network, Windows, non-optimised
 * I/O, empty prices, other currencies, regions the catalogue does not know, vGPU slices, spot no cheaper than
 * on-demand); `procure catalog import …` writes what the readers give, or refuses in one sentence and leaves the
 * catalogue as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAlibabaPriceFile } from '../../src/catalog/importers/alibaba-price-file.js';
import { ImportError, readSkypilotCsv } from '../../src/catalog/importers/skypilot.js';
import { type Catalog, loadProject } from '../../src/catalog/load.js';
import { Engine } from '../../src/engine.js';
import { runCli } from '../helpers/cli.js';
import { copyProject, REPO_ROOT, removeDir } from '../helpers/project.js';

const FIX = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIX, name), 'utf8');
const catalog: Catalog = loadProject(REPO_ROOT).catalog;

describe('readAlibabaPriceFile', () => {
  const r = readAlibabaPriceFile(fixture('alibaba-instancePrice.json'), {
    catalog,
    file: 'instancePrice.json',
    as_of: '2026-12-01',
  });
  const byId = new Map(r.prices.map((p) => [p.id, p]));

  it('keeps Linux VPC I/O-optimised prices: pay-as-you-go from hours, per-month subscriptions from months and years', () => {
    expect(byId.get('alibaba-pf-cn-hangzhou-ecs.g7.large')).toMatchObject({
      billing: 'payg',
      unit: 'instance-hour',
      price: 0.39,
      currency: 'CNY',
      scope: { locations: ['hangzhou'] },
      region: 'cn-hangzhou',
      sku: 'ecs.g7.large',
      kind: 'compute',
      vcpu: 2,
      memoryGiB: 8,
      source: 'https://g.alicdn.com/aliyun/ecs-price-info/2.0.999-test/price/download/instancePrice.json',
      as_of: '2026-12-01',
      dated: 'retrieved',
    });
    const sub = (m: number) => byId.get(`alibaba-pf-cn-hangzhou-ecs.g7.large-sub-${m}m`);
    expect(sub(1)).toMatchObject({ billing: 'subscription', term_months: 1, unit: 'month', price: 190.4 });
    expect(sub(2)).toMatchObject({ term_months: 2, price: 190.4 });
    expect(sub(12)).toMatchObject({ term_months: 12, price: 161.833333 });
    expect(sub(36)?.term_months).toBe(36);
    expect(sub(36)?.price).toBeCloseTo(4570 / 36, 5);
    expect(sub(36)?.note).toContain('÷ 36 months');
  });

  it('leaves out classic network, Windows, non-optimised I/O, empty prices, other currencies and unknown regions', () => {
    const reasons = r.skipped.map((s) => s.reason).join(' | ');
    for (const word of [
      'network "classic"',
      'OS "windows"',
      'I/O "none"',
      'empty price',
      'another currency',
      'cn-zhengzhou-jva',
    ])
      expect(reasons).toContain(word);
    expect(r.prices.some((p) => p.price === 0.3 || p.price === 0.55 || p.price === 0.31 || p.price === 0.41)).toBe(
      false,
    );
    // cn-shanghai: its hourly price is empty, its monthly one is kept.
    expect(byId.has('alibaba-pf-cn-shanghai-ecs.g7.large')).toBe(false);
    expect(byId.get('alibaba-pf-cn-shanghai-ecs.g7.large-sub-1m')?.price).toBe(190.4);
  });

  it('prices a GPU type the catalogue knows as a gpu-instance, and skips one whose GPU is unknown', () => {
    expect(byId.get('alibaba-pf-ap-southeast-1-ecs.gn7i-c8g1.2xlarge')).toMatchObject({
      kind: 'gpu-instance',
      gpu: { model: 'A10', count: 1 },
      scope: { locations: ['singapore'] },
    });
    expect([...byId.keys()].some((id) => id.includes('gn99x'))).toBe(false);
    // A non-GPU type with no known shape is still priced (a named type can be priced exactly), without vCPU.
    expect(byId.get('alibaba-pf-cn-hangzhou-ecs.zz9.large')?.vcpu).toBeUndefined();
  });

  it('refuses a file of another shape, another currency or a price that is not a number, naming file and entry', () => {
    const read = (text: string) => () => readAlibabaPriceFile(text, { catalog, file: 'x.json', as_of: '2026-12-01' });
    expect(read('{"prices": []}')).toThrow(/^x\.json is not an Alibaba ECS price file/);
    expect(read('not json')).toThrow(/^x\.json is not valid JSON/);
    expect(read(fixture('alibaba-instancePrice-jpy.json'))).toThrow(/priced in "JPY"/);
    expect(read(fixture('alibaba-instancePrice-bad-row.json'))).toThrow(
      'x.json: pricingInfo entry "cn-hangzhou::ecs.g7.xlarge::vpc::linux::optimized": hours price "0,78" is not a number.',
    );
    expect(read('{"currency":"CNY","pricingInfo":{"cn-hangzhou::ecs.g7.large":{}}}')).toThrow(
      /is not <region>::<instance type>::<network>::<os>::<io>/,
    );
  });
});

describe('readSkypilotCsv', () => {
  const r = readSkypilotCsv(fixture('skypilot-aws.csv'), {
    provider: 'aws',
    catalog,
    file: 'vms.csv',
    source: 'https://example.com/vms.csv',
    as_of: '2026-12-01',
  });
  const byId = new Map(r.prices.map((p) => [p.id, p]));

  it('reads columns by header name: one pay-as-you-go row per type and region, spot at the lowest usable zone', () => {
    expect(byId.get('aws-sky-ap-southeast-1-g5.2xlarge')).toMatchObject({
      kind: 'gpu-instance',
      billing: 'payg',
      price: 1.468,
      vcpu: 8,
      memoryGiB: 32,
      gpu: { model: 'A10G', count: 1 },
      scope: { locations: ['singapore'] },
      grade: 'second-hand',
      dated: 'retrieved',
    });
    const spot = byId.get('aws-sky-ap-southeast-1-g5.2xlarge-spot');
    expect(spot).toMatchObject({ billing: 'spot', price: 0.5 });
    expect(spot?.note).toContain('lowest of 2 zones (0.5–0.62)');
    expect(byId.get('aws-sky-ap-southeast-1-c7a.large')).toMatchObject({ kind: 'compute', price: 0.1234 });
    expect(byId.has('aws-sky-ap-southeast-1-c7a.large-spot')).toBe(false);
    expect(byId.get('aws-sky-ap-east-1-p5.48xlarge')?.gpu).toEqual({ model: 'H100', count: 8 });
  });

  it('a file that wrote CNY × a fixed rate as USD is turned back into the CNY the provider quoted', () => {
    const cny = readSkypilotCsv(fixture('skypilot-aws.csv'), {
      provider: 'aws',
      catalog,
      file: 'vms.csv',
      source: 'https://example.com/vms.csv',
      as_of: '2026-12-01',
      cnyTimes: 0.138,
    });
    const row = cny.prices.find((p) => p.id === 'aws-sky-ap-southeast-1-g5.2xlarge');
    expect(row).toMatchObject({ currency: 'CNY', price: 10.63768 });
    const spot = cny.prices.find((p) => p.id === 'aws-sky-ap-southeast-1-g5.2xlarge-spot');
    expect(spot).toMatchObject({ currency: 'CNY', price: 3.62319 });
    expect(spot?.note).toContain('lowest of 2 zones (3.62319–4.49275)');
  });

  it('skips rows without a price, vGPU slices, unknown regions and spot no cheaper than on-demand, and says so', () => {
    expect([...byId.keys()].some((id) => id.includes('mac2') || id.includes('g6f') || id.includes('us-east-2'))).toBe(
      false,
    );
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.reason, s.count]));
    expect(reasons['no on-demand price in the row']).toBe(1);
    expect(reasons['fractional GPU (a vGPU slice is not a GPU)']).toBe(1);
    expect(reasons['region not in catalog/providers.yaml (us-east-2)']).toBe(1);
    expect(reasons['zone spot price not below on-demand (spot effectively unavailable)']).toBe(1);
  });

  it('describes each type once, a slice with no GPU', () => {
    const g6f = r.instanceTypes.find((t) => t.type === 'g6f.large');
    expect(g6f).toMatchObject({ family: 'g6f', category: 'gpu', gpu: null, vcpu: 2 });
    expect(r.instanceTypes.find((t) => t.type === 'c7a.large')).toMatchObject({ category: 'compute', arch: 'x86_64' });
    expect(r.instanceTypes.filter((t) => t.type === 'g5.2xlarge')).toHaveLength(1);
  });

  it('refuses a file of another shape or a row that does not parse, in one sentence naming file and line', () => {
    const read = (text: string) => () =>
      readSkypilotCsv(text, {
        provider: 'aws',
        catalog,
        file: 'vms.csv',
        source: 'https://x.example',
        as_of: '2026-12-01',
      });
    expect(read(fixture('skypilot-wrong-shape.csv'))).toThrow(
      /^vms\.csv is not a SkyPilot vms\.csv: its header lacks InstanceType, AcceleratorName/,
    );
    expect(read(fixture('skypilot-bad-row.csv'))).toThrow('vms.csv: line 3: Price "about two" is not a number.');
    expect(read(fixture('skypilot-bad-row.csv'))).toThrow(ImportError);
  });
});

describe('procure catalog import alibaba-price-file | skypilot', () => {
  let root: string;
  const cli = (argv: string[]) => runCli(argv, { root });
  /** Every file under catalog/ with its text, to show the catalogue untouched. */
  const snapshot = () => {
    const out: Record<string, string> = {};
    for (const dir of ['catalog/prices', 'catalog/instance-types'])
      for (const f of readdirSync(join(root, dir))) out[`${dir}/${f}`] = readFileSync(join(root, dir, f), 'utf8');
    return out;
  };
  beforeEach(() => {
    root = copyProject();
  });
  afterEach(() => removeDir(root));

  it('imports an Alibaba price file into catalog/prices, and the catalogue loads it', async () => {
    const r = await cli([
      'catalog',
      'import',
      'alibaba-price-file',
      join(FIX, 'alibaba-instancePrice.json'),
      '--as-of',
      '2026-12-01',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Imported \d+ price row\(s\) in 3 region\(s\) from alibaba-instancePrice\.json/);
    expect(r.out).toContain('Left out:');
    const data = loadProject(root);
    expect(data.catalog.prices.find((p) => p.id === 'alibaba-pf-cn-hangzhou-ecs.g7.large')?.price).toBe(0.39);
    const { answer } = new Engine(data).ask('2 vCPU 8 GB on Alibaba in Hangzhou', '2026-12-02');
    expect(answer.options.length).toBeGreaterThan(0);
  }, 60_000);

  it('imports a SkyPilot catalogue with its new instance types', async () => {
    const r = await cli(['catalog', 'import', 'skypilot', join(FIX, 'skypilot-aws.csv'), '--provider', 'aws']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const data = loadProject(root);
    expect(data.catalog.prices.find((p) => p.id === 'aws-skyimp-ap-southeast-1-g5.2xlarge-spot')?.price).toBe(0.5);
    expect(data.catalog.instanceTypes.find((t) => t.type === 'c7a.large')).toMatchObject({
      provider: 'aws',
      source: 'file:skypilot-aws.csv',
    });
    // g5.2xlarge is already described by catalog/instance-types/aws.json; the import does not describe it again.
    expect(data.catalog.instanceTypes.filter((t) => t.provider === 'aws' && t.type === 'g5.2xlarge')).toHaveLength(1);
  }, 60_000);

  it('refuses a bad row or a file of another shape in one sentence, and leaves the catalogue as it was', async () => {
    const before = snapshot();
    for (const [format, file, extra, sentence] of [
      [
        'skypilot',
        'skypilot-bad-row.csv',
        ['--provider', 'aws'],
        'skypilot-bad-row.csv: line 3: Price "about two" is not a number.',
      ],
      [
        'skypilot',
        'skypilot-wrong-shape.csv',
        ['--provider', 'aws'],
        'skypilot-wrong-shape.csv is not a SkyPilot vms.csv',
      ],
      [
        'alibaba-price-file',
        'alibaba-instancePrice-bad-row.json',
        [],
        'alibaba-instancePrice-bad-row.json: pricingInfo entry',
      ],
      ['alibaba-price-file', 'skypilot-aws.csv', [], 'skypilot-aws.csv is not valid JSON'],
    ] as const) {
      const r = await cli(['catalog', 'import', format, join(FIX, file), ...extra]);
      expect(r.code, file).toBe(1);
      expect(r.err, file).toContain(sentence);
      expect(r.err.trim().split('\n'), file).toHaveLength(1);
    }
    expect(snapshot()).toEqual(before);
  }, 60_000);

  it('asks for --provider for a SkyPilot file', async () => {
    const r = await cli(['catalog', 'import', 'skypilot', join(FIX, 'skypilot-aws.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--provider is missing/);
  });
});
