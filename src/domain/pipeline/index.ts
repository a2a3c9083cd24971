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
import { type Quote, quotesAsPrices } from '../quote.js';
import type { Lang } from '../request.js';
import { requestContext } from '../rules.js';
import type { Say } from '../say.js';
import { advise } from './advise.js';
import { assemble, blankAnswer } from './assemble.js';
import {
  audienceJurisdiction,
  DEFAULT_OPTIONS,
  makeContext,
  type PipelineContext,
  type PipelineOptions,
} from './context.js';
import { estimate, priceAlternatives } from './estimate.js';
import { FactSearch, factsAnswer } from './facts.js';
import { helpAnswer, missingSlot } from './help.js';
import { plan } from './plan.js';
import { questions } from './questions.js';
import { rank } from './rank.js';

export { DEFAULT_OPTIONS, type PipelineOptions } from './context.js';
export { GROUP_TITLES } from './questions.js';

export class AnswerPipeline {
  readonly ctx: PipelineContext;
  private readonly parser: Parser;
  private readonly factSearch: FactSearch;

  constructor(
    readonly data: ProjectData,
    readonly options: PipelineOptions = DEFAULT_OPTIONS,
  ) {
    this.ctx = makeContext(data, options);
    this.parser = new Parser(data.catalog, data.intents, data.lexicon);
    this.factSearch = new FactSearch(data.catalog.facts, data.lexicon.fact_terms);
  }

  get index() {
    return this.ctx.index;
  }

  parse(text: string): Parsed {
    return this.parser.parse(text);
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

    if (req.intent === 'help') return helpAnswer(ctx, answer, parsed);
    if (req.intent === 'summary') {
      answer.kind = 'summary';
      answer.title = 'Weekly summary';
      // The surfaces answer this from the request history; the pipeline has no history to read.
      answer.notes.push(
        'The weekly summary is built from the request history: `procure summary` or `/procure summary`.',
      );
      return answer;
    }
    const missing = missingSlot(ctx, parsed);
    if (missing) {
      answer.kind = 'followup';
      answer.title = 'One more detail';
      answer.followup = missing;
      return answer;
    }
    if (req.intent === 'facts') return factsAnswer(ctx, this.factSearch, answer, req);
    return placementAnswer(ctx, answer, parsed, opts.quotes ?? []);
  }
}

/** plan → estimate → rank → advise → questions → assemble. */
function placementAnswer(ctx: PipelineContext, answer: Answer, parsed: Parsed, quotes: Quote[]): Answer {
  const req = parsed.request;
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
      `Users taken to be in mainland China, as ${req.signals.commercePlatforms.map(platformName).join('/')} serves mainland shoppers; say where your users are if not.`,
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
        `Vendor quote ${q.reference} (${q.provider} ${q.resource}${q.gpu ? ` ${q.gpu.model}` : ''} in ${q.location}) expired on ${q.validUntil} and was not used.`,
      );

  const ranked = rank(ctx, { req, baseCtx, options: priced.options, currency: answer.currency });
  answer.options = ranked.slice(0, ctx.options.maxOptions);
  answer.moreOptions = Math.max(0, ranked.length - answer.options.length);
  // Other billing modes only for the options shown: each is a whole estimate again.
  for (const o of answer.options)
    o.alternatives = priceAlternatives(ctx, o, { req, currency: answer.currency, fx: answer.fx, index, today });
  answer.kind =
    req.intent === 'questions'
      ? 'questions'
      : req.intent === 'compare'
        ? 'compare'
        : req.intent === 'place'
          ? 'place'
          : 'estimate';

  answer.recommendation = advise(ctx, req, answer.options);

  // Questions for the options shown (for a questions intent: every option of the named providers).
  const subjects = req.intent === 'questions' ? ranked : answer.options.slice(0, 2);
  const asked = questions(ctx, { req, baseCtx, subjects });
  answer.topQuestions = asked.topQuestions;
  answer.questions = asked.questions;

  return assemble(ctx, answer, billing);
}

function platformName(id: string): string {
  return (
    (
      { taobao: 'Taobao', tmall: 'Tmall', aliexpress: 'AliExpress', 'alibaba.com': 'Alibaba.com' } as Record<
        string,
        string
      >
    )[id] ?? id
  );
}
