/**
 * Vendor quotes: prices the organisation negotiated, with a reference and a valid-until date.
 * A valid quote takes precedence over the list price and is labelled as a quote; an expired one is ignored, and said so.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/load.js';
import { BillingMode, Currency, IsoDate, type Price, PriceKind, ProviderSlug } from '../catalog/schema.js';

export const QuoteSchema = z
  .object({
    id: z.string(),
    provider: ProviderSlug,
    resource: PriceKind,
    /** What is quoted: an instance type, a service name. */
    sku: z.string().nullable().default(null),
    /** A location slug (hangzhou) or a provider region id (cn-hangzhou), resolved when added. */
    location: z.string(),
    billing: BillingMode.default('payg'),
    unit: z.enum(['instance-hour', 'vcpu-hour', 'gib-hour', 'gb-month', 'gb', 'million-tokens', 'month']),
    price: z.number().nonnegative(),
    currency: Currency,
    reference: z.string().min(1),
    validUntil: IsoDate,
    gpu: z.object({ model: z.string(), count: z.number().int().positive() }).nullable().default(null),
    model: z.string().nullable().default(null),
    direction: z.enum(['input', 'output']).nullable().default(null),
    storageClass: z.enum(['object-standard', 'object-ia', 'block']).nullable().default(null),
    addedBy: z.string(),
    addedAt: z.string(),
  })
  .superRefine((q, ctx) => {
    if (q.resource === 'gpu-instance' && !q.gpu)
      ctx.addIssue({ code: 'custom', path: ['gpu'], message: 'a GPU quote needs the GPU model and count' });
    if (q.resource === 'model-tokens' && (!q.model || !q.direction))
      ctx.addIssue({
        code: 'custom',
        path: ['model'],
        message: 'a model-token quote needs the model and input or output',
      });
  });
export type Quote = z.infer<typeof QuoteSchema>;

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

/** Resolves a location given as a slug, a name or a provider region id ("cn-hangzhou") to a slug, or null. */
export function resolveLocation(catalog: Catalog, provider: string, where: string): string | null {
  const w = where.trim().toLowerCase();
  const loc = catalog.locations.find(
    (l) =>
      l.slug === w ||
      l.name.toLowerCase() === w ||
      l.aliases.some((a) => a.toLowerCase() === w) ||
      l.names_zh.includes(where.trim()),
  );
  if (loc) return loc.slug;
  const p = catalog.providers.find((x) => x.id === provider);
  return p?.regions.find((r) => r.id.toLowerCase() === w)?.location ?? null;
}
