/**
 * `npx tsx bench/startup-only.ts`: start-up with the shipped catalogue and with a generated 100,000-row catalogue,
 * written as a price table (what `npm run bench` reports against the target) and as one JSON object per price, each
 * validated in full and, for the shipped and the table catalogue, from the catalogue cache (second start).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedProject } from './generate.js';

const table = generatedProject(100_000);
const lists = generatedProject(100_000, 'lists');
const cacheDir = mkdtempSync(join(tmpdir(), 'procure-bench-cache-'));
const child = (root: string, dataDir?: string) =>
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'startup-child.ts'), root, ...(dataDir ? [dataDir] : [])],
    { encoding: 'utf8' },
  ).trim();
try {
  const shipped = join(import.meta.dirname, '..');
  for (const [name, r] of [
    ['shipped', shipped],
    ['100,000 rows, price table', table],
    ['100,000 rows, JSON objects', lists],
  ] as const)
    console.log(name, child(r));
  for (const [name, r] of [
    ['shipped, from the cache', shipped],
    ['100,000 rows, from the cache', table],
  ] as const) {
    child(r, cacheDir);
    console.log(name, child(r, cacheDir));
  }
} finally {
  for (const d of [table, lists, cacheDir]) rmSync(d, { recursive: true, force: true });
}
