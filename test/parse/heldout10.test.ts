/**
 * The tenth held-out parse set (test/parse/heldout10/questions.json): 100 questions (53 in Chinese; everyday Slack traffic from all roles) written in
 * session 7 without reading the parser, measured while sealed (80.0% before any session-7 tuning (8fabf89), 84.0% after parser8, parser9 and parser10, which never read it (21a4ecd)), then opened; 100% after parser11 tuned on it; see its README.
 */
import { fileURLToPath } from 'node:url';
import { heldoutSuite } from './heldout/suite.js';

/** Measured item accuracy rounded down to the nearest 5% when opened; raise it, never lower it. */
const MIN_ITEM_ACCURACY = 1;

heldoutSuite(
  'tenth held-out parse set (opened)',
  fileURLToPath(new URL('./heldout10/questions.json', import.meta.url)),
  {
    items: 100,
    chinese: 53,
    minItemAccuracy: MIN_ITEM_ACCURACY,
  },
);
