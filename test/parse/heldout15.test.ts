/**
 * The fifteenth held-out parse set (test/parse/heldout15/questions.json): 100 questions (46 in Chinese; an outside tester's probe)
 * written in session 8 without reading the parser, measured while sealed (83.0% at session 8 start, 87.0% after the labelled-phrasings vote and at session 8 end), then
 * opened in session 9 (100.0% after parser16, 100.0% with its own texts left out of the phrasings); see its README.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% when opened; raise it, never lower it. */
const MIN_ITEM_ACCURACY = 1.0;

heldoutSuite(
  'fifteenth held-out parse set (opened)',
  fileURLToPath(new URL('./heldout15/questions.json', import.meta.url)),
  {
    items: 100,
    chinese: 46,
    minItemAccuracy: MIN_ITEM_ACCURACY,
  },
);
