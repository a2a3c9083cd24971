/**
 * Volcano Engine (火山引擎) price adapter: reads ECS list prices from the billing service's
 * price-query actions (service "billing", Version 2022-01-01, host billing.volcengineapi.com):
 *
 * - QueryPriceForPayAsYouGo (后付费询价) for pay-as-you-go,
 * - QueryPriceForSubscription (预付费询价) for 1-month and 1-year subscriptions (new purchase).
 *
 * Reference: https://www.volcengine.com/docs/6269/1477195 (QueryPriceForSubscription, updated
 * 2025-06-26): request {Product, ConfigList: [{ConfigurationCode, ChargeItemCode, Quantity,
 * UseDuration, Count}]}, result {Currency, TotalOriginalAmount "总刊例价", TotalDiscountAmount
 * "总折扣价", ConfigList: [{ConfigurationCode, ChargeItemCode, OriginalAmount, DiscountAmount,
 * Quantity, Price, DiscountDetail}]}. QueryPriceForPayAsYouGo has the same request and result shape
 * (volcengine-go-sdk service/billing/api_query_price_for_pay_as_you_go.go).
 *
 * What the API cannot do: it takes neither an instance type nor a region. Both are folded into
 * Volcano's internal billing codes (Product, ConfigurationCode, optionally ChargeItemCode), which the
 * ECS catalogue APIs do not expose. So the watchlist entry carries them in `params` (see the header
 * of catalog/watchlist/volcengine.yaml); an entry without them fails with kind 'other' before any
 * call. Spot is not priced by these actions, so it is not in `billing`.
 *
 * The SDK's generic `Service` signs the call (HMAC-SHA256 with the buyer's AK/SK); no hand-written signer.
 */

import { Service } from '@volcengine/openapi';
import { bilingualNote } from '../../catalog/importers/notes.js';
import { reason } from '../../catalog/reasons.js';
import type { Said } from '../../catalog/said.js';
import type { WatchBilling } from '../../catalog/schema.js';
import { PriceApiError, type PriceQuery, type PriceReading, type SourceFactory, type SourceOptions } from '../types.js';

const NAME = 'Volcano Engine';
const VERSION = '2022-01-01';
/** The billing service's own host (API overview: "billing | 2022-01-01 | https://billing.volcengineapi.com"). */
const DEFAULT_HOST = 'billing.volcengineapi.com';
/** The documented request examples sign with cn-beijing; billing is a global service, so the query's region is not it. */
const SIGNING_REGION = 'cn-beijing';
/** The SDK's usual environment variable names (lib/base/utils.js reads VOLC_ACCESSKEY and VOLC_SECRETKEY). */
const AK_VAR = 'VOLC_ACCESSKEY';
const SK_VAR = 'VOLC_SECRETKEY';

type PricedBilling = Exclude<WatchBilling, 'spot'>;
const ACTION: Record<PricedBilling, 'QueryPriceForPayAsYouGo' | 'QueryPriceForSubscription'> = {
  payg: 'QueryPriceForPayAsYouGo',
  'subscription-1m': 'QueryPriceForSubscription',
  'subscription-1y': 'QueryPriceForSubscription',
};
/**
 * UseDuration per billing mode. Subscriptions are bought in months (1 year = 12 months), and the
 * amount returned covers the whole UseDuration, hence `per` below. Pay-as-you-go asks for one unit of use.
 */
const USE_DURATION: Record<PricedBilling, number> = { payg: 1, 'subscription-1m': 1, 'subscription-1y': 12 };
const PER: Record<PricedBilling, PriceReading['per']> = {
  payg: 'hour',
  'subscription-1m': 'month',
  'subscription-1y': 'year',
};
const BILLING_WORDS: Record<PricedBilling, string> = {
  payg: 'pay-as-you-go',
  'subscription-1m': '1-month subscription',
  'subscription-1y': '1-year subscription',
};

const isPriced = (b: WatchBilling): b is PricedBilling => b in ACTION;

/** The billing codes one query needs, read from the watchlist entry's params. */
interface Codes {
  product: string;
  configurationCode: string;
  chargeItemCode?: string;
}

/**
 * A param for this region: `<Name>.<region>` first, then plain `<Name>`. A plain ConfigurationCode is
 * accepted only when the entry lists a single region: the API takes no region, so one code cannot
 * stand for several regions' prices.
 */
function param(q: PriceQuery, name: string): string | undefined {
  const specific = q.item.params[`${name}.${q.region}`];
  if (specific !== undefined && String(specific).trim()) return String(specific).trim();
  if (name === 'ConfigurationCode' && q.item.regions.length > 1) return undefined;
  const plain = q.item.params[name];
  return plain !== undefined && String(plain).trim() ? String(plain).trim() : undefined;
}

/** The codes a query needs, or which is missing: in English, and as the watchlist's problem (`why`, by key). */
function codesOf(q: PriceQuery): Codes | { missing: string; why: Said } {
  const region = q.region;
  const product = param(q, 'Product');
  if (!product)
    return { missing: `params.Product (or params.Product.${region})`, why: reason('watch-needs-product', { region }) };
  const configurationCode = param(q, 'ConfigurationCode');
  if (!configurationCode)
    return q.item.regions.length > 1
      ? {
          missing: `params.ConfigurationCode.${region} (the billing API takes no region, so each region needs its own code)`,
          why: reason('watch-needs-code-each', { region }),
        }
      : {
          missing: `params.ConfigurationCode (or params.ConfigurationCode.${region})`,
          why: reason('watch-needs-code', { region }),
        };
  const chargeItemCode = param(q, 'ChargeItemCode');
  return { product, configurationCode, ...(chargeItemCode ? { chargeItemCode } : {}) };
}

function requestBody(codes: Codes, billing: PricedBilling) {
  return {
    Product: codes.product,
    ConfigList: [
      {
        ConfigurationCode: codes.configurationCode,
        ...(codes.chargeItemCode ? { ChargeItemCode: codes.chargeItemCode } : {}),
        Quantity: 1,
        UseDuration: USE_DURATION[billing],
      },
    ],
  };
}

function refOf(codes: Codes, billing: PricedBilling): string {
  const qs = [
    ['Product', codes.product],
    ['ConfigurationCode', codes.configurationCode],
    ...(codes.chargeItemCode ? [['ChargeItemCode', codes.chargeItemCode]] : []),
    ['UseDuration', String(USE_DURATION[billing])],
    ['Quantity', '1'],
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');
  return `api:volcengine/billing/${ACTION[billing]}?${qs}`;
}

// ---------------------------------------------------------------------------------------------
// Error codes. Gateway codes are common to every Volcano OpenAPI:
//   https://www.volcengine.com/docs/6408/78947 (公共错误码, 2023-03-31),
//   https://www.volcengine.com/docs/4640/65080 (网关错误码, 2022-07-26).
// Throttling: FlowLimitExceeded (and its ".QPSOverLimit"-style subcodes) and RequestLimitExceeded.

const THROTTLE = /^(FlowLimitExceeded|RequestLimitExceeded|Throttling|TooManyRequests)(\.|$)/;
const AUTH = new Set([
  'InvalidAccessKey',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'InvalidAuthorization',
  'InvalidCredential',
  'MissingAuthenticationToken',
  'MissingSignature',
  'InvalidSecretToken',
  'InvalidTimestamp',
  'LackPolicy',
  'LackProjectPolicy',
  'AccessDenied',
]);
/**
 * The billing actions' own error codes are not in the reference pages we could read; a code or
 * message that rejects the product or configuration code is the API saying it cannot price this
 * type here, which is what 'unknown-type' means.
 */
const UNKNOWN_TYPE = /(Configuration|ChargeItem|Product)/i;
const INVALID = /^(Invalid|NotFound|.*NotFound$|.*\.NotFound$|MissingParameter)/;

interface VolcError {
  Code?: unknown;
  CodeN?: unknown;
  Message?: unknown;
}

function kindOf(code: string, message: string): PriceApiError['kind'] {
  if (THROTTLE.test(code)) return 'throttled';
  if (AUTH.has(code) || code.startsWith('AccessDenied.')) return 'auth';
  if (INVALID.test(code) && (UNKNOWN_TYPE.test(code) || UNKNOWN_TYPE.test(message))) return 'unknown-type';
  return 'other';
}

/** Removes the credentials from text the provider sent back (its InvalidAccessKey message echoes the key id). */
function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function errorFromResponse(err: VolcError, q: PriceQuery, action: string, secrets: readonly string[]): PriceApiError {
  const code = typeof err.Code === 'string' && err.Code ? err.Code : String(err.CodeN ?? 'Unknown');
  const message = typeof err.Message === 'string' ? redact(err.Message, secrets) : '';
  const kind = kindOf(code, message);
  const where = `${q.item.instance_type} in ${q.region}`;
  switch (kind) {
    case 'throttled':
      return new PriceApiError(
        kind,
        `Volcano Engine throttled ${action} (${code}); it allows about 10 calls a second per account.`,
        code,
      );
    case 'auth':
      // The provider's message is left out: for a bad key it repeats the key id.
      return new PriceApiError(
        kind,
        `Volcano Engine refused the credentials for ${action} (${code}); check ${AK_VAR}/${SK_VAR} and that the user has BillingCenterReadOnlyAccess.`,
        code,
      );
    case 'unknown-type':
      return new PriceApiError(
        kind,
        `Volcano Engine cannot price ${where} with the watchlist's billing codes (${code}${message ? `: ${message}` : ''}).`,
        code,
      );
    default:
      return new PriceApiError(
        kind,
        `Volcano Engine ${action} failed for ${where} (${code}${message ? `: ${message}` : ''}).`,
        code,
      );
  }
}

/** Network faults come from the SDK's HTTP client (axios): connection refused, reset, DNS, timeout. */
function networkError(err: unknown, action: string, timeoutMs: number): PriceApiError {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(String(e?.message ?? ''));
  return new PriceApiError(
    'network',
    timedOut
      ? `Volcano Engine ${action} did not answer within ${timeoutMs} ms.`
      : `Volcano Engine ${action} could not be reached (${code ?? 'network error'}).`,
    code,
  );
}

// ---------------------------------------------------------------------------------------------
// Reading the result.

interface ConfigAmount {
  ConfigurationCode?: unknown;
  ChargeItemCode?: unknown;
  OriginalAmount?: unknown;
  DiscountAmount?: unknown;
}
interface PriceResult {
  Currency?: unknown;
  TotalOriginalAmount?: unknown;
  TotalDiscountAmount?: unknown;
  ConfigList?: unknown;
}

const bad = (action: string, what: string) =>
  new PriceApiError('bad-response', `Volcano Engine ${action} returned ${what}.`);

/** Amounts are decimal strings ("总刊例价(小数点后6位)"); a number is accepted too. */
function amountOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== 'string' || !/^\s*\d+(\.\d+)?\s*$/.test(v)) return null;
  return Number(v);
}

function readingFrom(body: unknown, q: PriceQuery, billing: PricedBilling, codes: Codes, secrets: readonly string[]) {
  const action = ACTION[billing];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return bad(action, 'a body that is not a JSON object');
  const { ResponseMetadata: meta, Result: result } = body as { ResponseMetadata?: unknown; Result?: unknown };
  const error = meta && typeof meta === 'object' ? (meta as { Error?: unknown }).Error : undefined;
  if (error && typeof error === 'object') return errorFromResponse(error as VolcError, q, action, secrets);
  if (!result || typeof result !== 'object') return bad(action, 'no Result');
  const r = result as PriceResult;
  const currency = r.Currency;
  if (currency !== 'CNY' && currency !== 'USD')
    return bad(action, `a currency this catalogue cannot hold (${String(currency)})`);

  // The list price is OriginalAmount ("刊例价"), before the account's discount (DiscountAmount).
  let figure: { amount: number; raw: string; field: string } | null = null;
  if (Array.isArray(r.ConfigList) && r.ConfigList.length) {
    const items = r.ConfigList as ConfigAmount[];
    const match = items.filter(
      (c) =>
        c &&
        c.ConfigurationCode === codes.configurationCode &&
        (!codes.chargeItemCode || c.ChargeItemCode === undefined || c.ChargeItemCode === codes.chargeItemCode),
    );
    if (match.length !== 1)
      return bad(action, `no single ConfigList entry for ConfigurationCode ${codes.configurationCode}`);
    const amount = amountOf(match[0]?.OriginalAmount);
    if (amount === null) return bad(action, `an unusable OriginalAmount (${String(match[0]?.OriginalAmount)})`);
    figure = {
      amount,
      raw: String(match[0]?.OriginalAmount),
      field: `Result.ConfigList[ConfigurationCode=${codes.configurationCode}].OriginalAmount`,
    };
  } else {
    const amount = amountOf(r.TotalOriginalAmount);
    if (amount === null) return bad(action, `no usable OriginalAmount or TotalOriginalAmount`);
    figure = { amount, raw: String(r.TotalOriginalAmount), field: 'Result.TotalOriginalAmount' };
  }

  const reading: PriceReading = {
    amount: figure.amount,
    currency,
    per: PER[billing],
    call: `Volcano Engine billing ${action}, ${q.region}, ${q.item.instance_type}, ${BILLING_WORDS[billing]}`,
    ref: refOf(codes, billing),
    quote: `${figure.field} ${figure.raw}, Currency ${currency}`,
    ...bilingualNote([
      billing === 'payg'
        ? { key: 'import.note.volc-payg' }
        : { key: 'import.note.volc-sub', vars: { n: USE_DURATION[billing] } },
    ]),
  };
  return reading;
}

// ---------------------------------------------------------------------------------------------

function endpointParts(endpoint: string | undefined): { host: string; protocol: string } {
  if (!endpoint) return { host: DEFAULT_HOST, protocol: 'https:' };
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PriceApiError('other', `PROCURE_VOLCENGINE_ENDPOINT is not a URL (${endpoint}).`);
  }
  return { host: url.host, protocol: url.protocol };
}

export const volcengineFactory: SourceFactory = {
  provider: 'volcengine',
  // Every region's query needs its billing codes: name the missing ones before any call.
  checkItem: (item) =>
    item.billing.some(isPriced)
      ? item.regions.flatMap((region) => {
          const codes = codesOf({ item, region, billing: 'payg' });
          return 'missing' in codes ? [codes.why] : [];
        })
      : [],
  name: NAME,
  service: 'ECS',
  credentialVars: [AK_VAR, SK_VAR],
  billing: ['payg', 'subscription-1m', 'subscription-1y'],
  // "单账号QPS上限为10" (QueryPriceForSubscription and QueryPriceForRenew reference pages,
  // https://www.volcengine.com/docs/6269/1477195 and /1477208, 2025-06-26). The limit is per account,
  // so a watchlist may ask for less with per_second.
  perSecond: 10,
  // "子用户使用该接口时,应具备BillingCenterFullAccess或BillingCenterReadOnlyAccess权限策略" (same pages).
  permission: 'the BillingCenterReadOnlyAccess policy',
  create(env, opts: SourceOptions) {
    const accessKeyId = env[AK_VAR]?.trim() ?? '';
    const secretKey = env[SK_VAR]?.trim() ?? '';
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const endpoint = opts.endpoint;
    let client: Service | null = null;
    // Built on first use so that describe() (the dry run) needs neither credentials nor a valid endpoint.
    const clientOf = () => {
      if (!client)
        client = new Service({
          serviceName: 'billing',
          defaultVersion: VERSION,
          region: SIGNING_REGION,
          ...endpointParts(endpoint),
          // Always passed, even empty: the SDK would otherwise fall back to process.env or ~/.volc/config.
          accessKeyId,
          secretKey,
        });
      return client;
    };

    return {
      provider: 'volcengine',
      describe(q) {
        if (!isPriced(q.billing)) return `${NAME} has no ${q.billing} price API (not called)`;
        const codes = codesOf(q);
        const what =
          'missing' in codes
            ? `(missing ${codes.missing})`
            : `Product=${codes.product} ConfigurationCode=${codes.configurationCode}${codes.chargeItemCode ? ` ChargeItemCode=${codes.chargeItemCode}` : ''}`;
        return `${NAME} billing ${ACTION[q.billing]} ${what} UseDuration=${USE_DURATION[q.billing]} Quantity=1 (${q.item.instance_type}, ${q.region})`;
      },
      async read(q) {
        if (!isPriced(q.billing))
          throw new PriceApiError('unsupported', `${NAME}'s billing price API has no ${q.billing} price.`);
        const billing = q.billing;
        const action = ACTION[billing];
        const codes = codesOf(q);
        if ('missing' in codes)
          throw new PriceApiError(
            'other',
            `The watchlist entry for ${q.item.instance_type} needs ${codes.missing} to call ${action}.`,
          );
        if (!accessKeyId || !secretKey)
          throw new PriceApiError('auth', `${AK_VAR} and ${SK_VAR} must both be set to call ${action}.`);

        const api = clientOf().createAPI<ReturnType<typeof requestBody>, PriceResult>(action, {
          Version: VERSION,
          method: 'POST',
          contentType: 'json',
        });
        let body: unknown;
        try {
          body = await api(requestBody(codes, billing), { Action: action, timeout: timeoutMs });
        } catch (err) {
          if (err instanceof PriceApiError) throw err;
          throw networkError(err, action, timeoutMs);
        }
        const out = readingFrom(body, q, billing, codes, [accessKeyId, secretKey]);
        if (out instanceof PriceApiError) throw out;
        return out;
      },
    };
  },
};
