/**
 * `npx tsx bench/startup-only.ts`: start-up with the shipped catalogue and with a generated 100,000-row catalogue,
 * written as a price table (what `npm run bench` reports against the target) and as one JSON object per price.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generatedProject } from './generate.js';

const table = generatedProject(100_000);
const lists = generatedProject(100_000, 'lists');
try {
  for (const [name, r] of [
    ['shipped', join(import.meta.dirname, '..')],
    ['100,000 rows, price table', table],
    ['100,000 rows, JSON objects', lists],
  ] as const)
    console.log(
      name,
      execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'startup-child.ts'), r], {
        encoding: 'utf8',
      }).trim(),
    );
} finally {
  rmSync(table, { recursive: true, force: true });
  rmSync(lists, { recursive: true, force: true });
}
