/**
 * The public-feed readers on recorded samples of each shape (fixtures/README.md says what each is modelled on),
 * with their distractors: Windows images, sold-out zones, missing prices, other regions, other charge types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedFormatError, type FeedOptions } from '../../../src/catalog/importers/feed-common.js';
import { readHuaweiFeed, readHuaweiMenu } from '../../../src/catalog/importers/huawei-feed.js';
import { readTencentFeed } from '../../../src/catalog/importers/tencent-feed.js';
import { readVolcengineFeed } from '../../../src/catalog/importers/volcengine-feed.js';
import { loadProject } from '../../../src/catalog/load.js';

const FIX = join(import.meta.dirname, 'fixtures');
const fixture = (f: string) => readFileSync(join(FIX, f), 'utf8');
const catalog = loadProject().catalog;

function opts(provider: string, extra: Partial<FeedOptions> = {}): FeedOptions {
  const p = catalog.providers.find((x) => x.id === provider);
  return {
    source: `https://feed.example/${provider}`,
    asOf: '2026-12-06',
    locations: new Map((p?.regions ?? []).map((r) => [r.id, r.location])),
    gpuModels: catalog.gpus,
    idPrefix: 'pub',
    ...extra,
  };
}
const byId = <T extends { id: string }>(rows: T[], id: string) => rows.find((r) => r.id === id);

describe('Tencent zone-config feed', () => {
  const gn7 = (t: string) => (t === 'GN7.2XLARGE32' ? { model: 'T4', count: 1 } : undefined);
  const r = readTencentFeed(
    fixture('tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json'),
    opts('tencent', { gpuOf: gn7 }),
  );

  it('reads pay-as-you-go, 1/12/36/60-month subscriptions and spot, citing the source and date', () => {
    const payg = byId(r.prices, 'pub-tencent-s5.2xlarge32-ap-guangzhou-payg');
    expect(payg).toMatchObject({
      provider: 'tencent',
      kind: 'compute',
      service: 'CVM',
      sku: 'S5.2XLARGE32',
      region: 'ap-guangzhou',
      scope: { locations: ['guangzhou'] },
      billing: 'payg',
      unit: 'instance-hour',
      price: 1.76,
      currency: 'CNY',
      vcpu: 8,
      memoryGiB: 32,
      source: 'https://feed.example/tencent',
      as_of: '2026-12-06',
      dated: 'retrieved',
      grade: 'official',
    });
    expect(payg?.quote).toContain('Price.UnitPrice 1.76');
    const sub = (m: number) => byId(r.prices, `pub-tencent-s5.2xlarge32-ap-guangzhou-sub-${m}m`);
    expect(sub(1)).toMatchObject({ billing: 'subscription', term_months: 1, unit: 'month', price: 835.2 });
    expect(sub(12)).toMatchObject({ term_months: 12, price: 709.92 });
    expect(sub(12)?.note).toContain('the 12-month price CNY 8519.04 ÷ 12');
    expect(sub(36)?.price).toBeCloseTo(696, 6);
    expect(sub(60)?.price).toBeCloseTo(696, 6);
    expect(byId(r.prices, 'pub-tencent-s5.2xlarge32-ap-guangzhou-spot')).toMatchObject({
      billing: 'spot',
      unit: 'instance-hour',
      price: 0.352,
    });
  });

  it('keeps SELL / SOLD_OUT per zone on the row', () => {
    expect(byId(r.prices, 'pub-tencent-s5.2xlarge32-ap-guangzhou-payg')?.zones).toEqual([
      { zone: 'ap-guangzhou-3', status: 'sell' },
      { zone: 'ap-guangzhou-6', status: 'sold-out' },
    ]);
    const sa5 = byId(r.prices, 'pub-tencent-sa5.2xlarge32-ap-guangzhou-payg');
    expect(sa5?.zones?.every((z) => z.status === 'sold-out')).toBe(true);
    expect(sa5?.note).toContain('sold out in every zone');
  });

  it('names the GPU from the catalogue when the feed only counts it, and skips what it cannot price', () => {
    expect(byId(r.prices, 'pub-tencent-gn7.2xlarge32-ap-guangzhou-payg')).toMatchObject({
      kind: 'gpu-instance',
      gpu: { model: 'T4', count: 1 },
      price: 8.68,
    });
    const skipped = Object.fromEntries(r.skipped.map((s) => [s.reason, s.count]));
    expect(skipped).toMatchObject({
      'without a price': 1,
      'fractional-GPU (vGPU) types': 1,
      'GPU types whose GPU model is not named': 1,
      'of other charge types (CDHPAID)': 1,
    });
    expect(r.prices.some((p) => /s5\.large8|gn7vi|pnv4/.test(p.id))).toBe(false);
    expect(r.regions).toEqual(['ap-guangzhou']);
  });

  it('skips regions the catalogue does not know', () => {
    const only = readTencentFeed(
      fixture('tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json'),
      opts('tencent', { locations: new Map([['ap-singapore', 'singapore']]) }),
    );
    expect(only.prices).toEqual([]);
    expect(only.skipped[0]?.reason).toBe('in regions not in catalog/providers.yaml');
  });

  it('refuses another shape and a row that does not parse, naming the row', () => {
    expect(() => readTencentFeed('{"code":0,"data":{"Response":{"InstanceTypes":[]}}}', opts('tencent'))).toThrow(
      /InstanceTypeQuotaSet is not a list/,
    );
    expect(() => readTencentFeed('<html>', opts('tencent'))).toThrow(FeedFormatError);
    const bad = fixture('tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json').replace(
      '"UnitPrice": 1.76',
      '"UnitPrice": "ask sales"',
    );
    expect(() => readTencentFeed(bad, opts('tencent'))).toThrow(
      'InstanceTypeQuotaSet[0] (S5.2XLARGE32).Price.UnitPrice is "ask sales", not a price',
    );
  });
});

describe('Huawei calculator feed', () => {
  const r = readHuaweiFeed(fixture('huawei/productInfo-cn-north-4.json'), opts('huawei'));

  it('reads the ECS regions from the menu', () => {
    expect(readHuaweiMenu(fixture('huawei/menuInfo.json'))).toEqual(['ap-southeast-3', 'cn-north-4', 'la-south-2']);
    expect(() => readHuaweiMenu('{"menuInfos":[{"urlPath":"obs"}]}')).toThrow(/no ECS calculator/);
  });

  it('reads Linux on-demand, monthly and yearly prices; never the Windows image', () => {
    expect(byId(r.prices, 'pub-huawei-s6.2xlarge.4-cn-north-4-payg')).toMatchObject({
      service: 'ECS',
      price: 1.96,
      currency: 'CNY',
      vcpu: 8,
      memoryGiB: 32,
      scope: { locations: ['beijing'] },
    });
    expect(byId(r.prices, 'pub-huawei-s6.2xlarge.4-cn-north-4-sub-1m')).toMatchObject({ price: 948, term_months: 1 });
    expect(byId(r.prices, 'pub-huawei-s6.2xlarge.4-cn-north-4-sub-12m')?.price).toBeCloseTo(9670 / 12, 5);
    expect(byId(r.prices, 'pub-huawei-s6.2xlarge.4-cn-north-4-sub-36m')?.price).toBeCloseTo(22752 / 36, 5);
    expect(r.prices.some((p) => p.price === 2.62 || p.price === 1308)).toBe(false);
    expect(byId(r.prices, 'pub-huawei-c7.2xlarge.2-cn-north-4-payg')).toMatchObject({ vcpu: 8, memoryGiB: 16 });
    expect(byId(r.prices, 'pub-huawei-g6.2xlarge.4-cn-north-4-payg')).toMatchObject({
      kind: 'gpu-instance',
      gpu: { model: 'T4', count: 1 },
    });
    const skipped = Object.fromEntries(r.skipped.map((s) => [s.reason, s.count]));
    expect(skipped).toMatchObject({
      'for other images (win)': 1,
      'plans of other kinds (RI)': 1,
      'monthly plans of several months': 1,
      'without a price': 1,
      'GPU types whose GPU model is not named': 1,
    });
  });

  it('refuses another shape and a bad amount', () => {
    expect(() => readHuaweiFeed('{"region":"cn-north-4","product":{}}', opts('huawei'))).toThrow(
      /product\.ec2_vm is not a list/,
    );
    const bad = fixture('huawei/productInfo-cn-north-4.json').replace('"amount": 1.96', '"amount": "1,96"');
    expect(() => readHuaweiFeed(bad, opts('huawei'))).toThrow(
      'product.ec2_vm[0] (s6.2xlarge.4).planList[0].amount is "1,96", not a price',
    );
  });
});

describe('Volcano Engine calculator feed', () => {
  const r = readVolcengineFeed(fixture('volcengine/ListTemplate.json'), {
    ...opts('volcengine'),
    table: fixture('volcengine/GetTable.json'),
  });

  it('joins the template (specs) and the table (prices): hourly, monthly and yearly', () => {
    expect(byId(r.prices, 'pub-volcengine-ecs.g3i.2xlarge-cn-beijing-payg')).toMatchObject({
      sku: 'ecs.g3i.2xlarge',
      vcpu: 8,
      memoryGiB: 32,
      price: 1.66,
      currency: 'CNY',
      scope: { locations: ['beijing'] },
    });
    expect(byId(r.prices, 'pub-volcengine-ecs.g3i.2xlarge-cn-beijing-sub-1m')?.price).toBe(803.5);
    expect(byId(r.prices, 'pub-volcengine-ecs.g3i.2xlarge-cn-beijing-sub-12m')?.price).toBeCloseTo(642.8, 6);
    expect(byId(r.prices, 'pub-volcengine-ecs.g3i.2xlarge-cn-shanghai-payg')?.price).toBe(1.7);
    expect(byId(r.prices, 'pub-volcengine-ecs.gni2.3xlarge-cn-beijing-payg')).toMatchObject({
      kind: 'gpu-instance',
      gpu: { model: 'A10', count: 1 },
    });
    expect(r.prices.some((p) => p.region === 'us-east-1' || /ini2|c3a|ebs/.test(p.id))).toBe(false);
    const skipped = Object.fromEntries(r.skipped.map((s) => [s.reason, s.count]));
    expect(skipped).toMatchObject({
      'periods of other lengths': 1,
      'without a price': 1,
      'prices of types the template does not describe': 1,
      'prices of other products (EBS)': 1,
      'in regions not in catalog/providers.yaml': 1,
      'GPU types whose GPU model is not named': 1,
    });
  });

  it('reads both answers from one file too', () => {
    const both = `{"ListTemplate": ${fixture('volcengine/ListTemplate.json')}, "GetTable": ${fixture('volcengine/GetTable.json')}}`;
    expect(readVolcengineFeed(both, opts('volcengine')).prices).toEqual(r.prices);
  });

  it('refuses another shape', () => {
    expect(() =>
      readVolcengineFeed('{"Result":{"List":[]}}', { ...opts('volcengine'), table: '{"Result":{}}' }),
    ).toThrow(/Result\.List is missing or empty/);
    expect(() =>
      readVolcengineFeed(fixture('volcengine/ListTemplate.json'), {
        ...opts('volcengine'),
        table: '{"Result":{"Rows":[]}}',
      }),
    ).toThrow(/holds no PriceInfoList/);
  });
});
