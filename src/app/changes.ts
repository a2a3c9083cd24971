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
      ...(p.sku && p.region ? { label: priceLabel(p) } : {}),
    };
  return out;
}

const BILLING_WORDS = { payg: 'pay-as-you-go', subscription: 'subscription', spot: 'spot' } as const;

/** "gn7i (ecs.gn7i-c8g1.2xlarge) in cn-hangzhou, pay-as-you-go" for rows read per instance type and region. */
export function priceLabel(p: Catalog['prices'][number]): string {
  const term = p.billing === 'subscription' && p.term_months ? `${p.term_months}-month ` : '';
  return `${p.sku} in ${p.region}, ${term}${BILLING_WORDS[p.billing]}`;
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
        ...(now.label ? { label: now.label } : {}),
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
        ...(now.label ? { label: now.label } : {}),
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
        ...(was.label ? { label: was.label } : {}),
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
  const name = c.label ?? c.id;
  const money = (n: number | null) => (n === null ? '—' : `${c.currency} ${n}`);
  if (c.kind === 'added') return `${c.at.slice(0, 10)}  + ${name}: ${money(c.new)} per ${c.unit}`;
  if (c.kind === 'removed') return `${c.at.slice(0, 10)}  − ${name}: was ${money(c.old)} per ${c.unit}`;
  const pct = c.old ? Math.round(((Number(c.new) - c.old) / c.old) * 1000) / 10 : null;
  return `${c.at.slice(0, 10)}  ~ ${name}: ${money(c.old)} → ${money(c.new)} per ${c.unit}${pct === null ? '' : ` (${pct >= 0 ? '+' : ''}${pct}%)`}`;
}
