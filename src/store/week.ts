/** ISO-8601 weeks ("2026-W48"), Monday to Sunday, in UTC or a given time zone. Pure. */

export function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** Monday 00:00 UTC of an ISO week. */
export function weekStart(week: string): Date {
  const m = WEEK_RE.exec(week);
  if (!m) throw new Error(`"${week}" is not an ISO week like 2026-W48`);
  const year = Number(m[1]);
  const w = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000);
  const start = new Date(monday1.getTime() + (w - 1) * 7 * 86_400_000);
  if (isoWeekOf(start) !== week) throw new Error(`${week} does not exist`);
  return start;
}

export function addWeeks(week: string, n: number): string {
  return isoWeekOf(new Date(weekStart(week).getTime() + n * 7 * 86_400_000));
}

export function isValidWeek(week: string): boolean {
  try {
    weekStart(week);
    return true;
  } catch {
    return false;
  }
}
