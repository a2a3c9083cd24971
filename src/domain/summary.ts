/**
 * The weekly summary managers read: requests this week against last week, by intent and channel;
 * expected monthly spend in the week's estimates; the five largest; provider and location mix; the most
 * frequent vendor questions; quotes expiring within 30 days; stale catalogue prices; spend by provider
 * over eight weeks (for the chart). Pure: records, quotes and the catalogue come in.
 */
import type { Catalog } from '../catalog/load.js';
import type { Currency } from '../catalog/schema.js';
import type { Quote } from './quote.js';

export interface SummaryRecord {
  at: string;
  user: string;
  channel: string | null;
  text: string;
  intent: string;
  top: { provider: string; location: string; region: string | null } | null;
  monthly: number | null;
  currency: Currency | null;
  providers: string[];
  locations: string[];
  questions: string[];
  /** What the answer could not price, one entry per gap: "A10 GPU instance — Tencent Cloud ap-singapore". */
  missing?: string[];
}

/** Intents whose answer is meant to carry a price. */
const PRICED_INTENTS = new Set(['estimate', 'place', 'compare']);

export interface WeeklySummary {
  week: string;
  from: string;
  to: string;
  currency: Currency;
  fx: { rate: number; asOf: string; id: string } | null;
  requests: { thisWeek: number; lastWeek: number };
  byIntent: { intent: string; thisWeek: number; lastWeek: number }[];
  byChannel: { channel: string; count: number }[];
  spend: { total: number; estimates: number; unconverted: number };
  /** Of this week's requests for a cost or placement, how many got a price and how many did not. */
  coverage: { asked: number; priced: number; unpriced: number };
  /** The prices most often missing this week, so the catalogue can be filled where it matters. */
  topMissing: { what: string; count: number }[];
  largest: { text: string; user: string; provider: string; region: string; monthly: number; at: string }[];
  providerMix: { provider: string; count: number }[];
  locationMix: { location: string; count: number }[];
  topQuestions: { text: string; count: number }[];
  expiringQuotes: {
    reference: string;
    provider: string;
    resource: string;
    location: string;
    validUntil: string;
    daysLeft: number;
  }[];
  stale: { count: number; staleDays: number; oldest: { id: string; provider: string; asOf: string }[] };
  spendByWeek: { week: string; provider: string; monthly: number }[];
  weeks: string[];
  /** Catalogue price changes noticed this week, largest moves first. */
  priceChanges: (ChangeInput & { pct: number | null; pctText: string })[];
  /** Price-API refreshes this week, per provider. */
  refreshes: { provider: string; runs: number; read: number; updated: number; failed: number; last: string }[];
}

/** A catalogue price change as the store records it. */
export interface ChangeInput {
  id: string;
  provider: string;
  kind: string;
  old: number | null;
  new: number | null;
  currency: string;
  unit: string;
  label?: string;
}

/** A price-API refresh as the store records it. */
export interface RefreshInput {
  at: string;
  providers: { provider: string; name: string; status: string; read: number; updated: number; failures: unknown[] }[];
}

const DAY = 86_400_000;

function count<T>(items: T[], key: (t: T) => string | null): { key: string; count: number }[] {
  const m = new Map<string, number>();
  for (const i of items) {
    const k = key(i);
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m.entries()]
    .map(([k, c]) => ({ key: k, count: c }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function buildSummary(input: {
  week: string;
  weekStart: Date;
  weeks: string[];
  thisWeek: SummaryRecord[];
  lastWeek: SummaryRecord[];
  /** Records of the last eight weeks, each with its week. */
  window: { week: string; record: SummaryRecord }[];
  quotes: Quote[];
  catalog: Catalog;
  today: string;
  staleDays: number;
  changes?: ChangeInput[];
  refreshes?: RefreshInput[];
}): WeeklySummary {
  const { catalog } = input;
  const fx = catalog.fx
    .filter((r) => r.base === 'USD' && r.counter === 'CNY')
    .sort((a, b) => b.as_of.localeCompare(a.as_of))[0];
  const toUsd = (r: SummaryRecord): number | null => {
    if (r.monthly === null || !r.currency) return null;
    if (r.currency === 'USD') return r.monthly;
    return fx ? r.monthly / fx.rate : null;
  };
  const providerName = (id: string) => catalog.providers.find((p) => p.id === id)?.name ?? id;
  const estimates = input.thisWeek.filter((r) => r.monthly !== null);
  const converted = estimates.map((r) => ({ r, usd: toUsd(r) }));
  const intents = [...new Set([...input.thisWeek, ...input.lastWeek].map((r) => r.intent))].sort();
  const cutoff = new Date(Date.parse(`${input.today}T00:00:00Z`) - input.staleDays * DAY).toISOString().slice(0, 10);
  const stale = catalog.prices.filter((p) => p.as_of < cutoff).sort((a, b) => a.as_of.localeCompare(b.as_of));
  const today = Date.parse(`${input.today}T00:00:00Z`);
  const round = (n: number) => Math.round(n * 100) / 100;
  const spendByWeek = new Map<string, number>();
  for (const { week, record } of input.window) {
    const usd = toUsd(record);
    if (usd === null || !record.top) continue;
    const k = `${week}|${providerName(record.top.provider)}`;
    spendByWeek.set(k, (spendByWeek.get(k) ?? 0) + usd);
  }
  return {
    week: input.week,
    from: input.weekStart.toISOString().slice(0, 10),
    to: new Date(input.weekStart.getTime() + 6 * DAY).toISOString().slice(0, 10),
    currency: 'USD',
    fx: fx ? { rate: fx.rate, asOf: fx.as_of, id: fx.id } : null,
    requests: { thisWeek: input.thisWeek.length, lastWeek: input.lastWeek.length },
    byIntent: intents.map((intent) => ({
      intent,
      thisWeek: input.thisWeek.filter((r) => r.intent === intent).length,
      lastWeek: input.lastWeek.filter((r) => r.intent === intent).length,
    })),
    byChannel: count(input.thisWeek, (r) => r.channel ?? 'console').map((c) => ({ channel: c.key, count: c.count })),
    spend: {
      total: round(converted.reduce((s, x) => s + (x.usd ?? 0), 0)),
      estimates: estimates.length,
      unconverted: converted.filter((x) => x.usd === null).length,
    },
    coverage: {
      asked: input.thisWeek.filter((r) => PRICED_INTENTS.has(r.intent)).length,
      priced: input.thisWeek.filter((r) => PRICED_INTENTS.has(r.intent) && r.monthly !== null).length,
      unpriced: input.thisWeek.filter((r) => PRICED_INTENTS.has(r.intent) && r.monthly === null).length,
    },
    topMissing: count(
      input.thisWeek.flatMap((r) => [...new Set(r.missing ?? [])].map((m) => ({ m }))),
      (x) => x.m,
    )
      .slice(0, 5)
      .map((c) => ({ what: c.key, count: c.count })),
    largest: converted
      .filter((x) => x.usd !== null && x.r.top)
      .sort((a, b) => (b.usd ?? 0) - (a.usd ?? 0))
      .slice(0, 5)
      .map((x) => ({
        text: x.r.text.slice(0, 140),
        user: x.r.user,
        provider: providerName(x.r.top?.provider ?? ''),
        region: x.r.top?.region ?? x.r.top?.location ?? '',
        monthly: round(x.usd ?? 0),
        at: x.r.at.slice(0, 10),
      })),
    providerMix: count(input.thisWeek, (r) => (r.top ? providerName(r.top.provider) : null)).map((c) => ({
      provider: c.key,
      count: c.count,
    })),
    locationMix: count(input.thisWeek, (r) => r.top?.location ?? null).map((c) => ({
      location: c.key,
      count: c.count,
    })),
    topQuestions: count(
      input.thisWeek.flatMap((r) => r.questions.map((q) => ({ q }))),
      (x) => x.q,
    )
      .slice(0, 5)
      .map((c) => ({ text: c.key, count: c.count })),
    expiringQuotes: input.quotes
      .map((q) => ({ q, daysLeft: Math.round((Date.parse(`${q.validUntil}T00:00:00Z`) - today) / DAY) }))
      .filter((x) => x.daysLeft >= 0 && x.daysLeft <= 30)
      .sort((a, b) => a.daysLeft - b.daysLeft)
      .map(({ q, daysLeft }) => ({
        reference: q.reference,
        provider: providerName(q.provider),
        resource: q.gpu ? `${q.resource} ${q.gpu.count}x ${q.gpu.model}` : q.resource,
        location: q.location,
        validUntil: q.validUntil,
        daysLeft,
      })),
    stale: {
      count: stale.length,
      staleDays: input.staleDays,
      oldest: stale.slice(0, 5).map((p) => ({ id: p.id, provider: providerName(p.provider), asOf: p.as_of })),
    },
    spendByWeek: [...spendByWeek.entries()].map(([k, monthly]) => {
      const [week, provider] = k.split('|') as [string, string];
      return { week, provider, monthly: round(monthly) };
    }),
    weeks: input.weeks,
    priceChanges: (input.changes ?? [])
      .map((c) => ({
        ...c,
        provider: providerName(c.provider),
        pct: c.kind === 'changed' && c.old ? Math.round((((c.new ?? 0) - c.old) / c.old) * 1000) / 10 : null,
      }))
      .map((c) => ({ ...c, pctText: c.pct === null ? '' : `${c.pct >= 0 ? '+' : ''}${c.pct}%` }))
      .sort((a, b) => Math.abs(b.pct ?? 0) - Math.abs(a.pct ?? 0))
      .slice(0, 10),
    refreshes: refreshTotals(input.refreshes ?? []),
  };
}

function refreshTotals(runs: RefreshInput[]): WeeklySummary['refreshes'] {
  const by = new Map<string, WeeklySummary['refreshes'][number]>();
  for (const run of [...runs].sort((a, b) => a.at.localeCompare(b.at)))
    for (const p of run.providers) {
      if (p.status !== 'done') continue;
      const t = by.get(p.name) ?? { provider: p.name, runs: 0, read: 0, updated: 0, failed: 0, last: '' };
      t.runs++;
      t.read += p.read;
      t.updated += p.updated;
      t.failed += p.failures.length;
      t.last = run.at.slice(0, 10);
      by.set(p.name, t);
    }
  return [...by.values()];
}
