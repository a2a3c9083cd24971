/**
 * "The freshest row for a type, region and billing mode wins" (shared/design.md): when the catalogue holds
 * several list prices of one instance type for the same place, billing mode, term and unit — a shipped snapshot,
 * an import, a public-feed refresh, a price-API refresh — only those with the latest `as_of` are used. Rows of
 * different provider regions in one metro (ap-shanghai and ap-shanghai-fsi) are kept apart when both say their
 * region. Vendor quotes are never dropped and never drop a list price (they are laid over the list prices).
 */
import type { Price } from '../catalog/schema.js';

function groupKey(p: Price): string | null {
  if (!p.sku || p.grade === 'vendor-quote') return null;
  const where = p.scope.locations ? p.scope.locations.join(',') : `@${p.scope.jurisdiction}`;
  return `${p.provider}|${p.kind}|${p.sku.toLowerCase()}|${p.billing}|${p.term_months ?? ''}|${p.unit}|${where}`;
}

/** The rows without those a fresher row of the same type, place and billing replaces; the same array when none is. */
export function freshestPrices(prices: readonly Price[]): readonly Price[] {
  const groups = new Map<string, Price | Price[]>();
  let shared = false;
  for (const p of prices) {
    const k = groupKey(p);
    if (k === null) continue;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, p);
    else {
      shared = true;
      if (Array.isArray(g)) g.push(p);
      else groups.set(k, [g, p]);
    }
  }
  if (!shared) return prices;
  const dropped = new Set<Price>();
  for (const g of groups.values()) {
    if (!Array.isArray(g)) continue;
    for (const p of g)
      if (g.some((q) => q.as_of > p.as_of && (!p.region || !q.region || p.region === q.region))) dropped.add(p);
  }
  return dropped.size ? prices.filter((p) => !dropped.has(p)) : prices;
}
