/**
 * "The freshest row for a type, region and billing mode wins" (shared/design.md): when the catalogue holds
 * several list prices of one instance type for the same place, billing mode, term and unit — a shipped snapshot,
 * an import, a public-feed refresh, a price-API refresh — only those with the latest `as_of` are used. Rows of
 * different provider regions in one metro (ap-shanghai and ap-shanghai-fsi) are kept apart when both say their
 * region. Vendor quotes are never dropped and never drop a list price (they are laid over the list prices).
 *
 * Cheap on big catalogues: rows are grouped by their type name alone (a string the row already holds), and only a
 * group whose rows are of different dates is looked at further.
 */
import type { Price } from '../catalog/schema.js';

function detailKey(p: Price): string {
  const where = p.scope.locations ? p.scope.locations.join(',') : `@${p.scope.jurisdiction}`;
  return `${p.provider}|${p.kind}|${p.billing}|${p.term_months ?? ''}|${p.unit}|${where}`;
}

function supersededIn(group: Price[], dropped: Set<Price>): void {
  const first = group[0]?.as_of;
  if (group.every((p) => p.as_of === first)) return;
  const byKey = new Map<string, Price[]>();
  for (const p of group) {
    const k = detailKey(p);
    const list = byKey.get(k);
    if (list) list.push(p);
    else byKey.set(k, [p]);
  }
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    for (const p of list)
      if (list.some((q) => q.as_of > p.as_of && (!p.region || !q.region || p.region === q.region))) dropped.add(p);
  }
}

/** The rows without those a fresher row of the same type, place and billing replaces; the same array when none is. */
export function freshestPrices(prices: readonly Price[]): readonly Price[] {
  const bySku = new Map<string, Price | Price[]>();
  let shared = false;
  for (const p of prices) {
    if (p.sku === undefined || p.grade === 'vendor-quote') continue;
    const g = bySku.get(p.sku);
    if (g === undefined) bySku.set(p.sku, p);
    else {
      shared = true;
      if (Array.isArray(g)) g.push(p);
      else bySku.set(p.sku, [g, p]);
    }
  }
  if (!shared) return prices;
  const dropped = new Set<Price>();
  for (const g of bySku.values()) if (Array.isArray(g)) supersededIn(g, dropped);
  return dropped.size ? prices.filter((p) => !dropped.has(p)) : prices;
}
