/**
 * Tencent Cloud CVM price adapter: reads list prices with the buyer's API key through the official SDK
 * (tencentcloud-sdk-nodejs-cvm, API version 2017-03-12).
 *
 * One reading takes up to three calls, the first two cached per run:
 * - DescribeZoneInstanceConfigInfos (filters instance-type, instance-charge-type) finds the zones of
 *   the region that sell the type in that billing mode. InquiryPriceRunInstances needs a
 *   Placement.Zone, and the answer's Status (SELL / SOLD_OUT) tells a type that is sold out from one the
 *   region does not offer at all (no zone lists it). https://www.tencentcloud.com/document/api/213/33254
 * - DescribeImages (image-type PUBLIC_IMAGE, platform TencentOS, InstanceType) picks a free public Linux
 *   image, because InquiryPriceRunInstances requires an ImageId and a paid image would change the price.
 *   https://www.tencentcloud.com/document/api/213/33272
 * - InquiryPriceRunInstances prices one instance: POSTPAID_BY_HOUR for pay-as-you-go, PREPAID with
 *   InstanceChargePrepaid.Period 1 or 12 for the subscriptions.
 *   https://www.tencentcloud.com/document/api/213/33248
 *
 * The figure is the list price: Price.InstancePrice.UnitPrice (pay-as-you-go, "original price", per
 * ChargeUnit HOUR) or .OriginalPrice (subscriptions, the original total for the period), never
 * UnitPriceDiscount / DiscountPrice, which carry the account's discounts. The answer has no currency
 * field: prices are in the account's site currency, yuan (CNY) on the China site (cvm.tencentcloudapi.com,
 * "单位：元") and USD on the international site (cvm.intl.tencentcloudapi.com, "unit: usd"), so the
 * currency follows the endpoint. Spot is not offered: the API accepts SPOTPAID but its reference names
 * no field holding the spot market price, and UnitPrice is documented as the pay-as-you-go original.
 */

import { Agent as HttpAgent } from 'node:http';
import { cvm } from 'tencentcloud-sdk-nodejs-cvm';
import { bilingualNote, type GivenNote, type NoteLine } from '../../catalog/importers/notes.js';
import type { Currency, WatchBilling } from '../../catalog/schema.js';
import { shippedSay } from '../../catalog/shipped-messages.js';
import {
  type FailureKind,
  PriceApiError,
  type PriceQuery,
  type PriceReading,
  type PriceSource,
  type SourceFactory,
  type SourceOptions,
  unknownParams,
} from '../types.js';

type CvmClient = InstanceType<typeof cvm.v20170312.Client>;

const SECRET_ID = 'TENCENTCLOUD_SECRET_ID';
const SECRET_KEY = 'TENCENTCLOUD_SECRET_KEY';
const PERMISSION =
  'the preset policy QcloudCVMReadOnlyAccess (cvm:Describe* and cvm:Inquiry*), or a custom policy allowing cvm:DescribeZoneInstanceConfigInfos, cvm:DescribeImages and cvm:InquiryPriceRunInstances';

/**
 * The China-site domain. This product is for China-facing buyers, whose mainland capacity is bought
 * with a China-site (real-name verified) account priced in yuan; an international-site account sets
 * PROCURE_TENCENT_ENDPOINT=https://cvm.intl.tencentcloudapi.com and gets USD.
 */
const DEFAULT_ENDPOINT = 'https://cvm.tencentcloudapi.com';
const INTL_DOMAIN = 'intl.tencentcloudapi.com';

/**
 * InquiryPriceRunInstances prices the system disk with the instance: its Price has only InstancePrice
 * and BandwidthPrice, no disk line, so the disk cannot be taken out of the figure. We ask for the API's
 * default size (SystemDisk.DiskSize "默认值为 50") and leave the type to the API ("当前有库存的硬盘类型"),
 * and the row's note says the figure includes it. No public IP or bandwidth is requested
 * (InternetAccessible omitted: 0 Mbps), and BandwidthPrice is never added in.
 */
const SYSTEM_DISK_GIB = 50;
/** Watchlist params this adapter understands; anything else is refused rather than silently dropped. */
const KNOWN_PARAMS = new Set(['Zone', 'ImageId', 'SystemDisk.DiskType', 'SystemDisk.DiskSize']);

interface ChargeShape {
  chargeType: 'POSTPAID_BY_HOUR' | 'PREPAID';
  period?: 1 | 12;
  per: PriceReading['per'];
  words: string;
}
const CHARGE: Partial<Record<WatchBilling, ChargeShape>> = {
  payg: { chargeType: 'POSTPAID_BY_HOUR', per: 'hour', words: 'POSTPAID_BY_HOUR' },
  'subscription-1m': { chargeType: 'PREPAID', period: 1, per: 'month', words: 'PREPAID 1 month' },
  'subscription-1y': { chargeType: 'PREPAID', period: 12, per: 'year', words: 'PREPAID 12 months' },
};

interface Target {
  /** "http://" or "https://", as the SDK's httpProfile.protocol expects. */
  protocol: 'http://' | 'https://';
  /** host[:port]: the SDK builds its URL as protocol + endpoint + "/". */
  host: string;
}

/** PROCURE_TENCENT_ENDPOINT is a base URL (http://127.0.0.1:9000) or a bare host; the SDK wants them apart. */
export function parseEndpoint(endpoint: string | undefined): Target | null {
  const raw = endpoint?.trim() || DEFAULT_ENDPOINT;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { protocol: u.protocol === 'http:' ? 'http://' : 'https://', host: u.host };
  } catch {
    return null;
  }
}

/** The currency the account's site prices in, from the domain it is reached on (see the file header). */
export function currencyOf(target: Target): Currency {
  const host = target.host.replace(/:\d+$/, '').toLowerCase();
  return host === INTL_DOMAIN || host.endsWith(`.${INTL_DOMAIN}`) ? 'USD' : 'CNY';
}

/**
 * Tencent's error codes (common codes: https://www.tencentcloud.com/document/product/213/33281; the
 * InquiryPriceRunInstances and DescribeZoneInstanceConfigInfos pages list the API's own) as failure kinds.
 */
export function kindOfCode(code: string): FailureKind {
  const is = (prefix: string) => code === prefix || code.startsWith(`${prefix}.`);
  if (is('RequestLimitExceeded')) return 'throttled';
  if (is('AuthFailure') || is('UnauthorizedOperation') || code === 'InvalidPermission') return 'auth';
  if (code === 'AccountQualificationRestrictions') return 'auth';
  if (
    is('InvalidInstanceType') ||
    code === 'InvalidParameterValue.InstanceTypeNotFound' ||
    code === 'InvalidParameterValue.InvalidInstanceType' ||
    code === 'ResourceUnavailable.InstanceType'
  )
    return 'unknown-type';
  if (
    is('ResourcesSoldOut') ||
    code === 'ResourceInsufficient.SpecifiedInstanceType' ||
    code === 'ResourceInsufficient.AvailabilityZoneSoldOut'
  )
    return 'sold-out';
  if (is('UnsupportedOperation') || is('InvalidRegion') || code === 'UnsupportedRegion' || code === 'ActionOffline')
    return 'unsupported';
  // "当前服务暂时不可用" (the service is briefly unavailable): worth the retries the core gives network faults.
  if (code === 'ServiceUnavailable') return 'network';
  return 'other';
}

const KIND_LEAD: Record<FailureKind, string> = {
  throttled: 'throttled the call (CVM allows 10 price inquiries a second)',
  auth: `refused the credential: check ${SECRET_ID} / ${SECRET_KEY} and that the user has QcloudCVMReadOnlyAccess`,
  'unknown-type': 'does not know this instance type here',
  'sold-out': 'reports this instance type sold out',
  unsupported: 'cannot price this',
  'bad-response': 'gave an answer that could not be read',
  network: 'could not be reached',
  other: 'refused the call',
};

interface SdkError {
  message?: string;
  code?: unknown;
  httpCode?: unknown;
  requestId?: unknown;
  traceId?: unknown;
  type?: unknown;
  name?: unknown;
}

function createSource(env: Readonly<Record<string, string | undefined>>, opts: SourceOptions): PriceSource {
  const secretId = env[SECRET_ID]?.trim() ?? '';
  const secretKey = env[SECRET_KEY]?.trim() ?? '';
  const target = parseEndpoint(opts.endpoint);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  // node-fetch inside the SDK sends every call through https-proxy-agent when http_proxy is set; an
  // explicit agent for a plain-http endpoint (a local stand-in) keeps such calls on the direct path.
  const agent = target?.protocol === 'http://' ? new HttpAgent({ keepAlive: false }) : undefined;
  const clients = new Map<string, CvmClient>();
  const zones = new Map<string, Promise<string>>();
  const images = new Map<string, Promise<{ id: string; name: string }>>();

  /** Strips the credential from anything the API or the network layer said, and keeps it one short line. */
  const clean = (text: unknown): string => {
    let s = String(text ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    for (const secret of [secretId, secretKey]) if (secret) s = s.split(secret).join('***');
    return s.length > 200 ? `${s.slice(0, 197)}…` : s;
  };

  const clientFor = (region: string, t: Target): CvmClient => {
    let c = clients.get(region);
    if (!c) {
      c = new cvm.v20170312.Client({
        credential: { secretId, secretKey },
        region,
        profile: {
          language: 'en-US',
          httpProfile: {
            endpoint: t.host,
            protocol: t.protocol,
            reqMethod: 'POST',
            reqTimeout: timeoutMs / 1000,
            ...(agent ? { agent } : {}),
          },
        },
      });
      clients.set(region, c);
    }
    return c;
  };

  /** Runs one SDK call and turns whatever it throws into a PriceApiError. */
  async function call<T>(action: string, region: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toPriceError(action, region, err);
    }
  }

  function toPriceError(action: string, region: string, err: unknown): PriceApiError {
    if (err instanceof PriceApiError) return err;
    const e = (err ?? {}) as SdkError;
    const what = `Tencent Cloud CVM ${action} in ${region}`;
    if (typeof e.code === 'string' && e.code) {
      const kind = kindOfCode(e.code);
      const said = clean(e.message);
      return new PriceApiError(kind, `${what} ${KIND_LEAD[kind]} (${e.code}${said ? `: ${said}` : ''}).`, e.code);
    }
    if (typeof e.httpCode === 'number') {
      const status = e.httpCode;
      const kind: FailureKind = status === 429 ? 'throttled' : status >= 500 ? 'network' : 'bad-response';
      return new PriceApiError(kind, `${what} answered HTTP ${status} instead of a JSON result.`, `HTTP ${status}`);
    }
    // The SDK parses the body outside its own try: a body that is not JSON surfaces as node-fetch's
    // FetchError (type invalid-json), and JSON without the Response envelope as a TypeError.
    if (e.type === 'invalid-json' || err instanceof SyntaxError || err instanceof TypeError)
      return new PriceApiError(
        'bad-response',
        `${what} answered with something that is not a Tencent Cloud API result.`,
      );
    // What is left is the SDK's own exception around a failed fetch (no code, no HTTP status).
    const msg = clean(e.message);
    if (/timeout/i.test(msg))
      return new PriceApiError('network', `${what} did not answer within ${Math.round(timeoutMs)} ms.`);
    const reason = /reason: (.*)$/.exec(msg)?.[1] ?? msg;
    return new PriceApiError('network', `${what} could not be reached (${reason || 'no reason given'}).`);
  }

  const badResponse = (action: string, region: string, what: string) =>
    new PriceApiError('bad-response', `Tencent Cloud CVM ${action} in ${region} answered without ${what}.`);

  /** The zone to price in: the first zone (by name) whose Status is SELL for this type and charge type. */
  function zoneFor(q: PriceQuery, shape: ChargeShape, t: Target): Promise<string> {
    const key = `${q.region}|${q.item.instance_type}|${shape.chargeType}`;
    let p = zones.get(key);
    if (!p) {
      p = findZone(q, shape, t);
      zones.set(key, p);
      // A failed lookup (throttled, say) must be redone on the retry, not replayed from the cache.
      p.catch(() => zones.delete(key));
    }
    return p;
  }

  async function findZone(q: PriceQuery, shape: ChargeShape, t: Target): Promise<string> {
    const action = 'DescribeZoneInstanceConfigInfos';
    const type = q.item.instance_type;
    const res = await call(action, q.region, () =>
      clientFor(q.region, t).DescribeZoneInstanceConfigInfos({
        Filters: [
          { Name: 'instance-type', Values: [type] },
          { Name: 'instance-charge-type', Values: [shape.chargeType] },
        ],
      }),
    );
    if (!Array.isArray(res?.InstanceTypeQuotaSet)) throw badResponse(action, q.region, 'an InstanceTypeQuotaSet');
    const offered = res.InstanceTypeQuotaSet.filter(
      (i) =>
        i?.InstanceType === type &&
        typeof i.Zone === 'string' &&
        (!i.InstanceChargeType || i.InstanceChargeType === shape.chargeType),
    );
    if (!offered.length)
      throw new PriceApiError(
        'unknown-type',
        `Tencent Cloud CVM offers no ${type} in ${q.region} as ${shape.chargeType} (DescribeZoneInstanceConfigInfos lists no zone for it).`,
      );
    const selling = offered
      .filter((i) => i.Status === 'SELL')
      .sort(
        (a, b) =>
          Number(a.StatusCategory === 'WithoutStock') - Number(b.StatusCategory === 'WithoutStock') ||
          String(a.Zone).localeCompare(String(b.Zone)),
      );
    const zone = selling[0]?.Zone;
    if (!zone) {
      const why = [...new Set(offered.map((i) => clean(i.SoldOutReason)).filter(Boolean))].join('; ');
      throw new PriceApiError(
        'sold-out',
        `Tencent Cloud CVM lists ${type} as SOLD_OUT in every zone of ${q.region} (${offered.map((i) => i.Zone).join(', ')})${why ? `: ${why}` : ''}.`,
        'SOLD_OUT',
      );
    }
    return zone;
  }

  /** A free public Linux image that can run the type (InquiryPriceRunInstances requires an ImageId). */
  function imageFor(q: PriceQuery, t: Target): Promise<{ id: string; name: string }> {
    const key = `${q.region}|${q.item.instance_type}`;
    let p = images.get(key);
    if (!p) {
      p = findImage(q, t);
      images.set(key, p);
      p.catch(() => images.delete(key));
    }
    return p;
  }

  async function findImage(q: PriceQuery, t: Target): Promise<{ id: string; name: string }> {
    const action = 'DescribeImages';
    const res = await call(action, q.region, () =>
      clientFor(q.region, t).DescribeImages({
        Filters: [
          { Name: 'image-type', Values: ['PUBLIC_IMAGE'] },
          { Name: 'platform', Values: ['TencentOS'] },
        ],
        InstanceType: q.item.instance_type,
        Limit: 100,
      }),
    );
    if (!Array.isArray(res?.ImageSet)) throw badResponse(action, q.region, 'an ImageSet');
    const image = res.ImageSet.find(
      (i) =>
        typeof i?.ImageId === 'string' &&
        (i.ImageState === undefined || i.ImageState === 'NORMAL') &&
        !/windows/i.test(`${i.Platform ?? ''} ${i.OsName ?? ''}`),
    );
    if (!image?.ImageId)
      throw new PriceApiError(
        'other',
        `Tencent Cloud CVM DescribeImages in ${q.region} found no public TencentOS image for ${q.item.instance_type}; set params.ImageId in the watchlist.`,
      );
    return { id: image.ImageId, name: clean(image.ImageName ?? image.OsName ?? image.ImageId) };
  }

  function diskOf(q: PriceQuery): { DiskSize: number; DiskType?: string } {
    const size = Number(q.item.params['SystemDisk.DiskSize'] ?? SYSTEM_DISK_GIB);
    const type = q.item.params['SystemDisk.DiskType'];
    return { DiskSize: size, ...(type !== undefined ? { DiskType: String(type) } : {}) };
  }

  function describe(q: PriceQuery): string {
    const shape = CHARGE[q.billing];
    const base = `Tencent Cloud CVM InquiryPriceRunInstances Region=${q.region} InstanceType=${q.item.instance_type}`;
    if (!shape) return `${base}: no ${q.billing} price (not called)`;
    const zone = q.item.params.Zone;
    const image = q.item.params.ImageId;
    const lookups = [
      zone ? null : 'zone from DescribeZoneInstanceConfigInfos',
      image ? null : 'image from DescribeImages',
    ]
      .filter(Boolean)
      .join(', ');
    return `${base} InstanceChargeType=${shape.chargeType}${shape.period ? ` Period=${shape.period}` : ''}${zone ? ` Zone=${zone}` : ''}${image ? ` ImageId=${image}` : ''}${lookups ? ` (${lookups})` : ''}`;
  }

  async function read(q: PriceQuery): Promise<PriceReading> {
    const shape = CHARGE[q.billing];
    if (!shape)
      throw new PriceApiError('unsupported', `Tencent Cloud CVM InquiryPriceRunInstances gives no ${q.billing} price.`);
    if (!secretId || !secretKey)
      throw new PriceApiError('auth', `Tencent Cloud credentials are missing: set ${SECRET_ID} and ${SECRET_KEY}.`);
    const unknown = Object.keys(q.item.params).filter((k) => !KNOWN_PARAMS.has(k));
    if (unknown.length)
      throw new PriceApiError(
        'other',
        `The watchlist entry for ${q.item.instance_type} has params this adapter does not know (${unknown.join(', ')}); known: ${[...KNOWN_PARAMS].join(', ')}.`,
      );
    if (!target)
      throw new PriceApiError(
        'other',
        'PROCURE_TENCENT_ENDPOINT is not an http(s) URL such as https://cvm.tencentcloudapi.com.',
      );

    const zone = q.item.params.Zone !== undefined ? String(q.item.params.Zone) : await zoneFor(q, shape, target);
    const image =
      q.item.params.ImageId !== undefined
        ? { id: String(q.item.params.ImageId), name: String(q.item.params.ImageId) }
        : await imageFor(q, target);
    const disk = diskOf(q);

    const action = 'InquiryPriceRunInstances';
    const res = await call(action, q.region, () =>
      clientFor(q.region, target).InquiryPriceRunInstances({
        Placement: { Zone: zone },
        ImageId: image.id,
        InstanceChargeType: shape.chargeType,
        ...(shape.period
          ? { InstanceChargePrepaid: { Period: shape.period, RenewFlag: 'NOTIFY_AND_MANUAL_RENEW' } }
          : {}),
        InstanceType: q.item.instance_type,
        SystemDisk: disk,
        InstanceCount: 1,
      }),
    );
    const price = res?.Price?.InstancePrice;
    if (!price || typeof price !== 'object') throw badResponse(action, q.region, 'Price.InstancePrice');

    const currency = currencyOf(target);
    const unitWord = currency === 'CNY' ? 'yuan (CNY), China site' : 'USD, international site';
    const notes: (NoteLine | GivenNote)[] = [
      { key: 'import.note.tencent-zone', vars: { zone, image: image.id, name: image.name } },
      disk.DiskType
        ? { key: 'import.note.tencent-disk', vars: { size: disk.DiskSize, type: disk.DiskType } }
        : {
            en: shippedSay('en')('import.note.tencent-disk', {
              size: disk.DiskSize,
              type: shippedSay('en')('import.note.tencent-disk-type'),
            }),
            zh: shippedSay('zh')('import.note.tencent-disk', {
              size: disk.DiskSize,
              type: shippedSay('zh')('import.note.tencent-disk-type'),
            }),
          },
    ];
    let amount: number;
    let quote: string;
    if (shape.chargeType === 'POSTPAID_BY_HOUR') {
      if (!(typeof price.UnitPrice === 'number' && price.UnitPrice > 0))
        throw badResponse(action, q.region, 'a positive Price.InstancePrice.UnitPrice');
      if (price.ChargeUnit !== 'HOUR')
        throw new PriceApiError(
          'bad-response',
          `Tencent Cloud CVM ${action} in ${q.region} priced per ${clean(price.ChargeUnit) || 'nothing'}, not per HOUR.`,
        );
      amount = price.UnitPrice;
      quote = `Price.InstancePrice.UnitPrice ${amount}, ChargeUnit HOUR, in ${unitWord}`;
      // Pay-as-you-go is tiered by hours of use when the answer carries the later steps (ItemPrice:
      // UnitPrice then covers (0, 96) hours). UnitPrice is the first tier; the others go in the note.
      const steps = [
        ['UnitPriceSecondStep', price.UnitPriceSecondStep, '96–360 h'],
        ['UnitPriceThirdStep', price.UnitPriceThirdStep, 'after 360 h'],
      ].filter(([, v]) => typeof v === 'number' && v > 0 && v !== amount);
      if (steps.length)
        notes.push({
          key: 'import.note.tencent-steps',
          vars: { steps: steps.map(([k, v, w]) => `${k} ${v} (${w})`).join(', ') },
        });
    } else {
      if (!(typeof price.OriginalPrice === 'number' && price.OriginalPrice > 0))
        throw badResponse(action, q.region, 'a positive Price.InstancePrice.OriginalPrice');
      amount = price.OriginalPrice;
      quote = `Price.InstancePrice.OriginalPrice ${amount} for InstanceChargePrepaid.Period ${shape.period}, in ${unitWord}`;
    }

    const ref =
      `api:tencent/cvm/${action}?Region=${encodeURIComponent(q.region)}&Zone=${encodeURIComponent(zone)}` +
      `&InstanceType=${encodeURIComponent(q.item.instance_type)}&InstanceChargeType=${shape.chargeType}` +
      `${shape.period ? `&Period=${shape.period}` : ''}&ImageId=${encodeURIComponent(image.id)}` +
      `&SystemDisk.DiskSize=${disk.DiskSize}`;
    return {
      amount,
      currency,
      per: shape.per,
      call: `Tencent Cloud CVM ${action}, ${q.region} (${zone}), ${shape.words}`,
      ref,
      quote,
      ...bilingualNote(notes),
    };
  }

  return { provider: 'tencent', describe, read };
}

export const tencentFactory: SourceFactory = {
  provider: 'tencent',
  checkItem: unknownParams(KNOWN_PARAMS),
  name: 'Tencent Cloud',
  service: 'CVM',
  credentialVars: [SECRET_ID, SECRET_KEY],
  // Spot is left out on purpose (see the file header).
  billing: ['payg', 'subscription-1m', 'subscription-1y'],
  // InquiryPriceRunInstances: "A maximum of 10 requests can be initiated per second for this API"
  // (https://www.tencentcloud.com/document/api/213/33248, last updated 2025-12-23). Each reading makes
  // exactly one such call; the zone and image lookups (40 a second each, pages 213/33254 and 213/33272)
  // are cached per run.
  perSecond: 10,
  permission: PERMISSION,
  create: (env, opts) => createSource(env, opts),
};
