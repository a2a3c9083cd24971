/** `npx tsx bench/startup-phases.ts`: where start-up time goes with a generated 100,000-row catalogue. */
import { rmSync } from 'node:fs';
import { readProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';
import { generatedProject } from './generate.js';

const root = generatedProject(100_000);
try {
  let t = performance.now();
  const { data } = readProject(root);
  const read = performance.now() - t;
  t = performance.now();
  const engine = new Engine(data as NonNullable<typeof data>);
  const build = performance.now() - t;
  t = performance.now();
  engine.text(engine.ask('2x T4 on AWS in Hong Kong', '2026-11-23').answer);
  const first = performance.now() - t;
  console.log(`read+validate ${read.toFixed(0)} ms, engine build ${build.toFixed(0)} ms, first answer ${first.toFixed(0)} ms`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
