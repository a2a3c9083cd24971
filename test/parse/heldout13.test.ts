/**
 * The thirteenth held-out parse set (test/parse/heldout13/questions.json): 100 questions (48 in Chinese; an outside
 * tester's probe, comparisons without "vs", facts that name a provider and a place) written in session 8 without
 * reading the parser, measured while sealed (88.0% before and after the labelled-phrasings vote), then opened; see its
 * README.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% when opened; raise it, never lower it. */
const MIN_ITEM_ACCURACY = 1;

heldoutSuite(
  'thirteenth held-out parse set (opened)',
  fileURLToPath(new URL('./heldout13/questions.json', import.meta.url)),
  {
    items: 100,
    chinese: 48,
    minItemAccuracy: MIN_ITEM_ACCURACY,
  },
);
