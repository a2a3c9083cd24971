/**
 * Stage 2, estimate: each candidate priced (estimate.ts's `estimateOption`), the answer's currency chosen, totals
 * per month and for the term converted at the catalogue's FX rate. Also prices the other billing modes of an option.
 */
import type { BillingMode, Currency } from '../../catalog/schema.js';
import type { Alternative, Answer, Money, OptionAnswer } from '../answer.js';
import { latestUsdCny, type PlaceInfo, type PriceIndex } from '../catalog-index.js';
import { convertMoney, estimateOption } from '../estimate.js';
import type { Request } from '../request.js';
import { type PipelineContext, placeName, providerName } from './context.js';
import { type Candidate, withModel } from './plan.js';
import { componentList } from './words.js';

export type Fx = NonNullable<Answer['fx']>;

export interface Estimated {
  options: OptionAnswer[];
  currency: Currency;
  fx: Fx | null;
  /** Pricing sentences not tied to one option, each once. */
  notes: string[];
}

export interface EstimateStageInput {
  req: Request;
  candidates: Candidate[];
  billing: BillingMode;
  index: PriceIndex;
  today: string;
}

export function estimate(ctx: PipelineContext, input: EstimateStageInput): Estimated {
  const { req, billing, index, today } = input;
  const notes: string[] = [];
  const asked: Currency = req.currency ?? (req.lang === 'zh' ? 'CNY' : 'USD');
  const options: OptionAnswer[] = [];
  for (const { provider, place, model, billing: own } of input.candidates) {
    const est = estimateOption({
      req: withModel(req, model),
      provider,
      place,
      billing: own ?? billing,
      currency: asked,
      index,
      today,
      staleDays: ctx.options.staleDays,
      say: ctx.say(req.lang),
    });
    for (const n of est.notes) if (!notes.includes(n)) notes.push(n);
    options.push({
      provider: provider.id,
      providerName: providerName(provider, req.lang),
      location: place.location,
      locationName: placeName(ctx, place.location, req.lang),
      regionIds: place.regionIds,
      jurisdiction: place.jurisdiction,
      billing: own ?? billing,
      lines: est.lines,
      gaps: est.gaps,
      flags: [],
      monthly: null,
      total: null,
      complete: est.gaps.length === 0,
      alternatives: [],
      score: 0,
      reasons: [],
      rank: 0,
      named: true,
      ...(model || own ? { side: { ...(model ? { model } : {}), ...(own ? { billing: own } : {}) } } : {}),
    });
  }
  // Currency: the asked one; else the one all priced lines share; else USD.
  const currencies = new Set(options.flatMap((o) => o.lines.map((l) => l.currency)));
  // The currency asked for; else a Chinese question is answered in CNY (converted at the stated rate where needed),
  // an English one in the prices' own currency when they share one, else USD.
  const currency: Currency =
    req.currency ?? (req.lang === 'zh' ? 'CNY' : currencies.size === 1 ? ([...currencies][0] as Currency) : 'USD');
  const needsFx = [...currencies].some((c) => c !== currency);
  const fx = needsFx ? catalogFx(ctx) : null;
  for (const o of options) totals(o, currency, fx, req);
  return { options, currency, fx, notes };
}

export function usdCny(ctx: PipelineContext) {
  return latestUsdCny(ctx.data.catalog);
}

/** The catalogue's latest USD/CNY rate as an answer states it, or null when none is catalogued. */
export function catalogFx(ctx: PipelineContext): Fx | null {
  const rate = usdCny(ctx);
  return rate
    ? { base: rate.base, counter: rate.counter, rate: rate.rate, source: rate.source, asOf: rate.as_of, id: rate.id }
    : null;
}

function totals(o: OptionAnswer, currency: Currency, fx: Fx | null, req: Request): void {
  let sum: Money = { low: 0, expected: 0, high: 0 };
  let convertible = true;
  for (const line of o.lines) {
    const f = factor(line.currency, currency, fx?.rate);
    if (f === null) {
      convertible = false;
      continue;
    }
    line.monthlyInAnswerCurrency = convertMoney(line.monthly, f);
    sum = {
      low: sum.low + line.monthlyInAnswerCurrency.low,
      expected: sum.expected + line.monthlyInAnswerCurrency.expected,
      high: sum.high + line.monthlyInAnswerCurrency.high,
    };
  }
  if (o.lines.length === 0 || !convertible) return;
  o.monthly = convertMoney(sum, 1);
  if (req.durationMonths) o.total = convertMoney(sum, req.durationMonths);
}

/** The other billing modes for the same option, priced where the catalogue allows. */
export function priceAlternatives(
  ctx: PipelineContext,
  o: OptionAnswer,
  input: { req: Request; currency: Currency; fx: Fx | null; index: PriceIndex; today: string },
): Alternative[] {
  const provider = ctx.index.providers.get(o.provider);
  if (!provider) return [];
  const say = ctx.say(input.req.lang);
  const place: PlaceInfo = {
    location: o.location,
    locationName: o.locationName,
    jurisdiction: o.jurisdiction,
    area: '',
    regionIds: o.regionIds,
  };
  const out: Alternative[] = [];
  // Billing modes set side by side are options of their own: not again as another mode of each.
  const sides = new Set((input.req.sides ?? []).map((x) => x.billing).filter(Boolean));
  const req = withModel(input.req, o.side?.model);
  for (const billing of ['payg', 'subscription', 'spot'] as const) {
    if (billing === o.billing || sides.has(billing)) continue;
    if (!provider.billing_modes.includes(billing)) {
      out.push({
        billing,
        monthly: null,
        note: say('alt.not-offered', {
          provider: providerName(provider, input.req.lang),
          billing: say(`billing.${billing}`),
        }),
      });
      continue;
    }
    const est = estimateOption({
      req,
      provider,
      place,
      billing,
      currency: input.currency,
      index: input.index,
      today: input.today,
      staleDays: ctx.options.staleDays,
      say: ctx.say(input.req.lang),
    });
    let sum: Money | null = est.lines.length ? { low: 0, expected: 0, high: 0 } : null;
    let converted = false;
    for (const l of est.lines) {
      const f = factor(l.currency, input.currency, input.fx?.rate);
      if (f !== null && f !== 1) converted = true;
      if (f === null || !sum) {
        sum = null;
        break;
      }
      const m = convertMoney(l.monthly, f);
      sum = { low: sum.low + m.low, expected: sum.expected + m.expected, high: sum.high + m.high };
    }
    const ranged = est.lines.some((l) => Math.abs(l.monthly.high - l.monthly.low) > 1e-9);
    const gaps = [...new Set(est.gaps.map((g) => g.component))];
    const note =
      est.lines.length === 0
        ? say('alt.none')
        : gaps.length
          ? say(gaps.length === 1 ? 'alt.partial.one' : 'alt.partial.other', {
              n: gaps.length,
              components: componentList(say, gaps),
            })
          : say(
              est.midpoint
                ? 'estimate.alt.range'
                : ranged
                  ? billing === 'spot'
                    ? 'alt.range'
                    : 'alt.range-other'
                  : billing === 'spot'
                    ? 'alt.spot-observed'
                    : 'alt.full',
            );
    out.push({ billing, monthly: sum ? convertMoney(sum, 1) : null, note, ...(sum && converted ? { converted } : {}) });
  }
  return out;
}

export function factor(from: Currency, to: Currency, usdCnyRate: number | undefined): number | null {
  if (from === to) return 1;
  if (!usdCnyRate) return null;
  return from === 'USD' ? usdCnyRate : 1 / usdCnyRate;
}
