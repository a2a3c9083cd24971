/**
 * The third held-out parse set (test/parse/heldout3/questions.json): 80 new questions as people type them in Slack
 * (32 in Chinese or mixed), written without looking at the parser, its table or the earlier sets, and open for tuning
 * (the untouched set is a sealed one the lead adds at the end). Scored with the first set's scorer
 * (test/parse/heldout/score.ts) so every set judges an item the same way. Prints the misses and the accuracy; fails only
 * when item accuracy drops below MIN_ITEM_ACCURACY.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% (80.0% when the set was written, 100% after the parser3 tuning); raise it, never lower it. */
const MIN_ITEM_ACCURACY = 1;

heldoutSuite('third held-out parse set', fileURLToPath(new URL('./heldout3/questions.json', import.meta.url)), {
  items: 80,
  chinese: 27,
  minItemAccuracy: MIN_ITEM_ACCURACY,
});
