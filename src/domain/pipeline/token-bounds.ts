/**
 * "50M tokens a month of doubao-seed-2.0-pro": a total with no input/output split cannot be priced exactly, but it
 * can be bounded from the catalogue — all of it as input (the cheaper end, as a rule) and all of it as output. These
 * lines go with the question that asks for the split, so the asker sees the range and the prices behind it at once.
 * Only catalogued pay-as-you-go token rows are used, each with its source and date; nothing is assumed about the split.
 */
import type { Price } from '../../catalog/schema.js';
import { fmtFor } from '../format.js';
import type { Request } from '../request.js';
import { modelFor } from '../request-values.js';
import { type PipelineContext, placeName, providerName } from './context.js';

/** At most this many provider/place lines: enough to compare, short enough to read. */
const MAX_LINES = 4;

interface Pair {
  input: Price;
  output: Price;
}

/** The input/output row pairs of one model at one provider, one per place (in the places asked, when there are). */
function pairsOf(ctx: PipelineContext, req: Request, provider: string, model: string): Pair[] {
  const rows = ctx.index
    .pricesForModel(provider, model)
    .filter((p) => p.billing === 'payg' && p.kind === 'model-tokens');
  const byPlace = new Map<string, { input?: Price; output?: Price }>();
  for (const p of rows) {
    const key = p.scope.locations?.join(',') ?? p.scope.jurisdiction ?? '';
    const pair = byPlace.get(key) ?? {};
    if (p.direction === 'input' && !pair.input) pair.input = p;
    if (p.direction === 'output' && !pair.output) pair.output = p;
    byPlace.set(key, pair);
  }
  const pairs = [...byPlace.values()].filter((p): p is Pair =>
    Boolean(p.input && p.output && p.input.currency === p.output.currency),
  );
  const asked = pairs.filter((p) => p.input.scope.locations?.some((l) => req.locations.includes(l)));
  return asked.length ? asked : pairs;
}

function where(ctx: PipelineContext, req: Request, p: Price): string {
  const say = ctx.say(req.lang);
  const slug = p.scope.locations?.[0];
  if (slug) return placeName(ctx, slug, req.lang);
  return say(`followup.tokens-bounds.${p.scope.jurisdiction === 'outside-mainland' ? 'outside' : 'mainland'}`);
}

/**
 * One line per provider and place. With `total` (tokens a month, split unknown): what they cost if all input, and if
 * all output. Without ("doubao-1.5-pro-32k price per million tokens?"): the unit prices themselves.
 */
export function tokenBounds(ctx: PipelineContext, req: Request, total: number | null): string[] {
  const say = ctx.say(req.lang);
  const fmt = fmtFor(req.lang);
  const providers = req.providers.length ? req.providers : ctx.data.catalog.providers.map((p) => p.id);
  const lines: string[] = [];
  for (const id of providers) {
    const provider = ctx.data.catalog.providers.find((p) => p.id === id);
    const model = modelFor(req.workload, id);
    if (!provider || !model) continue;
    for (const { input, output } of pairsOf(ctx, req, id, model)) {
      const millions = (total ?? 0) / 1e6;
      const [low, high] = [input.price * millions, output.price * millions].sort((a, b) => a - b) as [number, number];
      lines.push(
        say(total ? 'followup.tokens-bounds' : 'followup.tokens-unit', {
          model: input.model ?? model,
          provider: providerName(provider, req.lang),
          where: where(ctx, req, input),
          low: fmt.money(low, input.currency),
          high: fmt.money(high, input.currency),
          input: fmt.unitPrice(input.price, input.currency),
          output: fmt.unitPrice(output.price, output.currency),
          source: input.source,
          date: fmt.date(input.as_of),
        }),
      );
      if (lines.length >= MAX_LINES) return lines;
    }
  }
  return lines;
}
