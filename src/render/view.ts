/**
 * Answer → view model: the same data with numbers, dates and labels formatted for people, in the answer's
 * language (numbers and money through src/render/format.ts, words from templates/<lang>/render.yaml).
 * Templates only lay the view out; every surface (console, Slack) renders the same view.
 */
import type { Answer, Money, OptionAnswer, PriceLine } from '../domain/answer.js';
import type { Lang } from '../domain/request.js';
import { type Messages, type Say, sayer } from '../domain/say.js';
import { type Fmt, fmtFor } from './format.js';

/** Chinese names of providers and locations by id/slug (catalogue `names_zh`), for Chinese answers. */
export interface LocalNames {
  providers: Record<string, string>;
  locations: Record<string, string>;
  /** Chinese provider names by their English catalogue name (the weekly summary carries names, not ids). */
  providerByName?: Record<string, string>;
  /** English names by id/slug ("Alibaba Cloud", "Hong Kong"), so an English answer never shows "hong-kong". */
  english?: { providers: Record<string, string>; locations: Record<string, string> };
}

/** What a view needs besides the answer: formatting and words in the answer's language. */
export interface ViewContext {
  lang: Lang;
  fmt: Fmt;
  say: Say;
  names: LocalNames;
}

/** English words used when no messages are loaded (tests that build a Renderer from templates alone). */
const FALLBACK: Record<string, string> = {
  'billing.payg': 'pay-as-you-go',
  'billing.subscription': 'subscription',
  'billing.spot': 'spot',
};

export function viewContext(lang: Lang, messages?: Messages, names?: LocalNames): ViewContext {
  const m = messages ?? ({ en: FALLBACK, zh: FALLBACK } as Messages);
  return {
    lang,
    fmt: fmtFor(lang),
    say: sayer(m, lang),
    names: names ?? { providers: {}, locations: {} },
  };
}

const EN = viewContext('en');

/** English money, kept for callers outside the answer view (history summaries). */
export function fmtMoney(n: number): string {
  return EN.fmt.amount(n);
}

export function fmtUnitPrice(n: number): string {
  return EN.fmt.unitPrice(n, '').trim();
}

export function fmtQty(n: number): string {
  return EN.fmt.qty(n);
}

export function fmtRange(m: Money, currency: string): string {
  return EN.fmt.range(m, currency);
}

function lineView(l: PriceLine, answer: Answer, c: ViewContext) {
  const converted = l.currency !== answer.currency && l.monthlyInAnswerCurrency;
  return {
    label: l.label,
    service: l.service,
    quantity: `${c.fmt.qty(l.quantity)} ${l.quantityUnit}`,
    unitPrice: `${c.fmt.unitPrice(l.unitPrice, l.currency)} ${l.unitPriceUnit}`,
    monthly: c.fmt.range(l.monthly, l.currency),
    converted:
      converted && l.monthlyInAnswerCurrency ? `≈ ${c.fmt.range(l.monthlyInAnswerCurrency, answer.currency)}` : '',
    source: l.source,
    asOf: l.dated === 'retrieved' ? c.say('render.date-read', { date: c.fmt.date(l.asOf) }) : c.fmt.date(l.asOf),
    grade: l.grade === 'official' ? '' : c.say(`render.grade.${l.grade}`),
    age:
      l.ageDays === undefined
        ? ''
        : l.ageDays === 0
          ? c.say('render.age.today')
          : c.say(l.ageDays === 1 ? 'render.age.one' : 'render.age.many', { days: c.fmt.qty(l.ageDays) }),
    stale: l.stale,
    free: l.free ? c.say('render.free', { quantity: c.fmt.qty(l.free.quantity) }) : '',
    notes: l.notes,
    risks: l.risks,
  };
}

function providerName(o: { provider: string; providerName: string }, c: ViewContext): string {
  return c.lang === 'zh' ? (c.names.providers[o.provider] ?? o.providerName) : o.providerName;
}

function locationName(o: { location: string; locationName: string }, c: ViewContext): string {
  return c.lang === 'zh' ? (c.names.locations[o.location] ?? o.locationName) : o.locationName;
}

function scale(m: Money, k: number): Money {
  return { low: m.low * k, expected: m.expected * k, high: m.high * k };
}

function optionView(o: OptionAnswer, answer: Answer, c: ViewContext) {
  const perMonth = c.say('render.per-month');
  const months = answer.request.durationMonths ?? 0;
  return {
    rank: o.rank,
    provider: providerName(o, c),
    location: locationName(o, c),
    region: o.regionIds[0] ?? o.location,
    regions: o.regionIds.join(', '),
    billing: c.say(`billing.${o.billing}`),
    // Models or billing modes side by side: what sets this option apart from one at the same place.
    model: o.side?.model ?? '',
    sideBilling: o.side?.billing ? c.say(`billing.${o.side.billing}`) : '',
    alsoConsider: !o.named,
    reasons: o.reasons.map((r) => ({
      sign: r.score > 0 ? '+' : r.score < 0 ? '−' : '·',
      text: r.text,
      cites: r.cites.join(', '),
    })),
    flags: o.flags.map((f) => ({ text: f.text, cites: f.cites.join(', ') })),
    lines: o.lines.map((l) => lineView(l, answer, c)),
    hasLines: o.lines.length > 0,
    gaps: o.gaps
      .filter((g) => g.component !== 'support')
      .map((g) => ({ what: g.what, why: g.why, question: g.question, calculator: g.calculatorUrl })),
    hasGaps: o.gaps.some((g) => g.component !== 'support'),
    monthly: o.monthly ? c.fmt.range(o.monthly, answer.currency) : '',
    total: o.total ? c.fmt.range(o.total, answer.currency) : '',
    complete: o.complete,
    partial: !o.complete && o.lines.length > 0,
    pricedAlternatives: o.alternatives
      .filter((a) => a.monthly)
      .map((a) => ({
        billing: c.say(`billing.${a.billing}`),
        // Over the term asked ("一年多少钱"), when only another billing mode is priced: its total too.
        monthly: `${c.fmt.range(a.monthly as Money, answer.currency)}${perMonth}${
          !o.lines.length && months > 1 && a.billing === 'payg'
            ? c.say('render.alt-total', {
                months: c.fmt.qty(Math.round(months * 10) / 10),
                total: c.fmt.range(scale(a.monthly as Money, months), answer.currency),
              })
            : ''
        }`,
        note: a.note,
      })),
  };
}

export type AnswerView = ReturnType<typeof toView>;

/** An option's name with the model or billing mode that sets it apart, when models or modes are side by side. */
function sided(o: { model: string; sideBilling: string }, name: string, c: ViewContext): string {
  let out = name;
  if (o.model) out = c.say('option.name.model', { model: o.model, option: out });
  if (o.sideBilling) out = c.say('option.name.billing', { billing: o.sideBilling, option: out });
  return out;
}

/**
 * A reason (or flag) said the same under every option shown decides nothing between them: it is said once, above the
 * options, instead of under each one. Returns those, and takes them out of the options.
 */
function commonPoints(options: ReturnType<typeof optionView>[]) {
  if (options.length < 2) return { reasons: [], flags: [] };
  const everywhere = <T extends { text: string; cites: string }>(pick: (o: (typeof options)[number]) => T[]) => {
    const texts = (pick(options[0] as (typeof options)[number]) ?? []).map((x) => x.text);
    const shared = texts.filter((t) => options.every((o) => pick(o).some((x) => x.text === t)));
    const out = shared.map((t) => {
      const all = options.flatMap((o) => pick(o).filter((x) => x.text === t));
      const cites = [...new Set(all.flatMap((x) => (x.cites ? x.cites.split(', ') : [])))].join(', ');
      return { ...(all[0] as T), cites };
    });
    return out;
  };
  const reasons = everywhere((o) => o.reasons);
  const flags = everywhere((o) => o.flags);
  for (const o of options) {
    o.reasons = o.reasons.filter((r) => !reasons.some((x) => x.text === r.text));
    o.flags = o.flags.filter((f) => !flags.some((x) => x.text === f.text));
  }
  return { reasons, flags };
}

/**
 * A note or warning under a price line said once per answer: two lines from the same source (input and output tokens,
 * Hong Kong and Singapore from one price page) carry the same provenance note and the same "refresh it" warning, and
 * a reader needs them once. The line's own header keeps its source, date and age.
 */
function sayNotesOnce(options: ReturnType<typeof optionView>[]) {
  const seen = new Set<string>();
  for (const o of options)
    for (const l of o.lines) {
      l.notes = l.notes.filter((n) => !seen.has(n) && seen.add(n));
      l.risks = l.risks.filter((r) => !seen.has(r) && seen.add(r));
    }
}

export function toView(answer: Answer, c: ViewContext = EN) {
  const options = answer.options.map((o) => optionView(o, answer, c));
  sayNotesOnce(options);
  const common = commonPoints(options);
  const gaps = options.filter((o) => o.hasGaps);
  const moreQuestions = Math.max(
    0,
    answer.questions.reduce((n, sec) => n + sec.items.length, 0) - answer.topQuestions.length,
  );
  return {
    kind: answer.kind,
    lang: c.lang,
    title: answer.title,
    currency: answer.currency,
    months: answer.request.durationMonths ? c.fmt.qty(Math.round(answer.request.durationMonths * 10) / 10) : '',
    monthsText: answer.request.durationMonths ? months(answer.request.durationMonths, c) : '',
    recommendation: answer.recommendation?.text ?? '',
    noRecommendation: answer.noRecommendation?.text ?? '',
    // What to give or ask next, said when nothing below does (no price lines and no gaps: nothing was sized).
    noRecommendationAsk: answer.options.some((o) => o.lines.length || o.gaps.length)
      ? []
      : (answer.noRecommendation?.ask ?? []),
    differences: (answer.noRecommendation?.differences ?? []).map((d) => ({
      label: d.label,
      // Named with its place as well as its region id: "ap-southeast-1" is Hong Kong at Huawei, Singapore at AWS.
      values: d.values
        .map((v, i) => {
          const o = options[i];
          const where =
            c.lang === 'zh'
              ? `${o?.location ?? ''}（${o?.region ?? ''}）`
              : `${o?.location ?? ''} (${o?.region ?? ''})`;
          return `${o ? sided(o, `${o.provider} ${where}`, c) : ''}: ${v}`;
        })
        .join(' · '),
    })),
    ranked: answer.recommendation !== null,
    quoteCheck: [...(answer.lead ?? []), ...(answer.quoteCheck?.lines ?? [])],
    options,
    commonReasons: common.reasons,
    commonFlags: common.flags,
    hasCommon: common.reasons.length + common.flags.length > 0,
    hasOptions: options.length > 0,
    moreOptions: answer.moreOptions,
    moreOptionsPlural: answer.moreOptions !== 1,
    moreOptionsText: answer.moreOptions
      ? c.say(answer.moreOptions === 1 ? 'render.more-options.one' : 'render.more-options.many', {
          count: answer.moreOptions,
        })
      : '',
    anyPriced: options.some((o) => o.hasLines),
    otherModesPriced: options.some((o) => o.pricedAlternatives.length > 0),
    beyondPrice: (answer.beyondPrice ?? []).map((b) => ({ text: b.text, cites: b.cites.join(', ') })),
    move: answer.move
      ? {
          points: answer.move.points.map((b) => ({ text: b.text, cites: b.cites.join(', ') })),
          questions: answer.move.questions,
        }
      : null,
    unpricedOptions: options.filter((o) => !o.hasLines).map((o) => sided(o, `${o.provider} ${o.region}`, c)),
    gapOptions: gaps,
    hasGaps: gaps.length > 0,
    supportGap: answer.options.some((o) => o.gaps.some((g) => g.component === 'support')),
    topQuestions: answer.topQuestions.map((q) => ({ text: q.text, group: q.group })),
    questions: answer.questions.map((s) => ({ title: s.title, items: s.items.map((q) => ({ text: q.text })) })),
    hasQuestions: answer.topQuestions.length > 0,
    moreQuestionsPlural: moreQuestions !== 1,
    moreQuestions,
    moreQuestionsText: moreQuestions
      ? c.say(moreQuestions === 1 ? 'render.more-questions.one' : 'render.more-questions.many', {
          count: moreQuestions,
        })
      : '',
    facts: answer.facts.map((f) => ({
      id: f.id,
      claim: f.claim,
      source: f.source,
      asOf: c.fmt.date(f.asOf),
      grade: f.grade === 'official' ? '' : c.say(`render.grade.${f.grade}`),
    })),
    hasFacts: answer.facts.length > 0,
    assumptions: answer.assumptions,
    hasAssumptions: answer.assumptions.length > 0,
    notes: answer.notes,
    hasNotes: answer.notes.length > 0,
    followup: answer.followup?.ask ?? '',
    understood: understood(answer, c),
    help: answer.help?.intents ?? [],
    staleDays: answer.staleDays,
    generatedOn: c.fmt.date(answer.generatedOn),
  };
}

function months(n: number, c: ViewContext): string {
  return c.say(n === 1 ? 'render.months.one' : 'render.months.many', { count: c.fmt.qty(Math.round(n * 10) / 10) });
}

/** What the parser understood, in one line, for follow-ups: "2x A10, Hangzhou, 3 months". */
function understood(answer: Answer, c: ViewContext): string {
  const r = answer.request;
  const wl = r.workload;
  const q = c.fmt.qty;
  const parts = [
    wl.kind ? c.say(`render.kind.${wl.kind}`) : null,
    wl.gpu ? c.say('render.understood.gpu', { count: wl.gpu.count, model: wl.gpu.model }) : null,
    wl.vcpu ? c.say('render.understood.vcpu', { count: q(wl.vcpu) }) : null,
    wl.memoryGiB ? c.say('render.understood.memory', { count: q(wl.memoryGiB) }) : null,
    wl.storageGB ? c.say('render.understood.storage', { count: q(wl.storageGB) }) : null,
    wl.egressGBPerMonth ? c.say('render.understood.egress', { count: q(wl.egressGBPerMonth) }) : null,
    wl.model,
    ...r.providers.map((p) => (c.lang === 'zh' ? c.names.providers[p] : c.names.english?.providers[p]) ?? p),
    ...r.locations.map((l) => (c.lang === 'zh' ? c.names.locations[l] : c.names.english?.locations[l]) ?? l),
    r.billing ? c.say(`billing.${r.billing}`) : null,
    r.durationMonths ? months(r.durationMonths, c) : null,
    // "腾讯云 GN7 广州 报价 9000": the quote was read, and is checked once the size is known.
    r.quotedPrice
      ? c.say(`render.understood.quote.${r.quotedPrice.per ?? 'total'}`, {
          amount: r.quotedPrice.currency
            ? c.fmt.money(r.quotedPrice.amount, r.quotedPrice.currency)
            : c.fmt.amount(r.quotedPrice.amount),
        })
      : null,
  ].filter(Boolean);
  return parts.join(c.say('render.list-separator'));
}
