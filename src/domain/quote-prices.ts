/**
 * Vendor quotes as catalogue price rows, for the answer pipeline. No zod here (the quote schema is in ./quote.ts,
 * which re-exports this): answering a question does not load the schemas.
 */
import type { Price } from '../catalog/schema.js';
import type { Quote } from './quote.js';

/** Valid quotes as catalogue price rows (grade vendor-quote, source "quote:<reference>"); expired ones apart. */
export function quotesAsPrices(quotes: Quote[], today: string): { prices: Price[]; expired: Quote[] } {
  const prices: Price[] = [];
  const expired: Quote[] = [];
  for (const q of quotes) {
    if (q.validUntil < today) {
      expired.push(q);
      continue;
    }
    prices.push({
      id: `quote-${q.id}`,
      provider: q.provider,
      kind: q.resource,
      service: q.sku ? `${q.sku} (vendor quote)` : 'vendor quote',
      ...(q.sku ? { sku: q.sku } : {}),
      scope: { locations: [q.location] },
      billing: q.billing,
      ...(q.billing === 'subscription' ? { term_months: 1 } : {}),
      unit: q.unit,
      price: q.price,
      currency: q.currency,
      ...(q.gpu ? { gpu: q.gpu } : {}),
      ...(q.model ? { model: q.model } : {}),
      ...(q.direction ? { direction: q.direction } : {}),
      ...(q.storageClass ? { storage_class: q.storageClass } : {}),
      note: `vendor quote ${q.reference}, valid until ${q.validUntil}`,
      source: `quote:${q.reference}`,
      as_of: q.addedAt.slice(0, 10),
      dated: 'page',
      grade: 'vendor-quote',
    });
  }
  return { prices, expired };
}
