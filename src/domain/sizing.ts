/**
 * Type selection: which real instance type prices a size ("8 vCPU 32 GB", "2x A10") or a named type. Pure functions
 * over the candidates the catalogue index keeps per provider, place and kind, sorted once by price when the index is
 * built; a question only walks those lists. The families that count as current general-purpose, compute- or
 * memory-optimised are data (catalog/families.yaml).
 */
import type { InstanceCategory, Price } from '../catalog/schema.js';
import type { Workload } from './request.js';

/** What a size is priced on: general-purpose unless the question asks for compute- or memory-optimised types. */
export type SizeCategory = 'general' | 'compute' | 'memory';

/** Hints the parser may set on the workload (not yet in the Request contract): read only when present. */
export interface SizingHints {
  family: SizeCategory;
  /** Containers (ECI and the like) were asked for: only then are per-vCPU container prices used. */
  containers: boolean;
  /** The architecture to price a size on: x86_64 unless ARM is said (Request `workload.cpuArch`). */
  arch: CpuArch;
}

export type CpuArch = 'x86_64' | 'arm64';

export function hintsOf(wl: Workload): SizingHints {
  const extra = wl as Workload & { family?: unknown; containers?: unknown };
  const f = typeof extra.family === 'string' ? extra.family.toLowerCase() : '';
  const family: SizeCategory = f.startsWith('compute') ? 'compute' : f.startsWith('memory') ? 'memory' : 'general';
  return { family, containers: extra.containers === true, arch: wl.cpuArch === 'arm64' ? 'arm64' : 'x86_64' };
}

/** A priced instance type in one place: its pay-as-you-go row, family and category, and a price to sort by. */
export interface TypeCandidate {
  row: Price;
  /** The type's name as shown: its SKU, or the row's service for a quote that names none. */
  sku: string;
  /** One candidate per key in a list: the SKU, or the row id when there is none. */
  key: string;
  family: string;
  /** The type's shape: the row's, else the instance-type table's (0 when neither says). */
  vcpu: number;
  memoryGiB: number;
  /** null: the family is not in catalog/families.yaml nor in an instance-type table. */
  category: InstanceCategory | null;
  current: boolean;
  /** The type's architecture from the instance-type table; null when no table lists it (taken as x86_64). */
  arch: CpuArch | null;
  /** The hourly price in USD at the catalogue's FX rate: for ordering only, never shown. */
  sortPrice: number;
}

/** How a choice was made, for the sentence on the line. */
export type SizeTier = 'quote' | 'current' | 'older' | 'unlisted' | 'other';

/**
 * "ecs.g7.2xlarge" → "g7", "ecs.gn7i-c8g1.2xlarge" → "gn7i", "ecs.t6-c1m1.large" → "t6", "m7i.large" → "m7i",
 * "S5.LARGE8" → "S5", "s6.large.2" → "s6", "bcc.g5.c8m32" → "g5". The family as the providers' type names carry it.
 */
export function familyOfSku(sku: string): string {
  const s = sku.trim().replace(/^(ecs|bcc)\./i, '');
  const dot = s.indexOf('.');
  const head = dot < 0 ? s : s.slice(0, dot);
  return head.replace(/-(l?c\d+[mg]\d+|\d+x)$/i, '');
}

/** A family name as compared: "ecs.g7" (an instance-type table's) and "g7" (families.yaml's) are the same family. */
export function normFamily(family: string): string {
  return family
    .trim()
    .replace(/^(ecs|bcc)\./i, '')
    .toLowerCase();
}

/** Grade order when one type has several rows in a place: a vendor quote, then the provider's own, then copies. */
const GRADE_RANK: Record<string, number> = { 'vendor-quote': 0, official: 1, filing: 2, press: 3, 'second-hand': 4 };

export function gradeRank(p: Price): number {
  return GRADE_RANK[p.grade] ?? 5;
}

/** Of two rows for the same type and place, the one to price with: better grade, then fresher, then cheaper. */
export function betterRow(a: Price, b: Price): Price {
  const g = gradeRank(a) - gradeRank(b);
  if (g !== 0) return g < 0 ? a : b;
  if (a.as_of !== b.as_of) return a.as_of > b.as_of ? a : b;
  return a.price <= b.price ? a : b;
}

export function byPrice(a: TypeCandidate, b: TypeCandidate): number {
  return (
    Number(a.row.grade !== 'vendor-quote') - Number(b.row.grade !== 'vendor-quote') ||
    a.sortPrice - b.sortPrice ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * A type fits a size when it has at least the vCPUs and memory asked for, and not vastly more: a 224-vCPU, 6 TiB
 * machine is not "4 vCPU 16 GB" priced, whatever else a region lists. Beyond four times the size (or 16 vCPU / 64 GiB
 * more, for small sizes) the place is left unpriced and the answer asks for the price instead.
 */
function fits(c: TypeCandidate, vcpu: number, memoryGiB: number): boolean {
  return (
    c.vcpu >= vcpu &&
    c.memoryGiB >= memoryGiB &&
    c.vcpu <= Math.max(vcpu * 4, vcpu + 16) &&
    c.memoryGiB <= Math.max(memoryGiB * 4, memoryGiB + 64)
  );
}

/**
 * The types that fit a size, cheapest first, from the best tier that has any: current families of the category,
 * then older families of it, then types whose family is not listed at all (never a listed family of another category).
 * `cands` is sorted by price already; at most `limit` are returned.
 */
export type Fitting = {
  tier: SizeTier;
  types: TypeCandidate[];
  /** The types are of the other architecture than asked: none of the asked one fits (said on the line). */
  otherArch?: CpuArch;
} | null;

/** A type's architecture as sizing treats it: a type no table lists is taken as x86_64. */
const archOf = (c: TypeCandidate): CpuArch => c.arch ?? 'x86_64';

/** Results per candidate list (lists live as long as the catalogue index): a place is sized again for each billing mode. */
const fittingMemo = new WeakMap<readonly TypeCandidate[], Map<string, Fitting>>();

export function fittingTypes(
  cands: readonly TypeCandidate[],
  vcpu: number,
  memoryGiB: number,
  category: SizeCategory,
  limit = 8,
  arch: CpuArch = 'x86_64',
): Fitting {
  let memo = fittingMemo.get(cands);
  if (!memo) {
    memo = new Map();
    fittingMemo.set(cands, memo);
  }
  const key = `${vcpu}|${memoryGiB}|${category}|${limit}|${arch}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  // The asked architecture first (x86_64 unless ARM is said); the other only when none of it fits, and said so.
  const other: CpuArch = arch === 'arm64' ? 'x86_64' : 'arm64';
  const asked = scanFitting(cands, vcpu, memoryGiB, category, limit, arch);
  const fallback = asked ? null : scanFitting(cands, vcpu, memoryGiB, category, limit, other);
  const found = asked ?? (fallback ? { ...fallback, otherArch: other } : null);
  if (memo.size > 200) memo.clear();
  memo.set(key, found);
  return found;
}

function scanFitting(
  cands: readonly TypeCandidate[],
  vcpu: number,
  memoryGiB: number,
  category: SizeCategory,
  limit: number,
  arch: CpuArch,
): Fitting {
  const tiers: Record<SizeTier, TypeCandidate[]> = { quote: [], current: [], older: [], unlisted: [], other: [] };
  const otherCurrent: TypeCandidate[] = [];
  // A 1:2 (or leaner) size such as "8c16g" is the shape compute-optimised families sell; general-purpose families at
  // 1:4 would price it on twice the memory. For such a size both count as "the usual kind", cheapest first.
  const lean = category === 'general' && vcpu > 0 && memoryGiB > 0 && memoryGiB / vcpu <= 2;
  const asked = (c: InstanceCategory | null) => c === category || (lean && c === 'compute');
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i] as TypeCandidate;
    if (!fits(c, vcpu, memoryGiB) || archOf(c) !== arch) continue;
    // A vendor quote that fits takes precedence over every list price.
    if (c.row.grade === 'vendor-quote') {
      if (tiers.quote.length < limit) tiers.quote.push(c);
    } else if (asked(c.category)) {
      const list = c.current ? tiers.current : tiers.older;
      if (list.length < limit) list.push(c);
      if (c.current && tiers.current.length >= limit) break;
    } else if (c.category === null) {
      if (tiers.unlisted.length < limit) tiers.unlisted.push(c);
    } else if (SIZING_CATEGORIES.has(c.category)) {
      if (c.current ? otherCurrent.length < limit : tiers.other.length < limit)
        (c.current ? otherCurrent : tiers.other).push(c);
    }
  }
  // Of the other categories, current families before older ones.
  tiers.other = [...otherCurrent, ...tiers.other].slice(0, limit);
  for (const tier of ['quote', 'current', 'older', 'unlisted', 'other'] as const)
    if (tiers[tier].length) return { tier, types: tiers[tier] };
  return null;
}

/** The categories a CPU size may fall back on when none of the asked one fits: still a server of the usual kind. */
const SIZING_CATEGORIES = new Set<InstanceCategory>(['general', 'compute', 'memory']);

/** One way of buying `wanted` GPUs: `n` instances of a type with `perType` GPUs each. */
export interface GpuChoice {
  type: TypeCandidate;
  n: number;
  /** exact: one type with the asked count; split: several smaller types; larger: a type with more GPUs than asked. */
  how: 'exact' | 'split' | 'larger';
  /** The type carries a variant of the asked model (A10G for A10). */
  variant: boolean;
  /** Hourly total in sort units (n × the type's sort price). */
  sortTotal: number;
}

/**
 * GPU types for `count` GPUs of a model per instance, cheapest first: types with exactly that count; when none is
 * priced, N smaller types whose counts divide it (N single-GPU types for "2x A10" when no 2-GPU type exists); when
 * neither, the smallest type with more. The asked model before its variants, whatever the price. Types that also meet
 * an asked vCPU/memory per instance come first. With `spread` (inference: each GPU serves on its own, so the GPUs need
 * not share a machine) one type with the count and N smaller types compete on price alone.
 */
export function gpuChoices(
  cands: readonly TypeCandidate[],
  model: string,
  count: number,
  vcpu: number,
  memoryGiB: number,
  spread = false,
): GpuChoice[] {
  // A vendor quote that can make up the count takes precedence over every list price.
  const quotes = cands.filter((c) => c.row.grade === 'vendor-quote');
  if (quotes.length === 0) return listChoices(cands, model, count, vcpu, memoryGiB, spread);
  const quoted = listChoices(quotes, model, count, vcpu, memoryGiB, spread);
  const listed = listChoices(
    cands.filter((c) => c.row.grade !== 'vendor-quote'),
    model,
    count,
    vcpu,
    memoryGiB,
    spread,
  );
  return quoted.length ? [...quoted, ...listed] : listed;
}

function listChoices(
  cands: readonly TypeCandidate[],
  model: string,
  count: number,
  vcpu: number,
  memoryGiB: number,
  spread: boolean,
): GpuChoice[] {
  const own: GpuChoice[] = [];
  const variants: GpuChoice[] = [];
  for (const wantVariant of [false, true]) {
    const exact: GpuChoice[] = [];
    const split: GpuChoice[] = [];
    const larger: GpuChoice[] = [];
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i] as TypeCandidate;
      const g = c.row.gpu;
      if (!g) continue;
      if ((g.model === model) === wantVariant) continue;
      if (g.count === count) exact.push({ type: c, n: 1, how: 'exact', variant: wantVariant, sortTotal: c.sortPrice });
      else if (g.count < count && count % g.count === 0) {
        const n = count / g.count;
        split.push({ type: c, n, how: 'split', variant: wantVariant, sortTotal: c.sortPrice * n });
      } else if (g.count > count)
        larger.push({ type: c, n: 1, how: 'larger', variant: wantVariant, sortTotal: c.sortPrice });
    }
    const sizeOk = (ch: GpuChoice) => ch.type.vcpu * ch.n >= vcpu && ch.type.memoryGiB * ch.n >= memoryGiB;
    const order = (a: GpuChoice, b: GpuChoice) =>
      Number(!sizeOk(a)) - Number(!sizeOk(b)) ||
      Number(a.type.row.grade !== 'vendor-quote') - Number(b.type.row.grade !== 'vendor-quote') ||
      a.sortTotal - b.sortTotal;
    // Exactly the count first, then several smaller types, then a larger one: the first is priced, the next are
    // the alternatives shown (two single-GPU types may be cheaper than one two-GPU type, and the reader sees both).
    // Spread GPUs need no shared machine: the cheaper of the two ways is priced.
    const fitting = spread ? [...exact, ...split].sort(order) : [...exact.sort(order), ...split.sort(order)];
    (wantVariant ? variants : own).push(...fitting, ...larger.sort(order));
  }
  return own.length ? own : variants;
}
