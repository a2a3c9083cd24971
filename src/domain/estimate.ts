/**
 * Cost breakdown for one candidate placement: lines with unit price, quantity, source and as-of,
 * free allowances applied, spot ranges and renewal risk; gaps for what the catalogue cannot price.
 */
import type { Adjustment, Allowance, BillingMode, Currency, Price, PriceKind, Provider } from '../catalog/schema.js';
import type { Component, Gap, Money, PriceLine } from './answer.js';
import { normModel, type PlaceInfo, type PriceIndex } from './catalog-index.js';
import type { Request } from './request.js';

export const HOURS_PER_MONTH = 730;

export interface EstimateInput {
  req: Request;
  provider: Provider;
  place: PlaceInfo;
  billing: BillingMode;
  currency: Currency;
  index: PriceIndex;
  today: string;
  staleDays: number;
}

export interface EstimateResult {
  lines: PriceLine[];
  gaps: Gap[];
  /** Sentences about this option's pricing that are not tied to one line. */
  notes: string[];
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
const money = (n: number): Money => ({ low: n, expected: n, high: n });
const scale = (m: Money, f: number): Money => ({ low: m.low * f, expected: m.expected * f, high: m.high * f });

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

const BILLING_WORDS = { payg: 'pay-as-you-go', subscription: 'subscription', spot: 'spot' } as const;

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
  hours: number;
  lines: PriceLine[];
  gaps: Gap[];
  /** The place's prices by kind, and its subscription and spot rows by SKU: looked up once per estimate. */
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

/** The place's rows of a kind and billing mode with this SKU, in catalogue order. */
function rowsForSku(e: Est, kind: PriceKind, billing: 'subscription' | 'spot', sku: string | undefined): Price[] {
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
      ? `${pct(a.low_factor)}–${pct(a.high_factor)} of the pay-as-you-go price`
      : 'capped at the pay-as-you-go price';
  return `; ${e.provider.name} spot runs at ${range} (${a.id})`;
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

function quoteFirst(p: Price): number {
  return p.grade === 'vendor-quote' ? 0 : 1;
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
  const { req, provider, billing, index, input } = e;
  let base = p;
  let spot: Adjustment | undefined;
  // What the billing mode adds (the two modes exclude each other); the lists are made once the line is certain.
  let modeNote: string | undefined;
  let modeRisk: string | undefined;
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
    if (termOf(sub) > months) modeNote = `the shortest subscription priced is ${termOf(sub)} months, longer than asked`;
  }
  if (billing === 'spot' && p.billing !== 'spot') {
    const latest = rowsForSku(e, p.kind, 'spot', p.sku).find((q) => q.unit === p.unit);
    spot = index
      .adjustmentsFor(provider.id, 'spot-range', p.kind)
      .find((a) => matchesService(a, p) && a.low_factor !== undefined && a.high_factor !== undefined);
    if (latest) {
      base = latest;
      modeNote = `the latest spot price read on ${latest.as_of}; spot prices move with demand`;
      modeRisk = spot?.risk;
      spot = undefined;
    } else if (!spot) return null;
  }
  const risks: string[] = modeRisk ? [modeRisk] : [];
  const lineNotes: string[] = modeNote ? [modeNote] : [];
  if (perMonthOfHourly(p, base)) {
    quantity = quantity / e.hours;
    quantityUnit = 'instance-months';
  }
  const monthlyExpected = quantity * base.price;
  let monthly = money(monthlyExpected);
  if (spot) {
    const low = monthlyExpected * (spot.low_factor ?? 1);
    const high = monthlyExpected * (spot.high_factor ?? 1);
    monthly = { low, expected: (low + high) / 2, high };
    lineNotes.push(
      `spot: ${pct(spot.low_factor)}–${pct(spot.high_factor)} of the pay-as-you-go price (${spot.id}); expected is the midpoint`,
    );
    if (spot.risk) risks.push(spot.risk);
  }
  for (const inc of index.adjustmentsFor(provider.id, 'renewal-increase', p.kind)) {
    if (!matchesService(inc, p)) continue;
    const before = inc.effective_from && base.as_of < inc.effective_from;
    if (before) {
      monthly = { ...monthly, high: monthly.high * (inc.high_factor ?? 1) };
      risks.push(
        `priced before the ${inc.effective_from} adjustment: ${pct((inc.low_factor ?? 1) - 1)} to ${pct((inc.high_factor ?? 1) - 1)} may apply (${inc.id})`,
      );
    } else if (req.signals.renewal || billing === 'subscription') {
      risks.push(`renewal risk: ${inc.risk ?? 'a price increase applies at renewal'} (${inc.id})`);
    }
  }
  if (base.note) lineNotes.push(base.note);
  return {
    component,
    label,
    service: base.service,
    quantity: round(quantity, 3),
    quantityUnit,
    unitPrice: base.price,
    unitPriceUnit: unitWords(base.unit),
    currency: base.currency,
    monthly: roundMoney(monthly),
    monthlyInAnswerCurrency: null,
    priceId: base.id,
    source: base.source,
    asOf: base.as_of,
    dated: base.dated,
    grade: base.grade,
    stale: daysBetween(base.as_of, input.today) > input.staleDays,
    notes: lineNotes,
    risks,
  };
}

function addOrGapOf(e: Est, line: PriceLine | null, component: Component, what: string, question: string): void {
  if (line) e.lines.push(line);
  else gapOf(e, component, what, `no ${BILLING_WORDS[e.billing]} price for this in the catalogue`, question);
}

export function estimateOption(input: EstimateInput): EstimateResult {
  const { req, provider, place, billing, index } = input;
  const wl = req.workload;
  const lines: PriceLine[] = [];
  const gaps: Gap[] = [];
  const notes: string[] = [];
  const hours = wl.hoursPerMonth ?? HOURS_PER_MONTH;
  const instances = wl.instances ?? 1;
  const region = place.regionIds[0] ?? place.location;
  const where = `${provider.name} ${region}`;
  const e: Est = { input, req, provider, place, billing, index, hours, lines, gaps };
  const billingWords = BILLING_WORDS[billing];

  // GPU instances.
  let gpuCoversCompute = false;
  if (wl.gpu) {
    const totalGpus = wl.gpu.count * instances;
    const wanted = wl.gpu.model;
    const models = [wanted, ...index.variantsOf(wanted)];
    const rows = findIn(e, 'gpu-instance', (p) => p.billing === 'payg' && !!p.gpu && models.includes(p.gpu.model));
    rows.sort(
      (a, b) =>
        quoteFirst(a) - quoteFirst(b) ||
        Number(a.gpu?.model !== wanted) - Number(b.gpu?.model !== wanted) ||
        e.index.comparable(a) - e.index.comparable(b),
    );
    const row = rows[0];
    const question = `What is the ${billingWords} price of an instance with ${wl.gpu.count}x ${wanted} in ${region}, and is that capacity guaranteed${req.durationMonths ? ` for ${req.durationMonths} months` : ''}?`;
    if (row?.gpu) {
      const n = Math.ceil(totalGpus / row.gpu.count);
      const shape = [row.vcpu && `${row.vcpu} vCPU`, row.memoryGiB && `${row.memoryGiB} GiB`]
        .filter(Boolean)
        .join(', ');
      const label = `${row.sku ?? row.service} (${row.gpu.count}x ${row.gpu.model}${shape ? `, ${shape}` : ''}) × ${n}`;
      const line = pricedLine(e, row, 'gpu', label, n * hours, 'instance-hours');
      if (line && row.gpu.model !== wanted)
        line.notes.unshift(
          `${row.gpu.model} is ${provider.name}'s variant of the ${wanted}, not the same card: check it fits`,
        );
      addOrGapOf(e, line, 'gpu', `${wl.gpu.count}x ${wanted} GPU instance (${billingWords})`, question);
      gpuCoversCompute = Boolean(line);
      if (line && row.vcpu && wl.vcpu && wl.vcpu > row.vcpu * (n / instances))
        notes.push(`The ${row.sku} has ${row.vcpu} vCPU; ${wl.vcpu} vCPU were asked for: a larger size may be needed.`);
    } else {
      gapOf(
        e,
        'gpu',
        `${wl.gpu.count}x ${wanted} GPU instance${instances > 1 ? ` × ${instances}` : ''}`,
        `no ${wanted} price for ${where} in the catalogue${spotHintOf(e, 'gpu-instance')}`,
        question,
      );
      gpuCoversCompute = true; // the GPU gap covers the instance's CPU and memory too
    }
  }

  // CPU and memory: the cheapest catalogued instance type at least as large, when there is one.
  let computeDone = false;
  if (!gpuCoversCompute && (wl.vcpu || wl.memoryGiB)) {
    const fits = findIn(
      e,
      'compute',
      (p) =>
        p.billing === 'payg' &&
        p.unit === 'instance-hour' &&
        (p.vcpu ?? 0) >= (wl.vcpu ?? 0) &&
        (p.memoryGiB ?? 0) >= (wl.memoryGiB ?? 0),
    ).sort((a, b) => quoteFirst(a) - quoteFirst(b) || e.index.comparable(a) - e.index.comparable(b));
    for (const row of fits) {
      const shape = [row.vcpu && `${row.vcpu} vCPU`, row.memoryGiB && `${row.memoryGiB} GiB`]
        .filter(Boolean)
        .join(', ');
      const line = pricedLine(
        e,
        row,
        'compute',
        `${row.sku ?? row.service} (${shape}) × ${instances}`,
        instances * hours,
        'instance-hours',
      );
      if (!line) continue;
      line.notes.unshift(
        `the smallest-priced catalogued type with at least ${wl.vcpu ?? '?'} vCPU and ${wl.memoryGiB ?? '?'} GiB`,
      );
      lines.push(line);
      computeDone = true;
      break;
    }
  }
  if (!gpuCoversCompute && !computeDone && (wl.vcpu || wl.memoryGiB)) {
    const vcpuRows = findIn(e, 'compute', (p) => p.billing === 'payg' && p.unit === 'vcpu-hour');
    // The first row that can be priced under the asked billing mode (a spot discount may cover ECS but not ECI).
    let vcpuPriced: { row: Price; line: PriceLine } | undefined;
    for (const row of wl.vcpu ? vcpuRows : []) {
      const line = pricedLine(
        e,
        row,
        'compute',
        `${row.service}: ${wl.vcpu} vCPU${instances > 1 ? ` × ${instances}` : ''}`,
        (wl.vcpu ?? 0) * instances * hours,
        'vCPU-hours',
      );
      if (line) {
        vcpuPriced = { row, line };
        break;
      }
    }
    const vcpuRow = vcpuPriced?.row ?? vcpuRows[0];
    const vcpuLine = vcpuPriced?.line ?? null;
    const memRow = findIn(
      e,
      'compute',
      (p) => p.billing === 'payg' && p.unit === 'gib-hour' && (!vcpuRow || p.service === vcpuRow.service),
    )[0];
    const shape = `${wl.vcpu ?? '?'} vCPU / ${wl.memoryGiB ?? '?'} GiB${instances > 1 ? ` × ${instances}` : ''}`;
    const question = `What is the ${billingWords} monthly price of ${article(wl.vcpu)} ${wl.vcpu ?? '?'} vCPU / ${wl.memoryGiB ?? '?'} GiB general-purpose instance in ${region}?`;
    if (vcpuRow && wl.vcpu && !vcpuLine) {
      gapOf(
        e,
        'compute',
        `${shape} compute`,
        `no ${billingWords} price for this in the catalogue${spotHintOf(e, 'compute')}`,
        question,
      );
    } else if (vcpuRow && vcpuLine) {
      lines.push(vcpuLine);
      if (memRow && wl.memoryGiB)
        addOrGapOf(
          e,
          pricedLine(
            e,
            memRow,
            'compute',
            `${memRow.service}: ${wl.memoryGiB} GiB memory${instances > 1 ? ` × ${instances}` : ''}`,
            wl.memoryGiB * instances * hours,
            'GiB-hours',
          ),
          'compute',
          `${wl.memoryGiB} GiB memory`,
          question,
        );
      else if (wl.memoryGiB)
        gapOf(e, 'compute', `${wl.memoryGiB} GiB memory`, `no memory price for ${where} in the catalogue`, question);
      if (/ECI/i.test(vcpuRow.service))
        notes.push(
          `${provider.name} compute is priced as elastic container instances (ECI): ECS instance prices are not in the catalogue.`,
        );
    } else {
      gapOf(
        e,
        'compute',
        `${shape} compute`,
        `no compute price for ${where} in the catalogue${spotHintOf(e, 'compute')}`,
        question,
      );
    }
  }

  // Storage.
  if (wl.storageGB) {
    const objectKinds = ['storage', 'data-platform', 'batch', null];
    const wantClass = objectKinds.includes(wl.kind) ? ['object-standard', 'object-ia'] : ['block'];
    const rows = findIn(e, 'storage', (p) => p.billing === 'payg' && wantClass.includes(p.storage_class ?? ''));
    rows.sort((a, b) => wantClass.indexOf(a.storage_class ?? '') - wantClass.indexOf(b.storage_class ?? ''));
    const row = rows[0];
    const kindWords = wantClass[0] === 'block' ? 'block storage (cloud disk)' : 'object storage';
    const question = `What is the monthly price per GB of ${kindWords} in ${region}, and are there request or retrieval fees?`;
    if (row) {
      const line = pricedLine(
        e,
        row,
        'storage',
        `${row.service}: ${fmtNum(wl.storageGB)} GB`,
        wl.storageGB,
        'GB-months',
      );
      if (line && row.storage_class === 'object-ia')
        line.notes.unshift('infrequent-access class: retrieval fees and minimum storage periods may apply');
      addOrGapOf(e, line, 'storage', `${fmtNum(wl.storageGB)} GB ${kindWords}`, question);
    } else
      gapOf(
        e,
        'storage',
        `${fmtNum(wl.storageGB)} GB ${kindWords}`,
        `no ${kindWords} price for ${where} in the catalogue`,
        question,
      );
  }

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
    const question = `What is the price per GB of internet egress from ${region} at ${fmtNum(wl.egressGBPerMonth)} GB a month, and which free allowance applies?`;
    if (row?.tier) {
      // Volume tiers: each tier prices the GB that fall in it.
      let first = true;
      for (const t of tiers) {
        const from = t.tier?.from_gb ?? 0;
        const to = t.tier?.to_gb ?? Number.POSITIVE_INFINITY;
        const qty = Math.max(0, Math.min(billable, to) - from);
        if (qty <= 0) continue;
        const span = `${fmtNum(from)}–${Number.isFinite(to) ? fmtNum(to) : '…'} GB tier`;
        const line = pricedLine(e, t, 'egress', `${t.service}: ${fmtNum(qty)} GB (${span})`, qty, 'GB');
        if (!line) continue;
        if (first && free) {
          line.free = freeInfo;
          line.notes.unshift(
            `${fmtNum(freeInfo?.quantity ?? 0)} GB of ${fmtNum(wl.egressGBPerMonth)} GB free (${free.service})`,
          );
        }
        first = false;
        lines.push(line);
      }
      if (first)
        notes.push(
          `${fmtNum(wl.egressGBPerMonth)} GB/month egress costs nothing at ${provider.name} ${region}'s tiers.`,
        );
    } else if (row) {
      const qty = row.unit === 'package' ? Math.ceil(billable / (row.package_gb ?? 1)) : billable;
      const label =
        row.unit === 'package'
          ? `${row.service}: ${qty} × ${row.package_gb} GB package${qty === 1 ? '' : 's'}`
          : `${row.service}: ${fmtNum(billable)} GB`;
      const line = pricedLine(e, row, 'egress', label, qty, row.unit === 'package' ? 'packages' : 'GB');
      if (line) {
        line.free = freeInfo;
        if (row.unit === 'package')
          line.notes.unshift(
            `prepaid ${row.package_gb} GB package${row.term_months ? ` valid ${row.term_months} month${row.term_months > 1 ? 's' : ''}` : ''}, bought as needed`,
          );
        if (free)
          line.notes.unshift(
            `${fmtNum(freeInfo?.quantity ?? 0)} GB of ${fmtNum(wl.egressGBPerMonth)} GB free (${free.service})`,
          );
      }
      addOrGapOf(e, line, 'egress', `${fmtNum(wl.egressGBPerMonth)} GB/month internet egress`, question);
    } else if (free && billable === 0) {
      notes.push(
        `${fmtNum(wl.egressGBPerMonth)} GB/month egress is within ${provider.name}'s free allowance (${free.id}).`,
      );
    } else {
      gapOf(
        e,
        'egress',
        `${fmtNum(billable)} GB/month internet egress${free ? ` (after ${fmtNum(free.quantity)} GB free)` : ''}`,
        `no per-GB egress price for ${where} in the catalogue`,
        question,
      );
    }
  }

  // Model API tokens.
  if (wl.tokensPerMonth) {
    const model = wl.model;
    const rows = findIn(e, 'model-tokens', (p) => p.billing === 'payg' && (!model || sameModel(p.model, model)));
    const question = model
      ? `What are the input and output prices per million tokens for ${model} in ${region}, and what batch or cache discounts apply?`
      : `Which hosted model do you recommend for this workload, and what are its input and output prices per million tokens in ${region}?`;
    if (!model) gapOf(e, 'model-input', 'model API tokens', 'no model was named', question);
    else {
      for (const [direction, component] of [
        ['input', 'model-input'],
        ['output', 'model-output'],
      ] as const) {
        const qty = wl.tokensPerMonth[direction] / 1e6;
        if (qty === 0) continue;
        const row = rows.find((p) => p.direction === direction);
        if (row)
          addOrGapOf(
            e,
            pricedLine(e, row, component, `${model} ${direction}: ${fmtNum(qty)}M tokens`, qty, 'million tokens'),
            component,
            `${model} ${direction} tokens`,
            question,
          );
        else
          gapOf(
            e,
            component,
            `${fmtNum(qty)}M ${direction} tokens on ${model}`,
            `no ${model} ${direction} price for ${where} in the catalogue`,
            question,
          );
      }
    }
  }

  // Support, for production workloads.
  if (req.signals.production) {
    const row = findIn(e, 'support')[0];
    if (row) addOrGapOf(e, pricedLine(e, row, 'support', row.service, 1, 'months'), 'support', 'support plan', '');
    else
      gapOf(
        e,
        'support',
        'support plan',
        'support plan prices are not in the catalogue',
        `Which support plan covers a production ${req.workload.kind ?? 'workload'} in ${region} (response times, named contacts), and what does it cost per month?`,
      );
  }
  return { lines, gaps, notes };
}

function matchesService(a: Adjustment, p: Price): boolean {
  return a.services.length === 0 || a.services.some((s) => p.service.toLowerCase().includes(s.toLowerCase()));
}

function unitWords(unit: Price['unit']): string {
  return {
    'instance-hour': 'per instance-hour',
    'vcpu-hour': 'per vCPU-hour',
    'gib-hour': 'per GiB-hour',
    'gb-month': 'per GB-month',
    gb: 'per GB',
    'million-tokens': 'per million tokens',
    month: 'per month',
    package: 'per package',
  }[unit];
}

export function pct(f: number | undefined): string {
  if (f === undefined) return '?';
  return `${Math.round(f * 1000) / 10}%`;
}

/** Formatters made once: toLocaleString builds one on every call, which dominated answer time. */
const UP_TO_2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function fmtNum(n: number): string {
  return UP_TO_2.format(n);
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
