/**
 * `npx tsx bench/engine-types.ts [types-per-place]`: the engine figure on a catalogue shaped like the real instance
 * price tables (issue 13): every provider region gets `types-per-place` instance types (general, compute, memory and
 * GPU families, in CNY and USD), each with a pay-as-you-go row, two subscription terms and a spot row per zone, so
 * that sizing, named types, subscription and spot all walk tens of thousands of rows. Prints rows, p50, p99 and max.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../src/catalog/load.js';
import { priceTableText } from '../src/catalog/price-table.js';
import type { Price } from '../src/catalog/schema.js';
import { Engine } from '../src/engine.js';
import { measureEngine } from './engine-measure.js';

const ROOT = join(import.meta.dirname, '..');
const perPlace = Number(process.argv[2] ?? 120);

const FAMILIES: Record<string, string[]> = {
  alibaba: ['ecs.g8y', 'ecs.g7', 'ecs.g6', 'ecs.c8y', 'ecs.c7', 'ecs.r8y', 'ecs.r7', 'ecs.gn7i'],
  aws: ['m7g', 'm6i', 'm5', 'c7g', 'c6i', 'r7g', 'r6i', 'g5'],
  tencent: ['S5', 'SA2', 'S4', 'C3', 'M4', 'GN7'],
};
const SIZES = [
  [2, 8],
  [4, 16],
  [8, 32],
  [16, 64],
  [32, 128],
  [64, 256],
];

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'procure-bench-types-'));
  for (const d of ['catalog', 'intents', 'templates']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  const data = loadProject(ROOT);
  const prices: Record<string, unknown>[] = [];
  let id = 0;
  for (const p of data.catalog.providers) {
    const fams = FAMILIES[p.id] ?? ['gen.s', 'gen.c', 'gen.m', 'gen.g'];
    for (const region of p.regions) {
      for (let t = 0; t < perPlace; t++) {
        const fam = fams[t % fams.length] as string;
        const [vcpu, mem] = SIZES[Math.floor(t / fams.length) % SIZES.length] as number[];
        const gpu = /gn7i|g5$|GN7|gen\.g/.test(fam);
        const sku = `${fam}.${vcpu}x${Math.floor(t / (fams.length * SIZES.length))}`;
        const base = {
          provider: p.id,
          kind: gpu ? 'gpu-instance' : 'compute',
          service: 'generated instance',
          sku,
          scope: { locations: [region.location] },
          region: region.id,
          currency: t % 3 ? 'CNY' : 'USD',
          vcpu,
          memoryGiB: mem,
          ...(gpu ? { gpu: { model: ['A10', 'T4', 'L20'][t % 3], count: 1 + (t % 4) } } : {}),
          source: 'file:bench/engine-types.ts',
          as_of: '2026-11-01',
        };
        const hourly = 0.05 * (vcpu as number) * (1 + (t % 7) / 10) * (gpu ? 10 : 1);
        prices.push({ ...base, id: `bt-${id++}`, billing: 'payg', unit: 'instance-hour', price: hourly });
        prices.push({ ...base, id: `bt-${id++}`, billing: 'subscription', term_months: 1, unit: 'month', price: hourly * 600 });
        prices.push({ ...base, id: `bt-${id++}`, billing: 'subscription', term_months: 12, unit: 'month', price: hourly * 500 });
        for (const z of ['a', 'b'])
          prices.push({ ...base, id: `bt-${id++}`, billing: 'spot', unit: 'instance-hour', price: hourly * (z === 'a' ? 0.2 : 0.3) });
      }
    }
  }
  writeFileSync(join(root, 'catalog', 'prices', 'zz-bench-types.json'), priceTableText(prices as Price[]));
  return root;
}

const root = project();
if (process.env.KEEP) { console.log(root); process.exit(0); }
const engine = new Engine(loadProject(root));
rmSync(root, { recursive: true, force: true });
const e = await measureEngine(engine, 20, Number(process.env.WARM_ROUNDS ?? 2));
console.log(
  `engine (${engine.data.catalog.prices.length} rows, ${perPlace} types per region): p50 ${e.p50.toFixed(2)} ms, p99 ${e.p99.toFixed(2)}, max ${e.max.toFixed(2)}; ${e.gcs} GCs, in ${e.samplesWithGc} of ${e.n} samples`,
);
