/**
 * Change tracking for catalogue prices: the store keeps the last seen price of every row; comparing the
 * catalogue with it gives what changed (added, removed, repriced), with the date it was noticed.
 */
import type { Catalog } from '../catalog/load.js';
import { shippedSay } from '../catalog/shipped-messages.js';
import { fmtFor } from '../domain/format.js';
import type { Say } from '../domain/say.js';
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

/**
 * One recorded change as `procure catalog diff` lists it, in `say`'s language (templates/<lang>/cli.yaml,
 * cli.diff.line.*): the date, the row, the old and new price per unit. English by default.
 */
export function describeChange(c: PriceChange, say: Say = shippedSay('en')): string {
  const zh = say.lang === 'zh';
  const fmt = zh ? fmtFor('zh') : null;
  const money = (n: number | null) => (n === null ? '—' : fmt ? fmt.unitPrice(n, c.currency) : `${c.currency} ${n}`);
  const unitKey = `refresh.unit.${c.unit}`;
  const unit = zh && say(unitKey) !== unitKey ? say(unitKey) : c.unit;
  const pct = c.old ? Math.round(((Number(c.new) - c.old) / c.old) * 1000) / 10 : null;
  return say(`cli.diff.line.${c.kind}`, {
    date: fmt ? fmt.date(c.at.slice(0, 10)) : c.at.slice(0, 10),
    name: c.label ? labelIn(c.label, say) : c.id,
    old: money(c.old),
    new: money(c.new),
    unit,
    pct: pct === null ? '' : say('cli.diff.line.pct', { pct: `${pct >= 0 ? '+' : ''}${pct}%` }),
  });
}

/** A row's label as recorded ("ecs.g7.2xlarge in cn-hangzhou, 1-month subscription") in `say`'s language. */
function labelIn(label: string, say: Say): string {
  const m = /^(.+) in (\S+), (?:(\d+)-month )?(pay-as-you-go|subscription|spot)$/.exec(label);
  if (!m || say.lang === 'en') return label;
  return say('render.summary.change.label', {
    type: m[1] as string,
    region: m[2] as string,
    billing: m[3]
      ? say('render.summary.change.months', { n: m[3] })
      : say(`billing.${m[4] === 'pay-as-you-go' ? 'payg' : (m[4] as string)}`),
  });
}
