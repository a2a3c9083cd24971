/**
 * The nineteenth held-out parse set (test/parse/heldout17/questions.json): 100 questions (49 in Chinese; an outside tester's probe meant to break the bot)
 * written without reading the parser, measured while sealed (89.0% when written in session 9, 90.0% after its first tuning round), then opened in session 9 (98.0% after its second round, 98.0% with its own texts left out of the phrasings); see its README.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% when opened; raise it, never lower it. */
const MIN_ITEM_ACCURACY = 0.95;

heldoutSuite(
  'nineteenth held-out parse set (opened)',
  fileURLToPath(new URL('./heldout17/questions.json', import.meta.url)),
  {
    items: 100,
    chinese: 49,
    minItemAccuracy: MIN_ITEM_ACCURACY,
  },
);
