/**
 * Huawei Cloud ECS price adapter: reads list prices with the buyer's AK/SK from the BSS price-inquiry
 * APIs ("Customer Operation Capabilities"). There is no BSS client on npm here, so the call is plain
 * HTTPS (Node's fetch) signed with the official SDK core's AK/SK signer
 * (@huaweicloud/huaweicloud-sdk-core, AKSKSigner: the documented SDK-HMAC-SHA256 scheme).
 *
 * - Pay-as-you-go: ListOnDemandResourceRatings, POST /v2/bills/ratings/on-demand-resources, one
 *   product: cloud_service_type hws.service.type.ec2, resource_type hws.resource.type.vm,
 *   resource_spec "<flavor>.linux", usage_factor Duration, usage_value 1, usage_measure_id 4 (hour).
 *   https://support.huaweicloud.com/api-oce/bcloud_01001.html
 * - Subscriptions: ListRateOnPeriodDetail, POST /v2/bills/ratings/period-resources/subscribe-rate,
 *   period_type 2 (month) or 3 (year), period_num 1.
 *   https://support.huaweicloud.com/api-oce/bcloud_01002.html
 * - Spot is not priced by these APIs, so it is left out of `billing`.
 *
 * The figure recorded is `official_website_amount` (官网价, the list price); `amount` is after the
 * account's discounts and is never used. Both APIs price the ECS flavor alone (no system disk).
 * `measure_id` 1 means the amount is in whole currency units (元 / dollars): the field models of the
 * official SDK (huaweicloud-sdk-go-v3 services/bss/v2/model) document "1：元" as its only value.
 *
 * The China site answers at https://bss.myhuaweicloud.com (prices in CNY); an account on the
 * international site must set PROCURE_HUAWEI_ENDPOINT=https://bss-intl.myhuaweicloud.com (prices in
 * USD), otherwise the API answers CBC.0150/CBC.0156 "The customer does not belong to the website".
 */

import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential.js';
import { z } from 'zod';
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

const AK = 'HUAWEICLOUD_SDK_AK';
const SK = 'HUAWEICLOUD_SDK_SK';
const PROJECT_ID = 'HUAWEICLOUD_SDK_PROJECT_ID';

/** The China-site BSS endpoint ("客户运营能力API的Endpoint为bss.myhuaweicloud.com"). */
export const DEFAULT_ENDPOINT = 'https://bss.myhuaweicloud.com';
export const INTL_ENDPOINT = 'https://bss-intl.myhuaweicloud.com';

const ON_DEMAND_PATH = '/v2/bills/ratings/on-demand-resources';
const PERIOD_PATH = '/v2/bills/ratings/period-resources/subscribe-rate';
const SERVICE_TYPE = 'hws.service.type.ec2';
const RESOURCE_TYPE = 'hws.resource.type.vm';
/** The id of our one product in the inquiry; the answer's product_rating_results echo it. */
const PRODUCT_ID = '1';
/** usage_measure_id 4 is "小时" (hour) in the DemandProductInfo enumeration. */
const HOUR_MEASURE_ID = 4;
/** Watchlist params this adapter understands; anything else is refused rather than silently dropped. */
const KNOWN_PARAMS = new Set(['available_zone']);

type Billable = Exclude<WatchBilling, 'spot'>;
interface Plan {
  action: 'ListOnDemandResourceRatings' | 'ListRateOnPeriodDetail';
  path: string;
  per: PriceReading['per'];
  /** The billing-specific request fields, in the API's own names. */
  fields: [string, string | number][];
  words: string;
}
const PLANS: Record<Billable, Plan> = {
  payg: {
    action: 'ListOnDemandResourceRatings',
    path: ON_DEMAND_PATH,
    per: 'hour',
    fields: [
      ['usage_factor', 'Duration'],
      ['usage_value', 1],
      ['usage_measure_id', HOUR_MEASURE_ID],
    ],
    words: 'pay-per-use, 1 hour',
  },
  'subscription-1m': {
    action: 'ListRateOnPeriodDetail',
    path: PERIOD_PATH,
    per: 'month',
    fields: [
      ['period_type', 2],
      ['period_num', 1],
    ],
    words: 'yearly/monthly, 1 month',
  },
  'subscription-1y': {
    action: 'ListRateOnPeriodDetail',
    path: PERIOD_PATH,
    per: 'year',
    fields: [
      ['period_type', 3],
      ['period_num', 1],
    ],
    words: 'yearly/monthly, 1 year',
  },
};

const isBillable = (b: WatchBilling): b is Billable => b !== 'spot';

/** "<flavor>.linux": the ECS resource_spec form the API documents ("s2.small.1.linux"). */
const resourceSpec = (instanceType: string) => `${instanceType}.linux`;

/** The request's identifying fields in a stable order (for ref, describe and the body). */
function keyFields(q: PriceQuery, plan: Plan): [string, string | number][] {
  const out: [string, string | number][] = [
    ['region', q.region],
    ['resource_spec', resourceSpec(q.item.instance_type)],
  ];
  const az = q.item.params.available_zone;
  if (az !== undefined) out.push(['available_zone', String(az)]);
  return [...out, ...plan.fields];
}

/** The base URL of the endpoint, or null when PROCURE_HUAWEI_ENDPOINT is not an http(s) URL. */
function baseUrl(endpoint: string | undefined): URL | null {
  try {
    const u = new URL(endpoint ?? DEFAULT_ENDPOINT);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u;
  } catch {
    return null;
  }
}

// ---- signing ---------------------------------------------------------------------------------------

export interface SignInput {
  method: string;
  /** The full request URL (the signer canonicalises its path and query). */
  url: string;
  headers: Record<string, string>;
  /** The exact body that will be sent (the signer hashes JSON.stringify of it). */
  body?: unknown;
  ak: string;
  sk: string;
}

/**
 * The request headers with X-Sdk-Date, Host and Authorization added by the SDK's AKSKSigner. The
 * signer hashes JSON.stringify(body), so the caller must send exactly that string. It only calls
 * getAk/getSk on the credential, so a two-method object stands in for the SDK's credential classes
 * (which would pull in its IAM and HTTP client machinery for nothing).
 */
export function signRequest(input: SignInput): Record<string, string> {
  const url = new URL(input.url);
  const queryParams: Record<string, string> = {};
  for (const [k, v] of url.searchParams) queryParams[k] = v;
  const credential = { getAk: () => input.ak, getSk: () => input.sk } as Pick<ICredential, 'getAk' | 'getSk'>;
  const signed = AKSKSigner.sign(
    {
      method: input.method,
      endpoint: `${url.origin}${url.pathname}`,
      queryParams,
      headers: { ...input.headers },
      ...(input.body !== undefined ? { data: input.body } : {}),
    },
    credential as ICredential,
  ) as Record<string, string>;
  return signed;
}

// ---- responses -------------------------------------------------------------------------------------

/** Amounts are JSON numbers in the reference; decimal strings are accepted too (the SDKs use decimals). */
const Amount = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform((v) => Number(v));
const Rated = z.looseObject({
  id: z.string().optional(),
  official_website_amount: Amount.optional(),
  measure_id: z.number().int().optional(),
});
/** ListOnDemandResourceRatingsResponse (bcloud_01001). */
const OnDemandAnswer = z.looseObject({
  currency: z.string().optional(),
  official_website_amount: Amount.optional(),
  measure_id: z.number().int().optional(),
  product_rating_results: z.array(Rated).optional(),
});
/** ListRateOnPeriodDetailResponse (bcloud_01002): the list price is under official_website_rating_result. */
const PeriodAnswer = z.looseObject({
  currency: z.string().nullish(),
  official_website_rating_result: z
    .looseObject({
      official_website_amount: Amount.optional(),
      measure_id: z.number().int().optional(),
      product_rating_results: z.array(Rated).optional(),
    })
    .optional(),
});
/** The documented error body: {"error_code": "CBC.0151", "error_msg": "..."} (APIG adds request_id). */
const ErrorBody = z.looseObject({ error_code: z.string(), error_msg: z.string().optional() });

interface Figure {
  amount: number;
  currency: Currency;
  quote: string;
}

/**
 * The list price of our product: the product line whose id we sent, else the inquiry's total (the
 * same figure for a one-product inquiry). The amount must be in whole currency units (measure_id 1).
 */
function pickFigure(
  top: { official_website_amount?: number; measure_id?: number; product_rating_results?: z.infer<typeof Rated>[] },
  prefix: string,
  currency: Currency,
): Figure {
  const line = top.product_rating_results?.find((r) => r.id === PRODUCT_ID && r.official_website_amount !== undefined);
  const amount = line?.official_website_amount ?? top.official_website_amount;
  const measure = line?.measure_id ?? top.measure_id;
  if (amount === undefined)
    throw new PriceApiError('bad-response', 'Huawei BSS answered without official_website_amount (the list price).');
  if (measure !== 1)
    throw new PriceApiError(
      'bad-response',
      `Huawei BSS gave the price in measure_id ${measure ?? '(none)'}, not 1 (whole currency units).`,
    );
  const field = `${prefix}${line ? `product_rating_results[id=${PRODUCT_ID}].` : ''}official_website_amount`;
  return { amount, currency, quote: `${field} ${amount}, measure_id 1, currency ${currency}` };
}

const isCurrency = (c: unknown): c is Currency => c === 'CNY' || c === 'USD';

function currencyOf(raw: string | null | undefined, emptyMeansCny: boolean): Currency {
  // ListRateOnPeriodDetail documents "值为空代表人民币" (empty means CNY); the on-demand API does not.
  if ((raw === undefined || raw === null || raw === '') && emptyMeansCny) return 'CNY';
  if (isCurrency(raw)) return raw;
  throw new PriceApiError('bad-response', `Huawei BSS priced in an unexpected currency (${String(raw ?? 'none')}).`);
}

// ---- errors ----------------------------------------------------------------------------------------

/**
 * Codes from the price references (bcloud_01001/01002), the Customer Operation Capabilities error
 * table (zh-cn_topic_0081766005) and the API Gateway table (devg-apisign/api-sign-errorcode).
 */
const THROTTLE_CODES = new Set(['APIGW.0308', 'CBC.0250']);
const AUTH_CODES = new Set([
  'APIGW.0301', // Incorrect IAM authentication information (bad AK/SK or signature)
  'APIGW.0302', // The IAM user is not authorized to access the API
  'APIGW.0303', // Incorrect app authentication information
  'APIGW.0305', // Incorrect authentication information
  'APIGW.0306', // API access denied
  'CBC.0151', // Access denied (the IAM user lacks bss:discount:view)
  'CBC.0154', // token invalid/expired
  'CBC.0155', // the request is not allowed (account or sub-user has no API permission)
  'CBC.18000016', // Insufficient permissions. Contact your associated partner.
]);
/** "Access denied. The customer does not belong to the website you are now at." */
const WRONG_SITE_CODES = new Set(['CBC.0150', 'CBC.0156']);
const UNKNOWN_TYPE_CODES = new Set([
  'CBC.99006006', // 产品未发现 (product not found): no such flavor sold in that region
  'CBC.6006', // the same on the older rating API ("找不到您询价的产品")
]);

function kindOf(status: number, code: string | undefined): FailureKind {
  if (code && THROTTLE_CODES.has(code)) return 'throttled';
  if (code && (AUTH_CODES.has(code) || WRONG_SITE_CODES.has(code))) return 'auth';
  if (code && UNKNOWN_TYPE_CODES.has(code)) return 'unknown-type';
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth';
  // A gateway in between that is briefly down is worth another try, like a dropped connection.
  if (status === 502 || status === 503 || status === 504) return 'network';
  return 'other';
}

function sentenceFor(kind: FailureKind, code: string | undefined, q: PriceQuery, plan: Plan, msg: string): string {
  const spec = resourceSpec(q.item.instance_type);
  const detail = msg ? ` (${msg})` : '';
  if (code && WRONG_SITE_CODES.has(code))
    return `Huawei BSS says the account is not a customer of this site: an international-site account needs PROCURE_HUAWEI_ENDPOINT=${INTL_ENDPOINT}${detail}.`;
  if (code === 'APIGW.0101')
    return `Huawei BSS has no ${plan.action} at this endpoint: check PROCURE_HUAWEI_ENDPOINT${detail}.`;
  switch (kind) {
    case 'throttled':
      return `Huawei BSS throttled ${plan.action}${detail}.`;
    case 'auth':
      return `Huawei BSS refused the credential: check ${AK}/${SK} and that the IAM user may use bss:discount:view${detail}.`;
    case 'unknown-type':
      return `Huawei BSS found no product ${spec} in ${q.region}${detail}.`;
    default:
      return `Huawei BSS ${plan.action} failed${detail}.`;
  }
}

/** The provider's message, short, on one line, with any credential value masked. */
function cleanMessage(msg: string | undefined, secrets: string[]): string {
  let out = (msg ?? '').replace(/\s+/g, ' ').trim();
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out.length > 200 ? `${out.slice(0, 197)}...` : out.replace(/[.。]+$/, '');
}

function networkError(err: unknown, timeoutMs: number, action: string): PriceApiError | null {
  const e = err as { name?: string; code?: string; cause?: { code?: string; name?: string } } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new PriceApiError('network', `Huawei BSS ${action} did not answer within ${timeoutMs} ms.`);
  const code = e?.cause?.code ?? e?.code;
  if ((code && NETWORK_ERRNO.has(code)) || (e?.name === 'TypeError' && /fetch failed/i.test(String(err))))
    return new PriceApiError('network', `Huawei BSS ${action} could not be reached${code ? ` (${code})` : ''}.`, code);
  return null;
}

// ---- the source ------------------------------------------------------------------------------------

class HuaweiPriceSource implements PriceSource {
  readonly provider = 'huawei' as const;
  private readonly base: URL | null;
  private readonly timeoutMs: number;

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    opts: SourceOptions,
  ) {
    this.base = baseUrl(opts.endpoint);
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  describe(q: PriceQuery): string {
    if (!isBillable(q.billing)) return `Huawei BSS has no spot price API (${q.item.instance_type} in ${q.region})`;
    const plan = PLANS[q.billing];
    const host = this.base?.host ?? 'an invalid PROCURE_HUAWEI_ENDPOINT';
    const fields = keyFields(q, plan)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return `Huawei BSS ${plan.action} ${fields} (${host})`;
  }

  async read(q: PriceQuery): Promise<PriceReading> {
    if (!isBillable(q.billing))
      throw new PriceApiError('unsupported', "Huawei BSS's price APIs do not price spot ECSs.");
    const plan = PLANS[q.billing];
    const unknown = Object.keys(q.item.params).filter((k) => !KNOWN_PARAMS.has(k));
    if (unknown.length)
      throw new PriceApiError(
        'other',
        `The watchlist params ${unknown.join(', ')} mean nothing to Huawei BSS (known: ${[...KNOWN_PARAMS].join(', ')}).`,
      );
    const ak = this.env[AK]?.trim();
    const sk = this.env[SK]?.trim();
    const projectId = this.env[PROJECT_ID]?.trim();
    if (!ak || !sk || !projectId)
      throw new PriceApiError('auth', `Huawei credentials are missing: set ${AK}, ${SK} and ${PROJECT_ID}.`);
    if (!this.base)
      throw new PriceApiError(
        'other',
        'PROCURE_HUAWEI_ENDPOINT is not an http(s) URL such as https://bss-intl.myhuaweicloud.com.',
      );

    const product: Record<string, string | number> = {
      id: PRODUCT_ID,
      cloud_service_type: SERVICE_TYPE,
      resource_type: RESOURCE_TYPE,
      ...Object.fromEntries(keyFields(q, plan)),
      subscription_num: 1,
    };
    const body = { project_id: projectId, product_infos: [product] };
    const url = new URL(plan.path, this.base).toString();
    const signed = signRequest({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json' },
      body,
      ak,
      sk,
    });
    // fetch sets Host from the URL itself (the same host:port the signer signed); undici refuses to
    // take it as a header.
    const { host: _host, ...headers } = signed;

    let status: number;
    let text: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw (
        networkError(err, this.timeoutMs, plan.action) ??
        new PriceApiError('other', `Huawei BSS ${plan.action} failed before an answer (${(err as Error).name}).`)
      );
    }

    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const error = ErrorBody.safeParse(json);
    // Some CBC codes are documented with HTTP 200, so an error body counts whatever the status.
    if (status < 200 || status >= 300 || (error.success && error.data.error_code !== 'CBC.0000')) {
      const code = error.success ? error.data.error_code : undefined;
      const msg = cleanMessage(error.success ? error.data.error_msg : undefined, [ak, sk, projectId]);
      const kind = kindOf(status, code);
      throw new PriceApiError(
        kind,
        code || msg ? sentenceFor(kind, code, q, plan, msg) : `Huawei BSS ${plan.action} answered HTTP ${status}.`,
        code,
      );
    }
    if (json === undefined)
      throw new PriceApiError('bad-response', `Huawei BSS ${plan.action} answered with no JSON body.`);

    let figure: Figure;
    if (plan.action === 'ListOnDemandResourceRatings') {
      const r = OnDemandAnswer.safeParse(json);
      if (!r.success)
        throw new PriceApiError('bad-response', `Huawei BSS ${plan.action} answered in an unexpected shape.`);
      figure = pickFigure(r.data, '', currencyOf(r.data.currency, false));
    } else {
      const r = PeriodAnswer.safeParse(json);
      if (!r.success || !r.data.official_website_rating_result)
        throw new PriceApiError(
          'bad-response',
          `Huawei BSS ${plan.action} answered without official_website_rating_result (the list price).`,
        );
      figure = pickFigure(
        r.data.official_website_rating_result,
        'official_website_rating_result.',
        currencyOf(r.data.currency, true),
      );
    }

    const refParams = keyFields(q, plan)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    const site = this.base.host === new URL(INTL_ENDPOINT).host ? '&site=intl' : '';
    return {
      amount: figure.amount,
      currency: figure.currency,
      per: plan.per,
      call: `Huawei BSS ${plan.action}, ${q.region}, ${resourceSpec(q.item.instance_type)}, ${plan.words}`,
      ref: `api:huawei/bss/${plan.action}?${refParams}${site}`,
      quote: figure.quote,
      ...bilingualNote([{ key: 'import.note.huawei-flavor' }]),
    };
  }
}

export const huaweiFactory: SourceFactory = {
  provider: 'huawei',
  checkItem: unknownParams(KNOWN_PARAMS),
  name: 'Huawei Cloud',
  service: 'ECS',
  credentialVars: [AK, SK, PROJECT_ID],
  billing: ['payg', 'subscription-1m', 'subscription-1y'],
  // "Request Throttling" (api-oce/fci_00002, 2025-12-26): 10/1(s) for the pay-per-use price API and
  // 30/1(s) for the yearly/monthly one, per source IP, API and account; the lower bounds us both.
  perSecond: 10,
  // "API Access Permission (Customer)" (api-oce/jac_00004): both price APIs check bss:discount:view
  // ("View discount and price information"); identity policies call it billing:contract:viewDiscount.
  permission: 'the IAM action bss:discount:view (identity policy: billing:contract:viewDiscount)',
  create(env, opts) {
    return new HuaweiPriceSource(env, opts);
  },
};
