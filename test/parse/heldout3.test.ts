/**
 * The third held-out parse set (test/parse/heldout3/questions.json): 80 new questions as people type them in Slack
 * (32 in Chinese or mixed), written without looking at the parser, its table or the earlier sets, and open for tuning
 * (the untouched set is a sealed one the lead adds at the end). Scored with the first set's scorer
 * (test/parse/heldout/score.ts) so every set judges an item the same way. Prints the misses and the accuracy; fails only
 * when item accuracy drops below MIN_ITEM_ACCURACY.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/engine.js';
import { formatReport, loadQuestions, score } from './heldout/score.js';

const QUESTIONS = fileURLToPath(new URL('./heldout3/questions.json', import.meta.url));

/** Measured item accuracy rounded down to the nearest 5% (80.0% when the set was written, 100% after the parser3 tuning); raise it, never lower it. */
const MIN_ITEM_ACCURACY = 1;

describe('third held-out parse set', () => {
  it('is well formed', () => {
    const items = loadQuestions(QUESTIONS);
    expect(items).toHaveLength(80);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.filter((i) => /[\u4e00-\u9fff]/.test(i.text)).length).toBeGreaterThanOrEqual(27);
  });

  it(`parses at least ${MIN_ITEM_ACCURACY * 100}% of the items with every expected field right`, async () => {
    const engine = await loadEngine();
    const report = score(loadQuestions(QUESTIONS), (text) => engine.parse(text));
    console.log(formatReport(report));
    expect(report.itemAccuracy).toBeGreaterThanOrEqual(MIN_ITEM_ACCURACY);
  });
});
