/**
 * `npx tsx bench/alloc-profile.ts`: where the engine allocates, per answer (V8's sampling heap profiler, collected
 * objects included), for the 50 benchmark questions: the biggest allocators by their own allocations, and the
 * project's functions with everything they call. Allocation drives the garbage collections in the engine's tail.
 */
import { Session } from 'node:inspector/promises';
import { loadProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';
import { answerMessages } from '../src/slack/blocks.js';
import { QUESTIONS } from './questions.js';
const e = new Engine(loadProject());
const run = (n: number) => { for (let i = 0; i < n; i++) for (const q of QUESTIONS) { const { answer } = e.ask(q, '2026-11-23'); answerMessages(answer, e.render(answer, 'slack')); } };
run(4);
const s = new Session(); s.connect();
await s.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
run(10);
const { profile } = (await s.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
const self = new Map<string, number>();
const total = new Map<string, number>();
const walk = (n: Node, stack: Set<string>): number => {
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\/work\/main\//, '')}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + n.selfSize);
  let sum = n.selfSize;
  const had = stack.has(key); stack.add(key);
  for (const c of n.children) sum += walk(c, stack);
  if (!had) { stack.delete(key); total.set(key, (total.get(key) ?? 0) + sum); }
  return sum;
};
const all = walk(profile.head, new Set());
const per = 500; // answers
console.log(`allocated per answer: ${(all / per / 1024).toFixed(1)} KB`);
console.log('--- self');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / per / 1024).toFixed(1).padStart(6)} KB  ${k}`);
console.log('--- total (inclusive), src only');
for (const [k, v] of [...total].filter(([k]) => k.includes(' src/')).sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / per / 1024).toFixed(1).padStart(6)} KB  ${k}`);
