/**
 * The Request: what a question asks for, in the JSON form fixed by shared/contract.md.
 * Field names are stable; fields may be added. Unknown values are null, never guessed.
 */
import { z } from 'zod';
import { BillingMode, Currency, ProviderSlug } from '../catalog/schema.js';
import { INTENTS, LANGS, WORKLOAD_KINDS } from './request-values.js';

// The plain values (no zod) live in ./request-values.ts, so code that needs only them does not load the schemas.
export { emptyRequest, INTENTS, LANGS, modelFor, sideFor, WORKLOAD_KINDS } from './request-values.js';

export const Intent = z.enum(INTENTS);
export type Intent = z.infer<typeof Intent>;

export const WorkloadKind = z.enum(WORKLOAD_KINDS);
export type WorkloadKind = z.infer<typeof WorkloadKind>;

const count = z.number().positive().finite();

export const Workload = z.object({
  kind: WorkloadKind.nullable(),
  instances: count.nullable(),
  vcpu: count.nullable(),
  memoryGiB: count.nullable(),
  gpu: z.object({ model: z.string().min(1), count: count }).nullable(),
  /** A provider's own instance type named in the question ("ecs.gn7i-c8g1.2xlarge", "g5.2xlarge"): priced exactly. */
  instanceType: z.string().min(1).max(80).nullable().default(null),
  /** Decimal GB. */
  storageGB: count.nullable(),
  /** Decimal GB per month. */
  egressGBPerMonth: count.nullable(),
  hoursPerMonth: z.number().positive().max(744).nullable(),
  model: z.string().nullable(),
  /**
   * Every model named, in the order written ("qwen-max vs deepseek-r1"); `model` is the first. Empty when none is.
   * Two of them in a comparison are priced side by side (see `sides`).
   */
  models: z.array(z.string()).default([]),
  /**
   * Two models compared ("Baidu ernie-4.0 vs qwen-plus"): the model each provider is priced for. Absent otherwise,
   * when every provider is priced for `model`.
   */
  modelByProvider: z.record(z.string(), z.string()).nullable().default(null),
  tokensPerMonth: z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).nullable(),
  /**
   * The CPU architecture said ("arm", "aarch64", "graviton", "倚天", "x86"); absent when none is. A size with no type
   * named is priced on x86_64 types unless arm64 is said.
   */
  cpuArch: z.enum(['x86_64', 'arm64']).nullable().optional(),
  /** The kind of storage said with `storageGB` ("云硬盘", "EBS", "cloud disk" → block; "OSS", "bucket" → object). */
  storageKind: z.enum(['object', 'block']).nullable().optional(),
  /** The storage tier said with `storageGB` ("archive", "归档", "cold", "infrequent", "低频", "IA"). */
  storageTier: z.enum(['standard', 'infrequent', 'cold', 'archive']).nullable().optional(),
});
export type Workload = z.infer<typeof Workload>;

/** Things said about the situation rather than the size: they steer advice and questions. Added to the contract. */
export const Signals = z.object({
  /** Where the users are, when said ("for Singapore users", "Chinese customers"): a location or area slug. */
  audience: z.array(z.string()),
  /** Alibaba commerce platforms the data lives in (taobao, tmall, 1688, aliexpress, alibaba.com). */
  commercePlatforms: z.array(z.string()),
  /** Personal data is involved (customer records, customer service, users' data). */
  personalData: z.boolean(),
  /** Production use (not dev/test). null when not said. */
  production: z.boolean().nullable(),
  /** A renewal of an existing contract is being discussed. */
  renewal: z.boolean(),
  /** The provider the workload is on today ("stay on Alibaba", "currently on AWS"). */
  incumbent: ProviderSlug.nullable(),
  /**
   * Another country's data-protection law named ("PDPL in saudi", "GDPR"): its id in intents/lexicon.yaml
   * `foreign_data_laws`, and whether the question also says the data is in or leaves mainland China. Absent otherwise.
   */
  foreignDataLaw: z
    .object({ id: z.string().min(1), alsoChina: z.boolean() })
    .nullable()
    .optional(),
});
export type Signals = z.infer<typeof Signals>;

export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/**
 * The currency a quote was said in: the catalogue's two (USD, CNY), or another one of the region's that a reseller
 * or a local office quotes in ("HK$14,900/month", "SGD 2,100", "5800港币"), kept as said and checked only once given
 * in USD or CNY (the catalogue has no rate for it).
 */
export const QuoteCurrency = z.enum([
  'USD',
  'CNY',
  'HKD',
  'SGD',
  'TWD',
  'JPY',
  'KRW',
  'MYR',
  'IDR',
  'THB',
  'EUR',
  'GBP',
  'AUD',
]);
export type QuoteCurrency = z.infer<typeof QuoteCurrency>;

export const QuotedPrice = z.object({
  amount: z.number().positive().finite(),
  currency: QuoteCurrency.nullable(),
  /**
   * What the amount is per: an hour, a month or a year of the instance, or a thousand or a million tokens of a model
   * API ("$0.003 per 1k tokens", "0.6 元/百万tokens"); null when not said. The amount is as written.
   */
  per: z.enum(['hour', 'month', 'year', 'thousand-tokens', 'million-tokens']).nullable(),
  /** A token price's side: input or output tokens; absent or null when not said (or not a token price). */
  direction: z.enum(['input', 'output']).nullable().optional(),
});
export type QuotedPrice = z.infer<typeof QuotedPrice>;

/**
 * One side of a comparison that pairs its own provider, place or GPU ("1x L20 in Hangzhou vs 1x L4 on AWS Singapore"),
 * or sets two models or two billing modes side by side ("qwen-max vs deepseek-r1", "on-demand vs 1yr reserved"):
 * null fields take the request's (a side with no provider is any provider at its place).
 */
export const Side = z.object({
  provider: ProviderSlug.nullable(),
  location: z.string().nullable(),
  gpu: z.object({ model: z.string().min(1), count: count }).nullable(),
  /** The model this side is priced for ("qwen-max vs deepseek-r1"): null takes the request's. */
  model: z.string().nullable().default(null),
  /** The billing mode this side is priced in ("on-demand vs 1yr reserved"): null takes the request's. */
  billing: BillingMode.nullable().default(null),
});
export type Side = z.infer<typeof Side>;

export const Request = z.object({
  intent: Intent,
  providers: z.array(ProviderSlug),
  locations: z.array(z.string()),
  billing: BillingMode.nullable(),
  durationMonths: z.number().positive().max(120).nullable(),
  currency: Currency.nullable(),
  workload: Workload,
  signals: Signals,
  /** For facts questions: the words to search the facts for. */
  topic: z.string().nullable(),
  /** The language the answer is written in: the question's (any Chinese text → zh), unless overridden. */
  lang: Lang.default('en'),
  /** A price the user was quoted and asks about ("9.5 CNY/hour for A10, good deal?"): a quote check. */
  quotedPrice: QuotedPrice.nullable().default(null),
  /**
   * The two sides of a comparison whose parts do not mix ("L20 in Hangzhou vs L4 on AWS Singapore"), or two models or
   * billing modes each priced on its own ("qwen-max vs deepseek-r1", "on-demand vs 1yr reserved"); null otherwise.
   */
  sides: z.array(Side).nullable().default(null),
});
export type Request = z.infer<typeof Request>;
