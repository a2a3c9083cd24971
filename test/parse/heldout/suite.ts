/**
 * The two checks every held-out parse set gets: the set is well formed (its size, unique ids, enough Chinese), and the
 * parser gets at least `minItemAccuracy` of its items wholly right (printing the misses). Scored with score.ts, so
 * every set judges an item the same way.
 */
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../../src/engine.js';
import { formatReport, loadQuestions, score } from './score.js';

export function heldoutSuite(
  title: string,
  file: string | undefined,
  expected: { items: number; chinese: number; minItemAccuracy: number },
): void {
  describe(title, () => {
    it('is well formed', () => {
      const items = loadQuestions(file);
      expect(items).toHaveLength(expected.items);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(items.filter((i) => /[\u4e00-\u9fff]/.test(i.text)).length).toBeGreaterThanOrEqual(expected.chinese);
    });

    it(`parses at least ${expected.minItemAccuracy * 100}% of the items with every expected field right`, async () => {
      const engine = await loadEngine();
      const report = score(loadQuestions(file), (text) => engine.parse(text));
      console.log(formatReport(report));
      expect(report.itemAccuracy).toBeGreaterThanOrEqual(expected.minItemAccuracy);
    });
  });
}
