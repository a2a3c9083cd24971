/**
 * The Volcano Engine adapter against a local fake of the billing endpoint: the real SDK client
 * (@volcengine/openapi Service) signs and sends the call; the fake answers as the reference pages show.
 * Figures here are fixtures. Spot is not priced by these APIs, and the price queries report no stock,
 * so there is no spot or sold-out case to test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProject } from '../../src/catalog/load.js';
import { type Price, type RefreshProvider, type WatchBilling, WatchItemSchema } from '../../src/catalog/schema.js';
import { volcengineFactory } from '../../src/refresh/providers/volcengine.js';
import { refreshPrices } from '../../src/refresh/refresh.js';
import { PriceApiError, type PriceQuery, type SourceFactory } from '../../src/refresh/types.js';
import {
  errorReply,
  type FakeVolcengine,
  priceReply,
  type RecordedRequest,
  startFakeVolcengine,
} from './fake-volcengine.js';

const AK = 'AKLTfakeAccessKeyId0001';
const SK = 'fakeSecretKeyThatMustNeverAppear';
const ENV = { VOLC_ACCESSKEY: AK, VOLC_SECRETKEY: SK };
const PAYG = 'QueryPriceForPayAsYouGo';
const SUB = 'QueryPriceForSubscription';

const ITEM = WatchItemSchema.parse({
  instance_type: 'ecs.fixture.xlarge',
  family: 'fixture',
  kind: 'compute',
  vcpu: 4,
  memoryGiB: 16,
  regions: ['cn-beijing', 'cn-hongkong'],
  billing: ['payg', 'subscription-1m', 'subscription-1y'],
  params: { Product: 'Product_1', 'ConfigurationCode.cn-beijing': 'cfg-bj', 'ConfigurationCode.cn-hongkong': 'cfg-hk' },
  source: 'https://example.com/fixture',
  as_of: '2026-11-23',
  dated: 'retrieved',
  quote: 'fixture',
});
const q = (billing: WatchBilling, region = 'cn-beijing', item = ITEM): PriceQuery => ({ item, region, billing });

const actionOf = (r: RecordedRequest) => r.url.searchParams.get('Action') ?? '';
const configOf = (r: RecordedRequest) =>
  ((r.body as { ConfigList?: { ConfigurationCode?: string }[] })?.ConfigList?.[0]?.ConfigurationCode ?? '') as string;

let fake: FakeVolcengine;
beforeAll(async () => {
  fake = await startFakeVolcengine();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

const source = (env: Record<string, string | undefined> = ENV, timeoutMs = 2_000, endpoint = fake.endpoint) =>
  volcengineFactory.create(env, { endpoint, timeoutMs });

async function failure(p: Promise<unknown>): Promise<PriceApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PriceApiError);
    return err as PriceApiError;
  }
  throw new Error('expected the call to fail');
}

describe('volcengine factory', () => {
  it('names the SDK credential variables, the read-only policy and the modes the billing API prices', () => {
    expect(volcengineFactory.provider).toBe('volcengine');
    expect(volcengineFactory.credentialVars).toEqual(['VOLC_ACCESSKEY', 'VOLC_SECRETKEY']);
    expect(volcengineFactory.billing).toEqual(['payg', 'subscription-1m', 'subscription-1y']);
    expect(volcengineFactory.billing).not.toContain('spot');
    expect(volcengineFactory.permission).toContain('BillingCenterReadOnlyAccess');
    expect(volcengineFactory.perSecond).toBe(10);
  });
});

describe('volcengine read: successful readings', () => {
  it('reads the pay-as-you-go list price (OriginalAmount, not the discounted amount) from a signed call', async () => {
    fake.handle((r) => priceReply(PAYG, configOf(r), '2.350000', '1.880000'));
    const reading = await source().read(q('payg'));
    expect(reading).toMatchObject({ amount: 2.35, currency: 'CNY', per: 'hour' });
    expect(reading.quote).toBe('Result.ConfigList[ConfigurationCode=cfg-bj].OriginalAmount 2.350000, Currency CNY');
    expect(reading.ref).toBe(
      'api:volcengine/billing/QueryPriceForPayAsYouGo?Product=Product_1&ConfigurationCode=cfg-bj&UseDuration=1&Quantity=1',
    );
    expect(reading.ref).toMatch(/^api:\S+$/);
    expect(reading.call).toContain('QueryPriceForPayAsYouGo');
    expect(reading.call).toContain('cn-beijing');

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0] as RecordedRequest;
    expect(req.method).toBe('POST');
    expect(req.url.searchParams.get('Action')).toBe(PAYG);
    expect(req.url.searchParams.get('Version')).toBe('2022-01-01');
    expect(req.headers['content-type']).toContain('application/json');
    expect(req.body).toEqual({
      Product: 'Product_1',
      ConfigList: [{ ConfigurationCode: 'cfg-bj', Quantity: 1, UseDuration: 1 }],
    });
    // Signed by the SDK: HMAC-SHA256 with the key id, the day, the signing region and the billing service.
    expect(req.headers.authorization).toMatch(
      new RegExp(
        `^HMAC-SHA256 Credential=${AK}/\\d{8}/cn-beijing/billing/request, SignedHeaders=\\S+, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(req.headers['x-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(req.rawBody + JSON.stringify(req.headers) + req.url.href).not.toContain(SK);
  });

  it('uses the region-specific ConfigurationCode and ChargeItemCode for each region', async () => {
    const item = WatchItemSchema.parse({
      ...ITEM,
      params: { ...ITEM.params, 'ChargeItemCode.cn-hongkong': 'charge-hk' },
    });
    fake.handle((r) => priceReply(PAYG, configOf(r), '0.410000', '0.410000', 'USD', { ChargeItemCode: 'charge-hk' }));
    const reading = await source().read(q('payg', 'cn-hongkong', item));
    expect(reading).toMatchObject({ amount: 0.41, currency: 'USD', per: 'hour' });
    expect(fake.requests[0]?.body).toEqual({
      Product: 'Product_1',
      ConfigList: [{ ConfigurationCode: 'cfg-hk', ChargeItemCode: 'charge-hk', Quantity: 1, UseDuration: 1 }],
    });
    expect(reading.ref).toContain('ChargeItemCode=charge-hk');
  });

  it('reads a 1-month subscription with QueryPriceForSubscription, UseDuration 1, per month', async () => {
    fake.handle((r) => priceReply(SUB, configOf(r), '1120.000000', '900.000000'));
    const reading = await source().read(q('subscription-1m'));
    expect(reading).toMatchObject({ amount: 1120, currency: 'CNY', per: 'month' });
    expect(actionOf(fake.requests[0] as RecordedRequest)).toBe(SUB);
    expect(fake.requests[0]?.body).toEqual({
      Product: 'Product_1',
      ConfigList: [{ ConfigurationCode: 'cfg-bj', Quantity: 1, UseDuration: 1 }],
    });
  });

  it('reads a 1-year subscription as 12 months, priced per year', async () => {
    fake.handle((r) => priceReply(SUB, configOf(r), '11424.000000', '9000.000000'));
    const reading = await source().read(q('subscription-1y'));
    expect(reading).toMatchObject({ amount: 11424, per: 'year' });
    expect(reading.ref).toContain('UseDuration=12');
    expect(fake.requests[0]?.body).toMatchObject({ ConfigList: [{ UseDuration: 12, Quantity: 1 }] });
  });

  it('falls back to TotalOriginalAmount when the result has no ConfigList', async () => {
    fake.handle(() => ({
      body: {
        ResponseMetadata: {
          RequestId: 'r',
          Action: PAYG,
          Version: '2022-01-01',
          Service: 'billing',
          Region: 'cn-beijing',
        },
        Result: { Currency: 'CNY', TotalOriginalAmount: '3.100000', TotalDiscountAmount: '2.000000' },
      },
    }));
    const reading = await source().read(q('payg'));
    expect(reading.amount).toBe(3.1);
    expect(reading.quote).toBe('Result.TotalOriginalAmount 3.100000, Currency CNY');
  });
});

describe('volcengine read: failures', () => {
  it('maps FlowLimitExceeded (HTTP 429) to throttled', async () => {
    fake.handle(() => errorReply(PAYG, 429, 'FlowLimitExceeded', 100018, 'Request limit exceeded'));
    const err = await failure(source().read(q('payg')));
    expect(err.kind).toBe('throttled');
    expect(err.code).toBe('FlowLimitExceeded');
    expect(err.retryable).toBe(true);
  });

  it('maps RequestLimitExceeded to throttled', async () => {
    fake.handle(() => errorReply(SUB, 429, 'RequestLimitExceeded', 0, 'too many requests'));
    const err = await failure(source().read(q('subscription-1m')));
    expect(err.kind).toBe('throttled');
  });

  it.each([
    ['SignatureDoesNotMatch', 401, 100010],
    ['InvalidAccessKey', 401, 100009],
    ['InvalidAuthorization', 400, 0],
    ['AccessDenied', 403, 100013],
  ])('maps %s to auth without repeating the key or the secret', async (code, status, codeN) => {
    fake.handle(() =>
      errorReply(PAYG, status, code, codeN, `The accesskey [${AK}] included in the request is invalid.`),
    );
    const err = await failure(source().read(q('payg')));
    expect(err.kind).toBe('auth');
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(false);
    expect(err.message).not.toContain(AK);
    expect(err.message).not.toContain(SK);
    expect(err.message).toContain('BillingCenterReadOnlyAccess');
  });

  it('maps a rejected configuration code to unknown-type', async () => {
    fake.handle(() =>
      errorReply(PAYG, 400, 'InvalidParameter', 0, 'ConfigurationCode cfg-bj is not valid for product Product_1'),
    );
    const err = await failure(source().read(q('payg')));
    expect(err.kind).toBe('unknown-type');
    expect(err.code).toBe('InvalidParameter');
    expect(err.message).toContain('ecs.fixture.xlarge in cn-beijing');
  });

  it('maps other service errors to other, with the code', async () => {
    fake.handle(() => errorReply(PAYG, 500, 'InternalError', 100014, 'Service has some internal Error.'));
    const err = await failure(source().read(q('payg')));
    expect(err.kind).toBe('other');
    expect(err.code).toBe('InternalError');
  });

  it.each([
    ['an HTML page', { status: 502, body: '<html>Bad Gateway</html>' }],
    ['no Result', { body: { ResponseMetadata: { RequestId: 'r', Action: PAYG } } }],
    [
      'a non-numeric OriginalAmount',
      {
        body: {
          ResponseMetadata: { RequestId: 'r' },
          Result: { Currency: 'CNY', ConfigList: [{ ConfigurationCode: 'cfg-bj', OriginalAmount: 'n/a' }] },
        },
      },
    ],
    [
      'an unknown currency',
      {
        body: {
          ResponseMetadata: { RequestId: 'r' },
          Result: { Currency: 'EUR', ConfigList: [{ ConfigurationCode: 'cfg-bj', OriginalAmount: '1.0' }] },
        },
      },
    ],
    [
      'a ConfigList without our configuration',
      {
        body: {
          ResponseMetadata: { RequestId: 'r' },
          Result: { Currency: 'CNY', ConfigList: [{ ConfigurationCode: 'other', OriginalAmount: '1.0' }] },
        },
      },
    ],
  ])('treats %s as bad-response', async (_what, reply) => {
    fake.handle(() => reply);
    const err = await failure(source().read(q('payg')));
    expect(err.kind).toBe('bad-response');
  });

  it('reports a timeout as network', async () => {
    fake.handle((r) => ({ ...priceReply(PAYG, configOf(r), '1', '1'), delayMs: 600 }));
    const err = await failure(source(ENV, 150).read(q('payg')));
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
  });

  it('reports a refused connection as network', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await failure(source(ENV, 1_000, `http://127.0.0.1:${port}`).read(q('payg')));
    expect(err.kind).toBe('network');
    expect(err.code).toBe('ECONNREFUSED');
  });

  it('fails without calling when the watchlist entry lacks the billing codes', async () => {
    const noCodes = WatchItemSchema.parse({ ...ITEM, params: { Product: 'Product_1' } });
    const err = await failure(source().read(q('payg', 'cn-beijing', noCodes)));
    expect(err.kind).toBe('other');
    expect(err.message).toContain('params.ConfigurationCode.cn-beijing');

    // A plain ConfigurationCode cannot stand for two regions: the API takes no region.
    const plain = WatchItemSchema.parse({ ...ITEM, params: { Product: 'Product_1', ConfigurationCode: 'cfg' } });
    expect((await failure(source().read(q('payg', 'cn-hongkong', plain)))).kind).toBe('other');
    const noProduct = WatchItemSchema.parse({ ...ITEM, params: { 'ConfigurationCode.cn-beijing': 'cfg-bj' } });
    expect((await failure(source().read(q('payg', 'cn-beijing', noProduct)))).message).toContain('params.Product');
    expect(fake.requests).toHaveLength(0);
  });

  it('accepts a plain ConfigurationCode for a single-region entry', async () => {
    const single = WatchItemSchema.parse({
      ...ITEM,
      regions: ['cn-shanghai'],
      params: { Product: 'Product_1', ConfigurationCode: 'cfg-sh' },
    });
    fake.handle((r) => priceReply(PAYG, configOf(r), '2.000000', '2.000000'));
    const reading = await source().read(q('payg', 'cn-shanghai', single));
    expect(reading.amount).toBe(2);
    expect(configOf(fake.requests[0] as RecordedRequest)).toBe('cfg-sh');
  });

  it('fails with auth and makes no call when the credentials are missing', async () => {
    const err = await failure(source({ VOLC_ACCESSKEY: AK }).read(q('payg')));
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('VOLC_SECRETKEY');
    expect(fake.requests).toHaveLength(0);
  });

  it('reports spot as unsupported without a call', async () => {
    const err = await failure(source().read(q('spot')));
    expect(err.kind).toBe('unsupported');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('volcengine describe', () => {
  it('names the action and codes without credentials or a call', () => {
    const s = volcengineFactory.create({}, { endpoint: 'not a url' });
    expect(s.describe(q('payg'))).toBe(
      'Volcano Engine billing QueryPriceForPayAsYouGo Product=Product_1 ConfigurationCode=cfg-bj UseDuration=1 Quantity=1 (ecs.fixture.xlarge, cn-beijing)',
    );
    expect(s.describe(q('subscription-1y', 'cn-hongkong'))).toContain('QueryPriceForSubscription');
    expect(s.describe(q('subscription-1y', 'cn-hongkong'))).toContain('UseDuration=12');
    const noCodes = WatchItemSchema.parse({ ...ITEM, params: {} });
    expect(s.describe(q('payg', 'cn-beijing', noCodes))).toContain('missing params.Product');
    expect(fake.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------

const WATCHLIST = `provider: volcengine
per_second: 50
watch:
  - instance_type: ecs.fixture.xlarge
    family: fixture
    kind: compute
    vcpu: 4
    memoryGiB: 16
    regions: [cn-beijing, cn-hongkong]
    billing: [payg, subscription-1m, subscription-1y, spot]
    params:
      Product: Product_1
      ConfigurationCode.cn-beijing: cfg-bj
      ConfigurationCode.cn-hongkong: cfg-hk
    source: https://example.com/fixture
    as_of: 2026-11-23
    dated: retrieved
    quote: fixture
`;

describe('volcengine through refreshPrices', () => {
  const DAY1 = new Date('2026-11-16T08:00:00Z');
  const DAY2 = new Date('2026-11-23T08:00:00Z');
  const FAST = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 };
  const factories = { volcengine: volcengineFactory } as unknown as Record<RefreshProvider, SourceFactory>;
  let root: string;
  let catalog: ReturnType<typeof loadProject>['catalog'];

  beforeAll(() => {
    catalog = loadProject().catalog;
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'procure-volcengine-'));
    mkdirSync(join(root, 'catalog', 'watchlist'), { recursive: true });
    mkdirSync(join(root, 'catalog', 'prices'), { recursive: true });
    writeFileSync(join(root, 'catalog', 'watchlist', 'volcengine.yaml'), WATCHLIST);
  });
  const cleanup = () => rmSync(root, { recursive: true, force: true });

  const rows = (): Price[] =>
    (parse(readFileSync(join(root, 'catalog/prices/api-volcengine.yaml'), 'utf8')) as { prices: Price[] }).prices;
  const run = (now: Date, env: Record<string, string> = { ...ENV, PROCURE_VOLCENGINE_ENDPOINT: fake.endpoint }) =>
    refreshPrices({
      root,
      catalog,
      providers: ['volcengine'],
      dryRun: false,
      env,
      factories,
      now: () => now,
      retry: FAST,
    });

  /** Fixture prices by (action, configuration code); the Hong Kong answers are in USD. */
  const FIGURES: Record<string, [string, string]> = {
    [`${PAYG}|cfg-bj`]: ['2.350000', 'CNY'],
    [`${PAYG}|cfg-hk`]: ['0.410000', 'USD'],
    [`${SUB}|cfg-bj|1`]: ['1120.000000', 'CNY'],
    [`${SUB}|cfg-bj|12`]: ['11424.000000', 'CNY'],
    [`${SUB}|cfg-hk|1`]: ['190.000000', 'USD'],
    [`${SUB}|cfg-hk|12`]: ['1944.000000', 'USD'],
  };
  const figureOf = (r: RecordedRequest) => {
    const dur = (r.body as { ConfigList: { UseDuration: number }[] }).ConfigList[0]?.UseDuration;
    const key = actionOf(r) === PAYG ? `${PAYG}|${configOf(r)}` : `${SUB}|${configOf(r)}|${dur}`;
    const [amount, currency] = FIGURES[key] ?? ['0', 'CNY'];
    return priceReply(actionOf(r), configOf(r), amount, amount, currency);
  };

  it('writes api rows dated the query day, retries a throttled call, and keeps an earlier row when a call fails', async () => {
    try {
      // Day 1: the first Beijing pay-as-you-go call is throttled, the retry succeeds.
      let throttledOnce = false;
      fake.handle((r) => {
        if (actionOf(r) === PAYG && configOf(r) === 'cfg-bj' && !throttledOnce) {
          throttledOnce = true;
          return errorReply(PAYG, 429, 'FlowLimitExceeded', 100018, 'Request limit exceeded');
        }
        return figureOf(r);
      });
      const day1 = await run(DAY1);
      const p1 = day1.providers[0];
      expect(p1?.status).toBe('done');
      expect(p1?.failures).toEqual([]);
      expect(p1?.updated).toHaveLength(6);
      expect(p1?.unsupported).toHaveLength(2); // spot in two regions, not called
      expect(fake.requests.filter((r) => actionOf(r) === PAYG && configOf(r) === 'cfg-bj')).toHaveLength(2);
      expect(fake.requests).toHaveLength(7);

      const r1 = rows();
      expect(r1).toHaveLength(6);
      for (const row of r1) {
        expect(row.source).toMatch(/^api:volcengine\/billing\/QueryPriceFor(PayAsYouGo|Subscription)\?\S+$/);
        expect(row.as_of).toBe('2026-11-16');
        expect(row.provider).toBe('volcengine');
        expect(row.service).toBe('ECS');
        expect(row.sku).toBe('ecs.fixture.xlarge');
      }
      const bjPayg = r1.find((r) => r.id === 'api-volcengine-ecs.fixture.xlarge-cn-beijing-payg');
      expect(bjPayg).toMatchObject({ price: 2.35, currency: 'CNY', unit: 'instance-hour', billing: 'payg' });
      expect(bjPayg?.quote).toContain('OriginalAmount 2.350000, Currency CNY');
      expect(bjPayg?.scope).toEqual({ locations: ['beijing'] });
      const hkYear = r1.find((r) => r.id === 'api-volcengine-ecs.fixture.xlarge-cn-hongkong-sub-1y');
      expect(hkYear).toMatchObject({ price: 162, currency: 'USD', unit: 'month', term_months: 12 });
      expect(hkYear?.scope).toEqual({ locations: ['hong-kong'] });

      // Day 2: Hong Kong pay-as-you-go is refused; its day-1 row stays and the failure says so.
      fake.requests.length = 0;
      fake.handle((r) =>
        actionOf(r) === PAYG && configOf(r) === 'cfg-hk'
          ? errorReply(
              PAYG,
              403,
              'AccessDenied',
              100013,
              'User is not authorized to perform: billing:QueryPriceForPayAsYouGo',
            )
          : figureOf(r),
      );
      const day2 = await run(DAY2);
      const p2 = day2.providers[0];
      expect(p2?.failures).toHaveLength(1);
      expect(p2?.failures[0]).toMatchObject({ kind: 'auth', code: 'AccessDenied', kept: true });
      expect(p2?.unchanged).toBe(5);
      const r2 = rows();
      expect(r2).toHaveLength(6);
      const hkPayg = r2.find((r) => r.id === 'api-volcengine-ecs.fixture.xlarge-cn-hongkong-payg');
      expect(hkPayg).toMatchObject({ price: 0.41, currency: 'USD', as_of: '2026-11-16' });
      expect(r2.find((r) => r.id === 'api-volcengine-ecs.fixture.xlarge-cn-beijing-payg')?.as_of).toBe('2026-11-23');
      const written = readFileSync(join(root, 'catalog/prices/api-volcengine.yaml'), 'utf8');
      expect(written).not.toContain(SK);
      expect(written).not.toContain(AK);
    } finally {
      cleanup();
    }
  });

  it('lists the calls in a dry run without credentials and without calling', async () => {
    try {
      const report = await refreshPrices({
        root,
        catalog,
        providers: ['volcengine'],
        dryRun: true,
        env: {},
        factories,
        now: () => DAY1,
      });
      const p = report.providers[0];
      expect(p?.status).toBe('dry-run');
      expect(p?.calls).toHaveLength(6);
      expect(p?.calls[0]).toContain('QueryPriceFor');
      expect(p?.reason).toContain('VOLC_ACCESSKEY');
      expect(fake.requests).toHaveLength(0);
    } finally {
      cleanup();
    }
  });
});
