/** Reads what the weekly summary needs from the store and builds it. */
import { buildSummary, type WeeklySummary } from '../domain/summary.js';
import type { Engine } from '../engine.js';
import type { Store } from '../store/types.js';
import { addWeeks, isoWeekOf, weekStart } from '../store/week.js';

export async function weeklySummary(store: Store, engine: Engine, week: string, today: string): Promise<WeeklySummary> {
  const start = weekStart(week);
  const weeks = Array.from({ length: 8 }, (_, i) => addWeeks(week, i - 7));
  const records = await store.history({
    from: weekStart(weeks[0] as string),
    to: new Date(start.getTime() + 7 * 86_400_000),
  });
  const lastWeek = addWeeks(week, -1);
  const withWeek = records.map((record) => ({ week: isoWeekOf(new Date(record.at)), record }));
  return buildSummary({
    week,
    weekStart: start,
    weeks,
    thisWeek: withWeek.filter((x) => x.week === week).map((x) => x.record),
    lastWeek: withWeek.filter((x) => x.week === lastWeek).map((x) => x.record),
    window: withWeek,
    quotes: await store.quotes(),
    catalog: engine.data.catalog,
    today,
    staleDays: engine.pipeline.options.staleDays,
    changes: await store.priceChanges({ from: start, to: new Date(start.getTime() + 7 * 86_400_000) }),
    refreshes: await store.refreshes({ from: start, to: new Date(start.getTime() + 7 * 86_400_000) }),
  });
}
