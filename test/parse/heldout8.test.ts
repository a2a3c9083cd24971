/**
 * The eighth held-out parse set (test/parse/heldout8/questions.json): 100 questions (48 in Chinese), mostly procurement
 * staff and managers, written at the start of session 7 without reading the parser, measured once while sealed
 * (72.0% of items), then opened; see its README.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% (72.0% when opened, 100% after session 7's fixes by cause); raise it, never lower it. */
const MIN_ITEM_ACCURACY = 1;

heldoutSuite(
  'eighth held-out parse set (opened)',
  fileURLToPath(new URL('./heldout8/questions.json', import.meta.url)),
  {
    items: 100,
    chinese: 48,
    minItemAccuracy: MIN_ITEM_ACCURACY,
  },
);
