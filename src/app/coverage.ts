/** Catalogue coverage and staleness: what is sourced per provider and resource kind, and what is old. */
import type { Catalog } from '../catalog/load.js';

export const COVERAGE_KINDS = [
  'compute',
  'gpu',
  'storage',
  'egress',
  'model-api',
  'support',
  'compliance-facts',
] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export interface CoverageRow {
  provider: string;
  name: string;
  counts: Record<CoverageKind, number>;
  facts: number;
  /** Instance types described in catalog/instance-types/ (shapes a size can be matched to). */
  instanceTypes: number;
  /** Distinct provider regions with at least one priced instance (compute or GPU) row. */
  pricedRegions: number;
  gaps: CoverageKind[];
  calculatorUrl: string;
}

export function coverage(catalog: Catalog): CoverageRow[] {
  const kindOf: Record<string, CoverageKind> = {
    compute: 'compute',
    'gpu-instance': 'gpu',
    storage: 'storage',
    egress: 'egress',
    'model-tokens': 'model-api',
    support: 'support',
  };
  return catalog.providers.map((p) => {
    const counts = Object.fromEntries(COVERAGE_KINDS.map((k) => [k, 0])) as Record<CoverageKind, number>;
    const regions = new Set<string>();
    for (const row of catalog.prices)
      if (row.provider === p.id) {
        counts[kindOf[row.kind] as CoverageKind]++;
        if ((row.kind === 'compute' || row.kind === 'gpu-instance') && row.region) regions.add(row.region);
      }
    const facts = catalog.facts.filter((f) => f.provider === p.id);
    counts['compliance-facts'] = facts.filter((f) => f.topic === 'compliance').length;
    return {
      provider: p.id,
      name: p.name,
      counts,
      facts: facts.length,
      instanceTypes: (catalog.instanceTypes ?? []).filter((t) => t.provider === p.id).length,
      pricedRegions: regions.size,
      gaps: COVERAGE_KINDS.filter((k) => counts[k] === 0),
      calculatorUrl: p.calculator_url,
    };
  });
}

export interface StaleEntry {
  id: string;
  provider: string;
  /** "gpu-instance ecs.gn7i-c8g1.2xlarge", "allowance OSS", "adjustment spot-range": `kind` then `name`. */
  what: string;
  /** A price's kind (compute, gpu-instance…), or allowance or adjustment. */
  kind: string;
  /** The SKU or service of a price or allowance; an adjustment's kind. */
  name: string;
  asOf: string;
  ageDays: number;
  source: string;
}

/** Prices, allowances and adjustments older than `staleDays` at `today`, oldest first. */
export function staleEntries(catalog: Catalog, today: string, staleDays: number): StaleEntry[] {
  const t = Date.parse(`${today}T00:00:00Z`);
  const age = (d: string) => Math.floor((t - Date.parse(`${d}T00:00:00Z`)) / 86_400_000);
  const rows: StaleEntry[] = [
    ...catalog.prices.map((p) => ({
      id: p.id,
      provider: p.provider,
      what: `${p.kind} ${p.sku ?? p.service}`,
      kind: p.kind,
      name: p.sku ?? p.service,
      asOf: p.as_of,
      ageDays: age(p.as_of),
      source: p.source,
    })),
    ...catalog.allowances.map((a) => ({
      id: a.id,
      provider: a.provider,
      what: `allowance ${a.service}`,
      kind: 'allowance',
      name: a.service,
      asOf: a.as_of,
      ageDays: age(a.as_of),
      source: a.source,
    })),
    ...catalog.adjustments.map((a) => ({
      id: a.id,
      provider: a.provider,
      what: `adjustment ${a.kind}`,
      kind: 'adjustment',
      name: a.kind,
      asOf: a.as_of,
      ageDays: age(a.as_of),
      source: a.source,
    })),
  ];
  return rows.filter((r) => r.ageDays > staleDays).sort((a, b) => b.ageDays - a.ageDays);
}
