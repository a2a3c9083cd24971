/** Generates a copy of the project with many price rows, for benchmarks at scale. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../src/catalog/load.js';
import { priceTableText } from '../src/catalog/price-table.js';
import type { Price } from '../src/catalog/schema.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * A copy of the project with `rows` generated price rows across every provider, kind and location, written as a
 * machine-written file would be: in the price-table format (catalog/README.md), or, with `format: 'lists'`, as one
 * JSON object per price (the format the loader read before the table existed, for comparison).
 */
export function generatedProject(rows: number, format: 'table' | 'lists' = 'table'): string {
  const root = mkdtempSync(join(tmpdir(), 'procure-bench-catalog-'));
  for (const d of ['catalog', 'intents', 'templates']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  const data = loadProject(ROOT);
  const providers = data.catalog.providers;
  const gpus = ['T4', 'A10', 'L20', 'A100', 'H800', 'H20'];
  const prices: Record<string, unknown>[] = [];
  for (let i = 0; i < rows; i++) {
    const p = providers[i % providers.length];
    if (!p) continue;
    const region = p.regions[Math.floor(i / providers.length) % p.regions.length];
    const kind = (['gpu-instance', 'compute', 'storage', 'egress', 'model-tokens'] as const)[i % 5];
    const base = {
      id: `gen-${i}`,
      provider: p.id,
      kind,
      service: 'generated benchmark row',
      scope: { locations: [region?.location ?? 'singapore'] },
      billing: 'payg',
      currency: i % 2 ? 'USD' : 'CNY',
      source: 'file:bench/run.ts',
      as_of: '2026-11-01',
      grade: 'second-hand',
    };
    if (kind === 'gpu-instance')
      prices.push({ ...base, unit: 'instance-hour', price: 1 + (i % 50) / 10, sku: `gen.g${i}`, vcpu: 8, memoryGiB: 32, gpu: { model: gpus[i % gpus.length], count: 1 + (i % 4) } });
    else if (kind === 'compute') prices.push({ ...base, unit: 'vcpu-hour', price: 0.01 + (i % 30) / 1000 });
    else if (kind === 'storage') prices.push({ ...base, unit: 'gb-month', price: 0.01 + (i % 20) / 1000, storage_class: i % 3 ? 'object-standard' : 'block' });
    else if (kind === 'egress') prices.push({ ...base, unit: 'gb', price: 0.05 + (i % 10) / 100 });
    else prices.push({ ...base, unit: 'million-tokens', price: 0.1 + (i % 40) / 10, model: `gen-model-${i % 200}`, direction: i % 2 ? 'input' : 'output' });
  }
  writeFileSync(
    join(root, 'catalog', 'prices', 'zz-generated.json'),
    format === 'table' ? priceTableText(prices as Price[]) : JSON.stringify({ prices }),
  );
  return root;
}

