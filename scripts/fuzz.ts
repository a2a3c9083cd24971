/**
 * `npm run fuzz [cases]`: the long property run (default 100,000 cases) of test/fuzz with a fixed seed
 * reported, so a failure can be replayed. Uses vitest's expect for the checks.
 */
import fc from 'fast-check';
import { loadEngine } from '../src/engine.js';
import { checkOne, question } from '../test/fuzz/arbitraries.js';

const runs = Number(process.argv[2] ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const engine = await loadEngine();
const t = Date.now();
const result = fc.check(
  fc.property(question, (text) => checkOne(engine, text)),
  { numRuns: runs, seed },
);
console.log(`fuzz: ${result.numRuns} cases, seed ${seed}, ${((Date.now() - t) / 1000).toFixed(1)} s`);
if (result.failed) {
  console.error(`FAILED: ${JSON.stringify(result.counterexample)}\n${String(result.errorInstance).slice(0, 2000)}`);
  process.exitCode = 1;
} else console.log(`${result.numRuns} passed, 0 failed`);
