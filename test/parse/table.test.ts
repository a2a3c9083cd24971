/**
 * The parser's table test: every case in utterances.yaml, one test each, named by its text.
 * Expectations are partial Requests written from shared/contract.md; arrays of strings compare as sets.
 * scripts/parse-accuracy.ts runs the same cases and reports the pass rate with the differing fields.
 */
import { describe, expect, it } from 'vitest';
import { loadCases, normalize } from '../../scripts/parse-accuracy.js';
import { loadEngine } from '../../src/engine.js';

const cases = loadCases();
const engine = await loadEngine();

/** Sorts string arrays on both sides, then matches the partial expectation like toMatchObject. */
async function expectParse(text: string, expected: Record<string, unknown>): Promise<void> {
  const actual: unknown = await engine.parse(text);
  expect(normalize(actual)).toMatchObject(normalize(expected) as Record<string, unknown>);
}

describe('parse table (test/parse/utterances.yaml)', () => {
  for (const c of cases) {
    it(c.text, async () => {
      await expectParse(c.text, c.expect);
    });
  }
});
