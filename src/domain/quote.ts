/**
 * Vendor quotes: prices the organisation negotiated, with a reference and a valid-until date.
 * A valid quote takes precedence over the list price and is labelled as a quote; an expired one is ignored, and said so.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/load.js';
import { BillingMode, Currency, IsoDate, PriceKind, ProviderSlug } from '../catalog/schema.js';

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

// Without zod (./quote-prices.ts), for the answer pipeline.
export { quotesAsPrices } from './quote-prices.js';

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
