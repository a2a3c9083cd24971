/**
 * Parser accuracy on a held-out set: test/parse/heldout/questions.json (written before tuning; keep it untouched) unless
 * another questions file of the same format is given.
 *
 *   npx tsx scripts/heldout-accuracy.ts                                        # the first set
 *   npx tsx scripts/heldout-accuracy.ts test/parse/heldout3/questions.json     # any other set, same scorer
 *
 * Prints each item with a wrong or missing field, the most common kinds of misses, and the accuracy: items with every
 * expected field right, and fields right. Writes nothing. Exit 0 when the run completes; 1 when the set or the engine
 * cannot be loaded.
 */
import { resolve } from 'node:path';
import { loadEngine } from '../src/engine.js';
import { formatReport, loadQuestions, score } from '../test/parse/heldout/score.js';

try {
  const file = process.argv[2];
  const items = file === undefined ? loadQuestions() : loadQuestions(resolve(file));
  const engine = await loadEngine();
  const report = score(items, (text) => engine.parse(text));
  process.stdout.write(`${formatReport(report)}\n`);
} catch (e) {
  process.stderr.write(`heldout-accuracy: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
