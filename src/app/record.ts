/** Turns an answered question into the history record the store keeps. */
import { randomUUID } from 'node:crypto';
import type { Answer } from '../domain/answer.js';
import { cleanText } from '../domain/clean.js';
import type { Request } from '../domain/request.js';
import type { HistoryRecord } from '../store/types.js';

export function historyRecord(
  input: { text: string; request: Request; answer: Answer },
  who: { surface: 'cli' | 'slack'; user: string; channel: string | null },
  now: Date = new Date(),
): HistoryRecord {
  const { answer, request } = input;
  const top = answer.options[0];
  return {
    id: randomUUID(),
    at: now.toISOString(),
    surface: who.surface,
    user: who.user,
    channel: who.channel,
    text: cleanText(input.text).slice(0, 2000),
    intent: answer.kind,
    request,
    top: top ? { provider: top.provider, location: top.location, region: top.regionIds[0] ?? null } : null,
    monthly: top?.monthly?.expected ?? null,
    currency: top?.monthly ? answer.currency : null,
    providers: [...new Set(answer.options.map((o) => o.provider))],
    locations: [...new Set(answer.options.map((o) => o.location))],
    gaps: answer.options.reduce((n, o) => n + o.gaps.length, 0),
    questions: answer.topQuestions.map((q) => q.text),
  };
}
