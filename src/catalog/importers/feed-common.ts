/**
 * What the readers of the providers' public calculator feeds share (Tencent's zone-config feed, Huawei's and
 * Volcano's calculator feeds; see shared/sources/public-price-feeds.md): options, the result shape, the error a
 * changed shape gives, and turning one price the feed states into a catalogue row.
 *
 * A reader is pure: text in, rows out. It never guesses: a row the feed does not price is skipped and counted
 * with the reason; a feed of another shape, or a row whose fields do not parse, throws FeedFormatError with one
 * sentence naming the row.
 */

import { issueSaid, REPORT_INPUT } from '../reasons.js';
import { jsonWhy, type Said, SaidError, type SaidVars } from '../said.js';
import {
  type Currency,
  type InstanceArch,
  type Price,
  PriceSchema,
  type ProviderSlug,
  type ZoneStatus,
} from '../schema.js';
import { bilingualNote, type NoteLine } from './notes.js';

export interface GpuSpec {
  model: string;
  count: number;
}

export interface FeedOptions {
  /** Where the text was read from, cited by every row: the feed URL actually read, or "file:<name>". */
  source: string;
  /** The day the feed was read (YYYY-MM-DD): the rows' as_of (`dated: retrieved`, the feeds state no date). */
  asOf: string;
  /** The provider's region ids → location slugs (catalog/providers.yaml). Regions not here are skipped. */
  locations: ReadonlyMap<string, string>;
  /** GPU models and their aliases (catalog/gpus.yaml), to name a GPU from the feed's own words. */
  gpuModels?: readonly { model: string; aliases?: readonly string[] }[];
  /** What the catalogue already knows of a type's GPUs (instance-type tables, earlier rows), for feeds that do not name them. */
  gpuOf?: (instanceType: string) => GpuSpec | undefined;
  /** Row ids start with this ("pub" for `refresh --public`, "<format>" for an import). */
  idPrefix: string;
  /** The currency the feed prices in when it does not say (the China-site calculators: CNY). */
  currency?: Currency;
  /** The region the text is for, when the text does not say (a per-region feed answer). */
  region?: string;
}

/**
 * One instance type as the feed describes it, in the fields of an instance-type table row (InstanceTypeSchema,
 * catalog/instance-types/): the feeds do not say the category (general, compute, memory…) except for GPUs.
 */
export interface FeedInstanceType {
  provider: ProviderSlug;
  type: string;
  family: string;
  vcpu: number;
  memoryGiB: number;
  gpu: GpuSpec | null;
  arch: InstanceArch | null;
}

export interface Skipped {
  reason: string;
  count: number;
  /** A few of the skipped rows, as the feed names them. */
  examples: string[];
}

export interface FeedResult {
  prices: Price[];
  instanceTypes: FeedInstanceType[];
  skipped: Skipped[];
  /** The regions the rows are for. */
  regions: string[];
}

/** The feed is not of the expected shape, or a row does not parse: one sentence, naming the row. */
export class FeedFormatError extends SaidError {
  /** The sentence continues "it …" in English (the refresh's reports and the CLI both start it with the feed). */
  constructor(key: string, vars: SaidVars = {}) {
    super(key, vars);
    this.name = 'FeedFormatError';
  }
}

/** What a feed's answer is, as a sentence's value: "Tencent's DescribeZoneInstanceConfigInfos answer". */
export const feedWhat = (what: string): Said => ({ key: `import.what.${what}` });

/**
 * What the catalogue knows of a provider's types' GPUs: the instance-type tables first, then earlier price rows.
 * A type the tables list with no GPU but in the gpu category (a vGPU slice) has none: undefined.
 */
export function catalogGpuOf(
  catalog: {
    instanceTypes?: readonly { provider: string; type: string; gpu: GpuSpec | null }[];
    prices: readonly { provider: string; sku?: string | undefined; gpu?: GpuSpec | undefined }[];
  },
  provider: string,
): (instanceType: string) => GpuSpec | undefined {
  const gpus = new Map<string, GpuSpec | null>();
  for (const t of catalog.instanceTypes ?? [])
    if (t.provider === provider && !gpus.has(t.type.toLowerCase())) gpus.set(t.type.toLowerCase(), t.gpu);
  for (const p of catalog.prices)
    if (p.provider === provider && p.sku && p.gpu && !gpus.has(p.sku.toLowerCase()))
      gpus.set(p.sku.toLowerCase(), p.gpu);
  return (t) => gpus.get(t.toLowerCase()) ?? undefined;
}

/** Counts skipped rows by reason, keeping three examples of each. */
export class SkipLog {
  private readonly byReason = new Map<string, Skipped>();
  add(reason: string, example: string): void {
    let s = this.byReason.get(reason);
    if (!s) {
      s = { reason, count: 0, examples: [] };
      this.byReason.set(reason, s);
    }
    s.count++;
    if (s.examples.length < 3 && !s.examples.includes(example)) s.examples.push(example);
  }
  list(): Skipped[] {
    return [...this.byReason.values()].sort((a, b) => b.count - a.count);
  }
}

/** "Skipped: 3 Windows images, 2 without a price" for a report line. */
export function skippedText(skipped: readonly Skipped[]): string {
  return skipped.map((s) => `${s.count} ${s.reason}`).join(', ');
}

/** `what`: the answer expected, as in feedWhat (an import.what.* key). */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FeedFormatError('import.feed.not-json', { what: feedWhat(what), why: jsonWhy(text, err) });
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A price the feed states, as a number: numbers and numeric strings ("0.52") are read; absent, empty, zero or
 * negative mean "no price" (undefined); anything else (text, objects) is a row that does not parse.
 */
export function priceValue(v: unknown, where: string | Said): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new FeedFormatError('import.feed.not-price', { where, said: JSON.stringify(v) });
  return n > 0 ? n : undefined;
}

/** The leading number of "8", "8vCPUs", "32GiB", "8BSSUNIT.pluralUnit.23", "2核"; undefined when there is none. */
export function leadingNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(v);
  const n = m ? Number(m[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** The GPU model (from gpus.yaml, or an alias of one) that the text names; the longest name wins ("V100S" over "V100"). */
export function gpuModelIn(text: string, models: FeedOptions['gpuModels']): string | undefined {
  const upper = ` ${text.toUpperCase()} `;
  let best: { model: string; len: number } | undefined;
  for (const g of models ?? [])
    for (const name of [g.model, ...(g.aliases ?? [])]) {
      const n = name.toUpperCase();
      const at = upper.indexOf(n);
      if (at < 0) continue;
      const before = upper[at - 1] ?? ' ';
      const after = upper[at + n.length] ?? ' ';
      if (/[A-Z0-9]/.test(before) || /[A-Z0-9]/.test(after)) continue;
      if (!best || n.length > best.len) best = { model: g.model, len: n.length };
    }
  return best?.model;
}

const slugPart = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The billing a feed price is for: pay-as-you-go or spot per hour, or a subscription of `months`. */
export type FeedBilling = { mode: 'payg' } | { mode: 'spot' } | { mode: 'subscription'; months: number };

export function billingId(b: FeedBilling): string {
  return b.mode === 'subscription' ? `sub-${b.months}m` : b.mode;
}

export interface RowInput {
  provider: Price['provider'];
  service: string;
  instanceType: string;
  region: string;
  location: string;
  billing: FeedBilling;
  /** The amount the feed states: per hour (payg, spot), or for the whole subscription term. */
  amount: number;
  currency: Currency;
  vcpu: number;
  memoryGiB: number;
  gpu?: GpuSpec | undefined;
  /** The feed's own words for the figure: "ap-guangzhou-3 POSTPAID_BY_HOUR Price.UnitPrice 0.52". */
  quote: string;
  /** Caveats of this row (keys in templates/<lang>/import.yaml), written in English and Chinese. */
  notes?: NoteLine[];
  zones?: ZoneStatus[] | undefined;
}

/** A catalogue row for one price the feed states; a subscription is written per month of its term. */
export function feedRow(input: RowInput, opts: FeedOptions): Price {
  const b = input.billing;
  const notes: NoteLine[] = [...(input.notes ?? [])];
  let price = input.amount;
  if (b.mode === 'subscription' && b.months > 1) {
    price = Math.round((input.amount / b.months) * 1e6) / 1e6;
    notes.push({
      key: 'import.note.feed-term',
      vars: { months: b.months, currency: input.currency, price: input.amount },
    });
  }
  notes.push({ key: 'import.note.feed-list' });
  const row = {
    id: `${opts.idPrefix}-${input.provider}-${slugPart(input.instanceType)}-${slugPart(input.region)}-${billingId(b)}`,
    provider: input.provider,
    kind: input.gpu ? 'gpu-instance' : 'compute',
    service: input.service,
    sku: input.instanceType,
    scope: { locations: [input.location] },
    billing: b.mode,
    ...(b.mode === 'subscription' ? { term_months: b.months } : {}),
    unit: b.mode === 'subscription' ? 'month' : 'instance-hour',
    price,
    currency: input.currency,
    vcpu: input.vcpu,
    memoryGiB: input.memoryGiB,
    ...(input.gpu ? { gpu: input.gpu } : {}),
    ...bilingualNote(notes),
    region: input.region,
    ...(input.zones?.length ? { zones: input.zones } : {}),
    source: opts.source,
    as_of: opts.asOf,
    dated: 'retrieved',
    grade: 'official',
    quote: input.quote,
  };
  const r = PriceSchema.safeParse(row, REPORT_INPUT);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new FeedFormatError('import.feed.bad-row', {
      type: input.instanceType,
      region: input.region,
      field: issue?.path.join('.') ?? '',
      // Why, by key: said in the asker's language (src/catalog/reasons.ts).
      detail: issue ? issueSaid(issue) : '',
    });
  }
  return r.data;
}

/** Rows in a stable order (by id), so a refreshed file's diff shows only what changed. */
export function sortRows(rows: Price[]): Price[] {
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
