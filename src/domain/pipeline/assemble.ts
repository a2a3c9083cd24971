/**
 * Stage 5, assemble: the title, the assumptions the answer rests on and every fact it cites, put on the Answer.
 */
import type { BillingMode } from '../../catalog/schema.js';
import type { Answer, CitedFact } from '../answer.js';
import { fmtNum, HOURS_PER_MONTH } from '../estimate.js';
import type { Lang, Request } from '../request.js';
import type { PipelineContext } from './context.js';

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
  answer.assumptions.push(...assumptions(answer, req, billing));
  // Every fact cited anywhere in the answer, so a reader can check it.
  const cited = new Set<string>();
  for (const o of answer.options)
    for (const c of [...o.reasons.flatMap((r) => r.cites), ...o.flags.flatMap((f) => f.cites)]) cited.add(c);
  for (const q of req.intent === 'questions' ? answer.questions.flatMap((s) => s.items) : answer.topQuestions)
    for (const c of q.cites) cited.add(c);
  answer.facts = [...cited].flatMap((id) => {
    const f = ctx.factById.get(id);
    return f ? [citeFact(f, req.lang)] : [];
  });
  return answer;
}

function assumptions(answer: Answer, req: Request, billing: BillingMode): string[] {
  const wl = req.workload;
  const a: string[] = [];
  if (answer.options.some((o) => o.lines.length || o.gaps.length)) {
    if ((wl.gpu || wl.vcpu || wl.memoryGiB) && wl.hoursPerMonth === null)
      a.push(`${HOURS_PER_MONTH} hours a month (running all month); say "200 hours a month" otherwise.`);
    if (!req.billing)
      a.push(
        `Billing mode not given: ${billing === 'payg' ? 'pay-as-you-go' : billing} prices shown; add "subscription" or "spot" to the question for the others.`,
      );
    if (!req.durationMonths) a.push('No duration given: monthly figures only.');
    if ((wl.vcpu || wl.memoryGiB) && wl.instances === null && !wl.gpu) a.push('1 instance.');
  }
  if (answer.fx)
    a.push(
      `Converted at 1 ${answer.fx.base} = ${answer.fx.rate} ${answer.fx.counter} (${answer.fx.id}, as of ${answer.fx.asOf}).`,
    );
  else if (answer.options.some((o) => o.lines.length && !o.monthly))
    a.push('No FX rate in the catalogue: totals are shown only where all lines share a currency.');
  return a;
}

function title(ctx: PipelineContext, req: Request, answer: Answer): string {
  const wl = req.workload;
  const what = [
    wl.gpu ? `${wl.gpu.count}x ${wl.gpu.model}` : null,
    wl.vcpu || wl.memoryGiB ? `${wl.vcpu ?? '?'} vCPU / ${wl.memoryGiB ?? '?'} GiB` : null,
    wl.storageGB ? `${fmtNum(wl.storageGB)} GB storage` : null,
    wl.egressGBPerMonth ? `${fmtNum(wl.egressGBPerMonth)} GB/month egress` : null,
    wl.tokensPerMonth && wl.model ? `${wl.model} tokens` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const kind = wl.kind ? `${wl.kind.replace('-', ' ')}` : 'workload';
  const months = req.durationMonths
    ? `, ${fmtNum(req.durationMonths)} month${req.durationMonths === 1 ? '' : 's'}`
    : '';
  if (answer.kind === 'questions') {
    const names = req.providers.map((p) => ctx.index.providers.get(p)?.name ?? p).join(', ');
    return `Questions for ${names || 'the vendor'}${req.signals.renewal ? ' before renewal' : ''}${what ? ` — ${what}` : ''}`;
  }
  const head = { estimate: 'Estimate', place: 'Placement', compare: 'Comparison' }[answer.kind as 'estimate'];
  return `${head ?? 'Answer'}: ${what ? `${what} (${kind})` : kind}${months}`;
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
