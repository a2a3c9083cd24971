/**
 * Store benchmark: the time to record one request with N requests already in the history.
 * History is appended per ISO week (JSONL + fsync), so the cost should not grow with N.
 *   npx tsx bench/store.ts [sizes…]      default: 1000 200000
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/store/file-store.js';
import type { HistoryRecord } from '../src/store/types.js';
import { addWeeks, isoWeekOf, weekStart } from '../src/store/week.js';

function record(at: Date, i: number): HistoryRecord {
  return {
    id: `r${i}`,
    at: at.toISOString(),
    surface: 'slack',
    user: `U${i % 50}`,
    channel: `C${i % 7}`,
    text: `2x A10 inference in Hangzhou for 3 months (${i})`,
    intent: 'estimate',
    request: { intent: 'estimate', workload: { gpu: { model: 'A10', count: 2 } } },
    top: { provider: 'alibaba', location: 'hangzhou', region: 'cn-hangzhou' },
    monthly: 1000 + (i % 100),
    currency: 'USD',
    providers: ['alibaba', 'aws'],
    locations: ['hangzhou'],
    gaps: 2,
    questions: ['Which GPU types are available in cn-hangzhou?', 'What SLA applies?'],
  };
}

/** Writes n records spread over the last 52 weeks, a quarter of them in the current week. */
function seed(dir: string, n: number): void {
  mkdirSync(join(dir, 'history'), { recursive: true });
  const now = new Date();
  const current = isoWeekOf(now);
  const byWeek = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const week = i % 4 === 0 ? current : addWeeks(current, -1 - (i % 51));
    const at = new Date(weekStart(week).getTime() + (i % 600_000) * 1000);
    const lines = byWeek.get(week) ?? [];
    lines.push(JSON.stringify(record(at, i)));
    byWeek.set(week, lines);
  }
  for (const [week, lines] of byWeek) writeFileSync(join(dir, 'history', `${week}.jsonl`), `${lines.join('\n')}\n`);
}

async function measure(n: number, writes = 300): Promise<{ n: number; mean: number; p50: number; p99: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'procure-bench-store-'));
  try {
    seed(dir, n);
    const store = await FileStore.open(dir, { writer: true });
    const times: number[] = [];
    for (let i = 0; i < writes; i++) {
      const t = process.hrtime.bigint();
      await store.recordRequest(record(new Date(), n + i));
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    await store.close();
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
    return { n, mean: times.reduce((s, x) => s + x, 0) / times.length, p50: q(0.5), p99: q(0.99) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStore(sizes: number[]) {
  const out = [];
  for (const n of sizes) out.push(await measure(n));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const r of await benchStore(sizes.length ? sizes : [1000, 200_000]))
    console.log(
      `record one request with ${r.n.toLocaleString('en-US')} in history: mean ${r.mean.toFixed(3)} ms, p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms`,
    );
}
