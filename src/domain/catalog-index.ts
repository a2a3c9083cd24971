/**
 * Indexes over the catalogue so that an answer never scans every row: prices by provider and kind,
 * then filtered by location scope. Built once per catalogue load.
 */
import type { Catalog } from '../catalog/load.js';
import type {
  Adjustment,
  Allowance,
  FxRate,
  InstanceCategory,
  InstanceType,
  Jurisdiction,
  Price,
  PriceKind,
  Provider,
  Scope,
} from '../catalog/schema.js';
import { freshestPrices } from './freshest.js';
import { betterRow, byPrice, familyOfSku, normFamily, type TypeCandidate } from './sizing.js';

export interface PlaceInfo {
  location: string;
  locationName: string;
  jurisdiction: Jurisdiction;
  area: string;
  regionIds: string[];
}

const key = (provider: string, kind: string) => `${provider}|${kind}`;

interface Placed {
  byLocation: Map<string, Price[]>;
  /** Rows scoped by jurisdiction: mainland, outside-mainland, any. */
  mainland: Price[];
  outside: Price[];
  any: Price[];
}

const NONE: Price[] = [];
const NO_TYPES: TypeCandidate[] = [];

/** Instance types of one provider and kind (or GPU model), by place: each list one row per type, cheapest first. */
interface PlacedTypes {
  byLocation: Map<string, TypeCandidate[]>;
  mainland: TypeCandidate[];
  outside: TypeCandidate[];
  any: TypeCandidate[];
}

export function inScope(scope: Scope, location: string, jurisdiction: Jurisdiction): boolean {
  if (scope.locations) return scope.locations.includes(location);
  if (scope.jurisdiction === 'any') return true;
  if (scope.jurisdiction === 'mainland') return jurisdiction === 'mainland';
  return jurisdiction !== 'mainland';
}

export class CatalogIndex {
  private readonly prices = new Map<string, Price[]>();
  /** Prices by provider and kind ("aws|egress"), then by place: located rows by location, the rest by jurisdiction. */
  private readonly placed = new Map<string, Placed>();
  /** Model-token prices by provider and normalised model name. */
  private readonly byModel = new Map<string, Price[]>();
  private readonly allowances = new Map<string, Allowance[]>();
  /** Adjustments by provider, adjustment kind and the price kind they apply to. */
  private readonly adjustments = new Map<string, Map<string, Map<PriceKind, Adjustment[]>>>();
  private readonly variants = new Map<string, string[]>();
  readonly providers = new Map<string, Provider>();
  /** The catalogue's USD → CNY rate, for ordering prices of both currencies as money. */
  private readonly cnyPerUsd: number | undefined;
  /**
   * Pay-as-you-go instance types by provider and kind ("alibaba|compute"), and GPU types by model ("alibaba|gpu|A10"):
   * each made from its rows (`typeRows`) when first asked for, so an answer pays only for the lists it reads.
   */
  private readonly types = new Map<string, PlacedTypes>();
  /** The rows of each list in `types`, in catalogue order. */
  private readonly typeRows = new Map<string, Price[]>();
  /** Each row's type candidate (one object per row, shared by its kind's list and its GPU model's). */
  private readonly candidates = new Map<Price, TypeCandidate>();
  /** The rows without those a fresher row replaces (src/domain/freshest.ts). */
  private readonly freshest: readonly Price[];
  /**
   * Rows by lower-case type name, in catalogue order: for one provider ("aws"), or one provider and kind
   * ("aws|gpu-instance"). Each made on its first look-up, from that provider's (and kind's) rows alone, so that
   * pricing a type's other billing modes does not index every type of every provider.
   */
  private readonly bySku = new Map<string, Map<string, Price[]>>();
  /** The providers of the rows, in the order of their first row (made on first use). */
  private rowProviders: string[] | undefined;
  /** Candidate lists merged for a place, remembered (a place's location, jurisdiction and "any" lists together). */
  private readonly mergedTypes = new Map<string, TypeCandidate[]>();

  constructor(readonly catalog: Catalog) {
    this.cnyPerUsd = latestUsdCny(catalog)?.rate;
    const push = <T>(map: Map<string, T[]>, k: string, v: T) => {
      const list = map.get(k);
      if (list) list.push(v);
      else map.set(k, [v]);
    };
    // Rows come in runs of one provider, kind and place (a price file at a time): the lists of the run's last row
    // are reused without making and looking up their keys again.
    let lastProvider: string | undefined;
    let lastKind: string | undefined;
    let list: Price[] = [];
    let last: Placed = { byLocation: new Map(), mainland: [], outside: [], any: [] };
    let lastLocation: string | undefined;
    let here: Price[] = [];
    // Of several list prices for one type, place and billing, the freshest is used (src/domain/freshest.ts).
    const prices = freshestPrices(catalog.prices);
    for (const p of prices) {
      if (p.provider !== lastProvider || p.kind !== lastKind) {
        lastProvider = p.provider;
        lastKind = p.kind;
        lastLocation = undefined;
        const k = key(p.provider, p.kind);
        let known = this.prices.get(k);
        if (!known) {
          known = [];
          this.prices.set(k, known);
        }
        list = known;
        let placed = this.placed.get(k);
        if (!placed) {
          placed = { byLocation: new Map(), mainland: [], outside: [], any: [] };
          this.placed.set(k, placed);
        }
        last = placed;
      }
      list.push(p);
      const locations = p.scope.locations;
      if (locations)
        for (const l of locations) {
          if (l !== lastLocation) {
            lastLocation = l;
            let at = last.byLocation.get(l);
            if (!at) {
              at = [];
              last.byLocation.set(l, at);
            }
            here = at;
          }
          here.push(p);
        }
      else if (p.scope.jurisdiction === 'mainland') last.mainland.push(p);
      else if (p.scope.jurisdiction === 'outside-mainland') last.outside.push(p);
      else last.any.push(p);
      if (p.model) push(this.byModel, `${p.provider}|${normModel(p.model)}`, p);
    }
    for (const a of catalog.allowances) push(this.allowances, key(a.provider, a.kind), a);
    for (const a of catalog.adjustments)
      for (const k of a.applies_to) {
        let byKind = this.adjustments.get(a.provider);
        if (!byKind) {
          byKind = new Map();
          this.adjustments.set(a.provider, byKind);
        }
        let byPriceKind = byKind.get(a.kind);
        if (!byPriceKind) {
          byPriceKind = new Map();
          byKind.set(a.kind, byPriceKind);
        }
        push(byPriceKind, k, a);
      }
    for (const g of catalog.gpus) if (g.variant_of) push(this.variants, g.variant_of, g.model);
    for (const p of catalog.providers) this.providers.set(p.id, p);
    this.freshest = prices;
    // As above, the lists of the last row's provider and kind, and of its GPU model, are reused for the next.
    let typeProvider: string | undefined;
    let typeKind: string | undefined;
    let typeList: Price[] = [];
    let gpuProvider: string | undefined;
    let gpuModel: string | undefined;
    let gpuList: Price[] = [];
    const listOf = (k: string) => {
      let at = this.typeRows.get(k);
      if (!at) {
        at = [];
        this.typeRows.set(k, at);
      }
      return at;
    };
    for (const p of prices) {
      if (p.billing !== 'payg' || p.unit !== 'instance-hour') continue;
      if (p.kind !== 'compute' && p.kind !== 'gpu-instance') continue;
      if (p.provider !== typeProvider || p.kind !== typeKind) {
        typeProvider = p.provider;
        typeKind = p.kind;
        typeList = listOf(`${p.provider}|${p.kind}`);
      }
      typeList.push(p);
      if (p.gpu) {
        if (p.provider !== gpuProvider || p.gpu.model !== gpuModel) {
          gpuProvider = p.provider;
          gpuModel = p.gpu.model;
          gpuList = listOf(`${p.provider}|gpu|${p.gpu.model}`);
        }
        gpuList.push(p);
      }
    }
  }

  /** A price in USD at the catalogue's rate, to order CNY and USD rows as money (as written when no rate is catalogued). */
  comparable(p: Price): number {
    return p.currency === 'CNY' && this.cnyPerUsd ? p.price / this.cnyPerUsd : p.price;
  }

  /**
   * Instance types of one list (a provider and kind, or a provider and GPU model), indexed on first use: one candidate
   * per type and place (the best-graded, freshest row), tagged with its family's category and generation
   * (catalog/families.yaml, or the instance-type table), sorted by price.
   */
  private placedTypes(key: string): PlacedTypes | undefined {
    const known = this.types.get(key);
    if (known) return known;
    const rows = this.typeRows.get(key);
    if (!rows) return undefined;
    // Per place: the best row per type; sorted when every row is in.
    const lists = new Map<string, Map<string, TypeCandidate>>();
    const add = (place: string, c: TypeCandidate) => {
      let list = lists.get(place);
      if (!list) {
        list = new Map();
        lists.set(place, list);
      }
      const had = list.get(c.key);
      if (!had) list.set(c.key, c);
      else if (betterRow(had.row, c.row) === c.row) list.set(c.key, c);
    };
    for (const p of rows) {
      const c = this.candidate(p);
      if (p.scope.locations) for (const l of p.scope.locations) add(`@${l}`, c);
      else add(p.scope.jurisdiction ?? 'any', c);
    }
    const placed: PlacedTypes = { byLocation: new Map(), mainland: [], outside: [], any: [] };
    for (const [place, list] of lists) {
      const sorted = [...list.values()].sort(byPrice);
      if (place.startsWith('@')) placed.byLocation.set(place.slice(1), sorted);
      else if (place === 'mainland') placed.mainland = sorted;
      else if (place === 'outside-mainland') placed.outside = sorted;
      else placed.any = sorted;
    }
    this.types.set(key, placed);
    return placed;
  }

  private candidate(p: Price): TypeCandidate {
    const known = this.candidates.get(p);
    if (known) return known;
    const { families, table } = typeLookups(this.catalog);
    const t = p.sku ? table.get(`${p.provider}|${p.sku.toLowerCase()}`) : undefined;
    const family = t?.family ?? (p.sku ? familyOfSku(p.sku) : '');
    const fam = families.get(`${p.provider}|${normFamily(family)}`);
    const c: TypeCandidate = {
      row: p,
      sku: p.sku ?? p.service,
      key: p.sku ?? `#${p.id}`,
      vcpu: p.vcpu ?? t?.vcpu ?? 0,
      memoryGiB: p.memoryGiB ?? t?.memoryGiB ?? 0,
      family,
      category: fam?.category ?? t?.category ?? (p.kind === 'gpu-instance' ? 'gpu' : null),
      current: fam?.current ?? false,
      arch: t?.arch ?? null,
      sortPrice: this.comparable(p),
    };
    this.candidates.set(p, c);
    return c;
  }

  /** The rows of one provider (and kind), by lower-case type name; indexed on the first look-up. */
  private skuIndex(provider: string, kind?: PriceKind): Map<string, Price[]> {
    const k = kind ? key(provider, kind) : provider;
    const known = this.bySku.get(k);
    if (known) return known;
    const bySku = new Map<string, Price[]>();
    const rows = kind ? (this.prices.get(k) ?? NONE) : this.freshest;
    for (const p of rows) {
      if (!p.sku || p.provider !== provider) continue;
      const skuKey = p.sku.toLowerCase();
      const list = bySku.get(skuKey);
      if (list) list.push(p);
      else bySku.set(skuKey, [p]);
    }
    this.bySku.set(k, bySku);
    return bySku;
  }

  private typesAt(key: string, location: string, jurisdiction: Jurisdiction): readonly TypeCandidate[] {
    const placed = this.placedTypes(key);
    if (!placed) return NO_TYPES;
    const here = placed.byLocation.get(location) ?? NO_TYPES;
    const wide = jurisdiction === 'mainland' ? placed.mainland : placed.outside;
    const lists = [here, wide, placed.any].filter((l) => l.length > 0);
    if (lists.length <= 1) return lists[0] ?? NO_TYPES;
    const mk = `${key}|${location}|${jurisdiction}`;
    const known = this.mergedTypes.get(mk);
    if (known) return known;
    // A type priced for the location wins over the same type priced for the whole jurisdiction.
    const seen = new Set<string>();
    const merged: TypeCandidate[] = [];
    for (const l of lists)
      for (const c of l) {
        if (seen.has(c.key)) continue;
        seen.add(c.key);
        merged.push(c);
      }
    merged.sort(byPrice);
    this.mergedTypes.set(mk, merged);
    return merged;
  }

  /** Pay-as-you-go instance types of a kind priced for a place, one per type, cheapest first (shared: do not change). */
  typesFor(provider: string, kind: 'compute' | 'gpu-instance', location: string, jurisdiction: Jurisdiction) {
    return this.typesAt(`${provider}|${kind}`, location, jurisdiction);
  }

  /** Pay-as-you-go instance types with a GPU model, priced for a place, cheapest first (shared: do not change). */
  gpuTypesFor(provider: string, model: string, location: string, jurisdiction: Jurisdiction) {
    return this.typesAt(`${provider}|gpu|${model}`, location, jurisdiction);
  }

  /**
   * Every row of a provider's instance type (any billing mode and place), in catalogue order; with `kind`, only
   * its rows of that kind (the same rows as filtering by kind, looked up without indexing the provider's other kinds).
   */
  skuRows(provider: string, sku: string, kind?: PriceKind): readonly Price[] {
    return this.skuIndex(provider, kind).get(sku.toLowerCase()) ?? NONE;
  }

  /** The providers that price an instance type of this name, in the order of their first row in the catalogue. */
  providersOfSku(sku: string): readonly string[] {
    const lower = sku.toLowerCase();
    const owners: { provider: string; first: Price }[] = [];
    for (const provider of this.providersWithRows()) {
      const first = this.skuIndex(provider).get(lower)?.[0];
      if (first) owners.push({ provider, first });
    }
    if (owners.length > 1) {
      const at = new Map(owners.map((o) => [o, this.freshest.indexOf(o.first)]));
      owners.sort((a, b) => (at.get(a) as number) - (at.get(b) as number));
    }
    return owners.map((o) => o.provider);
  }

  /** Every provider with a row in the catalogue (catalogued or not), in the order of their first row. */
  private providersWithRows(): string[] {
    this.rowProviders ??= [...new Set(this.freshest.map((p) => p.provider))];
    return this.rowProviders;
  }

  /** Prices for a place: those of its location, then those of its jurisdiction, then those anywhere (a new array). */
  pricesFor(provider: string, kind: PriceKind, location: string, jurisdiction: Jurisdiction): Price[] {
    const placed = this.placed.get(key(provider, kind));
    if (!placed) return [];
    const here = placed.byLocation.get(location) ?? NONE;
    const wide = jurisdiction === 'mainland' ? placed.mainland : placed.outside;
    return here.concat(wide, placed.any);
  }

  /** Prices of a kind for a provider anywhere (for "where is this priced" questions). */
  pricesAnywhere(provider: string, kind: PriceKind): Price[] {
    return this.prices.get(key(provider, kind)) ?? [];
  }

  /** Model-token prices of a provider for a model, anywhere. */
  pricesForModel(provider: string, model: string): Price[] {
    return this.byModel.get(`${provider}|${normModel(model)}`) ?? [];
  }

  allowancesFor(provider: string, kind: Allowance['kind'], location: string, jurisdiction: Jurisdiction): Allowance[] {
    return (this.allowances.get(key(provider, kind)) ?? []).filter((a) => inScope(a.scope, location, jurisdiction));
  }

  adjustmentsFor(provider: string, kind: Adjustment['kind'], appliesTo: PriceKind): Adjustment[] {
    return this.adjustments.get(provider)?.get(kind)?.get(appliesTo) ?? [];
  }

  variantsOf(model: string): string[] {
    return this.variants.get(model) ?? [];
  }

  /** CNY per USD from the latest USD→CNY rate in fx.yaml (null without one); read on first use. */
}

/** The lookups an estimate needs; a CatalogIndex, or one with vendor quotes laid over it. */
export type PriceIndex = Pick<
  CatalogIndex,
  | 'pricesFor'
  | 'pricesAnywhere'
  | 'pricesForModel'
  | 'allowancesFor'
  | 'adjustmentsFor'
  | 'variantsOf'
  | 'providers'
  | 'typesFor'
  | 'gpuTypesFor'
  | 'skuRows'
  | 'providersOfSku'
  | 'catalog'
>;

/** Families by provider and name, and instance-type rows by provider and type: made once per catalogue (quotes reuse them). */
const lookups = new WeakMap<
  object,
  {
    of: unknown;
    families: Map<string, { category: InstanceCategory; current: boolean }>;
    table: Map<string, InstanceType>;
  }
>();

function typeLookups(catalog: Catalog) {
  const owner = catalog.instanceTypes ?? catalog;
  const known = lookups.get(owner);
  if (known && known.of === catalog.families) return known;
  const families = new Map<string, { category: InstanceCategory; current: boolean }>();
  for (const f of catalog.families ?? []) families.set(`${f.provider}|${normFamily(f.family)}`, f);
  const table = new Map<string, InstanceType>();
  for (const t of catalog.instanceTypes ?? []) table.set(`${t.provider}|${t.type.toLowerCase()}`, t);
  const made = { of: catalog.families, families, table };
  lookups.set(owner, made);
  return made;
}

/** Vendor quotes first, then the catalogue: a valid quote takes precedence over the list price. */
export class OverlayIndex implements PriceIndex {
  private readonly overlay: CatalogIndex;
  readonly providers: Map<string, Provider>;

  constructor(
    private readonly base: CatalogIndex,
    prices: Price[],
  ) {
    // A quote names a type but not its shape: the shape is the catalogue's, so the quote can price a size.
    const shaped = prices.map((p) => {
      if (!p.sku || p.vcpu !== undefined) return p;
      const like = base.skuRows(p.provider, p.sku).find((r) => r.vcpu !== undefined);
      if (!like) return p;
      return {
        ...p,
        vcpu: like.vcpu,
        ...(like.memoryGiB !== undefined ? { memoryGiB: like.memoryGiB } : {}),
        ...(like.gpu && !p.gpu ? { gpu: like.gpu } : {}),
      };
    });
    this.overlay = new CatalogIndex({ ...base.catalog, prices: shaped, allowances: [], adjustments: [], gpus: [] });
    this.providers = base.providers;
  }

  /** The catalogue under the quotes (its places, names and facts). */
  get catalog(): Catalog {
    return this.base.catalog;
  }

  pricesFor(provider: string, kind: PriceKind, location: string, jurisdiction: Jurisdiction): Price[] {
    return [
      ...this.overlay.pricesFor(provider, kind, location, jurisdiction),
      ...this.base.pricesFor(provider, kind, location, jurisdiction),
    ];
  }

  pricesAnywhere(provider: string, kind: PriceKind): Price[] {
    return [...this.overlay.pricesAnywhere(provider, kind), ...this.base.pricesAnywhere(provider, kind)];
  }

  pricesForModel(provider: string, model: string): Price[] {
    return [...this.overlay.pricesForModel(provider, model), ...this.base.pricesForModel(provider, model)];
  }

  allowancesFor(provider: string, kind: Allowance['kind'], location: string, jurisdiction: Jurisdiction): Allowance[] {
    return this.base.allowancesFor(provider, kind, location, jurisdiction);
  }

  adjustmentsFor(provider: string, kind: Adjustment['kind'], appliesTo: PriceKind): Adjustment[] {
    return this.base.adjustmentsFor(provider, kind, appliesTo);
  }

  variantsOf(model: string): string[] {
    return this.base.variantsOf(model);
  }

  typesFor(provider: string, kind: 'compute' | 'gpu-instance', location: string, jurisdiction: Jurisdiction) {
    return overlaid(
      this.overlay.typesFor(provider, kind, location, jurisdiction),
      this.base.typesFor(provider, kind, location, jurisdiction),
    );
  }

  gpuTypesFor(provider: string, model: string, location: string, jurisdiction: Jurisdiction) {
    return overlaid(
      this.overlay.gpuTypesFor(provider, model, location, jurisdiction),
      this.base.gpuTypesFor(provider, model, location, jurisdiction),
    );
  }

  skuRows(provider: string, sku: string, kind?: PriceKind): readonly Price[] {
    const own = this.overlay.skuRows(provider, sku, kind);
    const base = this.base.skuRows(provider, sku, kind);
    return own.length ? [...own, ...base] : base;
  }

  providersOfSku(sku: string): readonly string[] {
    const own = this.overlay.providersOfSku(sku);
    return own.length ? [...new Set([...own, ...this.base.providersOfSku(sku)])] : this.base.providersOfSku(sku);
  }
}

/** Quoted types before the catalogue's (a quote for a type replaces its list price). */
function overlaid(quotes: readonly TypeCandidate[], base: readonly TypeCandidate[]): readonly TypeCandidate[] {
  if (quotes.length === 0) return base;
  const quoted = new Set(quotes.map((c) => c.key));
  return [...quotes, ...base.filter((c) => !quoted.has(c.key))];
}

/** The catalogue's latest USD → CNY rate (catalog/fx.yaml), or undefined when none is catalogued. */
export function latestUsdCny(catalog: Pick<Catalog, 'fx'>): FxRate | undefined {
  let best: FxRate | undefined;
  for (const r of catalog.fx ?? [])
    if (r.base === 'USD' && r.counter === 'CNY' && (!best || r.as_of > best.as_of)) best = r;
  return best;
}

const normalised = new Map<string, string>();

/** Model names compare without case, spaces, dashes or underscores: "ERNIE 4.5 Turbo" is "ernie-4.5-turbo". */
export function normModel(s: string): string {
  // Remembered: estimates compare the asked model with every model-token row of a place.
  const known = normalised.get(s);
  if (known !== undefined) return known;
  const n = s.toLowerCase().replace(/[\s_-]+/g, '');
  if (normalised.size > 10_000) normalised.clear();
  normalised.set(s, n);
  return n;
}
