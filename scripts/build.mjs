// Compiles src/ to dist/ with tsc (tsconfig.build.json), so `procure` starts without compiling TypeScript, then
// bundles the command line's quick commands (help, ask, parse, summary) into dist/procure.js and its chunks
// (scripts/bundle.mjs): one file to load instead of a few hundred modules. Run by npm's "prepare" on
// `npm ci`/`npm install` and by `npm run build`. dist/.build.json records when the build started and how many files
// src/ held: bin/procure.js runs dist/ only while no file in src/ is newer and none was added or removed
// (scripts/dist-state.mjs); otherwise it runs the sources through tsx. A failed build leaves no dist/ (the sources
// still run), says why, and does not fail the install; a failed bundle leaves the compiled dist/ without it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleCli } from './bundle.mjs';
import { ROOT, sourceState } from './dist-state.mjs';

const dist = join(ROOT, 'dist');
const before = sourceState();
const startedAt = Date.now();
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.warn('procure: TypeScript is not installed, so dist/ is not built; procure runs the sources through tsx.');
  process.exit(0);
}
rmSync(dist, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0 || !existsSync(join(dist, 'cli', 'main.js'))) {
  rmSync(dist, { recursive: true, force: true });
  console.warn(
    'procure: the TypeScript build failed (above), so dist/ is not built; procure runs the sources through tsx.',
  );
  process.exit(0);
}
mkdirSync(dist, { recursive: true });
await bundleCli(dist);
// Files changed while tsc ran are newer than startedAt, so they count as changed.
writeFileSync(join(dist, '.build.json'), `${JSON.stringify({ startedAt, files: before.files })}\n`);
