/**
 * Recording checks a history record without zod (src/store/history-line.ts): the line it writes is the one
 * HistoryRecordSchema.parse gives, and what the schema refuses it refuses too.
 */
import { describe, expect, it } from 'vitest';
import { historyRecord } from '../../src/app/record.js';
import { readProject } from '../../src/catalog/load.js';
import { Engine } from '../../src/engine.js';
import { checkedHistoryRecord } from '../../src/store/history-line.js';
import { type HistoryRecord, HistoryRecordSchema } from '../../src/store/types.js';
import { REPO_ROOT } from '../helpers/project.js';

const QUESTIONS = [
  '4 A10 GPUs in Shanghai for 3 months',
  '2x T4 in Hong Kong',
  'Qwen2.5-72B 30M in 10M out per month',
  'what should I ask the vendor about data residency in Frankfurt',
  '在上海用4张A10跑3个月多少钱',
  'help',
];

describe('a history record checked without zod', () => {
  const data = readProject(REPO_ROOT).data;
  if (!data) throw new Error('the shipped catalogue does not load');
  const engine = new Engine(data);
  const records = QUESTIONS.flatMap((text) => {
    const { request, answer } = engine.ask(text, '2026-12-06');
    const rec = historyRecord({ text, request, answer }, { surface: 'cli', user: 'me', channel: null });
    const { missing: _missing, ...withoutMissing } = rec;
    return [
      rec,
      { ...rec, surface: 'slack' as const, channel: 'C123' },
      withoutMissing as HistoryRecord,
      { ...rec, extra: 'dropped', top: rec.top ? { ...rec.top, more: 1 } : null } as HistoryRecord,
    ];
  });

  it('gives the line the schema gives', () => {
    expect(records.length).toBeGreaterThan(10);
    for (const r of records)
      expect(JSON.stringify(checkedHistoryRecord(r))).toBe(JSON.stringify(HistoryRecordSchema.parse(r)));
  });

  it('refuses what the schema refuses', () => {
    const base = records[0] as HistoryRecord;
    const broken: Record<string, unknown>[] = [
      { id: 1 },
      { at: undefined },
      { surface: 'email' },
      { channel: 5 },
      { text: null },
      { top: { provider: 'aws' } },
      { top: [] },
      { monthly: Number.NaN },
      { monthly: Number.POSITIVE_INFINITY },
      { monthly: '12' },
      { currency: 'EUR' },
      { providers: ['aws', 1] },
      { locations: 'shanghai' },
      { gaps: -1 },
      { gaps: 1.5 },
      { questions: null },
      { missing: [null] },
    ];
    for (const change of broken) {
      const r = { ...base, ...change } as HistoryRecord;
      expect(HistoryRecordSchema.safeParse(r).success, JSON.stringify(change)).toBe(false);
      expect(() => checkedHistoryRecord(r), JSON.stringify(change)).toThrow();
    }
  });
});
