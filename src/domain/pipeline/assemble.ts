/**
 * Stage 5, assemble: the title, the assumptions the answer rests on and every fact it cites, put on the Answer.
 */
import type { BillingMode } from '../../catalog/schema.js';
import type { Answer, CitedFact } from '../answer.js';
import { fmtNum, HOURS_PER_MONTH, zhCount } from '../estimate.js';
import type { Lang, Request } from '../request.js';
import type { Say } from '../say.js';
import { type PipelineContext, placeName, providerName } from './context.js';
import { whatDecidesMove } from './move.js';
import { monthsText } from './words.js';

/** A blank answer of the request's kind. */
export function blankAnswer(ctx: PipelineContext, req: Request, today: string): Answer {
  return {
    kind: req.intent === 'help' ? 'help' : req.intent,
    lang: req.lang,
    title: '',
    request: req,
    currency: req.currency ?? 'USD',
    fx: null,
    recommendation: null,
    noRecommendation: null,
    quoteCheck: null,
    lead: [],
    options: [],
    moreOptions: 0,
    topQuestions: [],
    questions: [],
    facts: [],
    assumptions: [],
    notes: [],
    followup: null,
    help: null,
    staleDays: ctx.options.staleDays,
    generatedOn: today,
  };
}

/** Finishes a placement answer whose options, recommendation and questions are in place. */
export function assemble(ctx: PipelineContext, answer: Answer, billing: BillingMode): Answer {
  const req = answer.request;
  answer.title = title(ctx, req, answer);
  answer.assumptions.push(...assumptions(ctx, answer, req, billing));
  answer.move = whatDecidesMove(ctx, answer);
  // A move section speaks of capacity on the new side, ICP filing again and data export: not said twice.
  if (answer.move?.points.length && answer.beyondPrice)
    answer.beyondPrice = answer.beyondPrice.filter((b) => !b.topic || !answer.move?.topics?.includes(b.topic));
  // Every fact cited anywhere in the answer, so a reader can check it.
  const cited = new Set<string>();
  for (const o of answer.options)
    for (const c of [...o.reasons.flatMap((r) => r.cites), ...o.flags.flatMap((f) => f.cites)]) cited.add(c);
  for (const b of [...(answer.beyondPrice ?? []), ...(answer.move?.points ?? [])])
    for (const c of b.cites) cited.add(c);
  for (const q of req.intent === 'questions' ? answer.questions.flatMap((s) => s.items) : answer.topQuestions)
    for (const c of q.cites) cited.add(c);
  answer.facts = [...cited].flatMap((id) => {
    const f = ctx.factById.get(id);
    return f ? [citeFact(f, req.lang)] : [];
  });
  return answer;
}

function assumptions(ctx: PipelineContext, answer: Answer, req: Request, billing: BillingMode): string[] {
  const say = ctx.say(req.lang);
  const wl = req.workload;
  const a: string[] = [];
  // A questions answer shows no prices: the hours, billing and duration they assume would be noise.
  if (answer.kind !== 'questions' && answer.options.some((o) => o.lines.length || o.gaps.length)) {
    if ((wl.gpu || wl.vcpu || wl.memoryGiB) && wl.hoursPerMonth === null)
      a.push(say('assume.hours', { hours: HOURS_PER_MONTH }));
    // Billing modes side by side assume none: each is priced as its own option.
    if (!req.billing && !req.sides?.some((x) => x.billing))
      a.push(say('assume.billing', { billing: say(`billing.${billing}`) }));
    if (!req.durationMonths) a.push(say('assume.no-duration'));
    if ((wl.vcpu || wl.memoryGiB) && wl.instances === null && !wl.gpu) a.push(say('assume.one-instance'));
  }
  if (answer.fx && answer.kind !== 'questions')
    a.push(
      say('assume.fx', {
        base: answer.fx.base,
        rate: answer.fx.rate,
        counter: answer.fx.counter,
        id: answer.fx.id,
        asOf: answer.fx.asOf,
      }),
    );
  else if (answer.options.some((o) => o.lines.length && !o.monthly)) a.push(say('assume.no-fx'));
  return a;
}

/** What is asked about, in a few words: "2x A10, 500 GB storage". */
export function workloadWords(say: Say, req: Request): string {
  const wl = req.workload;
  return [
    // A named type first, as the asker wrote it ("10x ecs.g7.xlarge"); its shape follows.
    wl.instanceType
      ? say(wl.instances && wl.instances > 1 ? 'what.type.many' : 'what.type', {
          type: wl.instanceType,
          count: fmtNum(wl.instances ?? 1),
        })
      : null,
    // Each side's own GPU when a comparison's sides name different ones ("1x L20 / 1x L4").
    ...[...new Map([wl.gpu, ...(req.sides ?? []).map((x) => x.gpu)].filter((g) => g !== null).map((g) => [g.model, g]))]
      .map(([, g]) => say('what.gpu', { count: fmtNum(g.count), model: g.model }))
      .slice(0, 2),
    wl.vcpu || wl.memoryGiB ? say('what.size', { vcpu: wl.vcpu ?? '?', memory: wl.memoryGiB ?? '?' }) : null,
    wl.storageGB ? say('what.storage', { gb: fmtNum(wl.storageGB) }) : null,
    wl.egressGBPerMonth ? say('what.egress', { gb: fmtNum(wl.egressGBPerMonth) }) : null,
    wl.tokensPerMonth && wl.model
      ? say('what.tokens', {
          model: [
            ...new Set([
              wl.model,
              ...Object.values(wl.modelByProvider ?? {}),
              ...(req.sides ?? []).flatMap((x) => (x.model ? [x.model] : [])),
            ]),
          ].join(' / '),
          volumes: (['input', 'output'] as const)
            .filter((d) => (wl.tokensPerMonth?.[d] ?? 0) > 0)
            .map((d) => {
              const millions = (wl.tokensPerMonth?.[d] ?? 0) / 1e6;
              return say(`what.tokens.${d}`, { n: say.lang === 'zh' ? zhCount(millions) : fmtNum(millions) });
            })
            .join(say('what.tokens.sep')),
        })
      : null,
  ]
    .filter(Boolean)
    .join(say('list.sep'));
}

function title(ctx: PipelineContext, req: Request, answer: Answer): string {
  const say = ctx.say(req.lang);
  const what = workloadWords(say, req);
  const kind = say(`kind.${req.workload.kind ?? 'any'}`);
  const months = req.durationMonths ? monthsText(say, req.durationMonths) : '';
  if (answer.kind === 'questions') {
    const names = req.providers
      .map((p) => {
        const provider = ctx.index.providers.get(p);
        return provider ? providerName(provider, req.lang) : p;
      })
      .join(say('list.sep'));
    return say(req.signals.renewal ? 'title.questions.renewal' : 'title.questions', {
      vendor: names || say('title.the-vendor'),
      what: what ? say('title.what-suffix', { what }) : '',
    });
  }
  const head = req.quotedPrice
    ? say('title.quote-check')
    : say(`title.${answer.kind === 'place' || answer.kind === 'compare' ? answer.kind : 'estimate'}`);
  // "2x A10" alone when the kind of workload was not said, not "2x A10 (workload)"; nor "storage (storage)" or
  // "tokens (model API)" when the size already says the kind. A type whose size is not catalogued is named itself,
  // not "workload".
  const wl = req.workload;
  const kindSaid =
    // "200 TB egress a month from OSS": egress is what storage sends out, not a second kind to name.
    (wl.kind === 'storage' && (wl.storageGB || wl.egressGBPerMonth) && !wl.vcpu && !wl.gpu) ||
    (wl.kind === 'model-api' && wl.tokensPerMonth && !wl.vcpu && !wl.gpu);
  // A placement with no workload named ("best region for players in Manila and Jakarta"): who it is for, not "workload".
  if (!what && !wl.kind && !wl.instanceType && answer.kind === 'place') {
    const users = req.signals.audience.map((slug) => placeName(ctx, slug, req.lang)).join(say('list.sep'));
    return users ? say('title.plain', { head, subject: say('title.for-users', { places: users }) }) : head;
  }
  const subject = what
    ? wl.kind && !kindSaid
      ? say('title.what-kind', { what, kind })
      : what
    : (wl.instanceType ?? kind);
  // "on-demand vs 1yr reserved": the modes set side by side are what the comparison is of.
  const modes = (req.sides ?? []).flatMap((x) => (x.billing ? [say(`billing.${x.billing}`)] : []));
  const named = modes.length > 1 ? say('title.modes', { subject, modes: modes.join(say('title.modes.sep')) }) : subject;
  return months
    ? say('title.with-months', { head, subject: named, months })
    : say('title.plain', { head, subject: named });
}

/** A fact as cited in an answer: its claim in the answer's language when catalogued (claim_zh), else as written. */
export function citeFact(
  f: {
    id: string;
    claim: string;
    claim_zh?: string | undefined;
    provider: string | null;
    source: string;
    as_of: string;
    grade: string;
  },
  lang: Lang = 'en',
): CitedFact {
  const claim = lang === 'zh' && f.claim_zh ? f.claim_zh : f.claim;
  return { id: f.id, claim, provider: f.provider, source: f.source, asOf: f.as_of, grade: f.grade };
}
