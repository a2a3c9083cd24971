/**
 * Quote check (runs after estimate): a price the user was quoted (request.quotedPrice) against the list price of the
 * same type in the place asked about, and against the equivalent types elsewhere — the difference in percent, the
 * list price's age, what to ask for, and how to save the quote.
 */
import type { Currency } from '../../catalog/schema.js';
import type { OptionAnswer, PriceLine, QuoteCheck, QuoteDraft } from '../answer.js';
import { fmtNum, HOURS_PER_MONTH } from '../estimate.js';
import { fmtFor } from '../format.js';
import type { Request } from '../request.js';
import type { PipelineContext } from './context.js';
import type { Fx } from './estimate.js';
import { factor, usdCny } from './estimate.js';
import { otherCurrencyQuote } from './quote-currency.js';
import { tokenQuoteCheck } from './token-prices.js';

const HOURS = { hour: 1, month: HOURS_PER_MONTH, year: HOURS_PER_MONTH * 12 } as const;

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The line a quote is about: the GPU instance when GPUs were asked for, else the compute instance. */
function mainLine(o: OptionAnswer, req: Request): PriceLine | undefined {
  const want = req.workload.gpu ? 'gpu' : 'compute';
  return o.lines.find((l) => l.component === want && l.priceUnit === 'instance-hour');
}

/**
 * How many of the line's instances make one of what was asked for (two g5.xlarge with one A10G each for "2x A10"):
 * the quote is for what was asked, so a type with fewer GPUs is compared at as many as it takes.
 */
function unitsPerAsked(line: PriceLine, req: Request): number {
  const hours = req.workload.hoursPerMonth ?? HOURS_PER_MONTH;
  const units = line.quantity / hours / (req.workload.instances ?? 1);
  return units > 0 ? Math.round(units * 100) / 100 : 1;
}

export function quoteCheck(
  ctx: PipelineContext,
  input: {
    req: Request;
    options: OptionAnswer[];
    fx: Fx | null;
    today: string;
    /**
     * The same options priced pay-as-you-go, when the quote is for another billing mode: an option with no price in
     * the quote's mode is compared with its pay-as-you-go price, and the answer says so.
     */
    payg?: OptionAnswer[];
  },
): QuoteCheck | null {
  const { req, options, fx, today } = input;
  const q = req.quotedPrice;
  if (!q) return null;
  // A model API's price per million tokens is checked against the catalogue's unit prices, not an instance's.
  // A quote in another currency ("HK$14,900/month") is said back, not converted at a rate the catalogue lacks.
  const other = otherCurrencyQuote(ctx, req);
  if (other) return other;
  if (q.per === 'thousand-tokens' || q.per === 'million-tokens') return tokenQuoteCheck(ctx, req, today);
  const say = ctx.say(req.lang);
  const lines: string[] = [];
  const currency: Currency = (q.currency as Currency | null) ?? req.currency ?? (req.lang === 'zh' ? 'CNY' : 'USD');
  if (!q.currency) lines.push(say('quote.assumed-currency', { currency }));
  const per = q.per ?? 'hour';
  if (!q.per) lines.push(say('quote.assumed-per'));
  const quotedHourly = q.amount / HOURS[per];
  // "¥280,000" and "¥383.56" an hour (the figure the save command carries), not "¥280,000.00" and "¥384.00".
  const moneyOf = (n: number) =>
    Number.isInteger(n)
      ? fmtFor(req.lang).money(n, currency)
      : fmtFor(req.lang).unitPrice(n >= 100 ? Math.round(n * 100) / 100 : Math.round(n * 1000) / 1000, currency);
  // A monthly or yearly quote is compared per hour: say how the hourly figure was made.
  const converted =
    per === 'hour'
      ? null
      : say(`quote.converted.${per}`, {
          amount: moneyOf(q.amount),
          hourly: moneyOf(quotedHourly),
          hours: fmtNum(HOURS[per]),
        });
  const anyNamed = req.providers.length + req.locations.length > 0;
  const named = (o: OptionAnswer) =>
    anyNamed &&
    (req.providers.length === 0 || req.providers.includes(o.provider as never)) &&
    (req.locations.length === 0 || req.locations.includes(o.location));
  const comparisons: QuoteCheck['comparisons'] = [];
  const billing = req.billing ?? 'payg';
  options.forEach((o, i) => {
    let line = mainLine(o, req);
    let mode = billing;
    if (!line && billing !== 'payg') {
      const other = input.payg?.find((p) => p.provider === o.provider && p.location === o.location);
      line = other ? mainLine(other, req) : undefined;
      mode = 'payg';
    }
    if (!line) return;
    const f = factor(line.currency, currency, fx?.rate ?? usdCny(ctx)?.rate);
    if (f === null) return;
    const units = unitsPerAsked(line, req);
    const listHourly = line.unitPrice * units * f;
    const type = line.label.split(' ×')[0];
    comparisons.push({
      option: i,
      label: `${o.providerName} ${o.regionIds[0] ?? o.locationName} ${units === 1 ? type : `${fmtNum(units)} × ${type}`}`,
      listHourly,
      percent: ((quotedHourly - listHourly) / listHourly) * 100,
      priceId: line.priceId,
      asOf: line.asOf,
      dated: line.dated,
      ageDays: Math.max(0, daysBetween(line.asOf, today)),
      account: line.basis === 'account',
      sameType: named(o),
      billing: mode,
    });
  });
  const money = moneyOf;
  const pct = (p: number) => fmtNum(Math.round(Math.abs(p) * 10) / 10);
  const same = comparisons.filter((c) => c.sameType);
  const elsewhere = comparisons.filter((c) => !c.sameType).sort((a, b) => a.listHourly - b.listHourly);
  // The catalogue's price may be one account's transaction price (with that account's discounts), not a list price.
  const age = (c: QuoteCheck['comparisons'][number]) =>
    say(c.dated === 'retrieved' ? 'quote.age.retrieved' : 'quote.age.page', { asOf: c.asOf, days: c.ageDays }) +
    (c.account ? say('quote.account') : '');
  for (const c of same) {
    lines.push(
      say(c.percent < 0 ? 'quote.below' : c.percent > 0 ? 'quote.above' : 'quote.equal', {
        quoted: money(quotedHourly),
        list: money(c.listHourly),
        what: c.label,
        percent: pct(c.percent),
        age: age(c),
        billing: say(`billing.${c.billing}`),
      }),
    );
    if (c.billing !== billing)
      lines.push(say('quote.other-mode', { billing: say(`billing.${billing}`), other: say(`billing.${c.billing}`) }));
  }
  if (same.length === 0) lines.push(say(anyNamed ? 'quote.no-list' : 'quote.no-place'));
  if (converted) lines.push(converted);
  if (elsewhere.length)
    lines.push(
      say('quote.elsewhere', {
        list: elsewhere
          .slice(0, 4)
          .map((c) =>
            say(c.percent < 0 ? 'quote.elsewhere.below' : 'quote.elsewhere.above', {
              what: c.label,
              list: money(c.listHourly),
              percent: pct(c.percent),
            }),
          )
          .join(say('list.sep')),
      }),
    );
  const cheapestElsewhere = elsewhere[0];
  if (!anyNamed && cheapestElsewhere)
    lines.push(
      say(cheapestElsewhere.percent < 0 ? 'quote.verdict.below-all' : 'quote.verdict.above-cheapest', {
        what: cheapestElsewhere.label,
        list: money(cheapestElsewhere.listHourly),
        percent: pct(cheapestElsewhere.percent),
      }),
    );
  // What to ask for.
  const ref = same[0];
  if (ref && ref.billing !== billing) {
    // Compared with another mode's price: the verdict waits for the price in the quote's own mode.
  } else if (ref && ref.percent > 0) lines.push(say('quote.ask.above', { percent: pct(ref.percent) }));
  else if (ref) lines.push(say('quote.ask.below'));
  const cheaper = elsewhere.find((c) => c.listHourly < quotedHourly);
  if (cheaper) lines.push(say('quote.ask.match', { what: cheaper.label, list: money(cheaper.listHourly) }));
  if (ref && ref.ageDays > ctx.options.staleDays) lines.push(say('quote.ask.stale', { days: ref.ageDays }));
  if (req.providers.includes('alibaba' as never) && req.workload.gpu) lines.push(say('quote.ask.renewal'));
  // How to keep it.
  const draft = draftOf(ctx, req, options.find(named), quotedHourly, currency);
  const gpu = req.workload.gpu ? ` --gpu ${req.workload.gpu.model}` : '';
  lines.push(
    say('quote.save', {
      command: `procure quotes add --provider ${draft?.provider ?? req.providers[0] ?? '<provider>'} --resource ${gpu ? 'gpu' : 'compute'}${gpu}${draft?.sku ? ` --sku ${draft.sku}` : ''} --region ${draft?.region ?? req.locations[0] ?? '<region>'} --price ${fmtNum(quotedHourly).replace(/,/g, '')} --unit instance-hour --currency ${currency}${billing === 'payg' ? '' : ` --billing ${billing}`} --reference <quote ref> --valid-until <YYYY-MM-DD>`,
    }),
  );
  return { quoted: { amount: q.amount, currency, per }, quotedHourly, currency, comparisons, lines, draft };
}

/** The quote as the quote form takes it: the provider and region of the option asked about, its instance type. */
function draftOf(
  ctx: PipelineContext,
  req: Request,
  option: OptionAnswer | undefined,
  hourly: number,
  currency: Currency,
): QuoteDraft | null {
  const provider = option?.provider ?? (req.providers.length === 1 ? req.providers[0] : undefined);
  const region = option?.regionIds[0];
  if (!provider || !region) return null;
  const line = option ? mainLine(option, req) : undefined;
  const first = line?.label.split(' ')[0] ?? '';
  const sku = req.workload.instanceType ?? (ctx.index.providersOfSku(first).includes(provider) ? first : null);
  const typeGpu = sku ? ctx.index.skuRows(provider, sku).find((p) => p.gpu)?.gpu : undefined;
  return {
    provider,
    resource: req.workload.gpu ? 'gpu-instance' : 'compute',
    region,
    sku,
    gpuModel: typeGpu?.model ?? req.workload.gpu?.model ?? null,
    gpuCount: typeGpu?.count ?? req.workload.gpu?.count ?? null,
    price: Math.round(hourly * 1e6) / 1e6,
    currency,
    billing: req.billing ?? null,
  };
}
