/**
 * The refresh orchestration, with a scripted price source: rows carry the API call as source and the day
 * of the query as as-of; throttling is retried; a failed call keeps the earlier price and is reported;
 * the change reaches the weekly summary with the instance type and region.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chooseProviders, RefreshSetupError, runRefresh } from '../../src/app/refresh.js';
import { weeklySummary } from '../../src/app/summary.js';
import { loadProject } from '../../src/catalog/load.js';
import type { Price } from '../../src/catalog/schema.js';
import { Engine } from '../../src/engine.js';
import { formatRefreshReport, refreshFailed, refreshPrices } from '../../src/refresh/refresh.js';
import { PriceApiError } from '../../src/refresh/types.js';
import { FileStore } from '../../src/store/file-store.js';
import {
  fakeFactories,
  fakeFactory,
  projectWithWatchlist,
  reading,
  type Script,
} from '../helpers/fake-price-source.js';
import { removeDir, removeShippedTables, tempDir } from '../helpers/project.js';

const WATCH = `provider: alibaba
watch:
  - instance_type: ecs.gn7i-c8g1.2xlarge
    family: gn7i
    kind: gpu-instance
    vcpu: 8
    memoryGiB: 30
    gpu: { model: A10, count: 1 }
    regions: [cn-hangzhou, ap-southeast-1]
    billing: [payg, subscription-1m, subscription-1y, spot]
    source: https://www.alibabacloud.com/help/en/ecs/user-guide/gpu-accelerated-compute-optimized-and-vgpu-accelerated-instance-families-1
    as_of: 2026-12-23
    dated: retrieved
    quote: "ecs.gn7i-c8g1.2xlarge 8 vCPU 30 GiB 1 x NVIDIA A10"
`;
const ENV = { FAKE_ALIBABA_KEY: 'k-secret' };
const FAST = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 };
const DAY1 = new Date('2026-12-16T08:00:00Z');
const DAY2 = new Date('2026-12-23T08:00:00Z');
const G = 'ecs.gn7i-c8g1.2xlarge';

let root: string;
let dataDir: string;
let store: FileStore;

beforeEach(async () => {
  root = projectWithWatchlist('alibaba', WATCH);
  // Refresh mechanics on the hand-made rows alone: the shipped tables' other A10 types would out-price the watched one.
  removeShippedTables(root);
  dataDir = tempDir('procure-refresh-data-');
  store = await FileStore.open(dataDir, { writer: true });
});
afterEach(async () => {
  await store.close();
  removeDir(root);
  removeDir(dataDir);
});

const rows = (): Price[] =>
  (parse(readFileSync(join(root, 'catalog/prices/api-alibaba.yaml'), 'utf8')) as { prices: Price[] }).prices;

function fullScript(payg = 11.5): Script {
  return {
    [`${G}|cn-hangzhou|payg`]: [reading(payg)],
    [`${G}|cn-hangzhou|subscription-1m`]: [reading(5600, 'month')],
    [`${G}|cn-hangzhou|subscription-1y`]: [reading(57_120, 'year')],
    [`${G}|cn-hangzhou|spot`]: [reading(2.3)],
    [`${G}|ap-southeast-1|payg`]: [reading(2.1, 'hour', 'USD')],
    [`${G}|ap-southeast-1|subscription-1m`]: [reading(900, 'month', 'USD')],
    [`${G}|ap-southeast-1|subscription-1y`]: [reading(9000, 'year', 'USD')],
    [`${G}|ap-southeast-1|spot`]: [reading(0.5, 'hour', 'USD')],
  };
}

const run = (script: Script, now: Date, calls: string[] = []) =>
  runRefresh({
    root,
    providers: ['alibaba'],
    dryRun: false,
    env: ENV,
    factories: fakeFactories(script, calls),
    store,
    by: 'U_ADMIN',
    now: () => now,
    retry: FAST,
  });

describe('catalog refresh', () => {
  it('writes one row per type, region and billing mode, sourced to the API call and dated the day of the query', async () => {
    const { report } = await run(fullScript(), DAY1);
    expect(refreshFailed(report)).toBe(false);
    const all = rows();
    expect(all).toHaveLength(8);
    const payg = all.find((r) => r.id === 'api-alibaba-ecs.gn7i-c8g1.2xlarge-cn-hangzhou-payg');
    expect(payg).toMatchObject({
      provider: 'alibaba',
      kind: 'gpu-instance',
      sku: G,
      region: 'cn-hangzhou',
      scope: { locations: ['hangzhou'] },
      billing: 'payg',
      unit: 'instance-hour',
      price: 11.5,
      currency: 'CNY',
      gpu: { model: 'A10', count: 1 },
      as_of: '2026-12-16',
      dated: 'retrieved',
      grade: 'official',
    });
    expect(payg?.source).toMatch(/^api:\S+$/);
    expect(payg?.quote).toContain('11.5');
    const year = all.find((r) => r.id.endsWith('cn-hangzhou-sub-1y'));
    expect(year).toMatchObject({ billing: 'subscription', term_months: 12, unit: 'month', price: 4760 });
    expect(year?.note).toContain('57120 ÷ 12');
    expect(all.find((r) => r.id.endsWith('ap-southeast-1-spot'))).toMatchObject({ billing: 'spot', price: 0.5 });
    // The file is a valid part of the catalogue.
    expect(loadProject(root).catalog.prices.filter((p) => p.source.startsWith('api:'))).toHaveLength(8);
  });

  it('retries a throttled call with backoff and then writes the price', async () => {
    const script = fullScript();
    const throttled = new PriceApiError('throttled', 'Request was denied due to flow control.', 'Throttling.User');
    script[`${G}|cn-hangzhou|payg`] = [throttled, throttled, reading(11.5)];
    const calls: string[] = [];
    const { report } = await run(script, DAY1, calls);
    expect(calls.filter((c) => c === `${G}|cn-hangzhou|payg`)).toHaveLength(3);
    expect(report.providers[0]?.failures).toEqual([]);
    expect(rows().find((r) => r.id.endsWith('cn-hangzhou-payg'))?.price).toBe(11.5);
  });

  it('keeps the earlier price when a call fails, and reports the failure', async () => {
    await run(fullScript(), DAY1);
    const script = fullScript(12.88);
    script[`${G}|ap-southeast-1|payg`] = [
      new PriceApiError('auth', 'The AccessKey is not valid.', 'InvalidAccessKeyId.NotFound'),
    ];
    script[`${G}|cn-hangzhou|spot`] = [
      new PriceApiError('sold-out', 'No stock in any zone.', 'OperationDenied.NoStock'),
    ];
    const calls: string[] = [];
    const { report, text } = await run(script, DAY2, calls);
    // Auth failures are not retried.
    expect(calls.filter((c) => c === `${G}|ap-southeast-1|payg`)).toHaveLength(1);
    const p = report.providers[0];
    expect(p?.failures.map((f) => [f.kind, f.code, f.kept])).toEqual([
      ['sold-out', 'OperationDenied.NoStock', true],
      ['auth', 'InvalidAccessKeyId.NotFound', true],
    ]);
    const kept = rows().find((r) => r.id.endsWith('ap-southeast-1-payg'));
    expect(kept).toMatchObject({ price: 2.1, as_of: '2026-12-16' });
    expect(rows().find((r) => r.id.endsWith('cn-hangzhou-payg'))).toMatchObject({ price: 12.88, as_of: '2026-12-23' });
    expect(rows()).toHaveLength(8);
    expect(text).toContain('✗ gn7i in ap-southeast-1, pay-as-you-go: auth (InvalidAccessKeyId.NotFound)');
    expect(text).toContain('the earlier price is kept');
    expect(text).not.toContain('k-secret');
    expect(refreshFailed(report)).toBe(true);
  });

  it('a failure with no earlier price writes nothing for that row and says so', async () => {
    const script = fullScript();
    delete script[`${G}|ap-southeast-1|spot`];
    const { report, text } = await run(script, DAY1);
    expect(report.providers[0]?.failures[0]).toMatchObject({ kind: 'unknown-type', kept: false });
    expect(rows().some((r) => r.id.endsWith('ap-southeast-1-spot'))).toBe(false);
    expect(text).toContain('no price yet');
  });

  it('puts the change into the weekly summary with the instance type, region and percentage', async () => {
    await run(fullScript(11.5), DAY1);
    const { changes } = await run(fullScript(12.88), DAY2);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'changed', old: 11.5, new: 12.88 });
    const engine = new Engine(loadProject(root), {});
    const summary = await weeklySummary(store, engine, '2026-W52', '2026-12-23');
    const text = engine.renderer.summary(summary, 'text');
    expect(text).toContain(`${G} in cn-hangzhou, pay-as-you-go: CNY 11.5 → 12.88 per instance-hour (+12%)`);
    expect(text).toMatch(/Fake alibaba: 8 prices read in 1 run \(1 new or changed\)/);
    expect((await store.refreshes()).map((r) => r.by)).toEqual(['U_ADMIN', 'U_ADMIN']);
  });

  it('answers with the refreshed price, its API source and as-of date', async () => {
    await run(fullScript(), DAY1);
    const engine = new Engine(loadProject(root), {});
    const { answer } = engine.ask('1x A10 inference on Alibaba in Hangzhou for 3 months', '2026-12-23');
    const text = engine.text(answer);
    expect(text).toContain(G);
    expect(text).toMatch(/11\.5/);
    expect(text).toContain('2026-12-16');
  });

  it('prices a subscription per instance-month on the term the duration fills, and spot at the latest spot price', async () => {
    await run(fullScript(), DAY1);
    const engine = new Engine(loadProject(root), {});
    const line = (q: string) => {
      const { answer } = engine.ask(q, '2026-12-23');
      const option = answer.options.find((o) => o.location === 'hangzhou');
      return option?.lines.find((l) => l.component === 'gpu');
    };
    // 2 instances on the 1-year term: 2 × CNY 4,760 a month, whatever the hours.
    expect(line('2x A10 on Alibaba in Hangzhou, subscription for 12 months')).toMatchObject({
      quantity: 2,
      quantityUnit: 'instance-months',
      unitPrice: 4760,
      monthly: { expected: 9520 },
    });
    // 3 months is not a 1-year commitment: the 1-month price.
    expect(line('1x A10 on Alibaba in Hangzhou, subscription for 3 months')).toMatchObject({ unitPrice: 5600 });
    const spot = line('1x A10 spot on Alibaba in Hangzhou');
    expect(spot).toMatchObject({ unitPrice: 2.3, priceId: 'api-alibaba-ecs.gn7i-c8g1.2xlarge-cn-hangzhou-spot' });
    expect(spot?.notes.join(' ')).toContain('spot price as read on 2026-12-16');
  });

  it('a dry run lists the calls, makes none and says which credentials a real run needs', async () => {
    const calls: string[] = [];
    const r = await runRefresh({
      root,
      providers: ['alibaba'],
      dryRun: true,
      env: {},
      factories: fakeFactories(fullScript(), calls),
      store,
      by: 'me',
    });
    expect(calls).toEqual([]);
    expect(r.report.providers[0]?.calls).toHaveLength(8);
    expect(r.text).toContain('would make 8 calls');
    expect(r.text).toContain('A real refresh needs FAKE_ALIBABA_KEY set.');
    expect(await store.refreshes()).toEqual([]);
  });

  it('refuses to start without credentials, naming the variables', () => {
    const f = fakeFactories({});
    expect(() => chooseProviders(['alibaba'], false, {}, f)).toThrow(/FAKE_ALIBABA_KEY/);
    expect(() => chooseProviders([], false, {}, f)).toThrow(RefreshSetupError);
    expect(() => chooseProviders(['ucloud'], false, ENV, f)).toThrow(/Unknown provider "ucloud"/);
    expect(chooseProviders(['all'], false, ENV, f)).toEqual(['alibaba']);
    expect(chooseProviders([], true, {}, f)).toEqual(['alibaba', 'tencent', 'huawei', 'volcengine']);
  });

  it('reports billing modes the API cannot price without calling it', async () => {
    const calls: string[] = [];
    const factories = fakeFactories(fullScript(), calls);
    factories.alibaba = fakeFactory('alibaba', fullScript(), calls, { billing: ['payg'] });
    const report = await refreshPrices({
      root,
      catalog: loadProject(root).catalog,
      providers: ['alibaba'],
      dryRun: false,
      env: ENV,
      factories,
      retry: FAST,
    });
    expect(calls).toHaveLength(2);
    expect(report.providers[0]?.unsupported).toHaveLength(6);
    expect(formatRefreshReport(report)).toContain("Fake alibaba's price API has no spot price");
  });

  it('names a watchlist region that is not in providers.yaml, and calls nothing', async () => {
    writeFileSync(join(root, 'catalog/watchlist/alibaba.yaml'), WATCH.replace('cn-hangzhou, ', 'cn-atlantis, '));
    const calls: string[] = [];
    const { report } = await run(fullScript(), DAY1, calls);
    expect(calls).toEqual([]);
    expect(report.providers[0]?.status).toBe('failed');
    expect(report.providers[0]?.reason).toContain('"cn-atlantis" is not a alibaba region in catalog/providers.yaml');
  });

  it('leaves a hand-damaged price file alone and says how to fix it', async () => {
    await run(fullScript(), DAY1);
    const file = join(root, 'catalog/prices/api-alibaba.yaml');
    writeFileSync(file, 'prices: [ {id: broken');
    const calls: string[] = [];
    await expect(run(fullScript(), DAY2, calls)).rejects.toThrow(/catalogue has problems/);
    expect(calls).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('prices: [ {id: broken');
  });

  it('a reading that does not fit the billing mode is a bad response, not a wrong row', async () => {
    const script = fullScript();
    script[`${G}|cn-hangzhou|payg`] = [reading(5600, 'month')];
    script[`${G}|cn-hangzhou|spot`] = [reading(Number.NaN)];
    const { report } = await run(script, DAY1);
    expect(report.providers[0]?.failures.map((f) => f.kind)).toEqual(['bad-response', 'bad-response']);
    expect(rows()).toHaveLength(6);
  });
});
