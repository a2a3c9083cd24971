/**
 * Change tracking for catalogue prices: the store keeps the last seen price of every row; comparing the
 * catalogue with it gives what changed (added, removed, repriced), with the date it was noticed.
 */
import type { Catalog } from '../catalog/load.js';
import type { PriceChange, PriceSnapshot, Store } from '../store/types.js';

export function snapshotOf(catalog: Catalog): PriceSnapshot {
  const out: PriceSnapshot = {};
  for (const p of catalog.prices)
    out[p.id] = {
      provider: p.provider,
      price: p.price,
      currency: p.currency,
      unit: p.unit,
      asOf: p.as_of,
      source: p.source,
    };
  return out;
}

export function diffSnapshots(before: PriceSnapshot, after: PriceSnapshot, at: string): PriceChange[] {
  const changes: PriceChange[] = [];
  for (const [id, now] of Object.entries(after)) {
    const was = before[id];
    if (!was)
      changes.push({
        at,
        id,
        provider: now.provider,
        kind: 'added',
        old: null,
        new: now.price,
        currency: now.currency,
        unit: now.unit,
        source: now.source,
      });
    else if (was.price !== now.price || was.currency !== now.currency || was.unit !== now.unit)
      changes.push({
        at,
        id,
        provider: now.provider,
        kind: 'changed',
        old: was.price,
        new: now.price,
        currency: now.currency,
        unit: now.unit,
        source: now.source,
      });
  }
  for (const [id, was] of Object.entries(before))
    if (!after[id])
      changes.push({
        at,
        id,
        provider: was.provider,
        kind: 'removed',
        old: was.price,
        new: null,
        currency: was.currency,
        unit: was.unit,
        source: was.source,
      });
  return changes;
}

/**
 * Compares the catalogue with the store's snapshot, records the changes and moves the snapshot on.
 * The first run only takes the snapshot (there is nothing to compare with).
 */
export async function trackChanges(store: Store, catalog: Catalog, now: Date = new Date()): Promise<PriceChange[]> {
  const before = await store.priceSnapshot();
  const after = snapshotOf(catalog);
  if (before === null) {
    await store.savePriceSnapshot(after);
    return [];
  }
  const changes = diffSnapshots(before, after, now.toISOString());
  if (changes.length) {
    await store.recordPriceChanges(changes);
    await store.savePriceSnapshot(after);
  }
  return changes;
}

export function describeChange(c: PriceChange): string {
  const money = (n: number | null) => (n === null ? '—' : `${c.currency} ${n}`);
  if (c.kind === 'added') return `${c.at.slice(0, 10)}  + ${c.id}: ${money(c.new)} per ${c.unit}`;
  if (c.kind === 'removed') return `${c.at.slice(0, 10)}  − ${c.id}: was ${money(c.old)} per ${c.unit}`;
  const pct = c.old ? Math.round(((Number(c.new) - c.old) / c.old) * 1000) / 10 : null;
  return `${c.at.slice(0, 10)}  ~ ${c.id}: ${money(c.old)} → ${money(c.new)} per ${c.unit}${pct === null ? '' : ` (${pct >= 0 ? '+' : ''}${pct}%)`}`;
}
