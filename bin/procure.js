#!/usr/bin/env node
// Entry point for `npx procure` and `npm start`. Runs the built dist/ (built by `npm ci`, or `npm run build`) when it
// matches src/: the bundle dist/procure.js (scripts/bundle.mjs) when there is one, else the compiled
// dist/cli/main.js. Otherwise, or with PROCURE_FROM_SOURCE=1, the TypeScript sources through tsx's loader.
import { setFlagsFromString } from 'node:v8';
import { distIsCurrent } from '../scripts/dist-state.mjs';

// The quick commands end within a few hundred milliseconds: V8's optimising compiler (TurboFan) would spend that
// time compiling code the process never runs long enough to use, on the same two cores. Without it, `procure ask`
// takes about a tenth less CPU time (BENCHMARKS.md). Set before any of procure's code runs; the bot (`start`) and
// the long commands (catalog refresh, import) keep it.
if (['ask', 'parse', 'help'].includes(process.argv[2] ?? '')) setFlagsFromString('--no-opt');

// A reader that closes early (`procure ask … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
let main;
if (process.env.PROCURE_FROM_SOURCE !== '1' && distIsCurrent()) {
  try {
    ({ main } = await import('../dist/procure.js'));
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    ({ main } = await import('../dist/cli/main.js'));
  }
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
