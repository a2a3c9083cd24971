/**
 * The contract between `procure catalog refresh` and each provider's price-API adapter.
 * An adapter turns one (instance type, region, billing mode) into one reading of the provider's
 * list price, or throws a PriceApiError saying what kind of failure it was.
 */

import { reason } from '../catalog/reasons.js';
import type { Said } from '../catalog/said.js';
import type { Currency, RefreshProvider, WatchBilling, WatchItem } from '../catalog/schema.js';

export interface PriceQuery {
  item: WatchItem;
  /** The provider's region id, e.g. "cn-hangzhou". */
  region: string;
  billing: WatchBilling;
}

/** One price as the API stated it. */
export interface PriceReading {
  /** The amount as the API returned it, for the period in `per`. */
  amount: number;
  currency: Currency;
  /** The period `amount` covers: an hour (pay-as-you-go, spot), a month or a year (subscriptions). */
  per: 'hour' | 'month' | 'year';
  /** Human words for the call: "Alibaba ECS DescribePrice, cn-hangzhou, PayAsYouGo". */
  call: string;
  /** Machine reference for the call, written as the row's source: "api:alibaba/ecs/DescribePrice?RegionId=…". */
  ref: string;
  /** The response's own words for the figure: "Price.OriginalPrice 11.51, Currency CNY". */
  quote: string;
  /** Anything the buyer should know about this figure (e.g. the latest spot price, not a promise). */
  note?: string;
  /** The same in Chinese, for Chinese answers (src/catalog/importers/notes.ts writes both). */
  note_zh?: string;
}

export const FAILURE_KINDS = [
  'throttled',
  'auth',
  'unknown-type',
  'sold-out',
  'unsupported',
  'bad-response',
  'network',
  'other',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** A failed call. `code` is the provider's error code when it gave one; the message never holds a secret. */
export class PriceApiError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PriceApiError';
  }
  /** Throttling and network faults are worth another try; the rest are not. */
  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'network';
  }
}

export interface PriceSource {
  readonly provider: RefreshProvider;
  /** The call a dry run lists: "Alibaba ECS DescribePrice RegionId=cn-hangzhou InstanceType=… PriceUnit=Hour". */
  describe(q: PriceQuery): string;
  /** Reads one price. Throws PriceApiError. */
  read(q: PriceQuery): Promise<PriceReading>;
}

export interface SourceOptions {
  /** Overrides the API endpoint: a base URL such as http://127.0.0.1:9000 (PROCURE_<PROVIDER>_ENDPOINT). */
  endpoint?: string;
  /** Per-call timeout. */
  timeoutMs?: number;
}

export interface SourceFactory {
  readonly provider: RefreshProvider;
  /** Display name: "Alibaba Cloud". */
  readonly name: string;
  /** The product the rows are for, as the provider names it: "ECS", "CVM". */
  readonly service: string;
  /** The environment variables the credentials come from, under the provider's usual names. */
  readonly credentialVars: readonly string[];
  /** Billing modes the provider's price API can answer; others are reported as unsupported without a call. */
  readonly billing: readonly WatchBilling[];
  /** The documented rate limit of the price API, in calls per second. */
  readonly perSecond: number;
  /** What the buyer grants the credential: the permission or policy name (shown in errors and the README). */
  readonly permission: string;
  create(env: Readonly<Record<string, string | undefined>>, opts: SourceOptions): PriceSource;
  /**
   * What is wrong with a watchlist entry for this provider's API (unknown or missing `params`), as
   * reasons (message keys, templates/<lang>/problems.yaml); checked by `catalog lint`, dry runs and refreshes before
   * any call.
   */
  checkItem?(item: WatchItem, regions: readonly string[]): Said[];
}

/** A `checkItem` for adapters whose params are all optional: names the keys the adapter would not use. */
export function unknownParams(known: ReadonlySet<string>): (item: WatchItem) => Said[] {
  return (item) => {
    const unknown = Object.keys(item.params).filter((k) => !known.has(k));
    return unknown.length ? [reason('watch-params', { list: unknown.join(', '), known: [...known].join(', ') })] : [];
  };
}

/** Node and undici error codes that mean the call never got an answer: worth another try. */
export const NETWORK_ERRNO: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
