#!/usr/bin/env node
// Entry point for `npx procure` and `npm start`. Runs the compiled dist/ (built by `npm ci`, or `npm run build`)
// when it matches src/; otherwise, or with PROCURE_FROM_SOURCE=1, the TypeScript sources through tsx's loader.
import { distIsCurrent } from '../scripts/dist-state.mjs';

// A reader that closes early (`procure ask … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
let main;
if (process.env.PROCURE_FROM_SOURCE !== '1' && distIsCurrent()) ({ main } = await import('../dist/cli/main.js'));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
