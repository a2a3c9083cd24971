/**
 * The Tencent Cloud CVM price adapter against a local stand-in of the CVM API: the real SDK client is
 * pointed at it through PROCURE_TENCENT_ENDPOINT, so what is tested is what the SDK sends and how the
 * adapter reads what comes back.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadProject } from '../../src/catalog/load.js';
import type { RefreshProvider, WatchBilling, WatchItem } from '../../src/catalog/schema.js';
import { currencyOf, kindOfCode, parseEndpoint, tencentFactory } from '../../src/refresh/providers/tencent.js';
import { refreshPrices, rowFromReading, rowId } from '../../src/refresh/refresh.js';
import { PriceApiError, type PriceQuery, type PriceSource, type SourceFactory } from '../../src/refresh/types.js';
import {
  type Answer,
  apiError,
  type FakeCvm,
  type Handler,
  imagesAnswer,
  PAYG_EXAMPLE,
  PREPAID_EXAMPLE,
  priceAnswer,
  type SeenRequest,
  startFakeCvm,
  verifyTc3,
  zonesAnswer,
} from './fake-tencent.js';

const SECRET_ID = 'AKIDprocureTestId0001';
const SECRET_KEY = 'procureTestSecretKey0001';
const ENV = { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY };

const GN7: WatchItem = {
  instance_type: 'GN7.2XLARGE32',
  family: 'GN7',
  kind: 'gpu-instance',
  vcpu: 8,
  memoryGiB: 32,
  gpu: { model: 'T4', count: 1 },
  regions: ['ap-guangzhou'],
  billing: ['payg', 'subscription-1m', 'subscription-1y'],
  params: {},
  source: 'https://example.com/gn7',
  as_of: '2026-11-23',
  dated: 'retrieved',
  grade: 'official',
};
const q = (billing: WatchBilling, item: WatchItem = GN7, region = 'ap-guangzhou'): PriceQuery => ({
  item,
  region,
  billing,
});

/** A healthy CVM: GN7 sells in ap-guangzhou-4 and -6 (-3 is sold out), one TencentOS image, the reference prices. */
function healthy(overrides: Partial<Record<string, (r: SeenRequest, n: number) => Answer>> = {}): Handler {
  return (r, n) => {
    const o = overrides[r.action];
    if (o) return o(r, n);
    if (r.action === 'DescribeZoneInstanceConfigInfos') {
      const charge = r.body.Filters.find((f: { Name: string }) => f.Name === 'instance-charge-type').Values[0];
      return zonesAnswer('GN7.2XLARGE32', charge, [
        { zone: 'ap-guangzhou-6', status: 'SELL' },
        { zone: 'ap-guangzhou-3', status: 'SOLD_OUT', reason: 'no stock' },
        { zone: 'ap-guangzhou-4', status: 'SELL' },
      ]);
    }
    if (r.action === 'DescribeImages')
      return imagesAnswer([
        { id: 'img-win2022', name: 'Windows Server 2022', platform: 'Windows' },
        { id: 'img-tos31', name: 'TencentOS Server 3.1 (TK4)' },
      ]);
    if (r.action === 'InquiryPriceRunInstances')
      return r.body.InstanceChargeType === 'PREPAID' ? PREPAID_EXAMPLE : PAYG_EXAMPLE;
    return apiError('InvalidAction', `unexpected ${r.action}`);
  };
}

let fake: FakeCvm | undefined;
const start = async (h: Handler) => {
  fake = await startFakeCvm(h);
  return fake;
};
const source = (endpoint: string, env: Record<string, string | undefined> = ENV, timeoutMs = 3000): PriceSource =>
  tencentFactory.create(env, { endpoint, timeoutMs });
const failure = async (p: Promise<unknown>): Promise<PriceApiError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof PriceApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
};

const must = <T>(v: T | null | undefined): T => {
  if (v === null || v === undefined) throw new Error('expected a value');
  return v;
};

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('tencent adapter: readings', () => {
  it('reads the pay-as-you-go list price (UnitPrice, not UnitPriceDiscount) per hour, in CNY on the China site', async () => {
    const f = await start(healthy());
    const r = await source(f.url).read(q('payg'));
    expect(r).toMatchObject({ amount: 16.09, currency: 'CNY', per: 'hour' });
    expect(r.amount).not.toBe(3.33);
    expect(r.ref).toBe(
      'api:tencent/cvm/InquiryPriceRunInstances?Region=ap-guangzhou&Zone=ap-guangzhou-4&InstanceType=GN7.2XLARGE32&InstanceChargeType=POSTPAID_BY_HOUR&ImageId=img-tos31&SystemDisk.DiskSize=50',
    );
    expect(r.ref).toMatch(/^api:\S+$/);
    expect(r.call).toBe('Tencent Cloud CVM InquiryPriceRunInstances, ap-guangzhou (ap-guangzhou-4), POSTPAID_BY_HOUR');
    expect(r.quote).toContain('Price.InstancePrice.UnitPrice 16.09, ChargeUnit HOUR');
    expect(r.note).toContain('50 GiB system disk');
    expect(r.note).toContain('img-tos31');
  });

  it('sends what the API needs: the zone that sells, a public Linux image, a signed TC3 request', async () => {
    const f = await start(healthy());
    await source(f.url).read(q('payg'));
    expect(f.actions()).toEqual(['DescribeZoneInstanceConfigInfos', 'DescribeImages', 'InquiryPriceRunInstances']);
    const [zones, images, price] = f.requests as [SeenRequest, SeenRequest, SeenRequest];
    expect(zones.body.Filters).toEqual([
      { Name: 'instance-type', Values: ['GN7.2XLARGE32'] },
      { Name: 'instance-charge-type', Values: ['POSTPAID_BY_HOUR'] },
    ]);
    expect(images.body).toMatchObject({ InstanceType: 'GN7.2XLARGE32' });
    expect(images.body.Filters).toContainEqual({ Name: 'image-type', Values: ['PUBLIC_IMAGE'] });
    expect(price.body).toEqual({
      Placement: { Zone: 'ap-guangzhou-4' },
      ImageId: 'img-tos31',
      InstanceChargeType: 'POSTPAID_BY_HOUR',
      InstanceType: 'GN7.2XLARGE32',
      SystemDisk: { DiskSize: 50 },
      InstanceCount: 1,
    });
    for (const req of f.requests) {
      expect(req.method).toBe('POST');
      expect(req.version).toBe('2017-03-12');
      expect(req.region).toBe('ap-guangzhou');
      expect(verifyTc3(req, SECRET_KEY)).toEqual({ ok: true, secretId: SECRET_ID });
      expect(req.raw).not.toContain(SECRET_KEY);
      expect(JSON.stringify(req.headers)).not.toContain(SECRET_KEY);
    }
    expect(verifyTc3(price, 'another-key')).toMatchObject({ ok: false });
  });

  it('reads 1-month and 1-year subscriptions from OriginalPrice (not DiscountPrice), looking the zone up once', async () => {
    const f = await start(
      healthy({
        InquiryPriceRunInstances: (r) =>
          r.body.InstanceChargePrepaid?.Period === 12
            ? priceAnswer({ OriginalPrice: 84000, DiscountPrice: 60000 })
            : PREPAID_EXAMPLE,
      }),
    );
    const src = source(f.url);
    const month = await src.read(q('subscription-1m'));
    const year = await src.read(q('subscription-1y'));
    expect(month).toMatchObject({ amount: 8884.5, per: 'month', currency: 'CNY' });
    expect(month.quote).toContain('Price.InstancePrice.OriginalPrice 8884.5 for InstanceChargePrepaid.Period 1');
    expect(year).toMatchObject({ amount: 84000, per: 'year' });
    expect(year.ref).toContain('InstanceChargeType=PREPAID&Period=12');
    const prices = f.requests.filter((r) => r.action === 'InquiryPriceRunInstances');
    expect(prices.map((r) => r.body.InstanceChargePrepaid)).toEqual([
      { Period: 1, RenewFlag: 'NOTIFY_AND_MANUAL_RENEW' },
      { Period: 12, RenewFlag: 'NOTIFY_AND_MANUAL_RENEW' },
    ]);
    expect(prices.every((r) => r.body.InstanceChargeType === 'PREPAID')).toBe(true);
    expect(f.actions().filter((a) => a === 'DescribeZoneInstanceConfigInfos')).toHaveLength(1);
    expect(f.actions().filter((a) => a === 'DescribeImages')).toHaveLength(1);
  });

  it('puts the later pay-as-you-go tiers in the note when the answer has them', async () => {
    const f = await start(
      healthy({
        InquiryPriceRunInstances: () =>
          priceAnswer({ UnitPrice: 0.2, UnitPriceSecondStep: 0.12, UnitPriceThirdStep: 0.1, UnitPriceDiscount: 0.08 }),
      }),
    );
    const r = await source(f.url).read(q('payg'));
    expect(r.amount).toBe(0.2);
    expect(r.note).toContain('UnitPriceSecondStep 0.12 (96–360 h)');
    expect(r.note).toContain('UnitPriceThirdStep 0.1 (after 360 h)');
  });

  it('uses params Zone, ImageId and SystemDisk.* as given, without lookups', async () => {
    const f = await start(healthy());
    const item = {
      ...GN7,
      params: {
        Zone: 'ap-guangzhou-7',
        ImageId: 'img-mine',
        'SystemDisk.DiskType': 'CLOUD_BSSD',
        'SystemDisk.DiskSize': 20,
      },
    };
    const r = await source(f.url).read(q('payg', item));
    expect(f.actions()).toEqual(['InquiryPriceRunInstances']);
    expect(f.requests[0]?.body).toMatchObject({
      Placement: { Zone: 'ap-guangzhou-7' },
      ImageId: 'img-mine',
      SystemDisk: { DiskType: 'CLOUD_BSSD', DiskSize: 20 },
    });
    expect(r.ref).toContain('Zone=ap-guangzhou-7');
  });

  it('prices in USD when reached on the international-site domain', () => {
    const intl = parseEndpoint('https://cvm.intl.tencentcloudapi.com');
    expect(intl).toEqual({ protocol: 'https://', host: 'cvm.intl.tencentcloudapi.com' });
    expect(currencyOf(must(intl))).toBe('USD');
    expect(currencyOf(must(parseEndpoint(undefined)))).toBe('CNY');
    expect(parseEndpoint(undefined)).toEqual({ protocol: 'https://', host: 'cvm.tencentcloudapi.com' });
    expect(parseEndpoint('http://127.0.0.1:9000')).toEqual({ protocol: 'http://', host: '127.0.0.1:9000' });
    expect(parseEndpoint('ftp://x')).toBeNull();
  });
});

describe('tencent adapter: failures', () => {
  it('throttled: RequestLimitExceeded from the price call', async () => {
    const f = await start(
      healthy({
        InquiryPriceRunInstances: () =>
          apiError('RequestLimitExceeded', 'Your current request times equals to `11` in a second'),
      }),
    );
    const err = await failure(source(f.url).read(q('payg')));
    expect(err).toMatchObject({ kind: 'throttled', code: 'RequestLimitExceeded' });
    expect(err.retryable).toBe(true);
  });

  it('throttled in the zone lookup is not cached: the retry looks the zone up again and succeeds', async () => {
    const f = await start(
      healthy({
        DescribeZoneInstanceConfigInfos: (_r, n) =>
          n === 1
            ? apiError(
                'RequestLimitExceeded.UinLimitExceeded',
                'The number of uin requests exceeds the frequency limit.',
              )
            : zonesAnswer('GN7.2XLARGE32', 'POSTPAID_BY_HOUR', [{ zone: 'ap-guangzhou-6', status: 'SELL' }]),
      }),
    );
    const src = source(f.url);
    expect(await failure(src.read(q('payg')))).toMatchObject({
      kind: 'throttled',
      code: 'RequestLimitExceeded.UinLimitExceeded',
    });
    await expect(src.read(q('payg'))).resolves.toMatchObject({ amount: 16.09 });
    expect(f.actions().filter((a) => a === 'DescribeZoneInstanceConfigInfos')).toHaveLength(2);
  });

  it('auth: AuthFailure.* and UnauthorizedOperation, without the secret in the message', async () => {
    const f = await start(
      healthy({
        DescribeZoneInstanceConfigInfos: () =>
          apiError(
            'AuthFailure.SecretIdNotFound',
            `The SecretId ${SECRET_ID} is not found, please ensure that your SecretId is correct.`,
          ),
      }),
    );
    const err = await failure(source(f.url).read(q('payg')));
    expect(err).toMatchObject({ kind: 'auth', code: 'AuthFailure.SecretIdNotFound' });
    expect(err.message).not.toContain(SECRET_ID);
    expect(err.message).not.toContain(SECRET_KEY);
    expect(err.message).toContain('QcloudCVMReadOnlyAccess');
    expect(f.actions()).toEqual(['DescribeZoneInstanceConfigInfos']);

    await fake?.close();
    const g = await start(
      healthy({ InquiryPriceRunInstances: () => apiError('UnauthorizedOperation', 'CAM authorization failed.') }),
    );
    expect(await failure(source(g.url).read(q('payg')))).toMatchObject({ kind: 'auth', code: 'UnauthorizedOperation' });
  });

  it('auth: missing credentials fail before any call', async () => {
    const f = await start(healthy());
    const err = await failure(source(f.url, { TENCENTCLOUD_SECRET_ID: SECRET_ID }).read(q('payg')));
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('TENCENTCLOUD_SECRET_KEY');
    expect(f.requests).toHaveLength(0);
  });

  it('unknown-type: no zone lists the type (and no price call is made)', async () => {
    const f = await start(
      healthy({ DescribeZoneInstanceConfigInfos: () => zonesAnswer('GN7.2XLARGE32', 'POSTPAID_BY_HOUR', []) }),
    );
    const err = await failure(source(f.url).read(q('payg')));
    expect(err.kind).toBe('unknown-type');
    expect(err.message).toContain('GN7.2XLARGE32');
    expect(f.actions()).toEqual(['DescribeZoneInstanceConfigInfos']);
  });

  it('unknown-type: the API says the type does not exist', async () => {
    const f = await start(
      healthy({
        InquiryPriceRunInstances: () =>
          apiError('InvalidParameterValue.InstanceTypeNotFound', 'The specified instance type does not exist.'),
      }),
    );
    expect(await failure(source(f.url).read(q('payg')))).toMatchObject({
      kind: 'unknown-type',
      code: 'InvalidParameterValue.InstanceTypeNotFound',
    });
  });

  it('sold-out: every zone lists the type SOLD_OUT', async () => {
    const f = await start(
      healthy({
        DescribeZoneInstanceConfigInfos: () =>
          zonesAnswer('GN7.2XLARGE32', 'POSTPAID_BY_HOUR', [
            { zone: 'ap-guangzhou-3', status: 'SOLD_OUT', reason: 'Insufficient resources' },
            { zone: 'ap-guangzhou-4', status: 'SOLD_OUT' },
          ]),
      }),
    );
    const err = await failure(source(f.url).read(q('payg')));
    expect(err).toMatchObject({ kind: 'sold-out', code: 'SOLD_OUT' });
    expect(err.message).toContain('Insufficient resources');
    expect(f.actions()).toEqual(['DescribeZoneInstanceConfigInfos']);
  });

  it('sold-out: the price call answers ResourcesSoldOut.SpecifiedInstanceType', async () => {
    const f = await start(
      healthy({
        InquiryPriceRunInstances: () =>
          apiError('ResourcesSoldOut.SpecifiedInstanceType', 'The specified instance type is sold out.'),
      }),
    );
    expect(await failure(source(f.url).read(q('payg')))).toMatchObject({
      kind: 'sold-out',
      code: 'ResourcesSoldOut.SpecifiedInstanceType',
    });
  });

  it('bad-response: a body that is not JSON, JSON without Response, or no usable price', async () => {
    const cases: [string, Answer][] = [
      ['not json', { body: '<html>gateway</html>' }],
      ['no envelope', { body: { Price: { InstancePrice: { UnitPrice: 1 } } } }],
      ['no price', { body: { Response: { RequestId: 'x' } } }],
      ['zero price', priceAnswer({ UnitPrice: 0, UnitPriceDiscount: 0 })],
      ['per GB', priceAnswer({ UnitPrice: 0.8, ChargeUnit: 'GB' })],
    ];
    for (const [what, answer] of cases) {
      const f = await start(healthy({ InquiryPriceRunInstances: () => answer }));
      const err = await failure(source(f.url).read(q('payg')));
      expect(err.kind, what).toBe('bad-response');
      await f.close();
      fake = undefined;
    }
  });

  it('bad-response: a zone lookup answer without InstanceTypeQuotaSet', async () => {
    const f = await start(
      healthy({ DescribeZoneInstanceConfigInfos: () => ({ body: { Response: { RequestId: 'x' } } }) }),
    );
    expect((await failure(source(f.url).read(q('payg')))).kind).toBe('bad-response');
  });

  it('network: HTTP 502, a refused connection and a timeout; other HTTP statuses are bad-response', async () => {
    const f = await start(healthy({ InquiryPriceRunInstances: () => ({ status: 502, body: 'Bad Gateway' }) }));
    expect(await failure(source(f.url).read(q('payg')))).toMatchObject({ kind: 'network', code: 'HTTP 502' });
    await f.close();

    const g = await start(healthy({ InquiryPriceRunInstances: () => ({ status: 404, body: 'not here' }) }));
    expect((await failure(source(g.url).read(q('payg')))).kind).toBe('bad-response');
    await g.close();

    // The port of a closed server: nothing listens there any more.
    const refused = await failure(source(g.url).read(q('payg')));
    expect(refused.kind).toBe('network');
    expect(refused.retryable).toBe(true);

    const h = await start(healthy({ InquiryPriceRunInstances: () => ({ hang: true }) }));
    const slow = await failure(source(h.url, ENV, 300).read(q('payg')));
    expect(slow.kind).toBe('network');
    expect(slow.message).toContain('300 ms');
  });

  it('refuses watchlist params it does not know, and spot, without a call', async () => {
    const f = await start(healthy());
    const err = await failure(source(f.url).read(q('payg', { ...GN7, params: { ZoneId: 'x' } })));
    expect(err.kind).toBe('other');
    expect(err.message).toContain('ZoneId');
    expect((await failure(source(f.url).read(q('spot')))).kind).toBe('unsupported');
    expect(f.requests).toHaveLength(0);
  });

  it('maps the documented error codes to failure kinds', () => {
    expect(kindOfCode('RequestLimitExceeded')).toBe('throttled');
    expect(kindOfCode('RequestLimitExceeded.GlobalRegionUinLimitExceeded')).toBe('throttled');
    expect(kindOfCode('AuthFailure.SignatureFailure')).toBe('auth');
    expect(kindOfCode('AuthFailure.UnauthorizedOperation')).toBe('auth');
    expect(kindOfCode('UnauthorizedOperation')).toBe('auth');
    expect(kindOfCode('InvalidInstanceType.Malformed')).toBe('unknown-type');
    expect(kindOfCode('InvalidParameterValue.InvalidInstanceType')).toBe('unknown-type');
    expect(kindOfCode('ResourceUnavailable.InstanceType')).toBe('unknown-type');
    expect(kindOfCode('ResourceInsufficient.SpecifiedInstanceType')).toBe('sold-out');
    expect(kindOfCode('ResourcesSoldOut.AvailableZone')).toBe('sold-out');
    expect(kindOfCode('UnsupportedOperation.UnsupportedInternationalUser')).toBe('unsupported');
    expect(kindOfCode('ServiceUnavailable')).toBe('network');
    expect(kindOfCode('InternalError')).toBe('other');
    expect(kindOfCode('RequestLimitExceededSoon')).toBe('other');
  });
});

describe('tencent adapter: describe (dry run)', () => {
  it('needs no credentials and makes no call', async () => {
    const f = await start(healthy());
    const src = source(f.url, {});
    expect(src.describe(q('subscription-1y'))).toBe(
      'Tencent Cloud CVM InquiryPriceRunInstances Region=ap-guangzhou InstanceType=GN7.2XLARGE32 InstanceChargeType=PREPAID Period=12 (zone from DescribeZoneInstanceConfigInfos, image from DescribeImages)',
    );
    expect(src.describe(q('payg', { ...GN7, params: { Zone: 'ap-guangzhou-6', ImageId: 'img-x' } }))).toBe(
      'Tencent Cloud CVM InquiryPriceRunInstances Region=ap-guangzhou InstanceType=GN7.2XLARGE32 InstanceChargeType=POSTPAID_BY_HOUR Zone=ap-guangzhou-6 ImageId=img-x',
    );
    expect(f.requests).toHaveLength(0);
  });
});

describe('tencent adapter: through refreshPrices()', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'procure-tencent-'));
    mkdirSync(join(root, 'catalog', 'watchlist'), { recursive: true });
    mkdirSync(join(root, 'catalog', 'prices'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes api: rows, retries a throttled call, and keeps an earlier row whose call failed', async () => {
    const { catalog } = loadProject();
    const S5: WatchItem = {
      ...GN7,
      instance_type: 'S5.LARGE16',
      family: 'S5',
      kind: 'compute',
      vcpu: 4,
      memoryGiB: 16,
      gpu: undefined,
      regions: ['ap-hongkong'],
      billing: ['payg'],
    };
    writeFileSync(
      join(root, 'catalog', 'watchlist', 'tencent.yaml'),
      stringify({
        provider: 'tencent',
        watch: [
          { ...GN7, gpu: { model: 'T4', count: 1 }, billing: ['payg', 'subscription-1m'] },
          { ...S5, gpu: undefined },
        ].map(({ grade: _g, gpu, ...w }) => (gpu ? { ...w, gpu } : w)),
      }),
    );
    // An earlier S5 row in Hong Kong, which this refresh cannot re-read.
    const earlierAt = new Date('2026-11-16T08:00:00Z');
    const earlier = rowFromReading(
      'tencent',
      'CVM',
      q('payg', S5, 'ap-hongkong'),
      {
        amount: 1.23,
        currency: 'CNY',
        per: 'hour',
        call: 'Tencent Cloud CVM InquiryPriceRunInstances, ap-hongkong (ap-hongkong-2), POSTPAID_BY_HOUR',
        ref: 'api:tencent/cvm/InquiryPriceRunInstances?Region=ap-hongkong&InstanceType=S5.LARGE16',
        quote: 'Price.InstancePrice.UnitPrice 1.23, ChargeUnit HOUR',
      },
      'hong-kong',
      earlierAt,
    );
    writeFileSync(join(root, 'catalog', 'prices', 'api-tencent.yaml'), stringify({ prices: [earlier] }));

    let paygCalls = 0;
    const f = await start((r, n) => {
      if (r.region === 'ap-hongkong' && r.action === 'DescribeZoneInstanceConfigInfos')
        return apiError('InvalidInstanceType.Malformed', 'The specified parameter InstanceType is malformed.');
      if (r.action === 'DescribeZoneInstanceConfigInfos') {
        const charge = r.body.Filters[1].Values[0];
        return zonesAnswer('GN7.2XLARGE32', charge, [{ zone: 'ap-guangzhou-6', status: 'SELL' }]);
      }
      if (r.action === 'InquiryPriceRunInstances' && r.body.InstanceChargeType === 'POSTPAID_BY_HOUR')
        return ++paygCalls === 1 ? apiError('RequestLimitExceeded', 'slow down') : PAYG_EXAMPLE;
      return healthy()(r, n);
    });

    const at = new Date('2026-11-23T08:00:00Z');
    const report = await refreshPrices({
      root,
      catalog,
      providers: ['tencent'],
      dryRun: false,
      env: { ...ENV, PROCURE_TENCENT_ENDPOINT: f.url },
      factories: { tencent: tencentFactory } as unknown as Record<RefreshProvider, SourceFactory>,
      now: () => at,
      retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 },
      timeoutMs: 3000,
    });
    const p = must(report.providers[0]);
    expect(p.status).toBe('done');
    expect(p.updated.map((u) => [u.id, u.new])).toEqual(
      expect.arrayContaining([
        ['api-tencent-gn7.2xlarge32-ap-guangzhou-payg', 16.09],
        ['api-tencent-gn7.2xlarge32-ap-guangzhou-sub-1m', 8884.5],
      ]),
    );
    expect(paygCalls).toBe(2);
    expect(p.failures).toEqual([
      expect.objectContaining({
        kind: 'unknown-type',
        code: 'InvalidInstanceType.Malformed',
        kept: true,
        label: 'S5 in ap-hongkong, pay-as-you-go',
      }),
    ]);

    const rows = parse(readFileSync(join(root, 'catalog', 'prices', 'api-tencent.yaml'), 'utf8')).prices as Record<
      string,
      unknown
    >[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const payg = byId.get('api-tencent-gn7.2xlarge32-ap-guangzhou-payg');
    expect(payg).toMatchObject({
      provider: 'tencent',
      service: 'CVM',
      sku: 'GN7.2XLARGE32',
      region: 'ap-guangzhou',
      billing: 'payg',
      unit: 'instance-hour',
      price: 16.09,
      currency: 'CNY',
      as_of: '2026-11-23',
      dated: 'retrieved',
      gpu: { model: 'T4', count: 1 },
    });
    expect(String(payg?.source)).toMatch(/^api:tencent\/cvm\/InquiryPriceRunInstances\?\S+$/);
    expect(String(payg?.quote)).toContain('UnitPrice 16.09');
    expect(byId.get('api-tencent-gn7.2xlarge32-ap-guangzhou-sub-1m')).toMatchObject({
      billing: 'subscription',
      term_months: 1,
      unit: 'month',
      price: 8884.5,
    });
    const kept = byId.get(rowId('tencent', q('payg', S5, 'ap-hongkong')));
    expect(kept).toMatchObject({ price: 1.23, as_of: '2026-11-16' });
  });
});
