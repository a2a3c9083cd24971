/**
 * The second held-out parse set (test/parse/heldout2/questions.json): 60 new questions as people type them in Slack,
 * written without looking at the parser, its table or the first set's tuning, and kept untouched after. Scored with the
 * first set's scorer (test/parse/heldout/score.ts) so both sets judge an item the same way. Prints the misses and the
 * accuracy; fails only when item accuracy drops below MIN_ITEM_ACCURACY.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% (78.3% when the set was written, 100% since session 5); raise it, never lower it. */
const MIN_ITEM_ACCURACY = 1;

heldoutSuite('second held-out parse set', fileURLToPath(new URL('./heldout2/questions.json', import.meta.url)), {
  items: 60,
  chinese: 22,
  minItemAccuracy: MIN_ITEM_ACCURACY,
});
