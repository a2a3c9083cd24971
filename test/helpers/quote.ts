/** A vendor quote for tests and scripts: an Alibaba A10 instance in Hangzhou, with fields overridable. */
import type { Quote } from '../../src/domain/quote.js';

export function testQuote(overrides: Partial<Quote> = {}): Quote {
  return {
    id: 'q-test',
    provider: 'alibaba',
    resource: 'gpu-instance',
    sku: null,
    location: 'hangzhou',
    billing: 'payg',
    unit: 'instance-hour',
    price: 9.5,
    currency: 'CNY',
    reference: 'ALI-TEST',
    validUntil: '2027-01-31',
    gpu: { model: 'A10', count: 1 },
    model: null,
    direction: null,
    storageClass: null,
    addedBy: 'tester',
    addedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
