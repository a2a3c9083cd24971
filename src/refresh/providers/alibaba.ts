/**
 * Alibaba Cloud ECS price adapter: reads list prices with the buyer's AccessKey through the official
 * SDK (@alicloud/ecs20140526).
 *
 * - Pay-as-you-go and subscriptions: ECS DescribePrice (ResourceType=instance). The API prices
 *   pay-as-you-go by default and "you can specify PriceUnit to query the ECS resource prices in
 *   different billing cycles": PriceUnit=Hour (Period 1) for pay-as-you-go, PriceUnit=Month with
 *   Period=1 for a 1-month subscription, PriceUnit=Year with Period=1 for a 1-year subscription.
 *   https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeprice
 * - Spot: ECS DescribeSpotPriceHistory (Linux, VPC, last 24 hours); the figure is the latest observed
 *   spot price of the cheapest zone, per hour.
 *   https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describespotpricehistory
 *
 * The figure recorded is the list price (OriginalPrice), never TradePrice, which already carries the
 * account's discounts and promotions.
 */

import EcsSdk, { DescribePriceRequest, DescribeSpotPriceHistoryRequest } from '@alicloud/ecs20140526';
import { Config } from '@alicloud/openapi-client';
import { bilingualNote } from '../../catalog/importers/notes.js';
import type { Currency, WatchBilling } from '../../catalog/schema.js';
import {
  type FailureKind,
  NETWORK_ERRNO,
  PriceApiError,
  type PriceQuery,
  type PriceReading,
  type PriceSource,
  type SourceFactory,
  type SourceOptions,
  unknownParams,
} from '../types.js';

// The package is CommonJS with `exports.default = Client`: under Node's own ESM loader (tsx, the CLI)
// the default import is the whole module.exports and the class sits on `.default`; bundler-style
// interop (vitest) hands over the class itself. Accept both.
type EcsClientClass = typeof EcsSdk.default;
const EcsClient: EcsClientClass =
  (EcsSdk as unknown as { default?: EcsClientClass }).default ?? (EcsSdk as unknown as EcsClientClass);
type EcsClient = InstanceType<EcsClientClass>;

const KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
const KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';

/**
 * DescribePrice prices an instance together with a system disk; with no SystemDisk given the API picks
 * its default category (ultra disk, or on the China site ESSD PL0 for ESSD-only families since
 * 2026-01-30), which ESSD-only families such as g7 and gn7i may refuse. We therefore ask for a small
 * ESSD PL0 system disk, a category every watched family supports, and record only the price line whose
 * Resource is the instance type, so the disk never enters the figure. A watchlist entry can override
 * these with params SystemDisk.Category / SystemDisk.PerformanceLevel / SystemDisk.Size.
 */
const SYSTEM_DISK = { category: 'cloud_essd', performanceLevel: 'PL0', size: 40 } as const;
/** Watchlist params this adapter understands (anything else is reported, not silently dropped). */
const KNOWN_PARAMS = new Set(['ZoneId', 'SystemDisk.Category', 'SystemDisk.PerformanceLevel', 'SystemDisk.Size']);
/** How far back the spot history is read; the API keeps 30 days and defaults to 3 hours. */
const SPOT_WINDOW_HOURS = 24;
/** Spot history can be paged (NextOffset); a 24-hour window is normally one page, this bounds the worst case. */
const SPOT_MAX_PAGES = 5;

interface SubscriptionShape {
  priceUnit: 'Hour' | 'Month' | 'Year';
  period: 1;
  per: PriceReading['per'];
  words: string;
}
const PRICE_UNIT: Record<Exclude<WatchBilling, 'spot'>, SubscriptionShape> = {
  payg: { priceUnit: 'Hour', period: 1, per: 'hour', words: 'PayAsYouGo' },
  'subscription-1m': { priceUnit: 'Month', period: 1, per: 'month', words: 'Subscription 1 month' },
  'subscription-1y': { priceUnit: 'Year', period: 1, per: 'year', words: 'Subscription 1 year' },
};

/** The documented public ECS endpoint of a region (ECS "Endpoints" page: ecs.<region-id>.aliyuncs.com). */
export function defaultEndpoint(region: string): string {
  return `ecs.${region}.aliyuncs.com`;
}

interface Target {
  protocol: 'http' | 'https';
  /** host or host:port, as the SDK's `endpoint` expects. */
  host: string;
}

/** PROCURE_ALIBABA_ENDPOINT is a base URL (http://127.0.0.1:9000); the SDK wants protocol and host apart. */
function parseEndpoint(endpoint: string): Target | null {
  try {
    const u = new URL(endpoint);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { protocol: u.protocol === 'http:' ? 'http' : 'https', host: u.host };
  } catch {
    return null;
  }
}

interface DiskParams {
  category: string;
  performanceLevel?: string;
  size: number;
}

function systemDiskOf(params: Record<string, string | number | boolean>): DiskParams {
  const category = String(params['SystemDisk.Category'] ?? SYSTEM_DISK.category);
  const pl = params['SystemDisk.PerformanceLevel'];
  const size = Number(params['SystemDisk.Size'] ?? SYSTEM_DISK.size);
  // PerformanceLevel only means something for cloud_essd (DescribePrice reference).
  const performanceLevel =
    pl !== undefined ? String(pl) : category === SYSTEM_DISK.category ? SYSTEM_DISK.performanceLevel : undefined;
  return { category, size, ...(performanceLevel ? { performanceLevel } : {}) };
}

/** DescribePrice query parameters in the API's own names, in a stable order (for ref and describe). */
function priceParams(q: PriceQuery, shape: SubscriptionShape): [string, string][] {
  const disk = systemDiskOf(q.item.params);
  const out: [string, string][] = [
    ['RegionId', q.region],
    ['ResourceType', 'instance'],
    ['InstanceType', q.item.instance_type],
    ['PriceUnit', shape.priceUnit],
    ['Period', String(shape.period)],
    ['SystemDisk.Category', disk.category],
  ];
  if (disk.performanceLevel) out.push(['SystemDisk.PerformanceLevel', disk.performanceLevel]);
  out.push(['SystemDisk.Size', String(disk.size)]);
  const zone = q.item.params.ZoneId;
  if (zone !== undefined) out.push(['ZoneId', String(zone)]);
  return out;
}

function spotParams(q: PriceQuery): [string, string][] {
  const out: [string, string][] = [
    ['RegionId', q.region],
    ['InstanceType', q.item.instance_type],
    ['NetworkType', 'vpc'],
    ['OSType', 'linux'],
  ];
  const zone = q.item.params.ZoneId;
  if (zone !== undefined) out.push(['ZoneId', String(zone)]);
  return out;
}

const refOf = (action: string, params: [string, string][]) =>
  `api:alibaba/ecs/${action}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;

const isCurrency = (c: unknown): c is Currency => c === 'CNY' || c === 'USD';

/** ISO 8601 in UTC without milliseconds, the format DescribeSpotPriceHistory takes (yyyy-MM-ddTHH:mm:ssZ). */
const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

// ---- error mapping -------------------------------------------------------------------------------

/**
 * Error codes from the DescribePrice and DescribeSpotPriceHistory references and the OpenAPI common
 * client errors (InvalidAccessKeyId.NotFound, SignatureDoesNotMatch, Forbidden.RAM, Throttling.User…).
 */
const AUTH_CODES = new Set([
  'InvalidAccessKeyId',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  'Forbidden',
  'Forbbiden', // sic: DescribePrice documents this spelling (403 "User not authorized to operate on the specified resource.")
  'Forbidden.RAM',
  'Forbidden.AccessKeyDisabled',
  'Forbidden.AccessKey',
  'Forbedden.NotSupportRAM', // sic, DescribeSpotPriceHistory
  'Forbbiden.SubUser', // sic, DescribeSpotPriceHistory
  'NoPermission',
  'ActionUnauthorized',
  'InvalidAction.Unauthorized',
  'RegionUnauthorized',
  'InvalidUserType.NotSupported',
  'Abs.InvalidAccount.NotFound',
  'InvalidCredentials', // the SDK's own error when no key was configured
]);
const UNKNOWN_TYPE_CODES = new Set([
  'InvalidInstanceType.ValueNotSupported',
  'InvalidInstanceType.ValueUnauthorized',
  'InvalidInstanceType.NotSupported',
  'InstanceType.Offline',
  'InvalidParams.InstanceType',
  // "The price of your queried resource is not available now": the type has no price for this
  // region and billing method (e.g. a family sold only pay-as-you-go there).
  'PriceNotFound',
]);
const SOLD_OUT_CODES = new Set(['OperationDenied.NoStock', 'Zone.NotOnSale', 'InvalidResourceType.NotSupported']);
const UNSUPPORTED_CODES = new Set(['OperationDenied.RegionIdNotSupported', 'OperationDenied.FlavorNotSupported']);
/** Transient per the references ("please retry later"); worth another try like a network fault. */
const TRANSIENT_CODES = new Set(['OperationDenied.QueryFail', 'InternalError', 'ServiceUnavailable', 'UnknownError']);

interface SdkError {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  data?: unknown;
}

function apiMessageOf(e: SdkError): string {
  const data = e.data as { Message?: unknown; message?: unknown } | undefined;
  const m = data?.Message ?? data?.message;
  return typeof m === 'string' ? m : '';
}

/** Turns whatever the SDK threw into a PriceApiError; the message is ours, never the SDK's raw text. */
export function toPriceApiError(err: unknown, call: string, secrets: readonly string[]): PriceApiError {
  if (err instanceof PriceApiError) return err;
  const e = (err ?? {}) as SdkError;
  const name = typeof e.name === 'string' ? e.name : '';
  const rawCode = typeof e.code === 'string' && e.code !== 'undefined' ? e.code : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);

  // Transport faults carry a Node errno code or the HTTP client's timeout error, and no HTTP status.
  if (status === undefined && (NETWORK_ERRNO.has(rawCode ?? '') || /Timeout/.test(name)))
    return new PriceApiError(
      'network',
      `${call} did not get an answer (${rawCode ?? 'timeout'}); the network or the endpoint failed.`,
      rawCode,
    );
  if (status === undefined && (err instanceof SyntaxError || /is mismatch|can not cast/i.test(message)))
    return new PriceApiError('bad-response', `${call} answered with a body that is not the documented response.`);
  // No status and no code: a fault on our side of the call, not the provider's; not worth a retry.
  if (status === undefined && !rawCode)
    return new PriceApiError('other', `${call} could not be made (${name || 'error'}).`);

  const code = rawCode;
  const say = (kind: FailureKind, text: string) =>
    new PriceApiError(kind, `${call} ${text}${code ? ` (${code})` : status ? ` (HTTP ${status})` : ''}.`, code);

  if ((code ?? '').includes('Throttling') || name === 'ThrottlingError' || status === 429)
    return say('throttled', 'was throttled by Alibaba Cloud');
  if (code && AUTH_CODES.has(code))
    return say(
      'auth',
      'was refused: the AccessKey is wrong, disabled or lacks ecs:DescribePrice/DescribeSpotPriceHistory',
    );
  if (code && UNKNOWN_TYPE_CODES.has(code))
    return say('unknown-type', 'says this instance type has no price in this region for this billing method');
  const apiMessage = apiMessageOf(e);
  if ((code && SOLD_OUT_CODES.has(code)) || (code === 'OperationDenied' && /out of usage|no ?stock/i.test(apiMessage)))
    return say('sold-out', 'reports this instance type sold out');
  if (code && UNSUPPORTED_CODES.has(code)) return say('unsupported', 'says spot is not offered for this type here');
  if ((code && TRANSIENT_CODES.has(code)) || (status !== undefined && status >= 500))
    return new PriceApiError(
      'network',
      `${call} hit a server-side error${code ? ` (${code})` : ` (HTTP ${status})`}; worth another try.`,
      code,
    );
  // Anything else: keep the provider's words, minus anything that could be a credential, in one sentence.
  let detail = apiMessage.replace(/\s+/g, ' ').trim();
  for (const s of secrets) if (s) detail = detail.split(s).join('***');
  if (detail.length > 160) detail = `${detail.slice(0, 157)}...`;
  return new PriceApiError(
    'other',
    `${call} failed${code ? ` (${code})` : status ? ` (HTTP ${status})` : ''}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}.`,
    code,
  );
}

// ---- readings ------------------------------------------------------------------------------------

const bad = (call: string, what: string) =>
  new PriceApiError('bad-response', `${call} answered without ${what}, so there is no price to record.`);

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Resource names seen for the instance line: "instanceType" (real answers), "InstanceType"/"instance" (reference). */
const isInstanceLine = (resource: unknown) =>
  typeof resource === 'string' && ['instancetype', 'instance'].includes(resource.toLowerCase());

interface PriceBody {
  priceInfo?: {
    price?: {
      currency?: string;
      originalPrice?: number;
      detailInfos?: { detailInfo?: { resource?: string; originalPrice?: number }[] };
    };
  };
}

function readingFromPrice(
  body: PriceBody | undefined,
  q: PriceQuery,
  shape: SubscriptionShape,
  call: string,
  ref: string,
): PriceReading {
  const price = body?.priceInfo?.price;
  if (!price) throw bad(call, 'PriceInfo.Price');
  if (!isCurrency(price.currency)) throw bad(call, 'a currency of CNY or USD in PriceInfo.Price.Currency');
  const total = price.originalPrice;
  if (!finite(total)) throw bad(call, 'a number in PriceInfo.Price.OriginalPrice');
  const disk = systemDiskOf(q.item.params);
  const diskWords = `${disk.category}${disk.performanceLevel ? ` ${disk.performanceLevel}` : ''} ${disk.size} GiB`;
  const lines = price.detailInfos?.detailInfo;
  if (lines?.length) {
    const line = lines.find((l) => isInstanceLine(l.resource));
    if (!line || !finite(line.originalPrice))
      throw bad(call, 'a DetailInfo line for the instance type with an OriginalPrice');
    return {
      amount: line.originalPrice,
      currency: price.currency,
      per: shape.per,
      call,
      ref,
      quote: `PriceInfo.Price.DetailInfos.DetailInfo[Resource=${line.resource}].OriginalPrice ${line.originalPrice}, Currency ${price.currency} (PriceInfo.Price.OriginalPrice ${total} includes the system disk)`,
      ...bilingualNote([{ key: 'import.note.alibaba-instance-line', vars: { disk: diskWords } }]),
    };
  }
  // No breakdown: the total is the instance plus the requested system disk; say so rather than guess a split.
  return {
    amount: total,
    currency: price.currency,
    per: shape.per,
    call,
    ref,
    quote: `PriceInfo.Price.OriginalPrice ${total}, Currency ${price.currency}`,
    ...bilingualNote([{ key: 'import.note.alibaba-total', vars: { disk: diskWords } }]),
  };
}

interface SpotPoint {
  zoneId?: string;
  spotPrice?: number;
  originPrice?: number;
  timestamp?: string;
}

/** The latest price per zone, then the cheapest zone: what a buyer could get now in this region. */
function pickSpot(points: SpotPoint[]): { zone: string; at: string; price: number; origin?: number } | null {
  const latest = new Map<string, { t: number; p: SpotPoint }>();
  for (const p of points) {
    const t = Date.parse(p.timestamp ?? '');
    if (!(finite(p.spotPrice) && Number.isFinite(t))) continue;
    const zone = p.zoneId ?? '(zone not given)';
    const seen = latest.get(zone);
    if (!seen || t > seen.t) latest.set(zone, { t, p });
  }
  let best: { zone: string; at: string; price: number; origin?: number } | null = null;
  for (const [zone, { p }] of [...latest.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const price = p.spotPrice as number;
    if (!best || price < best.price)
      best = { zone, at: p.timestamp ?? '', price, ...(finite(p.originPrice) ? { origin: p.originPrice } : {}) };
  }
  return best;
}

// ---- the source ----------------------------------------------------------------------------------

class AlibabaEcsSource implements PriceSource {
  readonly provider = 'alibaba' as const;
  private readonly clients = new Map<string, EcsClient>();

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly opts: SourceOptions,
  ) {}

  private target(region: string): Target | null {
    if (this.opts.endpoint) return parseEndpoint(this.opts.endpoint);
    return { protocol: 'https', host: defaultEndpoint(region) };
  }

  describe(q: PriceQuery): string {
    const host = this.target(q.region)?.host ?? `invalid endpoint ${this.opts.endpoint ?? ''}`;
    if (q.billing === 'spot') {
      const params = spotParams(q).map(([k, v]) => `${k}=${v}`);
      return `Alibaba ECS DescribeSpotPriceHistory ${params.join(' ')} StartTime=now-${SPOT_WINDOW_HOURS}h → ${host}`;
    }
    const params = priceParams(q, PRICE_UNIT[q.billing]).map(([k, v]) => `${k}=${v}`);
    return `Alibaba ECS DescribePrice ${params.join(' ')} → ${host}`;
  }

  private client(region: string): EcsClient {
    const cached = this.clients.get(region);
    if (cached) return cached;
    const keyId = this.env[KEY_ID]?.trim();
    const secret = this.env[KEY_SECRET]?.trim();
    if (!(keyId && secret))
      throw new PriceApiError('auth', `Alibaba Cloud needs ${KEY_ID} and ${KEY_SECRET} set to read prices.`);
    const target = this.target(region);
    if (!target)
      throw new PriceApiError(
        'other',
        'PROCURE_ALIBABA_ENDPOINT is not an http(s) URL such as https://ecs.cn-hangzhou.aliyuncs.com.',
      );
    const timeout = this.opts.timeoutMs ?? 15_000;
    // No retryOptions: the core only retries when config.retryOptions.retryable is set, and the
    // orchestrator does the retrying (with backoff and the rate limit). Both timeouts are bounded.
    const client = new EcsClient(
      new Config({
        accessKeyId: keyId,
        accessKeySecret: secret,
        regionId: region,
        endpoint: target.host,
        protocol: target.protocol,
        readTimeout: timeout,
        connectTimeout: timeout,
      }),
    );
    this.clients.set(region, client);
    return client;
  }

  private secrets(): string[] {
    return [this.env[KEY_ID]?.trim() ?? '', this.env[KEY_SECRET]?.trim() ?? ''];
  }

  private checkParams(q: PriceQuery, call: string): void {
    const unknown = Object.keys(q.item.params).filter((k) => !KNOWN_PARAMS.has(k));
    if (unknown.length)
      throw new PriceApiError(
        'other',
        `${call} was not made: watchlist params ${unknown.join(', ')} are not used by the Alibaba adapter (known: ${[...KNOWN_PARAMS].join(', ')}).`,
      );
  }

  async read(q: PriceQuery): Promise<PriceReading> {
    return q.billing === 'spot' ? this.readSpot(q) : this.readPrice(q, PRICE_UNIT[q.billing]);
  }

  private async readPrice(q: PriceQuery, shape: SubscriptionShape): Promise<PriceReading> {
    const call = `Alibaba ECS DescribePrice, ${q.region}, ${shape.words}`;
    this.checkParams(q, call);
    const ref = refOf('DescribePrice', priceParams(q, shape));
    const disk = systemDiskOf(q.item.params);
    const zone = q.item.params.ZoneId;
    const request = new DescribePriceRequest({
      regionId: q.region,
      resourceType: 'instance',
      instanceType: q.item.instance_type,
      priceUnit: shape.priceUnit,
      period: shape.period,
      systemDisk: {
        category: disk.category,
        size: disk.size,
        ...(disk.performanceLevel ? { performanceLevel: disk.performanceLevel } : {}),
      },
      ...(zone !== undefined ? { zoneId: String(zone) } : {}),
    });
    let body: PriceBody | undefined;
    try {
      body = (await this.client(q.region).describePrice(request)).body as PriceBody | undefined;
    } catch (err) {
      throw toPriceApiError(err, call, this.secrets());
    }
    return readingFromPrice(body, q, shape, call, ref);
  }

  private async readSpot(q: PriceQuery): Promise<PriceReading> {
    const call = `Alibaba ECS DescribeSpotPriceHistory, ${q.region}, spot`;
    this.checkParams(q, call);
    const params = spotParams(q);
    const ref = refOf('DescribeSpotPriceHistory', params);
    const zone = q.item.params.ZoneId;
    const start = isoSeconds(new Date(Date.now() - SPOT_WINDOW_HOURS * 3_600_000));
    const points: SpotPoint[] = [];
    let currency: unknown;
    let offset = 0;
    try {
      for (let page = 0; page < SPOT_MAX_PAGES; page++) {
        const request = new DescribeSpotPriceHistoryRequest({
          regionId: q.region,
          instanceType: q.item.instance_type,
          networkType: 'vpc',
          OSType: 'linux',
          startTime: start,
          ...(offset ? { offset } : {}),
          ...(zone !== undefined ? { zoneId: String(zone) } : {}),
        });
        const body = (await this.client(q.region).describeSpotPriceHistory(request)).body;
        if (!body?.spotPrices) throw bad(call, 'SpotPrices');
        currency ??= body.currency;
        const got = body.spotPrices.spotPriceType ?? [];
        points.push(...got);
        const next = body.nextOffset;
        if (!got.length || !finite(next) || next <= offset) break;
        offset = next;
      }
    } catch (err) {
      throw toPriceApiError(err, call, this.secrets());
    }
    if (!isCurrency(currency)) throw bad(call, 'a currency of CNY or USD in Currency');
    const best = pickSpot(points);
    if (!best)
      throw new PriceApiError(
        'unsupported',
        `${call} returned no spot price for the last ${SPOT_WINDOW_HOURS} hours; spot may not be offered for this type here.`,
      );
    return {
      amount: best.price,
      currency,
      per: 'hour',
      call,
      ref,
      quote: `SpotPrices.SpotPriceType[ZoneId=${best.zone}, Timestamp=${best.at}].SpotPrice ${best.price}${best.origin !== undefined ? ` (OriginPrice ${best.origin})` : ''}, Currency ${currency}`,
      ...bilingualNote([
        { key: 'import.note.alibaba-spot', vars: { zone: best.zone, at: best.at, hours: SPOT_WINDOW_HOURS } },
      ]),
    };
  }
}

export const alibabaFactory: SourceFactory = {
  provider: 'alibaba',
  checkItem: unknownParams(KNOWN_PARAMS),
  name: 'Alibaba Cloud',
  service: 'ECS',
  credentialVars: [KEY_ID, KEY_SECRET],
  billing: ['payg', 'subscription-1m', 'subscription-1y', 'spot'],
  // DescribePrice flow control: "请求速率为500/60(s)" (500 calls a minute, about 8 a second),
  // https://api.aliyun.com/document/Ecs/2014-05-26/DescribePrice; the spot history call has no
  // published rate and shares the limit here.
  perSecond: 8,
  // System policy AliyunECSReadOnlyAccess allows ecs:Describe* (ECS "System policies" page,
  // https://www.alibabacloud.com/help/doc-detail/273911.htm); DescribePrice's action is ecs:DescribePrice.
  permission:
    'the RAM system policy AliyunECSReadOnlyAccess (or a custom policy allowing ecs:DescribePrice and ecs:DescribeSpotPriceHistory)',
  create(env, opts) {
    return new AlibabaEcsSource(env, opts);
  },
};
