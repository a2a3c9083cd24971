/** `npx tsx bench/engine-only.ts [rows]`: just the engine figure of `npm run bench`. */
import { rmSync } from 'node:fs';
import { loadProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';
import { answerMessages } from '../src/slack/blocks.js';
import { generatedProject } from './generate.js';
import { QUESTIONS } from './questions.js';

const rows = Number(process.argv[2] ?? 0);
const root = rows ? generatedProject(rows) : undefined;
const engine = new Engine(loadProject(root));
if (root) rmSync(root, { recursive: true, force: true });
for (const q of QUESTIONS) engine.text(engine.ask(q, '2026-11-23').answer);
const times: number[] = [];
const tagged: [number, string][] = [];
for (let r = 0; r < 20; r++)
  for (const q of QUESTIONS) {
    const t = process.hrtime.bigint();
    const { answer } = engine.ask(q, '2026-11-23');
    answerMessages(answer, engine.render(answer, 'slack'));
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    times.push(ms);
    tagged.push([ms, q]);
  }
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
console.log(`engine (${engine.data.catalog.prices.length} rows): p50 ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)}, p99 ${q(0.99).toFixed(2)}, max ${times[times.length - 1]?.toFixed(2)}`);
if (process.env.SHOW_TAIL) for (const [ms, q] of tagged.sort((a, b) => b[0] - a[0]).slice(0, 12)) console.log(`${ms.toFixed(2)} ms  ${q}`);
