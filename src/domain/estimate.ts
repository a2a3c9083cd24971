/**
 * Cost breakdown for one candidate placement: lines with unit price, quantity, source and as-of,
 * free allowances applied, spot ranges and renewal risk; gaps for what the catalogue cannot price.
 * Sizes are priced on real instance types (src/domain/sizing.ts); every line says its age.
 */
import type { Adjustment, Allowance, BillingMode, Currency, Price, PriceKind, Provider } from '../catalog/schema.js';
import type { Component, Gap, Money, PriceLine } from './answer.js';
import { inScope, normModel, type PlaceInfo, type PriceIndex } from './catalog-index.js';
import { egressElsewhere, gpuElsewhere, modelElsewhere, regionList } from './elsewhere.js';
import { fmtFor } from './format.js';
import { formatDecimal } from './number-format.js';
import type { Lang, Request } from './request.js';
import { modelFor, sideFor } from './request-values.js';
import type { Say } from './say.js';
import {
  betterRow,
  fittingTypes,
  type GpuChoice,
  gpuChoices,
  hintsOf,
  type SizeCategory,
  type SizingHints,
  type TypeCandidate,
} from './sizing.js';
import { storagePlan } from './storage-plan.js';

export const HOURS_PER_MONTH = 730;

/** Providers whose list prices `procure catalog refresh --public` re-reads (issue 13, item 4). */
export const PUBLIC_REFRESH_PROVIDERS = ['alibaba', 'tencent', 'huawei', 'volcengine', 'aws'] as const;

export interface EstimateInput {
  req: Request;
  provider: Provider;
  place: PlaceInfo;
  billing: BillingMode;
  currency: Currency;
  index: PriceIndex;
  today: string;
  staleDays: number;
  /** The answer's sentences in the asker's language (Domain.say(req.lang)). */
  say: Say;
}

export interface EstimateResult {
  lines: PriceLine[];
  gaps: Gap[];
  /** Sentences about this option's pricing that are not tied to one line. */
  notes: string[];
  /** Some line's expected figure is the midpoint of a discount range, not a price: never call it "fully priced". */
  midpoint: boolean;
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
const money = (n: number): Money => ({ low: n, expected: n, high: n });
const scale = (m: Money, f: number): Money => ({ low: m.low * f, expected: m.expected * f, high: m.high * f });

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * One estimate's inputs and results so far. The steps below are module functions taking it, not closures made
 * per call: an answer runs many estimates (every candidate, then the other billing modes of those shown).
 */
interface Est {
  input: EstimateInput;
  req: Request;
  provider: Provider;
  place: PlaceInfo;
  billing: BillingMode;
  index: PriceIndex;
  say: Say;
  hints: SizingHints;
  /** The provider's region id shown in sentences. */
  region: string;
  hours: number;
  lines: PriceLine[];
  gaps: Gap[];
  notes: string[];
  /** The place's prices by kind: looked up once per estimate. */
  rows?: Map<PriceKind, Price[]>;
  bySku?: Record<'subscription' | 'spot', Map<PriceKind, Map<string | undefined, Price[]>>>;
}

const NONE: Price[] = [];

function rowsOf(e: Est, kind: PriceKind): Price[] {
  e.rows ??= new Map();
  let rows = e.rows.get(kind);
  if (!rows) {
    rows = e.index.pricesFor(e.provider.id, kind, e.place.location, e.place.jurisdiction);
    e.rows.set(kind, rows);
  }
  return rows;
}

function inPlace(e: Est, p: Price): boolean {
  return inScope(p.scope, e.place.location, e.place.jurisdiction);
}

/** The place's rows of a kind and billing mode with this SKU: from the type's own rows when it has a name. */
function rowsForSku(e: Est, kind: PriceKind, billing: 'subscription' | 'spot', sku: string | undefined): Price[] {
  if (sku) return e.index.skuRows(e.provider.id, sku, kind).filter((q) => q.billing === billing && inPlace(e, q));
  e.bySku ??= { subscription: new Map(), spot: new Map() };
  let bySku = e.bySku[billing].get(kind);
  if (!bySku) {
    bySku = new Map();
    for (const q of rowsOf(e, kind)) {
      if (q.billing !== billing) continue;
      const list = bySku.get(q.sku);
      if (list) list.push(q);
      else bySku.set(q.sku, [q]);
    }
    e.bySku[billing].set(kind, bySku);
  }
  return bySku.get(sku) ?? NONE;
}

function gapOf(e: Est, component: Component, what: string, why: string, question: string): void {
  // Two gaps closed by one question (input and output tokens of one model) are one gap: the question is asked once.
  const same = e.gaps.find((g) => g.question === question);
  if (same) {
    same.what += e.say('list.sep') + what;
    same.why += e.say.lang === 'zh' ? `；${why}` : `; ${why}`;
    return;
  }
  e.gaps.push({
    component,
    what,
    why,
    question,
    calculatorUrl: e.provider.calculator_url,
    pricingUrl: e.provider.pricing_url,
  });
}

/** For spot questions the catalogue may know the discount range even when it lacks the base price. */
function spotHintOf(e: Est, kind: PriceKind): string {
  if (e.billing !== 'spot') return '';
  const a = e.index.adjustmentsFor(e.provider.id, 'spot-range', kind)[0];
  if (!a) return '';
  const range =
    a.low_factor !== undefined && a.high_factor !== undefined
      ? e.say('estimate.spot.range-words', { low: pct(a.low_factor), high: pct(a.high_factor) })
      : e.say('estimate.spot.capped-words');
  return e.say('estimate.spot.hint', { provider: providerName(e), range, id: a.id });
}

/** The place's prices of a kind that pass `pred` (a new array; without `pred`, the shared list: do not change it). */
function findIn(e: Est, kind: PriceKind, pred?: (p: Price) => boolean): Price[] {
  const all = rowsOf(e, kind);
  return pred ? all.filter(pred) : all;
}

/** A monthly subscription price of an instance type prices whole instance-months, whatever the hours used. */
function perMonthOfHourly(p: Price, q: Price): boolean {
  return p.unit === 'instance-hour' && q.unit === 'month' && !!p.sku;
}

function termOf(q: Price): number {
  return q.term_months ?? 1;
}

function billingWord(e: Est, billing: BillingMode = e.billing): string {
  // "on-demand vs 1yr reserved": the subscription side is a term of whole years; its gap asks for that term's price.
  const months = e.req.durationMonths;
  if (billing === 'subscription' && months && months % 12 === 0 && e.req.sides?.some((x) => x.billing === billing))
    return e.say('estimate.billing.subscription-years', { years: months / 12 });
  return e.say(`estimate.billing.${billing}`);
}

/** The provider's name in the answer's language. */
function providerName(e: Est): string {
  return (e.say.lang === 'zh' && e.provider.names_zh[0]) || e.provider.name;
}

/** The refresh that renews a price of this provider, or null when only a person can (a quote, a page read by hand). */
export function refreshCommand(provider: string, grade: string, kind: PriceKind): string | null {
  if (grade === 'vendor-quote' || (kind !== 'compute' && kind !== 'gpu-instance')) return null;
  return (PUBLIC_REFRESH_PROVIDERS as readonly string[]).includes(provider)
    ? `procure catalog refresh --public --provider ${provider}`
    : null;
}

/** The zones a price row says the type was sold out in when it was read (Tencent's SOLD_OUT), true as of its date. */
export function soldOutZones(p: Price): { zone: string }[] {
  return (p.zones ?? []).filter((z) => z.status === 'sold-out');
}

/** A pay-as-you-go price turned into a line for the requested billing mode; null when that mode can't be priced. */
function pricedLine(
  e: Est,
  p: Price,
  component: Component,
  label: string,
  quantity: number,
  quantityUnit: string,
): PriceLine | null {
  const { req, provider, billing, index, input, say } = e;
  let base = p;
  let spot: Adjustment | undefined;
  let observed: { low: number; high: number; n: number } | undefined;
  const risks: string[] = [];
  const lineNotes: string[] = [];
  if (billing === 'subscription' && p.billing !== 'subscription') {
    const sameSku = rowsForSku(e, p.kind, 'subscription', p.sku);
    if (sameSku.length === 0) return null;
    const subs = sameSku.filter((q) => q.unit === p.unit || perMonthOfHourly(p, q));
    // The longest term that the asked duration fills (a 3-month need is not a 1-year commitment), else the shortest.
    const months = req.durationMonths ?? 1;
    const fitting = subs.filter((q) => termOf(q) <= months).sort((a, b) => termOf(b) - termOf(a));
    const sub = fitting[0] ?? subs.sort((a, b) => termOf(a) - termOf(b))[0];
    if (!sub) return null;
    base = sub;
    lineNotes.push(
      termOf(sub) > months
        ? say('estimate.sub.longer', { months: termOf(sub), asked: fmtNum(months) })
        : say('estimate.sub.term', { months: termOf(sub) }),
    );
  }
  if (billing === 'spot' && p.billing !== 'spot') {
    const rows = rowsForSku(e, p.kind, 'spot', p.sku).filter((q) => q.unit === p.unit);
    spot = index
      .adjustmentsFor(provider.id, 'spot-range', p.kind)
      .find((a) => matchesService(a, p) && a.low_factor !== undefined && a.high_factor !== undefined);
    if (rows.length) {
      // The freshest observed spot price; several (per zone) are a range of what was seen, not a guess.
      const latest = rows.reduce((a, b) => (b.as_of > a.as_of ? b : a));
      const same = rows.filter((q) => q.as_of === latest.as_of && q.currency === latest.currency);
      const prices = same.map((q) => q.price);
      base = same.reduce((a, b) => (b.price < a.price ? b : a));
      const low = Math.min(...prices);
      const high = Math.max(...prices);
      if (high > low) {
        observed = { low, high, n: same.length };
        lineNotes.push(
          say('estimate.spot.observed-range', {
            date: latest.as_of,
            n: same.length,
            low: fmtFor(req.lang).unitPrice(low, latest.currency),
            high: fmtFor(req.lang).unitPrice(high, latest.currency),
            currency: latest.currency,
          }),
        );
      } else lineNotes.push(say('estimate.spot.observed', { date: latest.as_of }));
      if (spot?.risk) risks.push(inLang(spot.risk, spot.risk_zh, req.lang));
      spot = undefined;
    } else if (!spot) return null;
  }
  if (perMonthOfHourly(p, base)) {
    quantity = quantity / e.hours;
    quantityUnit = 'instance-months';
  }
  const monthlyExpected = quantity * base.price;
  let monthly = money(monthlyExpected);
  let midpoint = false;
  if (observed) {
    monthly = {
      low: quantity * observed.low,
      expected: quantity * base.price,
      high: quantity * observed.high,
    };
  }
  if (spot) {
    const low = monthlyExpected * (spot.low_factor ?? 1);
    const high = monthlyExpected * (spot.high_factor ?? 1);
    monthly = { low, expected: (low + high) / 2, high };
    midpoint = true;
    lineNotes.push(say('estimate.spot.range', { low: pct(spot.low_factor), high: pct(spot.high_factor), id: spot.id }));
    if (spot.risk) risks.push(inLang(spot.risk, spot.risk_zh, req.lang));
  }
  for (const inc of index.adjustmentsFor(provider.id, 'renewal-increase', p.kind)) {
    if (!matchesService(inc, p)) continue;
    const before = inc.effective_from && base.as_of < inc.effective_from;
    if (before) {
      monthly = { ...monthly, high: monthly.high * (inc.high_factor ?? 1) };
      risks.push(
        say('estimate.renewal.before', {
          date: inc.effective_from ?? '',
          low: pct((inc.low_factor ?? 1) - 1),
          high: pct((inc.high_factor ?? 1) - 1),
          id: inc.id,
        }),
      );
    } else if (req.signals.renewal || billing === 'subscription') {
      risks.push(
        say('estimate.renewal.risk', {
          risk: inc.risk ? inLang(inc.risk, inc.risk_zh, req.lang) : say('estimate.renewal.default'),
          id: inc.id,
        }),
      );
    }
  }
  // Caveats the row carries (an account price, a system disk included, a fixed FX rate) and its grade.
  if (base.note) lineNotes.push(inLang(base.note, base.note_zh, req.lang));
  if (base.grade === 'second-hand' && !/second-hand/i.test(base.note ?? ''))
    lineNotes.push(say('estimate.second-hand', { provider: providerName(e) }));
  for (const z of soldOutZones(base)) risks.push(say('estimate.sold-out', { zone: z.zone, date: base.as_of }));
  // Age: every line carries it; past the staleness age it says how to renew the price.
  const ageDays = Math.max(0, daysBetween(base.as_of, input.today));
  const stale = ageDays > input.staleDays;
  const command = refreshCommand(provider.id, base.grade, base.kind);
  if (stale)
    risks.push(
      base.grade === 'vendor-quote'
        ? say('estimate.stale.quote', {
            date: base.as_of,
            days: ageDays,
            limit: input.staleDays,
            provider: providerName(e),
          })
        : command
          ? say('estimate.stale.refresh', { date: base.as_of, days: ageDays, limit: input.staleDays, command })
          : say('estimate.stale.manual', { date: base.as_of, days: ageDays, limit: input.staleDays }),
    );
  return {
    component,
    label,
    service: base.service,
    quantity: round(quantity, 3),
    quantityUnit: say(`estimate.qty.${quantityUnit.toLowerCase().replace(/ /g, '-')}`),
    unitPrice: base.price,
    priceUnit: base.unit,
    // A spot range is the pay-as-you-go price times the provider's stated range: the line's arithmetic says so.
    unitPriceUnit:
      say(`estimate.unit.${base.unit}`) +
      (spot ? say('estimate.spot.factor', { low: pct(spot.low_factor), high: pct(spot.high_factor) }) : ''),
    currency: base.currency,
    monthly: roundMoney(monthly),
    monthlyInAnswerCurrency: null,
    priceId: base.id,
    source: base.source,
    asOf: base.as_of,
    dated: base.dated,
    grade: base.grade,
    basis: base.grade === 'vendor-quote' ? 'quote' : (base.price_basis ?? 'list'),
    stale,
    ageDays,
    refresh: stale ? command : null,
    midpoint,
    notes: lineNotes,
    risks,
  };
}

/** A catalogue text in the answer's language: its Chinese version in a Chinese answer when the data has one. */
function inLang(en: string, zh: string | undefined, lang: Lang): string {
  return lang === 'zh' && zh ? zh : en;
}

function addOrGapOf(e: Est, line: PriceLine | null, component: Component, what: string, question: string): void {
  if (line) e.lines.push(line);
  else gapOf(e, component, what, e.say('estimate.gap.no-billing', { billing: billingWord(e) }), question);
}

function shapeWords(p: Price): string {
  return [p.vcpu && `${p.vcpu} vCPU`, p.memoryGiB && `${p.memoryGiB} GiB`].filter(Boolean).join(', ');
}

function typeLabel(p: Price, n: number, c?: TypeCandidate): string {
  const shape = c ? shapeWords({ ...p, vcpu: c.vcpu || p.vcpu, memoryGiB: c.memoryGiB || p.memoryGiB }) : shapeWords(p);
  const gpu = p.gpu ? `${p.gpu.count}x ${p.gpu.model}` : '';
  const inner = [gpu, shape].filter(Boolean).join(', ');
  return `${p.sku ?? p.service}${inner ? ` (${inner})` : ''} × ${fmtNum(n)}`;
}

/** The alternatives are listed at their pay-as-you-go price: said so when the line is priced another way. */
function alsoFitsKey(e: Est): string {
  return e.billing === 'payg' ? 'estimate.alt.also-fits' : 'estimate.alt.also-fits-payg';
}

/** "ecs.g7a.2xlarge CNY 1.23/h, ecs.g8y.2xlarge CNY 1.31/h": the next types that fit, one line away. */
function alsoFits(e: Est, others: readonly TypeCandidate[], n = 1): string {
  return others
    .map((c) =>
      e.say('estimate.alt.item', {
        type: n > 1 ? `${fmtNum(n)} × ${c.sku}` : c.sku,
        currency: c.row.currency,
        price: fmtFor(e.say.lang).unitPrice(round(c.row.price * n, 4), c.row.currency),
      }),
    )
    .join(e.say('estimate.list.sep'));
}

function regionOfLocation(provider: Provider, location: string): string {
  return provider.regions.find((r) => r.location === location && !r.restricted)?.id ?? location;
}

/** Where a type is priced (pay-as-you-go), as the provider's region ids. */
/** Where the type is priced pay-as-you-go: up to five regions, cheapest first (then the rest counted). */
function wherePriced(e: Est, rows: readonly Price[]): string {
  const cheapest = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.price - b.price)) {
    if (r.billing !== 'payg') continue;
    const places = r.region
      ? [r.region]
      : r.scope.locations
        ? r.scope.locations.map((l) => regionOfLocation(e.provider, l))
        : [r.scope.jurisdiction === 'mainland' ? e.say('estimate.where.mainland') : e.say('estimate.where.outside')];
    for (const p of places) if (!cheapest.has(p)) cheapest.set(p, r.price);
  }
  return regionList(e.index, e.provider, [...cheapest.keys()], e.say);
}

/**
 * The type's lowest pay-as-you-go price in a region where it is priced, named with its region and date, as a
 * reference to negotiate from while the asked region's price is missing.
 */
function referenceElsewhere(e: Est, rows: readonly Price[]): string {
  const priced = rows.filter((r) => r.billing === 'payg' && r.unit === 'instance-hour' && r.region);
  // Prices compared only within one currency.
  const pool = priced.filter((r) => r.currency === priced[0]?.currency);
  if (pool.length === 0) return '';
  const ref = pool.reduce((a, b) => (b.price < a.price ? b : a));
  return e.say('estimate.named.reference', {
    price: fmtFor(e.say.lang).unitPrice(ref.price, ref.currency),
    region: ref.region ?? '',
    asOf: ref.as_of,
  });
}

/** A named instance type: that type in this place, priced exactly; where it is priced instead; or a like-sized type. */
function priceNamedType(e: Est, sku: string, instances: number): void {
  const { index, provider, say, region } = e;
  const rows = index.skuRows(provider.id, sku);
  const question = say('estimate.q.type', { billing: billingWord(e), type: sku, region });
  if (rows.length === 0) {
    const owners = index.providersOfSku(sku).filter((p) => p !== provider.id);
    const shape = owners.length ? index.skuRows(owners[0] as string, sku).find((r) => r.vcpu || r.gpu) : undefined;
    if (shape) {
      const ownerName = index.providers.get(owners[0] as string)?.name ?? (owners[0] as string);
      const said = say('estimate.named.other-provider', { type: sku, owner: ownerName, provider: providerName(e) });
      const done = shape.gpu
        ? priceGpu(e, shape.gpu.model, shape.gpu.count, instances, shape.vcpu ?? 0, shape.memoryGiB ?? 0)
        : priceSize(e, shape.vcpu ?? 0, shape.memoryGiB ?? 0, instances);
      if (done) e.lines[e.lines.length - 1]?.notes.unshift(said);
      else
        gapOf(
          e,
          shape.gpu ? 'gpu' : 'compute',
          sku,
          say('estimate.named.no-like', { type: sku, owner: ownerName, region }),
          question,
        );
      return;
    }
    gapOf(e, 'compute', sku, say('estimate.named.unknown', { type: sku, provider: providerName(e) }), question);
    return;
  }
  const here = rows.filter((r) => r.billing === 'payg' && r.unit === 'instance-hour' && inPlace(e, r));
  const component: Component = rows.some((r) => r.kind === 'gpu-instance' || r.gpu) ? 'gpu' : 'compute';
  if (here.length === 0) {
    const where = wherePriced(e, rows);
    gapOf(
      e,
      component,
      sku,
      where
        ? say('estimate.named.elsewhere', { type: sku, region, where }) + referenceElsewhere(e, rows)
        : say('estimate.named.no-payg', { type: sku, region }),
      question,
    );
    return;
  }
  const row = here.reduce(betterRow);
  const line = pricedLine(e, row, component, typeLabel(row, instances), instances * e.hours, 'instance-hours');
  if (line) line.notes.unshift(say('estimate.named.exact', { type: row.sku ?? sku, region }));
  addOrGapOf(e, line, component, sku, question);
}

const CATEGORY_KEYS: Record<SizeCategory, string> = {
  general: 'estimate.category.general',
  compute: 'estimate.category.compute',
  memory: 'estimate.category.memory',
};

/** The sentences on a sized line, per candidate list: the same for every billing mode and candidate of a place. */
const sizeNotesMemo = new WeakMap<readonly TypeCandidate[], Map<string, string[]>>();

/** A CPU size priced on the cheapest fitting type of the asked category; false when no type fits here. */
function priceSize(e: Est, vcpu: number, memoryGiB: number, instances: number): boolean {
  const { index, provider, place, say, region } = e;
  const cands = index.typesFor(provider.id, 'compute', place.location, place.jurisdiction);
  if (cands.length === 0) return false;
  const fit = fittingTypes(cands, vcpu, memoryGiB, e.hints.family, undefined, e.hints.arch);
  if (!fit) return false;
  const types = fit.types;
  for (let i = 0; i < types.length; i++) {
    const c = types[i] as TypeCandidate;
    const line = pricedLine(e, c.row, 'compute', typeLabel(c.row, instances, c), instances * e.hours, 'instance-hours');
    if (!line) continue;
    let memo = sizeNotesMemo.get(cands);
    if (!memo) {
      memo = new Map();
      sizeNotesMemo.set(cands, memo);
    }
    const key = `${say.lang}|${vcpu}|${memoryGiB}|${e.hints.family}|${e.hints.arch}|${region}|${c.sku}|${e.billing}`;
    let said = memo.get(key);
    if (!said) {
      const vars = {
        // The chosen type's own category when it is one asked for ("8c16g" may be priced on a compute type).
        category: say(
          CATEGORY_KEYS[
            fit.tier !== 'other' && c.category && c.category in CATEGORY_KEYS
              ? (c.category as SizeCategory)
              : e.hints.family
          ],
        ),
        vcpu: vcpu || '?',
        memory: memoryGiB || '?',
        region,
        family: c.family,
        other: c.category && c.category in CATEGORY_KEYS ? say(CATEGORY_KEYS[c.category as SizeCategory]) : '',
      };
      const others = types.filter((_, j) => j !== i).slice(0, 2);
      said = [say(`estimate.size.${fit.tier}`, vars)];
      // ARM when asked for, said; an architecture other than the asked one (no type of it fits here), said why.
      if (fit.otherArch) said.push(say(`estimate.arch.only-${fit.otherArch}`, { type: c.sku, region }));
      else if (e.hints.arch === 'arm64') said.push(say('estimate.arch.arm64-asked', { type: c.sku }));
      if (others.length) said.push(say(alsoFitsKey(e), { list: alsoFits(e, others) }));
      if (memo.size > 500) memo.clear();
      memo.set(key, said);
    }
    line.notes.unshift(...said);
    e.lines.push(line);
    return true;
  }
  return false;
}

/** GPU choices and their sentences, per candidate list of the asked model (lists live as long as the index). */
const gpuMemo = new WeakMap<
  readonly TypeCandidate[],
  Map<string, { choices: GpuChoice[]; said: (string[] | null)[] }>
>();

/** GPUs priced on the cheapest type with that model and count, or N smaller types, said so; false when none. */
function priceGpu(e: Est, model: string, count: number, instances: number, vcpu: number, memoryGiB: number): boolean {
  const { index, provider, place, say, region } = e;
  const own = index.gpuTypesFor(provider.id, model, place.location, place.jurisdiction);
  let cands: readonly TypeCandidate[] = own;
  for (const m of index.variantsOf(model)) {
    const more = index.gpuTypesFor(provider.id, m, place.location, place.jurisdiction);
    if (more.length) cands = cands.concat(more);
  }
  if (cands.length === 0) return false;
  // Memoised only on the shared list (no variants priced here): a place is priced again for each billing mode.
  const memoList = cands === own ? own : null;
  let memo = memoList ? gpuMemo.get(memoList) : undefined;
  if (memoList && !memo) {
    memo = new Map();
    gpuMemo.set(memoList, memo);
  }
  // Inference GPUs serve each on their own: several smaller machines are as good as one with them all.
  const spread = e.req.workload.kind === 'inference';
  const key = `${say.lang}|${count}|${vcpu}|${memoryGiB}|${region}|${e.billing}|${spread}`;
  let entry = memo?.get(key);
  if (!entry) {
    const choices = gpuChoices(cands, model, count, vcpu, memoryGiB, spread);
    entry = { choices, said: choices.map(() => null) };
    if (memo) {
      if (memo.size > 500) memo.clear();
      memo.set(key, entry);
    }
  }
  const { choices } = entry;
  for (let i = 0; i < choices.length; i++) {
    const ch = choices[i] as GpuChoice;
    const row = ch.type.row;
    const n = ch.n * instances;
    const line = pricedLine(e, row, 'gpu', typeLabel(row, n), n * e.hours, 'instance-hours');
    if (!line) continue;
    let said = entry.said[i];
    if (!said) {
      said = gpuSentences(e, choices, i, model, count, spread);
      entry.said[i] = said;
    }
    line.notes.unshift(...said);
    e.lines.push(line);
    if (vcpu && row.vcpu && vcpu * instances > row.vcpu * n)
      e.notes.push(say('estimate.gpu.small', { type: ch.type.sku, vcpu: row.vcpu, asked: vcpu }));
    return true;
  }
  // Types exist but none can be priced under this billing mode: the caller says so.
  return false;
}

/** What a GPU line says about its choice: the variant, how the count is made up, and the next choices. */
function gpuSentences(
  e: Est,
  choices: GpuChoice[],
  i: number,
  model: string,
  count: number,
  spread: boolean,
): string[] {
  const { say, region } = e;
  const ch = choices[i] as GpuChoice;
  const g = ch.type.row.gpu as { model: string; count: number };
  const said: string[] = [];
  if (ch.variant) said.push(say('estimate.gpu.variant', { variant: g.model, provider: providerName(e), model }));
  // A split chosen over a priced one-machine type (spread inference GPUs) is the cheaper way, not the only one.
  const quoted = (o: GpuChoice) => o.type.row.grade === 'vendor-quote';
  const oneMachine = spread
    ? choices.find((o) => o.how === 'exact' && o.variant === ch.variant && quoted(o) === quoted(ch))
    : undefined;
  if (ch.how === 'split')
    said.push(
      say(oneMachine ? 'estimate.gpu.spread' : 'estimate.gpu.split', {
        count,
        model: g.model,
        region,
        n: ch.n,
        type: ch.type.sku,
        per: g.count,
      }),
    );
  else if (ch.how === 'larger') said.push(say('estimate.gpu.larger', { model: g.model, region, has: g.count, count }));
  else said.push(say('estimate.gpu.exact', { count, model: g.model, region }));
  // The next two choices; a split priced over a one-machine type shows that type among them, to compare.
  const rest = choices.filter((_, j) => j !== i);
  const next = rest.slice(0, 2);
  if (ch.how === 'split' && oneMachine && !next.includes(oneMachine)) next.splice(1, 1, oneMachine);
  const others = next.sort((a, b) => a.sortTotal - b.sortTotal);
  if (others.length)
    said.push(
      say(alsoFitsKey(e), {
        list: others.map((o) => alsoFits(e, [o.type], o.n)).join(say('estimate.list.sep')),
      }),
    );
  return said;
}

/** Per-vCPU and per-GiB prices: containers (ECI) only when containers were asked for, other rows otherwise. */
function pricePerVcpu(
  e: Est,
  vcpu: number | null,
  memoryGiB: number | null,
  instances: number,
  containers: boolean,
): boolean {
  const { say, region } = e;
  const isContainer = (p: Price) => /\bECI\b|container/i.test(p.service);
  const vcpuRows = findIn(
    e,
    'compute',
    (p) => p.billing === 'payg' && p.unit === 'vcpu-hour' && isContainer(p) === containers,
  );
  if (vcpuRows.length === 0) return false;
  let vcpuPriced: { row: Price; line: PriceLine } | undefined;
  for (const row of vcpu ? vcpuRows : []) {
    const line = pricedLine(
      e,
      row,
      'compute',
      `${row.service}: ${vcpu} vCPU${instances > 1 ? ` × ${instances}` : ''}`,
      (vcpu ?? 0) * instances * e.hours,
      'vCPU-hours',
    );
    if (line) {
      vcpuPriced = { row, line };
      break;
    }
  }
  const question = computeQuestion(e, vcpu, memoryGiB);
  const shape = `${vcpu ?? '?'} vCPU / ${memoryGiB ?? '?'} GiB${instances > 1 ? ` × ${instances}` : ''}`;
  if (!vcpuPriced) {
    if (!vcpu) return false;
    gapOf(
      e,
      'compute',
      shape,
      say('estimate.gap.no-billing', { billing: billingWord(e) }) + spotHintOf(e, 'compute'),
      question,
    );
    return true;
  }
  const vcpuRow = vcpuPriced.row;
  e.lines.push(vcpuPriced.line);
  if (containers) vcpuPriced.line.notes.unshift(say('estimate.containers', { service: vcpuRow.service }));
  const memRow = findIn(
    e,
    'compute',
    (p) => p.billing === 'payg' && p.unit === 'gib-hour' && p.service === vcpuRow.service,
  )[0];
  if (memRow && memoryGiB)
    addOrGapOf(
      e,
      pricedLine(
        e,
        memRow,
        'compute',
        `${memRow.service}: ${memoryGiB} GiB memory${instances > 1 ? ` × ${instances}` : ''}`,
        memoryGiB * instances * e.hours,
        'GiB-hours',
      ),
      'compute',
      `${memoryGiB} GiB memory`,
      question,
    );
  else if (memoryGiB)
    gapOf(
      e,
      'compute',
      `${memoryGiB} GiB memory`,
      say('estimate.gap.no-memory', { provider: providerName(e), region }),
      question,
    );
  return true;
}

function computeQuestion(e: Est, vcpu: number | null, memoryGiB: number | null): string {
  return e.say('estimate.q.compute', {
    billing: billingWord(e),
    a: e.say.lang === 'en' ? article(vcpu) : '',
    vcpu: vcpu ?? '?',
    memory: memoryGiB ?? '?',
    category: e.say(CATEGORY_KEYS[e.hints.family]),
    region: e.region,
  });
}

/**
 * Storage priced on a row of the kind and tier asked (storage-plan.ts). An object-storage tier the catalogue has no
 * row for is priced at the tier it has, said on the line, and the asked tier is a gap with its vendor question.
 */
function priceStorage(e: Est, gb: number): void {
  const { say, region } = e;
  const whereSaid = `${(say.lang === 'zh' && e.provider.names_zh[0]) || e.provider.name} ${region}`;
  const plan = storagePlan(e.req.workload);
  const rows = findIn(e, 'storage', (p) => p.billing === 'payg' && plan.classes.includes(p.storage_class ?? ''));
  rows.sort((a, b) => plan.classes.indexOf(a.storage_class ?? '') - plan.classes.indexOf(b.storage_class ?? ''));
  const row = rows[0];
  const kindWords = say(plan.kind === 'block' ? 'lines.storage.block' : 'lines.storage.object');
  const question = say(plan.kind === 'block' ? 'lines.storage.q-block' : 'lines.storage.q', {
    kind: kindWords,
    region,
  });
  const what = say('lines.storage.what', { gb: fmtNum(gb), kind: kindWords });
  if (!row) {
    // No row of any tier: the gap asks for the tier said, when one was.
    const tier = plan.tier && say(`lines.storage.tier.${plan.tier}`);
    gapOf(
      e,
      'storage',
      tier ? say('lines.storage.tier-what', { gb: fmtNum(gb), tier }) : what,
      say('lines.storage.none', { kind: kindWords, where: whereSaid }),
      tier ? say('lines.storage.tier-q', { tier, region }) : question,
    );
    return;
  }
  const line = pricedLine(
    e,
    row,
    'storage',
    say('lines.storage.label', { service: row.service, gb: fmtNum(gb) }),
    gb,
    'GB-months',
  );
  if (line && row.storage_class === 'object-ia') line.notes.unshift(say('lines.storage.ia'));
  const tierMissed = plan.tier && row.storage_class !== plan.tierClass;
  if (line && plan.tier && tierMissed) {
    const tier = say(`lines.storage.tier.${plan.tier}`);
    const shown = say(
      row.storage_class === 'object-ia' ? 'lines.storage.tier.infrequent' : 'lines.storage.tier.standard',
    );
    line.notes.unshift(say('lines.storage.tier-shown', { shown, tier, where: whereSaid }));
    gapOf(
      e,
      'storage',
      say('lines.storage.tier-what', { gb: fmtNum(gb), tier }),
      say('lines.storage.tier-none', { tier, where: whereSaid }),
      say('lines.storage.tier-q', { tier, region }),
    );
  }
  addOrGapOf(e, line, 'storage', what, question);
}

export function estimateOption(input: EstimateInput): EstimateResult {
  const { req, provider, place, billing, index, say } = input;
  const wl = req.workload;
  const lines: PriceLine[] = [];
  const gaps: Gap[] = [];
  const notes: string[] = [];
  const hours = wl.hoursPerMonth ?? HOURS_PER_MONTH;
  const instances = wl.instances ?? 1;
  const region = place.regionIds[0] ?? place.location;
  const whereSaid = `${(say.lang === 'zh' && provider.names_zh[0]) || provider.name} ${region}`;
  const hints = hintsOf(wl);
  const e: Est = { input, req, provider, place, billing, index, say, hints, region, hours, lines, gaps, notes };

  // A named instance type is priced exactly; it covers the GPUs and the CPU size asked with it.
  let computeCovered = false;
  if (wl.instanceType) {
    priceNamedType(e, wl.instanceType, instances);
    computeCovered = true;
  }

  // GPU instances: a comparison's side may name its own ("L20 in Hangzhou vs L4 on AWS Singapore").
  const gpu = sideFor(req, provider.id, place.location)?.gpu ?? wl.gpu;
  if (!computeCovered && gpu) {
    const wanted = gpu.model;
    const question = say('estimate.q.gpu', {
      billing: billingWord(e),
      count: gpu.count,
      model: wanted,
      region,
      months: req.durationMonths
        ? say('estimate.q.for-months', {
            months: say(req.durationMonths === 1 ? 'unit.month.one' : 'unit.month.other', {
              n: fmtNum(Math.round(req.durationMonths * 10) / 10),
            }),
          })
        : '',
    });
    const found = priceGpu(e, wanted, gpu.count, instances, wl.vcpu ?? 0, wl.memoryGiB ?? 0);
    if (!found) {
      const anyTypes = index.gpuTypesFor(provider.id, wanted, place.location, place.jurisdiction).length > 0;
      gapOf(
        e,
        'gpu',
        say('estimate.gap.gpu-what', {
          count: gpu.count,
          model: wanted,
          times: instances > 1 ? ` × ${instances}` : '',
          billing: billingWord(e),
        }),
        anyTypes
          ? say('estimate.gap.no-billing', { billing: billingWord(e) })
          : say('estimate.gap.no-gpu', { model: wanted, where: whereSaid }) +
              gpuElsewhere(index, provider, wanted, gpu.count, (p) => inPlace(e, p), say) +
              spotHintOf(e, 'gpu-instance'),
        question,
      );
    }
    computeCovered = true; // the GPU line (or its gap) covers the instance's CPU and memory too
  }

  // CPU and memory: containers when asked; otherwise the cheapest fitting type; per-vCPU rows as a last resort.
  if (!computeCovered && (wl.vcpu || wl.memoryGiB)) {
    const vcpu = wl.vcpu ?? 0;
    const mem = wl.memoryGiB ?? 0;
    const done =
      (hints.containers && pricePerVcpu(e, wl.vcpu, wl.memoryGiB, instances, true)) ||
      priceSize(e, vcpu, mem, instances) ||
      pricePerVcpu(e, wl.vcpu, wl.memoryGiB, instances, false);
    if (!done) {
      const shape = `${wl.vcpu ?? '?'} vCPU / ${wl.memoryGiB ?? '?'} GiB${instances > 1 ? ` × ${instances}` : ''}`;
      const types = index.typesFor(provider.id, 'compute', place.location, place.jurisdiction);
      const why =
        types.length === 0
          ? say('estimate.gap.no-compute', { where: whereSaid })
          : fittingTypes(types, vcpu, mem, hints.family, undefined, hints.arch)
            ? say('estimate.gap.no-billing', { billing: billingWord(e) })
            : say('estimate.gap.no-fit', { vcpu: wl.vcpu ?? '?', memory: wl.memoryGiB ?? '?', region });
      gapOf(
        e,
        'compute',
        say('estimate.gap.compute-what', { shape }),
        why + spotHintOf(e, 'compute'),
        computeQuestion(e, wl.vcpu, wl.memoryGiB),
      );
    }
  }

  // Storage: block or object storage as said (or as the workload keeps it), at the tier said where it is priced.
  if (wl.storageGB) priceStorage(e, wl.storageGB);

  // Internet egress, after free allowances.
  if (wl.egressGBPerMonth) {
    const allowances = index
      .allowancesFor(provider.id, 'egress', place.location, place.jurisdiction)
      .filter((a) => a.per === 'month');
    // Pay-as-you-go per GB first; otherwise a prepaid traffic package, which is how some providers sell egress.
    const rows = findIn(e, 'egress', (p) => p.billing === 'payg');
    const tiers = rows.filter((p) => p.tier).sort((a, b) => (a.tier?.from_gb ?? 0) - (b.tier?.from_gb ?? 0));
    const row = rows.filter((p) => !p.tier)[0] ?? tiers[0] ?? findIn(e, 'egress', (p) => p.unit === 'package')[0];
    const relevant = allowances.filter((a) => !row || a.service === row.service || /cdt|transfer/i.test(a.service));
    const free = relevant.reduce(
      (best: Allowance | undefined, a) => (!best || a.quantity > best.quantity ? a : best),
      undefined,
    );
    const billable = Math.max(0, wl.egressGBPerMonth - (free?.quantity ?? 0));
    const freeInfo = free
      ? {
          quantity: Math.min(free.quantity, wl.egressGBPerMonth),
          allowanceId: free.id,
          source: free.source,
          asOf: free.as_of,
        }
      : undefined;
    const question = say('lines.egress.q', { region, gb: fmtNum(wl.egressGBPerMonth) });
    if (row?.tier) {
      // Volume tiers: each tier prices the GB that fall in it.
      let first = true;
      for (const t of tiers) {
        const from = t.tier?.from_gb ?? 0;
        const to = t.tier?.to_gb ?? Number.POSITIVE_INFINITY;
        const qty = Math.max(0, Math.min(billable, to) - from);
        if (qty <= 0) continue;
        const span = say('lines.egress.tier', { from: fmtNum(from), to: Number.isFinite(to) ? fmtNum(to) : '…' });
        const label = say('lines.egress.tier-label', { service: t.service, gb: fmtNum(qty), span });
        const line = pricedLine(e, t, 'egress', label, qty, 'GB');
        if (!line) continue;
        if (first && free) {
          line.free = freeInfo;
          line.notes.unshift(
            say('lines.egress.free', {
              free: fmtNum(freeInfo?.quantity ?? 0),
              gb: fmtNum(wl.egressGBPerMonth),
              service: free.service,
            }),
          );
        }
        first = false;
        lines.push(line);
      }
      if (first) notes.push(say('lines.egress.tiers-free', { gb: fmtNum(wl.egressGBPerMonth), where: whereSaid }));
    } else if (row) {
      const qty = row.unit === 'package' ? Math.ceil(billable / (row.package_gb ?? 1)) : billable;
      const label =
        row.unit === 'package'
          ? say(qty === 1 ? 'lines.egress.package-label.one' : 'lines.egress.package-label.many', {
              service: row.service,
              n: qty,
              gb: row.package_gb ?? '',
            })
          : say('lines.egress.label', { service: row.service, gb: fmtNum(billable) });
      const line = pricedLine(e, row, 'egress', label, qty, row.unit === 'package' ? 'packages' : 'GB');
      if (line) {
        line.free = freeInfo;
        if (row.unit === 'package')
          line.notes.unshift(
            row.term_months
              ? say(row.term_months > 1 ? 'lines.egress.package-valid.many' : 'lines.egress.package-valid.one', {
                  gb: row.package_gb ?? '',
                  months: row.term_months,
                })
              : say('lines.egress.package', { gb: row.package_gb ?? '' }),
          );
        if (free)
          line.notes.unshift(
            say('lines.egress.free', {
              free: fmtNum(freeInfo?.quantity ?? 0),
              gb: fmtNum(wl.egressGBPerMonth),
              service: free.service,
            }),
          );
      }
      addOrGapOf(e, line, 'egress', say('lines.egress.what', { gb: fmtNum(wl.egressGBPerMonth) }), question);
    } else if (free && billable === 0) {
      notes.push(
        say('lines.egress.within-free', {
          gb: fmtNum(wl.egressGBPerMonth),
          provider: (say.lang === 'zh' && provider.names_zh[0]) || provider.name,
          id: free.id,
        }),
      );
    } else {
      gapOf(
        e,
        'egress',
        free
          ? say('lines.egress.what-after-free', { gb: fmtNum(billable), free: fmtNum(free.quantity) })
          : say('lines.egress.what', { gb: fmtNum(billable) }),
        say('lines.egress.none', { where: whereSaid }) + egressElsewhere(index, provider, (p) => inPlace(e, p), say),
        question,
      );
    }
  }

  // Model API tokens.
  if (wl.tokensPerMonth) {
    const model = modelFor(wl, e.provider.id);
    const rows = findIn(e, 'model-tokens', (p) => p.billing === 'payg' && (!model || sameModel(p.model, model)));
    const question = model ? say('lines.tokens.q', { model, region }) : say('lines.tokens.q-no-model', { region });
    if (!model) gapOf(e, 'model-input', say('lines.tokens.what-no-model'), say('lines.tokens.no-model'), question);
    else {
      for (const [direction, component] of [
        ['input', 'model-input'],
        ['output', 'model-output'],
      ] as const) {
        const qty = wl.tokensPerMonth[direction] / 1e6;
        if (qty === 0) continue;
        const row = rows.find((p) => p.direction === direction);
        const dir = say(`lines.tokens.${direction}`);
        if (row)
          addOrGapOf(
            e,
            pricedLine(
              e,
              row,
              component,
              say('lines.tokens.label', {
                model,
                direction: dir,
                n: fmtNum(qty),
                wan: fmtNum(qty * 100),
                zh: zhCount(qty),
              }),
              qty,
              'million tokens',
            ),
            component,
            say('lines.tokens.what', { model, direction: dir }),
            question,
          );
        else
          gapOf(
            e,
            component,
            say('lines.tokens.gap-what', {
              n: fmtNum(qty),
              wan: fmtNum(qty * 100),
              zh: zhCount(qty),
              direction: dir,
              model,
            }),
            say('lines.tokens.none', { model, direction: dir, where: whereSaid }),
            question,
          );
      }
      // Not priced here: where the provider prices it, or which models it does price (the gap names them once).
      const gap = rows.length === 0 ? gaps.find((g) => g.question === question) : undefined;
      if (gap) gap.why += modelElsewhere(index, provider, model, findIn(e, 'model-tokens'), (p) => inPlace(e, p), say);
    }
  }

  // Support, for production workloads.
  if (req.signals.production) {
    const row = findIn(e, 'support')[0];
    if (row)
      addOrGapOf(e, pricedLine(e, row, 'support', row.service, 1, 'months'), 'support', say('lines.support.what'), '');
    else
      gapOf(
        e,
        'support',
        say('lines.support.what'),
        say('lines.support.none'),
        say('lines.support.q', { kind: say(`workload.${req.workload.kind ?? 'any'}`), region }),
      );
  }
  return { lines, gaps, notes, midpoint: lines.some((l) => l.midpoint) };
}

function matchesService(a: Adjustment, p: Price): boolean {
  return a.services.length === 0 || a.services.some((s) => p.service.toLowerCase().includes(s.toLowerCase()));
}

export function pct(f: number | undefined): string {
  if (f === undefined) return '?';
  return `${Math.round(f * 1000) / 10}%`;
}

/** Up to two decimals, grouped: what `Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })` writes. */
export function fmtNum(n: number): string {
  // Small whole numbers (counts, months, GB) need no formatting.
  if (Number.isInteger(n) && n > -1000 && n < 1000) return String(n);
  return formatDecimal(n, 0, 2);
}

function roundMoney(m: Money): Money {
  return { low: round(m.low), expected: round(m.expected), high: round(m.high) };
}

export function convertMoney(m: Money, factor: number): Money {
  return roundMoney(scale(m, factor));
}

/** "a" or "an" before a number said aloud: an 8, an 11, an 18, an 80; a 4, a 16. */
export function article(n: number | null): string {
  if (n === null) return 'a';
  const s = String(n);
  return /^(8|11|18)/.test(s) && !(s.startsWith('1') && s.length !== 2 && s.length !== 5) ? 'an' : 'a';
}

/** Model names compare without case, spaces or dashes: "ERNIE 4.5 Turbo" is "ernie-4.5-turbo". */
export function sameModel(a: string | undefined | null, b: string | undefined | null): boolean {
  return Boolean(a && b && normModel(a) === normModel(b));
}

/** Millions of tokens as Chinese writes them: 20 → "2,000万", 500 → "5亿" (not "50,000万"). */
/** Millions of tokens as Chinese writes them: 100 → 1亿, 20 → 2,000万. */
export function zhCount(millions: number): string {
  return millions >= 100 ? `${fmtNum(millions / 100)}亿` : `${fmtNum(millions * 100)}万`;
}
