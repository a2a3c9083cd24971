/** `npx tsx bench/startup-only.ts`: start-up with the shipped and a generated 100,000-row catalogue. */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generatedProject } from './generate.js';

const root = generatedProject(100_000);
try {
  for (const r of [join(import.meta.dirname, '..'), root])
    console.log(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'startup-child.ts'), r], { encoding: 'utf8' }).trim());
} finally {
  rmSync(root, { recursive: true, force: true });
}
