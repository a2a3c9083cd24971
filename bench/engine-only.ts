/**
 * `npx tsx bench/engine-only.ts [rows]`: just the engine figure of `npm run bench` (bench/engine-measure.ts).
 * SHOW_TAIL=1 lists the slowest samples with the process's CPU time and the GC pauses in them; WARM_ROUNDS=n changes
 * the warm-up (default 2 rounds, as in `npm run bench`).
 */
import { rmSync } from 'node:fs';
import { loadProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';
import { measureEngine } from './engine-measure.js';
import { generatedProject } from './generate.js';

const rows = Number(process.argv[2] ?? 0);
const root = rows ? generatedProject(rows) : undefined;
const engine = new Engine(loadProject(root));
if (root) rmSync(root, { recursive: true, force: true });
const e = await measureEngine(engine, 20, Number(process.env.WARM_ROUNDS ?? 2));
console.log(
  `engine (${engine.data.catalog.prices.length} rows): p50 ${e.p50.toFixed(2)} ms, p99 ${e.p99.toFixed(2)}, max ${e.max.toFixed(2)}; ${e.gcs} GCs, in ${e.samplesWithGc} of ${e.n} samples`,
);
if (process.env.SHOW_TAIL)
  for (const s of [...e.samples].sort((a, b) => b.ms - a.ms).slice(0, 12))
    console.log(
      `${s.ms.toFixed(2)} ms (process CPU ${s.cpuMs.toFixed(2)}, GC ${s.gcMs.toFixed(2)}) round ${s.round}  ${s.question}`,
    );
