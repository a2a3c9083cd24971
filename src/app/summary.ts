/** Reads what the weekly summary needs from the store and builds it. */
import type { Lang, Request } from '../domain/request.js';
import { buildSummary, type WeeklySummary } from '../domain/summary.js';
import { type Engine, langOfText } from '../engine.js';
import type { HistoryRecord, Store } from '../store/types.js';
import { addWeeks, isoWeekOf, weekStart } from '../store/week.js';
import { historyRecord } from './record.js';

/**
 * The week's summary from the store. `lang`: the language it is read in. What the bot wrote for a question asked in
 * the other language (its vendor questions, what it could not price) is said again in `lang`, from the recorded
 * request; the asker's own words stay as they were typed (they are quoted).
 */
export async function weeklySummary(
  store: Store,
  engine: Engine,
  week: string,
  today: string,
  lang?: Lang,
): Promise<WeeklySummary> {
  const start = weekStart(week);
  const weeks = Array.from({ length: 8 }, (_, i) => addWeeks(week, i - 7));
  const records = await store.history({
    from: weekStart(weeks[0] as string),
    to: new Date(start.getTime() + 7 * 86_400_000),
  });
  const lastWeek = addWeeks(week, -1);
  const withWeek = records.map((record) => ({
    week: isoWeekOf(new Date(record.at)),
    record: lang ? inLanguage(record, engine, today, lang) : record,
  }));
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

/** A record whose bot-written lines (vendor questions, missing prices) are in `lang`; the asker's text as typed. */
function inLanguage(record: HistoryRecord, engine: Engine, today: string, lang: Lang): HistoryRecord {
  const asked = (record.request as { lang?: Lang } | undefined)?.lang ?? langOfText(record.text);
  if (asked === lang || (!record.questions.length && !record.missing?.length)) return record;
  try {
    const { request, answer } = engine.rerun({ ...(record.request as Request), lang }, today, { lang });
    const again = historyRecord(
      { text: record.text, request, answer },
      { surface: record.surface, user: record.user, channel: record.channel },
    );
    return { ...record, questions: again.questions, missing: again.missing };
  } catch {
    // A request the current catalogue no longer answers: its lines are left out rather than shown in another language.
    return { ...record, questions: [], missing: [] };
  }
}
