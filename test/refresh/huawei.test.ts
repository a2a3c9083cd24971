/**
 * The Huawei Cloud adapter against a local fake of BSS: the real SDK signer signs every request and
 * the fake checks the signature independently; answers are shaped as in the ListOnDemandResourceRatings
 * and ListRateOnPeriodDetail references. Covers list price vs. discounted amount, subscriptions, the
 * documented error codes, malformed answers, network faults and a full refresh through refreshPrices().
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProject } from '../../src/catalog/load.js';
import type { Price, RefreshProvider, WatchBilling, WatchItem } from '../../src/catalog/schema.js';
import { huaweiFactory, signRequest } from '../../src/refresh/providers/huawei.js';
import { refreshPrices } from '../../src/refresh/refresh.js';
import { PriceApiError, type PriceQuery, type SourceFactory } from '../../src/refresh/types.js';
import {
  apiError,
  type FakeBss,
  type Handler,
  onDemandAnswer,
  periodAnswer,
  startFakeBss,
  verifySignature,
} from './fake-huawei.js';

const AK = 'HPUAFAKEACCESSKEY0001';
const SK = 'fake-secret-key-do-not-log-0123456789';
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const ENV = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };
const C6 = 'c6.large.2';
const SHAPE_SOURCE = 'https://support.huaweicloud.com/intl/en-us/api-bpconsole/csdp_faq_062502.html';

const item = (params: WatchItem['params'] = {}): WatchItem => ({
  instance_type: C6,
  family: 'c6',
  kind: 'compute',
  vcpu: 2,
  memoryGiB: 4,
  regions: ['cn-north-4'],
  billing: ['payg'],
  params,
  source: SHAPE_SOURCE,
  as_of: '2025-11-27',
  dated: 'page',
  grade: 'official',
});
const query = (billing: WatchBilling, params: WatchItem['params'] = {}, region = 'cn-north-4'): PriceQuery => ({
  item: item(params),
  region,
  billing,
});

let fake: FakeBss | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function withFake(handler: Handler, env: Record<string, string> = ENV, timeoutMs = 3000) {
  fake = await startFakeBss(handler, { ak: AK, sk: SK });
  return huaweiFactory.create({ ...env }, { endpoint: fake.url, timeoutMs });
}

async function failure(p: Promise<unknown>): Promise<PriceApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PriceApiError);
    return err as PriceApiError;
  }
  throw new Error('expected the call to fail');
}

describe('AK/SK signing', () => {
  // "AK/SK Signing and Authentication Algorithm" (support.huaweicloud.com/devg-apisign/api-sign-algorithm-002…004):
  // GET …/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-… at 20191115T033655Z hashes to
  // b25362e6…, and with SK MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc "the calculated signature is" 7be66680….
  const DOC = {
    method: 'GET',
    url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
    headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': '20191115T033655Z' },
    ak: 'AKDOCEXAMPLE',
    sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  };
  const DOC_SIGNATURE = '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe';

  it('reproduces the documented example signature', () => {
    const headers = signRequest(DOC);
    expect(headers.Authorization).toBe(
      `SDK-HMAC-SHA256 Access=AKDOCEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, Signature=${DOC_SIGNATURE}`,
    );
    expect(headers.host).toBe('service.region.example.com');
    // A different key, date or body gives a different signature.
    expect(signRequest({ ...DOC, sk: `${DOC.sk}x` }).Authorization).not.toContain(DOC_SIGNATURE);
    expect(
      signRequest({ ...DOC, headers: { ...DOC.headers, 'X-Sdk-Date': '20191115T033656Z' } }).Authorization,
    ).not.toContain(DOC_SIGNATURE);
  });

  it("the fake's own verifier accepts the documented example and rejects a changed one", () => {
    const req = {
      method: 'GET',
      url: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      headers: {
        host: 'service.region.example.com',
        'content-type': 'application/json',
        'x-sdk-date': '20191115T033655Z',
        authorization: `SDK-HMAC-SHA256 Access=AKDOCEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, Signature=${DOC_SIGNATURE}`,
      },
      raw: '',
    };
    expect(verifySignature(req, 'AKDOCEXAMPLE', DOC.sk)).toBe(true);
    expect(verifySignature({ ...req, raw: '{}' }, 'AKDOCEXAMPLE', DOC.sk)).toBe(false);
    expect(verifySignature(req, 'AKDOCEXAMPLE', 'another-secret')).toBe(false);
  });
});

describe('Huawei BSS ListOnDemandResourceRatings (pay-as-you-go)', () => {
  it('reads the list price (official_website_amount), not the discounted amount, with a signed request', async () => {
    const source = await withFake(() => ({ body: onDemandAnswer({ list: 0.91, paid: 0.73 }) }));
    const r = await source.read(query('payg'));
    expect(r).toMatchObject({ amount: 0.91, currency: 'CNY', per: 'hour' });
    expect(r.quote).toBe('product_rating_results[id=1].official_website_amount 0.91, measure_id 1, currency CNY');
    expect(r.call).toBe('Huawei BSS ListOnDemandResourceRatings, cn-north-4, c6.large.2.linux, pay-per-use, 1 hour');
    expect(r.ref).toBe(
      'api:huawei/bss/ListOnDemandResourceRatings?region=cn-north-4&resource_spec=c6.large.2.linux&usage_factor=Duration&usage_value=1&usage_measure_id=4',
    );
    expect(r.ref).toMatch(/^api:\S+$/);

    const req = fake?.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/v2/bills/ratings/on-demand-resources');
    expect(req?.signatureOk).toBe(true);
    expect(req?.headers.authorization).toMatch(
      new RegExp(`^SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$`),
    );
    expect(req?.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual({
      project_id: PROJECT,
      product_infos: [
        {
          id: '1',
          cloud_service_type: 'hws.service.type.ec2',
          resource_type: 'hws.resource.type.vm',
          resource_spec: 'c6.large.2.linux',
          region: 'cn-north-4',
          usage_factor: 'Duration',
          usage_value: 1,
          usage_measure_id: 4,
          subscription_num: 1,
        },
      ],
    });
    expect(req?.raw).not.toContain(SK);
  });

  it('falls back to the inquiry total when the answer has no product line', async () => {
    const source = await withFake(() => ({ body: onDemandAnswer({ list: 2.3, lines: false }) }));
    const r = await source.read(query('payg'));
    expect(r).toMatchObject({ amount: 2.3, per: 'hour' });
    expect(r.quote).toBe('official_website_amount 2.3, measure_id 1, currency CNY');
  });

  it('passes a watchlist available_zone, and refuses params it does not know without calling', async () => {
    const source = await withFake(() => ({ body: onDemandAnswer({ list: 1 }) }));
    const r = await source.read(query('payg', { available_zone: 'cn-north-4a' }));
    expect(fake?.requests[0]?.product.available_zone).toBe('cn-north-4a');
    expect(r.ref).toContain('available_zone=cn-north-4a');
    const err = await failure(source.read(query('payg', { ZoneId: 'x' })));
    expect(err.kind).toBe('other');
    expect(err.message).toContain('ZoneId');
    expect(fake?.requests).toHaveLength(1);
  });
});

describe('Huawei BSS ListRateOnPeriodDetail (subscriptions)', () => {
  it('prices a 1-month subscription per month (period_type 2) and a 1-year one per year (period_type 3)', async () => {
    const source = await withFake((req) =>
      req.product.period_type === 3
        ? { body: periodAnswer({ list: 6300, paid: 5040 }) }
        : { body: periodAnswer({ list: 630, paid: 504 }) },
    );
    const month = await source.read(query('subscription-1m', {}, 'ap-southeast-1'));
    expect(month).toMatchObject({ amount: 630, currency: 'CNY', per: 'month' });
    expect(month.quote).toBe(
      'official_website_rating_result.product_rating_results[id=1].official_website_amount 630, measure_id 1, currency CNY',
    );
    expect(month.ref).toBe(
      'api:huawei/bss/ListRateOnPeriodDetail?region=ap-southeast-1&resource_spec=c6.large.2.linux&period_type=2&period_num=1',
    );
    const year = await source.read(query('subscription-1y'));
    expect(year).toMatchObject({ amount: 6300, per: 'year' });

    const [m, y] = fake?.requests ?? [];
    expect(m?.path).toBe('/v2/bills/ratings/period-resources/subscribe-rate');
    expect(m?.signatureOk).toBe(true);
    expect(m?.body).toEqual({
      project_id: PROJECT,
      product_infos: [
        {
          id: '1',
          cloud_service_type: 'hws.service.type.ec2',
          resource_type: 'hws.resource.type.vm',
          resource_spec: 'c6.large.2.linux',
          region: 'ap-southeast-1',
          period_type: 2,
          period_num: 1,
          subscription_num: 1,
        },
      ],
    });
    expect(y?.product).toMatchObject({ period_type: 3, period_num: 1, region: 'cn-north-4' });
  });

  it('reads an absent currency as CNY, as the reference says ("值为空代表人民币")', async () => {
    const source = await withFake(() => ({ body: periodAnswer({ list: 630, currency: null }) }));
    expect(await source.read(query('subscription-1m'))).toMatchObject({ amount: 630, currency: 'CNY' });
  });

  it('takes USD as the API states it (the international site)', async () => {
    const source = await withFake(() => ({ body: periodAnswer({ list: 91.5, currency: 'USD' }) }));
    expect(await source.read(query('subscription-1m'))).toMatchObject({ amount: 91.5, currency: 'USD' });
  });
});

describe('Huawei spot', () => {
  it('is not a billing mode the factory claims, and read() refuses it without a call', async () => {
    expect(huaweiFactory.billing).not.toContain('spot');
    const source = await withFake(() => ({ body: onDemandAnswer({ list: 1 }) }));
    const err = await failure(source.read(query('spot')));
    expect(err.kind).toBe('unsupported');
    expect(fake?.requests).toHaveLength(0);
  });
});

describe('Huawei errors', () => {
  const cases: [number, string, string, string][] = [
    [
      429,
      'APIGW.0308',
      'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second',
      'throttled',
    ],
    [429, 'CBC.0250', 'Flow control.', 'throttled'],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail', 'auth'],
    [403, 'APIGW.0302', 'The IAM user is not authorized to access the API.', 'auth'],
    [403, 'CBC.0151', 'Access denied.', 'auth'],
    [403, 'CBC.0156', 'Access denied. The customer does not belong to the website you are now at.', 'auth'],
    [400, 'CBC.99006006', 'The product is not found.', 'unknown-type'],
    [200, 'CBC.6006', 'The product you query is not found.', 'unknown-type'],
    [400, 'CBC.0100', 'Invalid parameter.', 'other'],
    [500, 'CBC.0999', 'Other errors.', 'other'],
  ];
  for (const [status, code, msg, kind] of cases)
    it(`maps HTTP ${status} ${code} to ${kind}`, async () => {
      const source = await withFake(() => apiError(status, code, msg));
      const err = await failure(source.read(query('payg')));
      expect(err.kind).toBe(kind);
      expect(err.code).toBe(code);
      expect(err.message).toMatch(/^Huawei BSS .+\.$/);
      expect(err.message.split('. ').length).toBeLessThanOrEqual(2);
    });

  it('tells an international-site account to use the international endpoint', async () => {
    const source = await withFake(() =>
      apiError(403, 'CBC.0150', 'Access denied. The customer does not belong to the website you are now at.'),
    );
    const err = await failure(source.read(query('payg')));
    expect(err).toMatchObject({ kind: 'auth', code: 'CBC.0150' });
    expect(err.message).toContain('PROCURE_HUAWEI_ENDPOINT=https://bss-intl.myhuaweicloud.com');
  });

  it('names the endpoint when the gateway knows no such API (APIGW.0101)', async () => {
    const source = await withFake(() =>
      apiError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment'),
    );
    const err = await failure(source.read(query('payg')));
    expect(err).toMatchObject({ kind: 'other', code: 'APIGW.0101' });
    expect(err.message).toContain('PROCURE_HUAWEI_ENDPOINT');
  });

  it('gets the gateway APIGW.0301 for a request signed with the wrong SK', async () => {
    const source = await withFake(() => ({ body: onDemandAnswer({ list: 1 }) }), {
      ...ENV,
      HUAWEICLOUD_SDK_SK: 'wrong',
    });
    const err = await failure(source.read(query('payg')));
    expect(err).toMatchObject({ kind: 'auth', code: 'APIGW.0301' });
    expect(fake?.requests[0]?.signatureOk).toBe(false);
  });

  it('treats a gateway 503 without a body as a network fault worth retrying', async () => {
    const source = await withFake(() => ({ status: 503, body: '' }));
    const err = await failure(source.read(query('payg')));
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
  });

  it('keeps credentials the server echoes out of the message', async () => {
    const source = await withFake(() =>
      apiError(401, 'APIGW.0301', `Incorrect IAM authentication information: ak:${AK} sk:${SK} project:${PROJECT}`),
    );
    const err = await failure(source.read(query('payg')));
    expect(err.message).not.toContain(AK);
    expect(err.message).not.toContain(SK);
    expect(err.message).not.toContain(PROJECT);
    expect(err.message).toContain('***');
  });

  const bad: [string, () => unknown, WatchBilling][] = [
    ['not JSON', () => '<html>gateway</html>', 'payg'],
    ['no official_website_amount', () => ({ amount: 1, currency: 'CNY', measure_id: 1 }), 'payg'],
    [
      'an amount that is not a number',
      () => ({ ...onDemandAnswer({ list: 1, lines: false }), official_website_amount: 'n/a' }),
      'payg',
    ],
    ['measure_id 3 (分, not 元)', () => ({ ...onDemandAnswer({ list: 91, lines: false }), measure_id: 3 }), 'payg'],
    ['an unexpected currency', () => onDemandAnswer({ list: 1, currency: 'EUR' }), 'payg'],
    ['no currency on the on-demand answer', () => ({ official_website_amount: 1, measure_id: 1 }), 'payg'],
    [
      'no official_website_rating_result',
      () => ({ currency: 'CNY', optional_discount_rating_results: [] }),
      'subscription-1m',
    ],
  ];
  for (const [what, body, billing] of bad)
    it(`reports ${what} as bad-response`, async () => {
      const source = await withFake(() => ({ body: body() }));
      const err = await failure(source.read(query(billing)));
      expect(err.kind).toBe('bad-response');
    });

  it('calls a closed port and a silent server network failures', async () => {
    const closed = await startFakeBss(() => ({ body: {} }), { ak: AK, sk: SK });
    const url = closed.url;
    await closed.close();
    const err1 = await failure(huaweiFactory.create(ENV, { endpoint: url, timeoutMs: 1000 }).read(query('payg')));
    expect(err1.kind).toBe('network');
    const source = await withFake(() => ({ hang: true, body: {} }), ENV, 200);
    const err2 = await failure(source.read(query('payg')));
    expect(err2.kind).toBe('network');
    expect(err2.message).toContain('200 ms');
  });

  it('refuses to call without credentials, and describe() needs none and calls nothing', async () => {
    const source = await withFake(() => ({ body: onDemandAnswer({ list: 1 }) }), {});
    const err = await failure(source.read(query('payg')));
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('HUAWEICLOUD_SDK_PROJECT_ID');
    expect(source.describe(query('payg'))).toMatch(
      /^Huawei BSS ListOnDemandResourceRatings region=cn-north-4 resource_spec=c6\.large\.2\.linux .*usage_measure_id=4/,
    );
    expect(source.describe(query('subscription-1y'))).toContain('ListRateOnPeriodDetail');
    expect(source.describe(query('subscription-1y'))).toContain('period_type=3');
    expect(huaweiFactory.create({}, {}).describe(query('payg'))).toContain('bss.myhuaweicloud.com');
    expect(fake?.requests).toHaveLength(0);
  });
});

describe('Huawei refresh end to end', () => {
  const WATCH = `provider: huawei
watch:
  - instance_type: ${C6}
    family: c6
    kind: compute
    vcpu: 2
    memoryGiB: 4
    regions: [cn-north-4]
    billing: [payg, subscription-1m, spot]
    source: ${SHAPE_SOURCE}
    as_of: 2025-11-27
    dated: page
    quote: "Type: General computing-plus C6 | 2 vCPUs | 4 GB"
`;
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it('writes api rows, retries throttling, and keeps an earlier row when a call fails', async () => {
    root = mkdtempSync(join(tmpdir(), 'procure-huawei-'));
    mkdirSync(join(root, 'catalog', 'watchlist'), { recursive: true });
    mkdirSync(join(root, 'catalog', 'prices'), { recursive: true });
    writeFileSync(join(root, 'catalog', 'watchlist', 'huawei.yaml'), WATCH);
    const { catalog } = loadProject();
    let mode: 'first' | 'second' = 'first';
    let throttledOnce = false;
    fake = await startFakeBss(
      (req) => {
        const payg = req.path.endsWith('/on-demand-resources');
        if (mode === 'first' && payg && !throttledOnce) {
          throttledOnce = true;
          return apiError(429, 'APIGW.0308', 'The throttling threshold has been reached');
        }
        if (mode === 'second' && !payg) return apiError(500, 'CBC.0999', 'Other errors.');
        return payg
          ? { body: onDemandAnswer({ list: mode === 'first' ? 0.91 : 0.95, paid: 0.5 }) }
          : { body: periodAnswer({ list: 630, paid: 500 }) };
      },
      { ak: AK, sk: SK },
    );
    const opts = (now: Date) => ({
      root: root as string,
      catalog,
      providers: ['huawei'] as RefreshProvider[],
      dryRun: false,
      env: { ...ENV, PROCURE_HUAWEI_ENDPOINT: fake?.url },
      factories: { huawei: huaweiFactory } as unknown as Record<RefreshProvider, SourceFactory>,
      now: () => now,
      retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 },
      timeoutMs: 3000,
    });
    const file = join(root, 'catalog', 'prices', 'api-huawei.yaml');
    const rows = () => (parse(readFileSync(file, 'utf8')) as { prices: Price[] }).prices;

    const first = await refreshPrices(opts(new Date('2026-11-16T08:00:00Z')));
    const p1 = first.providers[0];
    expect(p1?.status).toBe('done');
    expect(p1?.failures).toEqual([]);
    expect(p1?.unsupported).toHaveLength(1);
    expect(p1?.unsupported[0]).toContain('spot');
    expect(throttledOnce).toBe(true);
    expect(fake.requests.filter((r) => r.path.endsWith('/on-demand-resources'))).toHaveLength(2);
    expect(fake.requests.every((r) => r.signatureOk)).toBe(true);
    const r1 = rows();
    expect(r1.map((r) => r.id).sort()).toEqual([
      'api-huawei-c6.large.2-cn-north-4-payg',
      'api-huawei-c6.large.2-cn-north-4-sub-1m',
    ]);
    const payg = r1.find((r) => r.billing === 'payg');
    expect(payg).toMatchObject({
      price: 0.91,
      currency: 'CNY',
      unit: 'instance-hour',
      as_of: '2026-11-16',
      region: 'cn-north-4',
      sku: C6,
      scope: { locations: ['beijing'] },
    });
    expect(payg?.source).toMatch(/^api:huawei\/bss\/ListOnDemandResourceRatings\?/);
    expect(payg?.quote).toContain('official_website_amount 0.91, measure_id 1, currency CNY');
    const sub = r1.find((r) => r.billing === 'subscription');
    expect(sub).toMatchObject({ price: 630, unit: 'month', term_months: 1, as_of: '2026-11-16' });
    expect(sub?.source).toMatch(/^api:huawei\/bss\/ListRateOnPeriodDetail\?.*period_type=2/);
    const text = readFileSync(file, 'utf8');
    for (const secret of [AK, SK, PROJECT]) expect(text).not.toContain(secret);

    mode = 'second';
    const second = await refreshPrices(opts(new Date('2026-11-23T08:00:00Z')));
    const p2 = second.providers[0];
    expect(p2?.updated.map((u) => [u.old, u.new])).toEqual([[0.91, 0.95]]);
    expect(p2?.failures).toHaveLength(1);
    expect(p2?.failures[0]).toMatchObject({ kind: 'other', code: 'CBC.0999', kept: true });
    const r2 = rows();
    expect(r2.find((r) => r.billing === 'payg')).toMatchObject({ price: 0.95, as_of: '2026-11-23' });
    expect(r2.find((r) => r.billing === 'subscription')).toMatchObject({ price: 630, as_of: '2026-11-16' });
  });
});
