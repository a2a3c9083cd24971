/**
 * The answer pipeline: Request → Answer, pure (the catalogue, intents, quotes and the date come in; no I/O, no
 * Slack). `src/engine.ts`'s `Engine` is the facade surfaces use; this is what it calls. A question moves one way:
 *
 *   parse (../parse) → plan.ts       candidate placements: provider × place
 *                    → estimate.ts   each candidate priced (../estimate.ts), currency, FX, totals
 *                    → rank.ts       placement rules → reasons and flags; options in order
 *                    → advise.ts     the recommendation, only on a stated basis
 *                    → questions.ts  vendor questions for what is still unknown
 *                    → assemble.ts   title, assumptions, cited facts: the Answer
 *
 * Facts questions go to facts.ts, help and missing details to help.ts. Each stage is one pure function of the
 * `PipelineContext` (context.ts: the catalogue prepared once) and the previous stage's output.
 */
import type { ProjectData } from '../../catalog/load.js';
import type { BillingMode } from '../../catalog/schema.js';
import type { Answer } from '../answer.js';
import { OverlayIndex, type PriceIndex } from '../catalog-index.js';
import { type Parsed, Parser } from '../parse/parser.js';
import type { Quote } from '../quote.js';
import { quotesAsPrices } from '../quote-prices.js';
import type { Lang, Request } from '../request.js';
import { hasSize } from '../request-values.js';
import { requestContext } from '../rules.js';
import type { Say } from '../say.js';
import { advise, differences } from './advise.js';
import { assemble, blankAnswer } from './assemble.js';
import { beyondPrice } from './beyond.js';
import {
  audienceJurisdiction,
  DEFAULT_OPTIONS,
  makeContext,
  type PipelineContext,
  type PipelineOptions,
  placeName,
} from './context.js';
import { catalogFx, estimate, priceAlternatives } from './estimate.js';
import { FactSearch, factsAnswer } from './facts.js';
import { answerForeignLaw } from './foreign-law-answer.js';
import { helpAnswer, missingSlot } from './help.js';
import { moveOnlyAnswer } from './move.js';
import { plan } from './plan.js';
import { questions } from './questions.js';
import { quoteCheck } from './quote-check.js';
import { rank, select } from './rank.js';
import { tokenBounds, tokenQuoteCheck, tokenVerdict } from './token-prices.js';

export { DEFAULT_OPTIONS, type PipelineOptions } from './context.js';
export { GROUP_ORDER } from './questions.js';

export class AnswerPipeline {
  readonly ctx: PipelineContext;
  private readonly parser: Parser;
  private readonly factSearch: FactSearch;

  constructor(
    readonly data: ProjectData,
    readonly options: PipelineOptions = DEFAULT_OPTIONS,
  ) {
    this.ctx = makeContext(data, options);
    this.parser = new Parser(data.catalog, data.intents, data.lexicon, data.messages, data.phrasings, data.cueNeeds);
    this.factSearch = new FactSearch(data.catalog.facts, data.lexicon.fact_terms, data.lexicon.fact_topics, [
      ...data.catalog.providers.flatMap((p) => [p.id, p.name, ...p.aliases]),
      ...data.catalog.locations.flatMap((l) => [l.slug, l.name, ...l.aliases]),
      ...data.catalog.areas.flatMap((a) => [a.slug, a.name, ...a.aliases]),
    ]);
  }

  get index() {
    return this.ctx.index;
  }

  /** `lang`: the answer's language, when it is not the question's: the parser's notes are written in it. */
  parse(text: string, lang?: Lang | null): Parsed {
    return this.parser.parse(text, lang);
  }

  /** The answer's sentences in a language (templates/<lang>/*.yaml). */
  say(lang: Lang): Say {
    return this.ctx.say(lang);
  }

  searchFacts(text: string) {
    return this.factSearch.search(text);
  }

  /** Answers a parsed request. `today` is YYYY-MM-DD (passed in so the pipeline stays pure and testable). */
  answer(parsed: Parsed, today: string, opts: { quotes?: Quote[] } = {}): Answer {
    const ctx = this.ctx;
    const req = parsed.request;
    const answer = blankAnswer(ctx, req, today);
    answer.notes.push(...parsed.notes);

    if (isMoveWithoutWorkload(req)) return moveOnlyAnswer(ctx, answer);
    if (req.intent === 'help') return helpAnswer(ctx, answer, parsed);
    const say = ctx.say(req.lang);
    if (req.intent === 'summary') {
      answer.kind = 'summary';
      answer.title = say('title.summary');
      // The surfaces answer this from the request history; the pipeline has no history to read.
      answer.notes.push(say('summary.from-history'));
      return answer;
    }
    const missing = missingSlot(ctx, parsed);
    if (missing) {
      answer.kind = 'followup';
      answer.title = say('title.followup');
      answer.followup = missing;
      // A token total with no split: the range it costs, all input to all output, from the catalogue.
      const total = parsed.vague.tokensTotal;
      const bounds = missing.slot === 'tokens' && total ? tokenBounds(ctx, req, total) : [];
      if (bounds.length) answer.notes.push(say('followup.tokens-bounds.lead'), ...bounds);
      // Two models or more: whether one is cheaper whatever the split.
      const verdict = bounds.length > 1 && total ? tokenVerdict(ctx, req, total) : null;
      if (verdict) answer.notes.push(verdict);
      // A model (or models side by side) with no volume ("doubao-1.5-pro-32k price per million tokens?", "qwen-plus vs
      // doubao-pro-32k per million tokens?"): the unit prices, then the volume asked.
      const wl = req.workload;
      const unitAsked =
        (missing.slot === 'size' || missing.slot === 'tokens') && wl.model && !wl.tokensPerMonth && !total;
      const unit = unitAsked ? tokenBounds(ctx, req, null) : [];
      if (unit.length) {
        if (missing.slot === 'size')
          answer.followup = { slot: 'tokens', ask: say('followup.tokens-volume', { models: wl.model as string }) };
        // A quote per million tokens ("0.6 rmb per million input tokens, good?") is checked against them at once.
        const quoted = tokenQuoteCheck(ctx, req, answer.generatedOn);
        if (quoted) answer.notes.push(...quoted.lines);
        else {
          answer.notes.push(say('followup.tokens-unit.lead'), ...unit);
          const cheaper = unit.length > 1 ? tokenVerdict(ctx, req, null) : null;
          if (cheaper) answer.notes.push(cheaper);
        }
      }
      return answer;
    }
    if (req.intent === 'facts') return factsAnswer(ctx, this.factSearch, answer, req);
    return placementAnswer(ctx, answer, parsed, opts.quotes ?? []);
  }
}

/** plan → estimate → rank → advise → questions → assemble. */
function placementAnswer(ctx: PipelineContext, answer: Answer, parsed: Parsed, quotes: Quote[]): Answer {
  const req = parsed.request;
  const say = ctx.say(req.lang);
  const today = answer.generatedOn;
  const { prices: quotePrices, expired } = quotesAsPrices(quotes, today);
  const index: PriceIndex = quotePrices.length ? new OverlayIndex(ctx.index, quotePrices) : ctx.index;
  const billing: BillingMode = req.billing ?? 'payg';

  const planned = plan(ctx, req);
  answer.notes.push(...planned.notes);
  answer.assumptions.push(...planned.assumptions);

  const audience = audienceJurisdiction(ctx, req);
  if (audience === 'mainland' && req.signals.audience.length === 0)
    answer.assumptions.push(
      say('assume.mainland-shoppers', {
        platforms: req.signals.commercePlatforms.map((p) => platformName(p, req.lang)).join('/'),
      }),
    );
  const baseCtx = requestContext(req, audience);
  if (parsed.vague.gpuWithoutModel) baseCtx.hasGpu = true;

  const priced = estimate(ctx, { req, candidates: planned.candidates, billing, index, today });
  answer.currency = priced.currency;
  answer.fx = priced.fx;
  for (const n of priced.notes) if (!answer.notes.includes(n)) answer.notes.push(n);
  for (const q of expired)
    if (priced.options.some((o) => o.provider === q.provider && o.location === q.location))
      answer.notes.push(
        say('quote.expired', {
          reference: q.reference,
          what: `${q.provider} ${q.resource}${q.gpu ? ` ${q.gpu.model}` : ''}`,
          place: placeName(ctx, q.location, req.lang),
          date: q.validUntil,
        }),
      );

  const ranked = rank(ctx, { req, baseCtx, options: priced.options });
  const advice = advise(ctx, { req, audience, options: ranked, currency: answer.currency, say });
  answer.recommendation = advice.recommendation;
  answer.noRecommendation = advice.noRecommendation;
  if (req.quotedPrice) {
    // The equivalent types elsewhere: every provider's default places, priced for the comparison only.
    const wider = { ...req, providers: [], locations: [] };
    const others = estimate(ctx, { req: wider, candidates: plan(ctx, wider).candidates, billing, index, today });
    const seen = new Set(advice.options.map((o) => `${o.provider}|${o.location}`));
    const extra = others.options.filter((o) => !seen.has(`${o.provider}|${o.location}`));
    answer.quoteCheck = quoteCheck(ctx, {
      req,
      options: [...advice.options, ...extra],
      fx: answer.fx ?? others.fx,
      today,
      payg:
        billing === 'payg'
          ? undefined
          : estimate(ctx, { req, candidates: planned.candidates, billing: 'payg', index, today }).options,
    });
  }
  answer.options = select(ctx, req, advice.options, ctx.options.maxOptions);
  answer.moreOptions = advice.options.length - answer.options.length;
  if (req.quotedPrice) {
    // A quote check asks whether the price is fair, not which option to pick: no "no recommendation" line, and with
    // no place named, one place per provider (the one the quote is checked in), not every default region.
    answer.noRecommendation = null;
    if (!req.locations.length) {
      answer.options = answer.options.filter((o, i, all) => all.findIndex((x) => x.provider === o.provider) === i);
      answer.moreOptions = 0;
      const defaults = say('plan.default-regions');
      const places = answer.options.map((o) => `${o.providerName} ${o.regionIds[0] ?? o.locationName}`);
      answer.assumptions = answer.assumptions.map((a) =>
        a === defaults ? say('quote.assumed-region', { places: places.join(say('list.sep')) }) : a,
      );
    }
  }
  if (answer.noRecommendation)
    answer.noRecommendation.differences = differences(req, answer.options, answer.currency, say);
  // Other billing modes only for the options shown: each is a whole estimate again.
  // An option priced only in another billing mode may be priced in another currency too: the catalogue's rate
  // converts it, and the answer then states that rate like any other conversion.
  const altFx = answer.fx ?? catalogFx(ctx);
  // Billing modes side by side: the modes not compared (spot beside pay-as-you-go and subscription) are said once per
  // placement, under its first option, not again under each mode's.
  const placed = new Set<string>();
  for (const o of answer.options) {
    const at = `${o.provider}|${o.location}|${o.side?.model ?? ''}`;
    if (o.side?.billing && placed.has(at)) continue;
    placed.add(at);
    o.alternatives = priceAlternatives(ctx, o, { req, currency: answer.currency, fx: altFx, index, today });
  }
  if (!answer.fx && answer.options.some((o) => o.alternatives.some((a) => a.converted))) answer.fx = altFx;
  answer.kind =
    req.intent === 'questions'
      ? 'questions'
      : req.intent === 'compare'
        ? 'compare'
        : req.intent === 'place'
          ? 'place'
          : 'estimate';

  if (req.intent !== 'questions')
    answer.beyondPrice = beyondPrice(ctx, {
      req,
      options: answer.options,
      audience,
      gpu: Boolean(req.workload.gpu) || parsed.vague.gpuWithoutModel,
    });

  // Questions for the options shown (for a questions intent: every option of the named providers).
  // Every provider the user named gets its questions, not only the two options ranked first (two Alibaba regions
  // would otherwise leave a named Tencent without one).
  const subjects = req.intent === 'questions' ? advice.options : answer.options.slice(0, 2);
  if (req.intent !== 'questions')
    for (const p of req.providers) {
      const first = answer.options.find((o) => o.provider === p);
      if (first && !subjects.some((o) => o.provider === p)) subjects.push(first);
    }
  const asked = questions(ctx, { req, baseCtx, subjects });
  answer.topQuestions = asked.topQuestions;
  answer.questions = asked.questions;
  answerForeignLaw(ctx, req, answer);
  // "A price is not availability: ask for the GPUs to be confirmed" says again what a capacity question among the
  // top questions asks each provider shown: once is enough.
  const capacityAsked = (p: string) =>
    answer.topQuestions.some((q) => q.group === 'capacity-quota' && (q.provider === p || q.provider === null));
  if (answer.beyondPrice && answer.options.every((o) => capacityAsked(o.provider)))
    answer.beyondPrice = answer.beyondPrice.filter((b) => b.topic !== 'capacity');

  return assemble(ctx, answer, billing);
}

/**
 * "Should we leave Alibaba?", "要不要从阿里云迁到华为云？": a provider in use today, nothing said of the workload or
 * where it runs, and not a request for vendor questions, facts or the summary. Answered with what decides a move
 * (move.ts), not with options no one can price.
 */
function isMoveWithoutWorkload(req: Request): boolean {
  const wl = req.workload;
  if (!req.signals.incumbent || !['help', 'compare', 'place', 'estimate'].includes(req.intent)) return false;
  if (req.intent === 'help' && /^\s*(help|帮助|\?)\s*$/i.test(req.topic ?? '')) return false;
  if (req.quotedPrice) return false;
  // A kind of workload, a place or commerce data gives the placement answer something to say (where, and why): it
  // keeps its options, with the move section after them.
  if (wl.kind || req.locations.length || req.signals.commercePlatforms.length) return false;
  return !(hasSize(wl) || wl.model);
}

const PLATFORMS: Record<string, [string, string]> = {
  taobao: ['Taobao', '淘宝'],
  tmall: ['Tmall', '天猫'],
  aliexpress: ['AliExpress', '速卖通'],
  'alibaba.com': ['Alibaba.com', '阿里巴巴国际站'],
  '1688': ['1688', '1688'],
};

function platformName(id: string, lang: Lang): string {
  const names = PLATFORMS[id];
  return names ? (lang === 'zh' ? names[1] : names[0]) : id;
}
