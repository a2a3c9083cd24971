/**
 * Indexes over the catalogue so that an answer never scans every row: prices by provider and kind,
 * then filtered by location scope. Built once per catalogue load.
 */
import type { Catalog } from '../catalog/load.js';
import type { Adjustment, Allowance, Jurisdiction, Price, PriceKind, Provider, Scope } from '../catalog/schema.js';
import { freshestPrices } from './freshest.js';

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

function inScope(scope: Scope, location: string, jurisdiction: Jurisdiction): boolean {
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

  constructor(readonly catalog: Catalog) {
    const push = <T>(map: Map<string, T[]>, k: string, v: T) => {
      const list = map.get(k);
      if (list) list.push(v);
      else map.set(k, [v]);
    };
    let lastKey = '';
    let last: Placed | undefined;
    // Of several list prices for one type, place and billing, the freshest is used (src/domain/freshest.ts).
    for (const p of freshestPrices(catalog.prices)) {
      const k = key(p.provider, p.kind);
      push(this.prices, k, p);
      if (k !== lastKey || !last) {
        lastKey = k;
        last = this.placed.get(k);
        if (!last) {
          last = { byLocation: new Map(), mainland: [], outside: [], any: [] };
          this.placed.set(k, last);
        }
      }
      if (p.scope.locations) for (const l of p.scope.locations) push(last.byLocation, l, p);
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
}

/** The lookups an estimate needs; a CatalogIndex, or one with vendor quotes laid over it. */
export type PriceIndex = Pick<
  CatalogIndex,
  'pricesFor' | 'pricesAnywhere' | 'pricesForModel' | 'allowancesFor' | 'adjustmentsFor' | 'variantsOf' | 'providers'
>;

/** Vendor quotes first, then the catalogue: a valid quote takes precedence over the list price. */
export class OverlayIndex implements PriceIndex {
  private readonly overlay: CatalogIndex;
  readonly providers: Map<string, Provider>;

  constructor(
    private readonly base: CatalogIndex,
    prices: Price[],
  ) {
    this.overlay = new CatalogIndex({ ...base.catalog, prices, allowances: [], adjustments: [], gpus: [] });
    this.providers = base.providers;
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
