/**
 * Indexes over the catalogue so that an answer never scans every row: prices by provider and kind,
 * then filtered by location scope. Built once per catalogue load.
 */
import type { Catalog } from '../catalog/load.js';
import type { Adjustment, Allowance, Jurisdiction, Price, PriceKind, Provider, Scope } from '../catalog/schema.js';

export interface PlaceInfo {
  location: string;
  locationName: string;
  jurisdiction: Jurisdiction;
  area: string;
  regionIds: string[];
}

const key = (provider: string, kind: string) => `${provider}|${kind}`;

function inScope(scope: Scope, location: string, jurisdiction: Jurisdiction): boolean {
  if (scope.locations) return scope.locations.includes(location);
  if (scope.jurisdiction === 'any') return true;
  if (scope.jurisdiction === 'mainland') return jurisdiction === 'mainland';
  return jurisdiction !== 'mainland';
}

export class CatalogIndex {
  private readonly prices = new Map<string, Price[]>();
  /** Prices by provider, kind and place: "aws|egress|@hong-kong" for located rows, "aws|egress|#mainland" for the rest. */
  private readonly placed = new Map<string, Price[]>();
  /** Model-token prices by provider and normalised model name. */
  private readonly byModel = new Map<string, Price[]>();
  private readonly allowances = new Map<string, Allowance[]>();
  private readonly adjustments = new Map<string, Adjustment[]>();
  private readonly variants = new Map<string, string[]>();
  readonly providers = new Map<string, Provider>();

  constructor(readonly catalog: Catalog) {
    const push = <T>(map: Map<string, T[]>, k: string, v: T) => {
      const list = map.get(k);
      if (list) list.push(v);
      else map.set(k, [v]);
    };
    for (const p of catalog.prices) {
      push(this.prices, key(p.provider, p.kind), p);
      if (p.scope.locations)
        for (const l of p.scope.locations) push(this.placed, `${key(p.provider, p.kind)}|@${l}`, p);
      else push(this.placed, `${key(p.provider, p.kind)}|#${p.scope.jurisdiction}`, p);
      if (p.model) push(this.byModel, `${p.provider}|${normModel(p.model)}`, p);
    }
    for (const a of catalog.allowances) push(this.allowances, key(a.provider, a.kind), a);
    for (const a of catalog.adjustments)
      for (const k of a.applies_to) push(this.adjustments, key(a.provider, `${a.kind}|${k}`), a);
    for (const g of catalog.gpus) if (g.variant_of) push(this.variants, g.variant_of, g.model);
    for (const p of catalog.providers) this.providers.set(p.id, p);
  }

  pricesFor(provider: string, kind: PriceKind, location: string, jurisdiction: Jurisdiction): Price[] {
    const k = key(provider, kind);
    const wide = jurisdiction === 'mainland' ? '#mainland' : '#outside-mainland';
    return [
      ...(this.placed.get(`${k}|@${location}`) ?? []),
      ...(this.placed.get(`${k}|${wide}`) ?? []),
      ...(this.placed.get(`${k}|#any`) ?? []),
    ];
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
    return this.adjustments.get(key(provider, `${kind}|${appliesTo}`)) ?? [];
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

/** Model names compare without case, spaces, dashes or underscores: "ERNIE 4.5 Turbo" is "ernie-4.5-turbo". */
export function normModel(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}
