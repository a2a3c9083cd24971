/**
 * The Alibaba Cloud ECS price adapter against a local fake of the ECS API, through the real SDK:
 * list price (not trade price) of the instance line, subscriptions, spot, the documented error codes,
 * what the request carries, and one end-to-end refresh.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProject } from '../../src/catalog/load.js';
import { type Price, type RefreshProvider, type WatchBilling, WatchItemSchema } from '../../src/catalog/schema.js';
import { alibabaFactory } from '../../src/refresh/providers/alibaba.js';
import { refreshPrices } from '../../src/refresh/refresh.js';
import { PriceApiError, type PriceQuery, type SourceFactory } from '../../src/refresh/types.js';
import { apiError, type FakeEcs, type Handler, priceAnswer, spotAnswer, startFakeEcs } from './fake-alibaba.js';

const KEY_ID = 'LTAI5tFakeKeyId0001';
const SECRET = 'fakeSecretValue0123456789abcdef';
const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET };
const A10 = 'ecs.gn7i-c8g1.2xlarge';

const item = (over: Record<string, unknown> = {}) =>
  WatchItemSchema.parse({
    instance_type: A10,
    family: 'gn7i',
    kind: 'gpu-instance',
    vcpu: 8,
    memoryGiB: 30,
    gpu: { model: 'A10', count: 1 },
    regions: ['cn-hangzhou'],
    billing: ['payg'],
    source:
      'https://help.aliyun.com/zh/ecs/user-guide/gpu-accelerated-compute-optimized-and-vgpu-accelerated-instance-families-1',
    as_of: '2026-11-23',
    dated: 'retrieved',
    ...over,
  });
const query = (billing: WatchBilling, over: Record<string, unknown> = {}, region = 'cn-hangzhou'): PriceQuery => ({
  item: item(over),
  region,
  billing,
});

let fake: FakeEcs | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
async function withFake(handler: Handler, timeoutMs = 3000) {
  fake = await startFakeEcs(handler);
  return { fake, source: alibabaFactory.create(ENV, { endpoint: fake.url, timeoutMs }) };
}
async function failure(p: Promise<unknown>): Promise<PriceApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PriceApiError);
  return err as PriceApiError;
}
const noSecrets = (text: string) => {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(KEY_ID);
};

describe('Alibaba ECS DescribePrice', () => {
  it('reads the pay-as-you-go list price of the instance line, not the trade price or the disk', async () => {
    const { fake, source } = await withFake(() => priceAnswer({ instance: 11.51, disk: 0.09, trade: 9.0 }));
    const r = await source.read(query('payg'));
    expect(r).toMatchObject({ amount: 11.51, currency: 'CNY', per: 'hour' });
    expect(r.call).toBe('Alibaba ECS DescribePrice, cn-hangzhou, PayAsYouGo');
    expect(r.quote).toContain('OriginalPrice 11.51, Currency CNY');
    expect(r.quote).toContain('Resource=instanceType');
    expect(r.note).toMatch(/system disk .*left out/);
    expect(r.ref).toMatch(/^api:alibaba\/ecs\/DescribePrice\?\S+$/);
    expect(r.ref).toContain('RegionId=cn-hangzhou');
    expect(r.ref).toContain(`InstanceType=${A10}`);
    expect(r.ref).toContain('PriceUnit=Hour');
    noSecrets(r.ref + r.quote + r.call);

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0];
    expect(req?.action).toBe('DescribePrice');
    expect(req?.headers['x-acs-version']).toBe('2014-05-26');
    expect(String(req?.headers.authorization)).toMatch(
      new RegExp(`^ACS3-HMAC-SHA256 Credential=${KEY_ID},SignedHeaders=\\S+,Signature=[0-9a-f]{64}$`),
    );
    expect(req?.query.get('RegionId')).toBe('cn-hangzhou');
    expect(req?.query.get('ResourceType')).toBe('instance');
    expect(req?.query.get('InstanceType')).toBe(A10);
    expect(req?.query.get('PriceUnit')).toBe('Hour');
    expect(req?.query.get('Period')).toBe('1');
    expect(req?.query.get('SystemDisk.Category')).toBe('cloud_essd');
    expect(req?.query.get('SystemDisk.PerformanceLevel')).toBe('PL0');
    // The secret signs the request; it never travels.
    expect(JSON.stringify(req?.headers) + (req?.url ?? '')).not.toContain(SECRET);
  });

  it('prices a 1-month subscription per month and a 1-year subscription per year', async () => {
    const { fake, source } = await withFake((req) =>
      req.query.get('PriceUnit') === 'Month' ? priceAnswer({ instance: 5600 }) : priceAnswer({ instance: 57120 }),
    );
    const m = await source.read(query('subscription-1m'));
    const y = await source.read(query('subscription-1y'));
    expect(m).toMatchObject({
      amount: 5600,
      per: 'month',
      call: 'Alibaba ECS DescribePrice, cn-hangzhou, Subscription 1 month',
    });
    expect(y).toMatchObject({ amount: 57120, per: 'year' });
    expect(fake.requests.map((r) => [r.query.get('PriceUnit'), r.query.get('Period')])).toEqual([
      ['Month', '1'],
      ['Year', '1'],
    ]);
  });

  it('says so when the answer has no breakdown and only the total with the system disk is available', async () => {
    const { source } = await withFake(() =>
      priceAnswer({ instance: 2.0, disk: 0.1, currency: 'USD', breakdown: false }),
    );
    const r = await source.read(query('payg', {}, 'ap-southeast-1'));
    expect(r).toMatchObject({ amount: 2.1, currency: 'USD' });
    expect(r.note).toMatch(/includes a cloud_essd PL0 40 GiB system disk/);
  });

  it('passes a watchlist ZoneId and system disk override, and refuses params it does not know', async () => {
    const { fake, source } = await withFake(() => priceAnswer({ instance: 1 }));
    await source.read(query('payg', { params: { ZoneId: 'cn-hangzhou-k', 'SystemDisk.Category': 'cloud_auto' } }));
    expect(fake.requests[0]?.query.get('ZoneId')).toBe('cn-hangzhou-k');
    expect(fake.requests[0]?.query.get('SystemDisk.Category')).toBe('cloud_auto');
    expect(fake.requests[0]?.query.get('SystemDisk.PerformanceLevel')).toBeNull();
    const e = await failure(source.read(query('payg', { params: { Foo: 'x' } })));
    expect(e.kind).toBe('other');
    expect(e.message).toContain('Foo');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('Alibaba ECS DescribeSpotPriceHistory', () => {
  it("records the cheapest zone's latest spot price and names the zone", async () => {
    const { fake, source } = await withFake(() =>
      spotAnswer([
        { zone: 'cn-hangzhou-k', at: '2026-11-23T05:00:00Z', price: 1.2 },
        { zone: 'cn-hangzhou-k', at: '2026-11-23T07:00:00Z', price: 2.6 },
        { zone: 'cn-hangzhou-j', at: '2026-11-23T06:00:00Z', price: 3.9 },
        { zone: 'cn-hangzhou-j', at: '2026-11-23T07:00:00Z', price: 2.4 },
      ]),
    );
    const r = await source.read(query('spot'));
    // 1.2 is older than k's latest (2.6); j's latest is 2.4, the cheapest current price.
    expect(r).toMatchObject({ amount: 2.4, currency: 'CNY', per: 'hour' });
    expect(r.quote).toContain('ZoneId=cn-hangzhou-j, Timestamp=2026-11-23T07:00:00Z].SpotPrice 2.4');
    expect(r.note).toMatch(/latest observed spot price, in zone cn-hangzhou-j/);
    expect(r.ref).toMatch(/^api:alibaba\/ecs\/DescribeSpotPriceHistory\?\S+$/);
    const req = fake.requests[0];
    expect(req?.action).toBe('DescribeSpotPriceHistory');
    expect(req?.query.get('NetworkType')).toBe('vpc');
    expect(req?.query.get('OSType')).toBe('linux');
    expect(req?.query.get('InstanceType')).toBe(A10);
    const start = Date.parse(req?.query.get('StartTime') ?? '');
    expect(req?.query.get('StartTime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.now() - start).toBeGreaterThan(23 * 3_600_000);
    expect(Date.now() - start).toBeLessThan(25 * 3_600_000);
  });

  it('follows NextOffset pages', async () => {
    const { fake, source } = await withFake((_req, n) => {
      const a = spotAnswer([{ zone: 'z1', at: `2026-11-23T0${n}:00:00Z`, price: n }]);
      return n === 1 ? { body: { ...(a.body as object), NextOffset: 1 } } : a;
    });
    const r = await source.read(query('spot'));
    expect(fake.requests.map((q) => q.query.get('Offset'))).toEqual([null, '1']);
    expect(r.amount).toBe(2);
  });

  it('reports no recent spot price as unsupported', async () => {
    const { source } = await withFake(() => spotAnswer([]));
    expect((await failure(source.read(query('spot')))).kind).toBe('unsupported');
  });
});

describe('Alibaba errors', () => {
  const cases: [string, ReturnType<typeof apiError>, string][] = [
    ['throttled', apiError(400, 'Throttling.User', 'Request was denied due to user flow control.'), 'Throttling.User'],
    ['throttled', apiError(400, 'Throttling', 'Request was denied due to request throttling.'), 'Throttling'],
    [
      'auth',
      apiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
      'InvalidAccessKeyId.NotFound',
    ],
    [
      'auth',
      apiError(403, 'Forbidden.RAM', 'User not authorized to operate on the specified resource.'),
      'Forbidden.RAM',
    ],
    [
      'unknown-type',
      apiError(
        400,
        'InvalidInstanceType.ValueNotSupported',
        'The specified InstanceType does not exist or beyond the permitted range.',
      ),
      'InvalidInstanceType.ValueNotSupported',
    ],
    [
      'unknown-type',
      apiError(
        400,
        'PriceNotFound',
        'The price of your queried resource is not available now, please try other resources.',
      ),
      'PriceNotFound',
    ],
    [
      'sold-out',
      apiError(
        403,
        'OperationDenied.NoStock',
        'The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.',
      ),
      'OperationDenied.NoStock',
    ],
    ['sold-out', apiError(403, 'OperationDenied', 'The resource is out of usage.'), 'OperationDenied'],
    [
      'network',
      apiError(500, 'InternalError', 'The request processing has failed due to some unknown error.'),
      'InternalError',
    ],
    ['other', apiError(400, 'InvalidPeriod', 'The specified period is not valid.'), 'InvalidPeriod'],
  ];
  for (const [kind, answer, code] of cases)
    it(`maps ${code} to ${kind}`, async () => {
      const { fake, source } = await withFake(() => answer);
      const e = await failure(source.read(query('payg')));
      // One request: the SDK must not retry on its own (the orchestrator does).
      expect(fake.requests).toHaveLength(1);
      expect(e.kind).toBe(kind);
      expect(e.code).toBe(code);
      expect(e.retryable).toBe(kind === 'throttled' || kind === 'network');
      expect(e.message).toMatch(/^Alibaba ECS DescribePrice, cn-hangzhou, PayAsYouGo .*\.$/);
    });

  it('keeps secrets the server echoes out of the message', async () => {
    const { source } = await withFake(() =>
      apiError(
        403,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D${KEY_ID}`,
      ),
    );
    const e = await failure(source.read(query('payg')));
    expect(e.kind).toBe('auth');
    noSecrets(e.message);
    const { source: s2 } = await withFake(() =>
      apiError(400, 'SomethingNew', `odd request with ${KEY_ID} and ${SECRET}`),
    );
    const e2 = await failure(s2.read(query('payg')));
    expect(e2.kind).toBe('other');
    noSecrets(e2.message);
  });

  it('maps the spot history throttling and stock codes too', async () => {
    const { source } = await withFake(() =>
      apiError(400, 'Throttling.Api', 'Request was denied due to api flow control.'),
    );
    expect((await failure(source.read(query('spot')))).kind).toBe('throttled');
  });

  it.each([
    ['no PriceInfo', { RequestId: 'x' }],
    ['OriginalPrice not a number', { PriceInfo: { Price: { OriginalPrice: 'cheap', Currency: 'CNY' } } }],
    ['unknown currency', { PriceInfo: { Price: { OriginalPrice: 1, Currency: 'EUR' } } }],
    [
      'breakdown without an instance line',
      {
        PriceInfo: {
          Price: {
            OriginalPrice: 1,
            Currency: 'CNY',
            DetailInfos: { DetailInfo: [{ Resource: 'systemDisk', OriginalPrice: 1 }] },
          },
        },
      },
    ],
    ['a body that is not JSON', '<html>gateway</html>'],
  ])('calls %s a bad response', async (_what, body) => {
    const { source } = await withFake(() => ({ body }));
    expect((await failure(source.read(query('payg')))).kind).toBe('bad-response');
  });

  it('calls a closed port and a silent server network failures', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const closed = alibabaFactory.create(ENV, { endpoint: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
    expect((await failure(closed.read(query('payg')))).kind).toBe('network');
    const { source } = await withFake(() => ({ body: '', hang: true }), 300);
    const started = Date.now();
    const e = await failure(source.read(query('payg')));
    expect(e.kind).toBe('network');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses to call without credentials, and describe() needs none and calls nothing', async () => {
    fake = await startFakeEcs(() => priceAnswer({ instance: 1 }));
    const source = alibabaFactory.create({}, { endpoint: fake.url });
    expect(source.describe(query('payg'))).toMatch(/^Alibaba ECS DescribePrice RegionId=cn-hangzhou .*PriceUnit=Hour/);
    expect(source.describe(query('spot'))).toContain('DescribeSpotPriceHistory');
    expect(alibabaFactory.create({}, {}).describe(query('payg'))).toContain('ecs.cn-hangzhou.aliyuncs.com');
    expect((await failure(source.read(query('payg')))).kind).toBe('auth');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Alibaba refresh end to end', () => {
  const WATCH = `provider: alibaba
watch:
  - instance_type: ${A10}
    family: gn7i
    kind: gpu-instance
    vcpu: 8
    memoryGiB: 30
    gpu: { model: A10, count: 1 }
    regions: [cn-hangzhou]
    billing: [payg, subscription-1y]
    source: https://help.aliyun.com/zh/ecs/user-guide/gpu-accelerated-compute-optimized-and-vgpu-accelerated-instance-families-1
    as_of: 2026-11-23
    dated: retrieved
    quote: "ecs.gn7i-c8g1.2xlarge | 8 | 30 | NVIDIA A10 * 1 | 24GB * 1"
`;
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it('writes api rows, retries throttling, and keeps an earlier row when a call fails', async () => {
    root = mkdtempSync(join(tmpdir(), 'procure-alibaba-'));
    mkdirSync(join(root, 'catalog', 'watchlist'), { recursive: true });
    mkdirSync(join(root, 'catalog', 'prices'), { recursive: true });
    writeFileSync(join(root, 'catalog', 'watchlist', 'alibaba.yaml'), WATCH);
    const { catalog } = loadProject();
    let mode: 'first' | 'second' = 'first';
    let throttledOnce = false;
    fake = await startFakeEcs((req) => {
      const unit = req.query.get('PriceUnit');
      if (mode === 'first' && unit === 'Hour' && !throttledOnce) {
        throttledOnce = true;
        return apiError(400, 'Throttling.User', 'Request was denied due to user flow control.');
      }
      if (mode === 'second' && unit === 'Year') return apiError(403, 'OperationDenied.NoStock', 'sold out');
      return unit === 'Year'
        ? priceAnswer({ instance: 57120 })
        : priceAnswer({ instance: mode === 'first' ? 11.5 : 12 });
    });
    const opts = (now: Date) => ({
      root: root as string,
      catalog,
      providers: ['alibaba'] as RefreshProvider[],
      dryRun: false,
      env: { ...ENV, PROCURE_ALIBABA_ENDPOINT: fake?.url },
      factories: { alibaba: alibabaFactory } as unknown as Record<RefreshProvider, SourceFactory>,
      now: () => now,
      retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 },
      timeoutMs: 3000,
    });
    const file = join(root, 'catalog', 'prices', 'api-alibaba.yaml');
    const rows = () => (parse(readFileSync(file, 'utf8')) as { prices: Price[] }).prices;

    const first = await refreshPrices(opts(new Date('2026-11-16T08:00:00Z')));
    const p1 = first.providers[0];
    expect(p1?.status).toBe('done');
    expect(p1?.failures).toEqual([]);
    expect(throttledOnce).toBe(true);
    expect(fake.requests.filter((r) => r.query.get('PriceUnit') === 'Hour')).toHaveLength(2);
    const r1 = rows();
    expect(r1.map((r) => r.id).sort()).toEqual([
      'api-alibaba-ecs.gn7i-c8g1.2xlarge-cn-hangzhou-payg',
      'api-alibaba-ecs.gn7i-c8g1.2xlarge-cn-hangzhou-sub-1y',
    ]);
    const payg = r1.find((r) => r.billing === 'payg');
    expect(payg).toMatchObject({ price: 11.5, currency: 'CNY', unit: 'instance-hour', as_of: '2026-11-16' });
    expect(payg?.source).toMatch(/^api:alibaba\/ecs\/DescribePrice\?/);
    expect(payg?.quote).toContain('OriginalPrice 11.5, Currency CNY');
    const sub = r1.find((r) => r.billing === 'subscription');
    expect(sub).toMatchObject({ price: 4760, unit: 'month', term_months: 12 });
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);

    mode = 'second';
    const second = await refreshPrices(opts(new Date('2026-11-23T08:00:00Z')));
    const p2 = second.providers[0];
    expect(p2?.updated.map((u) => [u.old, u.new])).toEqual([[11.5, 12]]);
    expect(p2?.failures).toHaveLength(1);
    expect(p2?.failures[0]).toMatchObject({ kind: 'sold-out', code: 'OperationDenied.NoStock', kept: true });
    const r2 = rows();
    expect(r2.find((r) => r.billing === 'payg')).toMatchObject({ price: 12, as_of: '2026-11-23' });
    expect(r2.find((r) => r.billing === 'subscription')).toMatchObject({ price: 4760, as_of: '2026-11-16' });
  });
});
