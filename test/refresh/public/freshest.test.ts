/** The freshest list price of a type, place and billing wins; other regions of the metro and quotes stay. */
import { describe, expect, it } from 'vitest';
import type { Price } from '../../../src/catalog/schema.js';
import { freshestPrices } from '../../../src/domain/freshest.js';

const row = (id: string, extra: Partial<Price>): Price =>
  ({
    id,
    provider: 'tencent',
    kind: 'compute',
    service: 'CVM',
    sku: 'S5.2XLARGE32',
    scope: { locations: ['shanghai'] },
    billing: 'payg',
    unit: 'instance-hour',
    price: 1,
    currency: 'CNY',
    source: 'https://example.com',
    as_of: '2026-01-01',
    dated: 'page',
    grade: 'official',
    ...extra,
  }) as Price;

describe('freshestPrices', () => {
  it('drops the older row of a type, place, billing and term; keeps different terms and regions', () => {
    const rows = [
      row('old', { as_of: '2023-06-30', price: 0.1 }),
      row('new', { as_of: '2026-12-06', region: 'ap-shanghai' }),
      row('fsi', { as_of: '2025-01-01', region: 'ap-shanghai-fsi' }),
      row('sub', { as_of: '2023-06-30', billing: 'subscription', term_months: 12, unit: 'month' }),
      row('other-sku', { as_of: '2020-01-01', sku: 'S5.LARGE8' }),
      row('quote', { as_of: '2020-01-01', grade: 'vendor-quote' }),
    ];
    expect(freshestPrices(rows).map((p) => p.id)).toEqual(['new', 'fsi', 'sub', 'other-sku', 'quote']);
  });

  it('returns the same list when nothing is replaced', () => {
    const rows = [row('a', {}), row('b', { sku: 'X' })];
    expect(freshestPrices(rows)).toBe(rows);
  });
});
