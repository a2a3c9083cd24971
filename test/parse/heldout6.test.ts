/**
 * The sixth held-out parse set (test/parse/heldout6/questions.json): 100 questions (45 in Chinese) written at the start
 * of session 6 without reading the parser, measured before and after that session's tuning (75.0% → 76.0% of items),
 * then opened; see its README.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% (76.0% when opened, 97.0% after session-7 tuning on it); raise it, never lower it. */
const MIN_ITEM_ACCURACY = 0.95;

heldoutSuite(
  'sixth held-out parse set (opened)',
  fileURLToPath(new URL('./heldout6/questions.json', import.meta.url)),
  {
    items: 100,
    chinese: 45,
    minItemAccuracy: MIN_ITEM_ACCURACY,
  },
);
