/**
 * "Any GPUs at all in alibaba's me-east-1?", "华为云利雅得有没有昇腾算力": which GPU models the catalogue prices at each
 * provider's region in the place asked about, each with its source and date. A price is not stock: the answer says so.
 */
import type { Price } from '../../catalog/schema.js';
import { fmtFor } from '../format.js';
import type { Request } from '../request.js';
import { type PipelineContext, placeName, providerName } from './context.js';

/** At most this many provider/place lines: enough to answer, short enough to read. */
const MAX_LINES = 6;

export function gpuOffer(ctx: PipelineContext, req: Request): string[] {
  const say = ctx.say(req.lang);
  const fmt = fmtFor(req.lang);
  const places = req.locations.filter((l) => ctx.locationBySlug.has(l));
  if (!places.length) return [];
  const withRegion = (id: string) =>
    ctx.index.providers.get(id)?.regions.some((r) => places.includes(r.location)) ?? false;
  const providers = req.providers.length
    ? req.providers
    : ctx.data.catalog.providers.map((p) => p.id).filter(withRegion);
  const asked = req.workload.gpu?.model ?? null;
  const askedNames = asked ? new Set([asked, ...ctx.index.variantsOf(asked)].map((m) => m.toLowerCase())) : null;
  const lines: string[] = [];
  for (const id of providers) {
    const provider = ctx.index.providers.get(id);
    if (!provider) continue;
    for (const loc of places) {
      const location = ctx.locationBySlug.get(loc);
      const regions = provider.regions.filter((r) => r.location === loc).map((r) => r.id);
      const vars = {
        provider: providerName(provider, req.lang),
        place: placeName(ctx, loc, req.lang),
        regions: regions.join(say('list.sep')),
      };
      if (!location || !regions.length) {
        lines.push(say('facts.gpu.no-region', vars));
        continue;
      }
      // Rows priced at this place itself: a mainland-wide price says nothing about one city's stock.
      const rows = ctx.index
        .pricesFor(id, 'gpu-instance', loc, location.jurisdiction)
        .filter((p) => p.scope.locations?.includes(loc) && p.gpu);
      const models = [...new Set(rows.map((p) => (p.gpu as NonNullable<Price['gpu']>).model))];
      if (!models.length) {
        lines.push(say('facts.gpu.none', vars));
        continue;
      }
      const newest = rows.reduce((a, b) => (b.as_of > a.as_of ? b : a));
      let text = say('facts.gpu.some', {
        ...vars,
        models: models.join(say('list.sep')),
        source: newest.source,
        date: fmt.date(newest.as_of),
      });
      if (askedNames) {
        const priced = models.some((m) => askedNames.has(m.toLowerCase()));
        text += say('sentence.sep') + say(priced ? 'facts.gpu.asked-yes' : 'facts.gpu.asked-no', { gpu: asked ?? '' });
      }
      lines.push(text);
      if (lines.length >= MAX_LINES) break;
    }
  }
  if (lines.length) lines.push(say('facts.gpu.not-stock'));
  return lines;
}
