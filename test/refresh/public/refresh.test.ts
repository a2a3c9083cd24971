/**
 * `refresh --public` end to end against recorded feeds served on 127.0.0.1 (PROCURE_<P>_PUBLIC_URL): the tables
 * are swapped in, the next answer uses the new price and cites the URL read, changes are recorded old → new;
 * and a feed that answers 500, hangs past the bound, is oversized or has changed shape leaves the catalogue
 * byte-for-byte as it was, with one sentence per provider.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPublicRefresh } from '../../../src/app/refresh.js';
import { loadProject } from '../../../src/catalog/load.js';
import { Engine } from '../../../src/engine.js';
import { FileStore } from '../../../src/store/file-store.js';
import { copyProject, removeDir, tempDir } from '../../helpers/project.js';
import { type FakeFeeds, fixture, startFakeFeeds } from './fake-feeds.js';

let root: string;
let dataDir: string;
let store: FileStore;
let feeds: FakeFeeds;

const BOUNDS = { timeoutMs: 5_000, maxBytes: 1_000_000, retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 5 } };

beforeEach(async () => {
  root = copyProject();
  dataDir = tempDir('procure-public-refresh-');
  store = await FileStore.open(dataDir, { writer: true });
  feeds = await startFakeFeeds();
});
afterEach(async () => {
  await store.close();
  await feeds.close();
  removeDir(root);
  removeDir(dataDir);
});

const refresh = (providers: string[], extra: Partial<Parameters<typeof runPublicRefresh>[0]> = {}) =>
  runPublicRefresh({
    root,
    providers,
    dryRun: false,
    env: feeds.env(),
    store,
    by: 'test',
    bounds: BOUNDS,
    now: () => new Date('2026-12-06T05:00:00Z'),
    ...extra,
  });

/** Every file under catalog/, as bytes. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p).toString('base64'));
    }
  };
  walk(join(root, 'catalog'));
  return out;
}

function ask(text: string) {
  const engine = new Engine(loadProject(root), {});
  return engine.ask(text, '2026-12-06').answer;
}

describe('procure catalog refresh --public', () => {
  it('writes each provider’s table from its feed; the next answer uses the new price and cites the URL read', async () => {
    // Huawei and Volcano Engine ship no compute prices: before the refresh the size is a gap.
    const computeLine = (q: string) => ask(q).options[0]?.lines.find((l) => l.component === 'compute');
    expect(computeLine('8 vCPU 32 GB on Huawei in Beijing')).toBeUndefined();

    const r = await refresh(['all']);
    expect(r.report.providers.map((p) => [p.provider, p.status])).toEqual([
      ['tencent', 'done'],
      ['huawei', 'done'],
      ['volcengine', 'done'],
    ]);
    const tencent = r.report.providers[0];
    expect(tencent?.regions).toEqual(['ap-guangzhou', 'ap-singapore']);
    expect(tencent?.unknownRegions).toEqual(['sa-saopaulo']);
    expect(feeds.seen).not.toContain('tencent:sa-saopaulo');
    expect(feeds.seen).not.toContain('huawei:la-south-2');
    expect(r.text).toContain('Tencent Cloud: ');
    expect(r.text).toContain('catalog/prices/public-tencent.json');

    expect(computeLine('8 vCPU 32 GB on Huawei in Beijing')).toMatchObject({
      priceId: 'pub-huawei-kc2.2xlarge.4-cn-north-4-payg',
      unitPrice: 1.41,
      currency: 'CNY',
      asOf: '2026-12-06',
      source: `${feeds.url}/huawei/productInfo?urlPath=ecs&tag=general.online.portal&region=cn-north-4&tab=calc&sign=common`,
    });
    expect(computeLine('8 vCPU 32 GB on Volcano Engine in Beijing')).toMatchObject({
      priceId: 'pub-volcengine-ecs.g3i.2xlarge-cn-beijing-payg',
      unitPrice: 1.66,
      source: `${feeds.url}/volcengine?Action=GetTable&Version=2020-01-01`,
    });
    // Tencent's rows are in the catalogue, citing the URL of the region read.
    const row = loadProject(root).catalog.prices.find((p) => p.id === 'pub-tencent-s5.2xlarge32-ap-guangzhou-payg');
    expect(row?.source).toBe(
      `${feeds.url}/tencent/cgi/api?i=cvm/DescribeZoneInstanceConfigInfos&uin=&region=ap-guangzhou`,
    );
  });

  it('records what changed, old → new, and a fresher table replaces the older one whole', async () => {
    await refresh(['tencent']);
    feeds.answers.set('tencent:ap-guangzhou', {
      body: fixture('tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json').replaceAll(
        '"UnitPrice": 1.76',
        '"UnitPrice": 1.9',
      ),
    });
    const r = await refresh(['tencent'], { now: () => new Date('2026-12-07T05:00:00Z') });
    const t = r.report.providers[0];
    expect(t?.changed).toContainEqual(
      expect.objectContaining({ label: 'S5.2XLARGE32 in ap-guangzhou, pay-as-you-go', old: 1.76, new: 1.9 }),
    );
    expect(r.text).toContain('~ S5.2XLARGE32 in ap-guangzhou, pay-as-you-go: CNY 1.76 → CNY 1.9 per instance-hour');
    const changes = await store.priceChanges();
    expect(changes).toContainEqual(
      expect.objectContaining({
        id: 'pub-tencent-s5.2xlarge32-ap-guangzhou-payg',
        kind: 'changed',
        old: 1.76,
        new: 1.9,
      }),
    );
    const refreshes = await store.refreshes();
    expect(refreshes.at(-1)?.providers[0]).toMatchObject({ provider: 'tencent', status: 'done' });
    // Every row of the table is of the new day.
    const table = JSON.parse(readFileSync(join(root, 'catalog/prices/public-tencent.json'), 'utf8'));
    expect(table.shared.as_of).toBe('2026-12-07');
  });

  it('a fresher row replaces an older one for the same type, region and billing, even a cheaper one', async () => {
    writeFileSync(
      join(root, 'catalog/prices/tencent-old-snapshot.yaml'),
      `prices:
  - id: old-tencent-s5-2xlarge32-gz
    provider: tencent
    kind: compute
    service: CVM
    sku: S5.2XLARGE32
    scope: { locations: [guangzhou] }
    region: ap-guangzhou
    billing: payg
    unit: instance-hour
    price: 0.01
    currency: CNY
    vcpu: 8
    memoryGiB: 32
    source: https://www.tencentcloud.com/document/product/213/34835
    as_of: 2023-06-30
`,
    );
    const line = () =>
      ask('8 vCPU 32 GB on Tencent in Guangzhou').options[0]?.lines.find((l) => l.component === 'compute');
    expect(line()?.priceId).toBe('old-tencent-s5-2xlarge32-gz');
    feeds.answers.set('tencent:ap-guangzhou', {
      body: JSON.stringify({
        code: 0,
        data: {
          Response: {
            InstanceTypeQuotaSet: JSON.parse(
              fixture('tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json').replaceAll(
                '"UnitPrice": 1.76',
                '"UnitPrice": 0.02',
              ),
            ).data.Response.InstanceTypeQuotaSet.filter(
              (i: { InstanceType: string }) => i.InstanceType === 'S5.2XLARGE32',
            ),
          },
        },
      }),
    });
    await refresh(['tencent']);
    // The refreshed row (0.02) is used, not the older, cheaper one (0.01).
    expect(line()).toMatchObject({
      priceId: 'pub-tencent-s5.2xlarge32-ap-guangzhou-payg',
      unitPrice: 0.02,
      asOf: '2026-12-06',
    });
  });

  it('keeps the sold-out zones on the rows', async () => {
    await refresh(['tencent']);
    const prices = loadProject(root).catalog.prices;
    expect(prices.find((p) => p.id === 'pub-tencent-s5.2xlarge32-ap-guangzhou-payg')?.zones).toEqual([
      { zone: 'ap-guangzhou-3', status: 'sell' },
      { zone: 'ap-guangzhou-6', status: 'sold-out' },
    ]);
    // The feed counts GN7's GPU; catalog/instance-types/ names it.
    expect(prices.find((p) => p.id === 'pub-tencent-gn7.2xlarge32-ap-guangzhou-payg')).toMatchObject({
      kind: 'gpu-instance',
      gpu: { model: 'T4', count: 1 },
    });
  });

  it('a dry run lists what it would read and reads nothing', async () => {
    const r = await refresh(['huawei'], { dryRun: true });
    expect(r.text).toContain(`GET ${feeds.url}/huawei/menuInfo?sign=common&language=zh-cn`);
    expect(feeds.seen).toEqual([]);
  });
});

describe('a feed that cannot be read leaves the catalogue exactly as it was', () => {
  const cases: [string, string, () => void, RegExp, Partial<typeof BOUNDS>][] = [
    [
      'answers 500',
      'tencent',
      () => feeds.answers.set('tencent:ap-guangzhou', { status: 500, body: 'oops' }),
      /^Tencent Cloud: the feed at http:\/\/127\.0\.0\.1:\d+\/tencent\/cgi\/api\?i=cvm\/DescribeZoneInstanceConfigInfos&uin=&region=ap-guangzhou answered HTTP 500 Internal Server Error \(2 tries\); its prices in catalog\/prices\/public-tencent\.json are unchanged\.$/,
      {},
    ],
    [
      'hangs past the bound',
      'huawei',
      () => feeds.answers.set('huawei:cn-north-4', { hang: true }),
      /^Huawei Cloud: the feed at \S+\/huawei\/productInfo\?\S+region=cn-north-4\S* did not answer within 1 s \(2 tries\); its prices in catalog\/prices\/public-huawei\.json are unchanged\.$/,
      { timeoutMs: 1_000 },
    ],
    [
      'is oversized',
      'volcengine',
      () => feeds.answers.set('volcengine:GetTable', { bytes: 50_000 }),
      /^Volcano Engine: the feed at \S+\/volcengine\?Action=GetTable&Version=2020-01-01 is more than the 20 kB allowed; its prices in catalog\/prices\/public-volcengine\.json are unchanged\.$/,
      { maxBytes: 20_000 },
    ],
    [
      'has changed shape',
      'tencent',
      () =>
        feeds.answers.set('tencent:ap-singapore', {
          body: '{"code":0,"data":{"Response":{"InstanceTypeConfigSet":[]}}}',
        }),
      /^Tencent Cloud: the feed at \S+region=ap-singapore has changed shape: it is not Tencent's DescribeZoneInstanceConfigInfos answer: data\.Response\.InstanceTypeQuotaSet is not a list; its prices in catalog\/prices\/public-tencent\.json are unchanged\.$/,
      {},
    ],
  ];

  for (const [what, provider, breakIt, sentence, bounds] of cases)
    it(`when it ${what}`, async () => {
      await refresh([provider]);
      const before = snapshot();
      breakIt();
      const r = await refresh([provider], {
        bounds: { ...BOUNDS, ...bounds },
        now: () => new Date('2026-12-08T00:00:00Z'),
      });
      const p = r.report.providers[0];
      expect(p?.status).toBe('failed');
      expect(p?.reason).toMatch(sentence);
      expect(r.text.trim()).toBe(p?.reason);
      expect(snapshot()).toEqual(before);
    }, 30_000);

  it('says one sentence per provider when all fail, and a first refresh that fails writes nothing', async () => {
    const before = snapshot();
    feeds.answers.set('tencent:regions', { status: 503 });
    feeds.answers.set('huawei:menu', { body: '<html>maintenance</html>' });
    feeds.answers.set('volcengine:ListTemplate', { status: 404 });
    const r = await refresh(['all']);
    expect(r.report.providers.every((p) => p.status === 'failed')).toBe(true);
    expect(r.text.trim().split('\n')).toHaveLength(3);
    expect(r.text).toContain('Huawei Cloud: the feed at');
    expect(r.text).toContain('has changed shape: it is not JSON');
    expect(snapshot()).toEqual(before);
  });
});
