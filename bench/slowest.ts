/** `npx tsx bench/slowest.ts`: the ten slowest of the benchmark questions, mean of 20 runs each. */
import { rmSync } from 'node:fs';
import { loadProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';
import { generatedProject } from './generate.js';
import { QUESTIONS } from './questions.js';

// `npx tsx bench/slowest.ts [rows]`: with rows, a generated catalogue of that many price rows.
const rows = Number(process.argv[2] ?? 0);
const root = rows ? generatedProject(rows) : undefined;
const e = new Engine(loadProject(root));
if (root) rmSync(root, { recursive: true, force: true });
const ask = (q: string) => {
  try {
    const { answer } = e.ask(q, '2026-11-23');
    e.render(answer, 'slack');
    e.text(answer);
  } catch {
    // input errors are answers too
  }
};
for (const q of QUESTIONS) ask(q);
const res: [number, string][] = [];
for (const q of QUESTIONS) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) ask(q);
  res.push([Number(process.hrtime.bigint() - t) / 1e6 / 20, q]);
}
res.sort((a, b) => b[0] - a[0]);
for (const [ms, q] of res.slice(0, 10)) console.log(`${ms.toFixed(2)} ms  ${q}`);
