/**
 * formatDecimal writes numbers exactly as Intl.NumberFormat does for en-US and zh-CN (src/domain/number-format.ts),
 * and the answers' money in Chinese is Intl's currency formatting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/domain/number-format.js';
import { fmtFor } from '../../src/render/format.js';

const OPTIONS: [number, number][] = [
  [0, 0],
  [0, 2],
  [0, 3],
  [0, 6],
  [2, 2],
  [2, 3],
  [2, 4],
  [2, 6],
];
const intl = (locale: string, n: number, min: number, max: number) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max }).format(n);

const EDGES = [
  0,
  -0,
  -0.001,
  0.5,
  1.5,
  2.5,
  -2.5,
  1.005,
  2.675,
  9.995,
  99.995,
  999.995,
  0.0005,
  0.00005,
  0.000526,
  6.57156,
  2.156162,
  1234.5,
  -1234.5,
  123456789.987,
  1e-7,
  5e-324,
  1e21,
  1e300,
  Number.MAX_VALUE,
  12345678901234567000,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

describe('formatDecimal', () => {
  it('matches Intl on the edges: halves, negative zero, tiny and huge numbers, NaN and infinities', () => {
    for (const n of EDGES)
      for (const [min, max] of OPTIONS) {
        expect(formatDecimal(n, min, max), `${n} ${min}-${max}`).toBe(intl('en-US', n, min, max));
        expect(formatDecimal(n, min, max), `${n} ${min}-${max} zh`).toBe(intl('zh-CN', n, min, max));
      }
  });

  it('matches Intl on any double, and on prices with a few decimals', () => {
    const price = fc
      .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 8 }))
      .map(([m, d]) => m / 10 ** d);
    fc.assert(
      fc.property(fc.oneof(fc.double(), price), fc.constantFrom(...OPTIONS), (n, [min, max]) => {
        expect(formatDecimal(n, min, max)).toBe(intl('en-US', n, min, max));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('money in Chinese', () => {
  it('is written as Intl writes zh-CN currency', () => {
    const zh = fmtFor('zh');
    for (const n of EDGES.filter(Number.isFinite).concat([0.0123, 12.3, 4797.2, -55.555]))
      for (const currency of ['CNY', 'USD']) {
        const cur = (min: number, max: number) =>
          new Intl.NumberFormat('zh-CN', {
            style: 'currency',
            currency,
            currencyDisplay: 'symbol',
            minimumFractionDigits: min,
            maximumFractionDigits: max,
          }).format(n);
        expect(zh.unitPrice(n, currency), `${n} ${currency}`).toBe(cur(2, 6));
        const abs = Math.abs(n);
        const [min, max] = abs >= 100 ? [0, 0] : abs >= 1 ? [2, 2] : abs >= 0.01 ? [2, 3] : [2, 4];
        expect(zh.money(n, currency), `${n} ${currency}`).toBe(cur(min, max));
      }
  });
});
