/**
 * What the catalogue's token prices say when no exact monthly volume can be priced, each line with its source and date
 * (only catalogued pay-as-you-go token rows; nothing is assumed):
 * - a total with no input/output split ("50M tokens a month of doubao-seed-2.0-pro"): the range, all of it as input to
 *   all of it as output, beside the question that asks for the split;
 * - no volume at all ("doubao-1.5-pro-32k price per million tokens?"): the unit prices, a family's models when no
 *   version is named;
 * - a quote per a thousand or a million tokens: checked against the unit price of the side quoted.
 */
import type { Currency, Price } from '../../catalog/schema.js';
import type { QuoteCheck } from '../answer.js';
import { familyMatches, pricedModels } from '../elsewhere.js';
import { fmtNum } from '../estimate.js';
import { fmtFor } from '../format.js';
import type { Request } from '../request.js';
import { modelFor } from '../request-values.js';
import { type PipelineContext, placeName, providerName } from './context.js';
import { factor, usdCny } from './estimate.js';
import { otherCurrencyQuote } from './quote-currency.js';

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

/**
 * The model's pairs; for unit prices of a family named without a version ("doubao-pro per 1M tokens?"), those of the
 * provider's models named for it (doubao-pro-32k, doubao-1.5-pro-32k …), one place each.
 */
function pairsFor(ctx: PipelineContext, req: Request, provider: string, model: string, family: boolean): Pair[] {
  const own = pairsOf(ctx, req, provider, model);
  if (own.length || !family) return own;
  const priced = pricedModels(ctx.index.pricesAnywhere(provider, 'model-tokens'));
  return familyMatches(model, priced).flatMap((m) => pairsOf(ctx, req, provider, m).slice(0, 1));
}

/**
 * The (provider, model) pairs to price: each side's model where it is sold ("qwen-max vs deepseek-v3": every provider
 * selling each, or the side's own), else each provider named (every one) with the model it is priced for.
 */
function modelsToPrice(ctx: PipelineContext, req: Request): { provider: string; model: string }[] {
  const all = ctx.data.catalog.providers.map((p) => p.id);
  const providers = req.providers.length ? req.providers : all;
  const sided = (req.sides ?? []).filter((x) => x.model);
  if (sided.length >= 2)
    return sided.flatMap((side) => {
      const model = side.model as string;
      const sellers = side.provider ? [side.provider] : providers;
      const selling = sellers.filter((p) => ctx.index.pricesForModel(p, model).length > 0);
      // A side named at a provider that is not asked about ("deepseek-v3" when only Alibaba is named): where it is sold.
      const where = selling.length ? selling : all.filter((p) => ctx.index.pricesForModel(p, model).length > 0);
      return where.map((provider) => ({ provider, model }));
    });
  return providers.flatMap((provider) => {
    const model = modelFor(req.workload, provider);
    return model ? [{ provider, model }] : [];
  });
}

/** A pair's dearer unit price in US dollars (its own currency when no rate is catalogued), to order places by. */
function dearest(ctx: PipelineContext, pair: Pair): number {
  const f = factor(pair.input.currency, 'USD', usdCny(ctx)?.rate) ?? 1;
  return Math.max(pair.input.price, pair.output.price) * f;
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
  const lines: string[] = [];
  const wanted = modelsToPrice(ctx, req);
  // Several models: one place each, so every model gets a line.
  const perModel = new Set(wanted.map((w) => w.model)).size > 1 ? 1 : MAX_LINES;
  for (const { provider: id, model } of wanted) {
    const provider = ctx.data.catalog.providers.find((p) => p.id === id);
    if (!provider) continue;
    const pairs = pairsFor(ctx, req, id, model, total === null);
    // A provider named that the catalogue has no token price of this model for: said, not left out silently.
    if (!pairs.length && req.providers.length > 1 && req.providers.includes(id as never))
      lines.push(say('followup.tokens-none', { model, provider: providerName(provider, req.lang) }));
    // One place per model: its cheapest (all output, in one currency), as the verdict below compares.
    if (perModel === 1) pairs.sort((a, b) => dearest(ctx, a) - dearest(ctx, b));
    for (const { input, output } of pairs.slice(0, perModel)) {
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

/**
 * Two or more models side by side with no split ("doubao-seed-1.6 vs qwen-flash, ~500M tokens a month") or no volume
 * at all ("qwen-plus vs doubao-pro-32k per million tokens?"), each at its cheapest place, in one currency:
 * - with a total: when one model's dearest case (all output) is below every other's cheapest case (all input), it is
 *   cheaper whatever the split; otherwise the split decides;
 * - without: when one model is cheapest on input and on output alike, it is cheaper at any volume; otherwise the
 *   volumes decide.
 * Null with fewer than two models priced.
 */
export function tokenVerdict(ctx: PipelineContext, req: Request, total: number | null): string | null {
  const say = ctx.say(req.lang);
  const fmt = fmtFor(req.lang);
  const currency: Currency = req.currency ?? (req.lang === 'zh' ? 'CNY' : 'USD');
  const rate = usdCny(ctx)?.rate;
  const models: { name: string; input: number; output: number }[] = [];
  for (const { provider: id, model } of modelsToPrice(ctx, req)) {
    const provider = ctx.data.catalog.providers.find((p) => p.id === id);
    if (!provider) continue;
    // The cheapest place's pair per model and provider: where it would be bought.
    let best: { input: number; output: number; model: string } | null = null;
    for (const { input, output } of pairsFor(ctx, req, id, model, total === null)) {
      const f = factor(input.currency, currency, rate);
      if (f === null) continue;
      const unit = { input: input.price * f, output: output.price * f, model: input.model ?? model };
      if (!best || Math.max(unit.input, unit.output) < Math.max(best.input, best.output)) best = unit;
    }
    if (best)
      models.push({
        name: say('option.name.model', { model: best.model, option: providerName(provider, req.lang) }),
        input: best.input,
        output: best.output,
      });
  }
  if (new Set(models.map((m) => m.name)).size < 2) return null;
  if (total === null) {
    const same = models.every((m) => m.input === models[0]?.input && m.output === models[0]?.output);
    if (same) return say('followup.tokens-unit.same');
    const first = models.find((m) => models.every((o) => m.input <= o.input && m.output <= o.output));
    return first ? say('followup.tokens-unit.cheaper', { option: first.name }) : say('followup.tokens-unit.decides');
  }
  const ranges = models.map((m) => {
    const [low, high] = [m.input, m.output].map((u) => (u * total) / 1e6).sort((a, b) => a - b) as [number, number];
    return { name: m.name, low, high };
  });
  const sorted = [...ranges].sort((a, b) => a.high - b.high);
  const first = sorted[0] as (typeof sorted)[number];
  const others = sorted.slice(1);
  const cheapestOther = Math.min(...others.map((r) => r.low));
  if (first.high < cheapestOther)
    return say('followup.tokens-split.cheaper', {
      option: first.name,
      high: fmt.money(first.high, currency),
      low: fmt.money(cheapestOther, currency),
      other: (others.find((r) => r.low === cheapestOther) as (typeof others)[number]).name,
    });
  return say('followup.tokens-split.decides');
}

/**
 * A quote per million tokens ("volcano offered doubao-1.5-pro-32k at 0.6 rmb per million input tokens") against the
 * catalogue's pay-as-you-go unit prices of the same model at the provider named (every provider selling it otherwise):
 * the side quoted (input or output; both when not said), the difference in percent, each price's source and date.
 */
export function tokenQuoteCheck(ctx: PipelineContext, req: Request, today: string): QuoteCheck | null {
  const q = req.quotedPrice;
  if (!q || (q.per !== 'thousand-tokens' && q.per !== 'million-tokens')) return null;
  const other = otherCurrencyQuote(ctx, req);
  if (other) return other;
  const say = ctx.say(req.lang);
  const fmt = fmtFor(req.lang);
  // Compared per million tokens, as the catalogue prices them: "0.003 per 1k" is 3 per million.
  const perMillion = q.per === 'thousand-tokens' ? q.amount * 1000 : q.amount;
  const currency: Currency = (q.currency as Currency | null) ?? req.currency ?? (req.lang === 'zh' ? 'CNY' : 'USD');
  const lines: string[] = [];
  if (!q.currency) lines.push(say('quote.assumed-currency', { currency }));
  const sides: ('input' | 'output')[] = q.direction ? [q.direction] : ['input', 'output'];
  if (!q.direction) lines.push(say('quote.tokens.no-side'));
  const providers = req.providers.length ? req.providers : ctx.data.catalog.providers.map((p) => p.id);
  const rate = usdCny(ctx)?.rate;
  let compared = 0;
  // The cheapest list price of the side quoted decides the verdict: a quote above it can be bargained down.
  let cheapest: number | null = null;
  let oldest = 0;
  for (const id of providers) {
    const provider = ctx.data.catalog.providers.find((p) => p.id === id);
    const model = modelFor(req.workload, id);
    if (!provider || !model) continue;
    for (const pair of pairsOf(ctx, req, id, model).slice(0, 2)) {
      for (const side of sides) {
        const row = pair[side];
        const f = factor(row.currency, currency, rate);
        if (f === null) continue;
        const list = Number((row.price * f).toPrecision(4));
        const percent = ((perMillion - list) / list) * 100;
        const days = Math.max(0, Math.round((Date.parse(today) - Date.parse(row.as_of)) / 86_400_000));
        oldest = Math.max(oldest, days);
        cheapest = cheapest === null ? list : Math.min(cheapest, list);
        lines.push(
          say(percent > 0.05 ? 'quote.tokens.above' : percent < -0.05 ? 'quote.tokens.below' : 'quote.tokens.equal', {
            quoted: fmt.unitPrice(perMillion, currency),
            side: say(`quote.tokens.side.${side}`),
            percent: fmtNum(Math.round(Math.abs(percent) * 10) / 10),
            list: fmt.unitPrice(list, currency),
            model: row.model ?? model,
            provider: providerName(provider, req.lang),
            where: where(ctx, req, row),
            source: row.source,
            date: fmt.date(row.as_of),
            days,
          }),
        );
        compared++;
      }
      if (compared >= MAX_LINES) break;
    }
  }
  if (compared === 0)
    lines.push(say('quote.tokens.none', { model: req.workload.model ?? say('quote.tokens.the-model') }));
  else if (!q.direction) lines.push(say('quote.tokens.ask-side'));
  else if (cheapest !== null && perMillion > cheapest * 1.0005)
    lines.push(
      say('quote.ask.above', { percent: fmtNum(Math.round(((perMillion - cheapest) / cheapest) * 1000) / 10) }),
    );
  else lines.push(say('quote.ask.below'));
  if (compared && oldest > ctx.options.staleDays) lines.push(say('quote.ask.stale', { days: oldest }));
  return {
    quoted: { amount: q.amount, currency, per: q.per },
    quotedHourly: null,
    currency,
    comparisons: [],
    lines,
    draft: null,
  };
}
