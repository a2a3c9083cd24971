/**
 * The held-out parse set (test/parse/heldout/questions.json): questions as people type them in Slack, written before
 * the parser was tuned and kept untouched after. Prints the misses and the accuracy; fails only when item accuracy
 * drops below MIN_ITEM_ACCURACY, which only ever goes up (the target is 0.95).
 * The same report: `npx tsx scripts/heldout-accuracy.ts`.
 */
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% (47.8% when the set was written); raise it, never lower it. */
const MIN_ITEM_ACCURACY = 0.95;

heldoutSuite('held-out parse set', undefined, { items: 90, chinese: 30, minItemAccuracy: MIN_ITEM_ACCURACY });
