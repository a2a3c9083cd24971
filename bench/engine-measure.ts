/**
 * The engine figure of `npm run bench` (and bench/engine-only.ts): the time from question text to a rendered Slack
 * answer (parse, answer, render, Block Kit layout), for the 50 questions of bench/questions.ts, round after round.
 *
 * Warm-up runs exactly the measured path, so that the first calls of the Slack rendering and layout code (and their
 * JIT compilation) are not counted as answer time; the cost of a cold process is the start-up figure's. Nothing
 * measured after the warm-up is dropped: garbage collections and the JIT's later work stay in the samples.
 *
 * Each sample also records the process's CPU time (all threads: the engine, and V8's garbage-collection and
 * compiler threads working beside it) and the garbage-collection pauses that started in it, to tell where a slow
 * sample's time went.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import type { Engine } from '../src/engine.js';
import { answerMessages } from '../src/slack/blocks.js';
import { QUESTIONS } from './questions.js';

export const TODAY = '2026-11-23';

export interface Sample {
  question: string;
  round: number;
  ms: number;
  /** CPU time of the whole process during the sample (more than `ms` when other threads worked beside it). */
  cpuMs: number;
  /** Garbage-collection pauses that started during the sample. */
  gcMs: number;
}

export interface EngineFigures {
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Garbage collections during the measured rounds, and samples that contained one. */
  gcs: number;
  samplesWithGc: number;
  samples: Sample[];
}

export function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The measured path: what a Slack user waits for. */
function answerForSlack(engine: Engine, question: string): void {
  const { answer } = engine.ask(question, TODAY);
  answerMessages(answer, engine.render(answer, 'slack'));
}

export async function measureEngine(engine: Engine, rounds = 20, warmRounds = 2): Promise<EngineFigures> {
  for (const q of QUESTIONS) engine.text(engine.ask(q, TODAY).answer); // every template renders as text too
  for (let r = 0; r < warmRounds; r++) for (const q of QUESTIONS) answerForSlack(engine, q);

  const gcs: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const spans: { start: number; end: number }[] = [];
  const samples: Sample[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of QUESTIONS) {
      const c0 = process.cpuUsage();
      const start = performance.now();
      const t = process.hrtime.bigint();
      answerForSlack(engine, question);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      const end = performance.now();
      const c = process.cpuUsage(c0);
      spans.push({ start, end });
      samples.push({ question, round, ms, cpuMs: (c.user + c.system) / 1000, gcMs: 0 });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the observer deliver the last entries
  observer.disconnect();
  for (const [i, s] of samples.entries()) {
    const span = spans[i] as { start: number; end: number };
    s.gcMs = gcs.filter((g) => g.start >= span.start && g.start < span.end).reduce((sum, g) => sum + g.ms, 0);
  }
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    n: times.length,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    max: times[times.length - 1] ?? 0,
    gcs: gcs.length,
    samplesWithGc: samples.filter((s) => s.gcMs > 0).length,
    samples,
  };
}
