/**
 * Property tests: any text through parse → engine → render never throws anything but a clear InputError,
 * every Slack reply respects Slack's limits, and user text never becomes a mention, ping or link.
 * A short run here; `npm run fuzz` runs 100,000 cases.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../src/engine.js';
import { checkOne, question } from './arbitraries.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('fuzz (short run)', () => {
  it('any text: no crash, Slack limits kept, no mentions or links from user text', () => {
    fc.assert(
      fc.property(question, (text) => checkOne(engine, text)),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('a 100 KB question gets one clear sentence', () => {
    expect(() => engine.ask('a'.repeat(100_000))).toThrow(/characters long, over the limit/);
  });
});
