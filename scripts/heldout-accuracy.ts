/**
 * Parser accuracy on a held-out set: test/parse/heldout/questions.json (written before tuning; keep it untouched) unless
 * another questions file of the same format is given.
 *
 *   npx tsx scripts/heldout-accuracy.ts                                        # the first set
 *   npx tsx scripts/heldout-accuracy.ts test/parse/heldout3/questions.json     # any other set, same scorer
 *   npx tsx scripts/heldout-accuracy.ts test/parse/heldout14/questions.json --leave-out
 *
 * `--leave-out` measures an opened set as if it had never been read by the labelled phrasings: its own texts are taken
 * out of intents/phrasings.yaml (in memory) before the vote. What remains is how well the rest generalises to it.
 *
 * Prints each item with a wrong or missing field, the most common kinds of misses, and the accuracy: items with every
 * expected field right, and fields right. Writes nothing. Exit 0 when the run completes; 1 when the set or the engine
 * cannot be loaded.
 */
import { resolve } from 'node:path';
import { loadProject } from '../src/catalog/load.js';
import { indexPhrasings, nameFeatures, phrasingReader } from '../src/domain/parse/intent-model.js';
import { simplifier } from '../src/domain/parse/traditional.js';
import { Engine } from '../src/engine.js';
import { formatReport, loadQuestions, score } from '../test/parse/heldout/score.js';

try {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const items = file === undefined ? loadQuestions() : loadQuestions(resolve(file));
  const data = loadProject();
  if (process.argv.includes('--leave-out')) {
    const own = new Set(items.map((item) => item.text));
    const kept = Object.fromEntries(
      Object.entries(data.phrasings.phrasings).map(([intent, texts]) => [intent, texts.filter((t) => !own.has(t))]),
    ) as typeof data.phrasings.phrasings;
    const read = phrasingReader(simplifier(data.lexicon.traditional, data.lexicon.regional_words));
    data.phrasings = {
      ...data.phrasings,
      phrasings: kept,
      index: indexPhrasings(kept, read, nameFeatures(data.catalog, read)),
    };
  }
  const engine = new Engine(data);
  const report = score(items, (text) => engine.parse(text));
  process.stdout.write(`${formatReport(report)}\n`);
} catch (e) {
  process.stderr.write(`heldout-accuracy: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
