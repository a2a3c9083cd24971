/**
 * Answer → view model: the same data with numbers, dates and labels formatted for people.
 * Templates only lay the view out; every surface (console, Slack) renders the same view.
 */
import type { Answer, Money, OptionAnswer, PriceLine } from '../domain/answer.js';

const BILLING_NAMES = { payg: 'pay-as-you-go', subscription: 'subscription', spot: 'spot' } as const;

/** Formatters made once (toLocaleString builds one on every call). */
const MONEY_0 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
const MONEY_2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const MONEY_3 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 3 });
const MONEY_4 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const UP_TO_6 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const UP_TO_2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function fmtMoney(n: number): string {
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : abs >= 0.01 ? 3 : 4;
  return (abs >= 100 ? MONEY_0 : digits === 2 ? MONEY_2 : digits === 3 ? MONEY_3 : MONEY_4).format(n);
}

export function fmtUnitPrice(n: number): string {
  return UP_TO_6.format(n);
}

export function fmtQty(n: number): string {
  return UP_TO_2.format(n);
}

export function fmtRange(m: Money, currency: string): string {
  const e = `${currency} ${fmtMoney(m.expected)}`;
  if (Math.abs(m.low - m.high) < 1e-9) return e;
  return `${e} (${fmtMoney(m.low)}–${fmtMoney(m.high)})`;
}

function lineView(l: PriceLine, answer: Answer) {
  const converted = l.currency !== answer.currency && l.monthlyInAnswerCurrency;
  return {
    label: l.label,
    service: l.service,
    quantity: `${fmtQty(l.quantity)} ${l.quantityUnit}`,
    unitPrice: `${l.currency} ${fmtUnitPrice(l.unitPrice)} ${l.unitPriceUnit}`,
    monthly: fmtRange(l.monthly, l.currency),
    converted:
      converted && l.monthlyInAnswerCurrency ? `≈ ${fmtRange(l.monthlyInAnswerCurrency, answer.currency)}` : '',
    source: l.source,
    asOf: l.dated === 'retrieved' ? `${l.asOf} (date read; the page shows none)` : l.asOf,
    age:
      l.ageDays === undefined
        ? ''
        : l.ageDays === 0
          ? 'today'
          : `${fmtQty(l.ageDays)} day${l.ageDays === 1 ? '' : 's'} old`,
    grade: l.grade === 'official' ? '' : l.grade,
    stale: l.stale,
    free: l.free ? `${fmtQty(l.free.quantity)} free` : '',
    notes: l.notes,
    risks: l.risks,
  };
}

function optionView(o: OptionAnswer, answer: Answer) {
  return {
    rank: o.rank,
    provider: o.providerName,
    location: o.locationName,
    region: o.regionIds[0] ?? o.location,
    regions: o.regionIds.join(', '),
    billing: BILLING_NAMES[o.billing],
    alsoConsider: !o.named,
    reasons: o.reasons.map((r) => ({
      sign: r.score > 0 ? '+' : r.score < 0 ? '−' : '·',
      text: r.text,
      cites: r.cites.join(', '),
    })),
    flags: o.flags.map((f) => ({ text: f.text, cites: f.cites.join(', ') })),
    lines: o.lines.map((l) => lineView(l, answer)),
    hasLines: o.lines.length > 0,
    gaps: o.gaps
      .filter((g) => g.component !== 'support')
      .map((g) => ({ what: g.what, why: g.why, question: g.question, calculator: g.calculatorUrl })),
    hasGaps: o.gaps.some((g) => g.component !== 'support'),
    monthly: o.monthly ? fmtRange(o.monthly, answer.currency) : '',
    total: o.total ? fmtRange(o.total, answer.currency) : '',
    complete: o.complete,
    partial: !o.complete && o.lines.length > 0,
    pricedAlternatives: o.alternatives
      .filter((a) => a.monthly)
      .map((a) => ({
        billing: BILLING_NAMES[a.billing],
        monthly: `${fmtRange(a.monthly as Money, answer.currency)}/month`,
        note: a.note,
      })),
  };
}

export type AnswerView = ReturnType<typeof toView>;

export function toView(answer: Answer) {
  const options = answer.options.map((o) => optionView(o, answer));
  const gaps = options.filter((o) => o.hasGaps);
  return {
    kind: answer.kind,
    title: answer.title,
    currency: answer.currency,
    months: answer.request.durationMonths ? fmtQty(answer.request.durationMonths) : '',
    recommendation: answer.recommendation?.text ?? '',
    noRecommendation: answer.noRecommendation?.text ?? '',
    differences: (answer.noRecommendation?.differences ?? []).map((d) => ({
      label: d.label,
      values: d.values.map((v, i) => `${options[i]?.provider ?? ''} ${options[i]?.region ?? ''}: ${v}`).join(' · '),
    })),
    ranked: answer.recommendation !== null,
    quoteCheck: [...(answer.lead ?? []), ...(answer.quoteCheck?.lines ?? [])],
    options,
    hasOptions: options.length > 0,
    moreOptions: answer.moreOptions,
    moreOptionsPlural: answer.moreOptions !== 1,
    anyPriced: options.some((o) => o.hasLines),
    unpricedOptions: options.filter((o) => !o.hasLines).map((o) => `${o.provider} ${o.region}`),
    gapOptions: gaps,
    hasGaps: gaps.length > 0,
    supportGap: answer.options.some((o) => o.gaps.some((g) => g.component === 'support')),
    topQuestions: answer.topQuestions.map((q) => ({ text: q.text, group: q.group })),
    questions: answer.questions.map((s) => ({ title: s.title, items: s.items.map((q) => ({ text: q.text })) })),
    hasQuestions: answer.topQuestions.length > 0,
    moreQuestionsPlural:
      answer.questions.reduce((n, sec) => n + sec.items.length, 0) - answer.topQuestions.length !== 1,
    moreQuestions: Math.max(
      0,
      answer.questions.reduce((n, sec) => n + sec.items.length, 0) - answer.topQuestions.length,
    ),
    facts: answer.facts.map((f) => ({
      id: f.id,
      claim: f.claim,
      source: f.source,
      asOf: f.asOf,
      grade: f.grade === 'official' ? '' : f.grade,
    })),
    hasFacts: answer.facts.length > 0,
    assumptions: answer.assumptions,
    hasAssumptions: answer.assumptions.length > 0,
    notes: answer.notes,
    hasNotes: answer.notes.length > 0,
    followup: answer.followup?.ask ?? '',
    understood: understood(answer),
    help: answer.help?.intents ?? [],
    staleDays: answer.staleDays,
    generatedOn: answer.generatedOn,
  };
}

/** What the parser understood, in one line, for follow-ups: "Understood: 2x A10, Hangzhou, 3 months." */
function understood(answer: Answer): string {
  const r = answer.request;
  const wl = r.workload;
  const parts = [
    wl.kind,
    wl.gpu ? `${wl.gpu.count}x ${wl.gpu.model}` : null,
    wl.vcpu ? `${wl.vcpu} vCPU` : null,
    wl.memoryGiB ? `${wl.memoryGiB} GiB memory` : null,
    wl.storageGB ? `${fmtQty(wl.storageGB)} GB storage` : null,
    wl.egressGBPerMonth ? `${fmtQty(wl.egressGBPerMonth)} GB/month egress` : null,
    wl.model,
    ...r.providers,
    ...r.locations,
    r.billing ? BILLING_NAMES[r.billing] : null,
    r.durationMonths ? `${fmtQty(r.durationMonths)} months` : null,
  ].filter(Boolean);
  return parts.join(', ');
}
