/**
 * Parser accuracy on the held-out set test/parse/heldout/questions.json (written before tuning; keep it untouched).
 *
 *   npx tsx scripts/heldout-accuracy.ts
 *
 * Prints each item with a wrong or missing field, the most common kinds of misses, and the accuracy: items with every
 * expected field right, and fields right. Writes nothing. Exit 0 when the run completes; 1 when the set or the engine
 * cannot be loaded.
 */
import { loadEngine } from '../src/engine.js';
import { formatReport, loadQuestions, score } from '../test/parse/heldout/score.js';

try {
  const engine = await loadEngine();
  const report = score(loadQuestions(), (text) => engine.parse(text));
  process.stdout.write(`${formatReport(report)}\n`);
} catch (e) {
  process.stderr.write(`heldout-accuracy: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
