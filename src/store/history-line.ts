/**
 * A history record checked as `HistoryRecordSchema.parse` checks it (./types.ts), without loading zod: recording
 * each `procure ask` must not cost the schemas' start-up. The result has the schema's fields in the schema's order
 * and nothing else, so the line written is the one the schema would give; test/store/history-line.test.ts holds the
 * two together.
 */
import type { HistoryRecord } from './types.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const strings = (v: unknown, field: string): string[] => {
  if (!Array.isArray(v) || !v.every(isString)) throw bad(field);
  return [...v];
};

function bad(field: string): Error {
  return new Error(`A history record's ${field} is not what the store keeps; nothing was recorded.`);
}

/** The record as the store keeps it; throws (naming the field) when it is not a history record. */
export function checkedHistoryRecord(rec: HistoryRecord): HistoryRecord {
  const r = rec as unknown as Record<string, unknown>;
  if (!r || typeof r !== 'object') throw bad('shape');
  for (const f of ['id', 'at', 'user', 'text', 'intent'] as const) if (!isString(r[f])) throw bad(f);
  if (r.surface !== 'cli' && r.surface !== 'slack') throw bad('surface');
  if (r.channel !== null && !isString(r.channel)) throw bad('channel');
  let top: HistoryRecord['top'] = null;
  if (r.top !== null) {
    const t = r.top as Record<string, unknown> | undefined;
    if (!t || typeof t !== 'object' || Array.isArray(t)) throw bad('top');
    if (!isString(t.provider) || !isString(t.location) || (t.region !== null && !isString(t.region))) throw bad('top');
    top = { provider: t.provider, location: t.location, region: t.region as string | null };
  }
  if (r.monthly !== null && !isNumber(r.monthly)) throw bad('monthly');
  if (r.currency !== null && r.currency !== 'USD' && r.currency !== 'CNY') throw bad('currency');
  if (!isNumber(r.gaps) || !Number.isInteger(r.gaps) || r.gaps < 0) throw bad('gaps');
  const out: HistoryRecord = {
    id: r.id as string,
    at: r.at as string,
    surface: r.surface,
    user: r.user as string,
    channel: r.channel as string | null,
    text: r.text as string,
    intent: r.intent as string,
    request: r.request,
    top,
    monthly: r.monthly as number | null,
    currency: r.currency as HistoryRecord['currency'],
    providers: strings(r.providers, 'providers'),
    locations: strings(r.locations, 'locations'),
    gaps: r.gaps,
    questions: strings(r.questions, 'questions'),
  };
  if (r.missing !== undefined) out.missing = strings(r.missing, 'missing');
  return out;
}
