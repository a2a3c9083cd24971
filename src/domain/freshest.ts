/**
 * "The freshest row for a type, region and billing mode wins" (shared/design.md): when the catalogue holds
 * several list prices of one instance type for the same place, billing mode, term and unit — a shipped snapshot,
 * an import, a public-feed refresh, a price-API refresh — only those of the best grade, and of those the latest
 * `as_of`, are used: a copy (second-hand) never replaces the provider's own (official) price, however recent. Rows of
 * different provider regions in one metro (ap-shanghai and ap-shanghai-fsi) are kept apart when both say their
 * region. Grade comes first because a copy's date is often only the day it was read (`dated: retrieved`), which
 * says nothing about how fresh its numbers are. Vendor quotes are never dropped and never drop a list price (they
 * are laid over the list prices).
 *
 * Cheap on big catalogues: rows are grouped by their type name alone (a string the row already holds), and only a
 * group whose rows are of different dates is looked at further.
 */
import type { Price } from '../catalog/schema.js';

function detailKey(p: Price): string {
  const where = p.scope.locations ? p.scope.locations.join(',') : `@${p.scope.jurisdiction}`;
  return `${p.provider}|${p.kind}|${p.billing}|${p.term_months ?? ''}|${p.unit}|${where}`;
}

const GRADE_RANK: Record<string, number> = { official: 0, filing: 1, 'vendor-quote': 1, press: 2, 'second-hand': 3 };
/** Grade first, then date: compares as strings. */
const rank = (p: Price) => `${9 - (GRADE_RANK[p.grade] ?? 9)}|${p.as_of}`;

function supersededIn(group: Price[], dropped: Set<Price>): void {
  const first = rank(group[0] as Price);
  if (group.every((p) => rank(p) === first)) return;
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
      if (list.some((q) => rank(q) > rank(p) && (!p.region || !q.region || p.region === q.region))) dropped.add(p);
  }
}

/** Results known for a list of rows (the catalogue cache stores which rows are replaced: src/catalog/cache.ts). */
const known = new WeakMap<readonly Price[], { length: number; freshest: readonly Price[] }>();

/** Tells freshestPrices its result for these rows (computed earlier for the same rows, by this same code). */
export function rememberFreshest(prices: readonly Price[], freshest: readonly Price[]): void {
  known.set(prices, { length: prices.length, freshest });
}

/** The rows without those a fresher row of the same type, place and billing replaces; the same array when none is. */
export function freshestPrices(prices: readonly Price[]): readonly Price[] {
  const remembered = known.get(prices);
  if (remembered && remembered.length === prices.length) return remembered.freshest;
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
