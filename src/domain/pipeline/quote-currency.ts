/**
 * A quote said in a currency the catalogue has no rate for ("HK$14,900/month" from a reseller, "SGD 2,100 a month"):
 * it is not compared with list prices (no number is made up to convert it); the answer says so and what to do.
 */
import type { QuoteCheck } from '../answer.js';
import { fmtFor } from '../format.js';
import type { Request } from '../request.js';
import type { PipelineContext } from './context.js';

export function otherCurrencyQuote(ctx: PipelineContext, req: Request): QuoteCheck | null {
  const q = req.quotedPrice;
  if (!q?.currency || q.currency === 'USD' || q.currency === 'CNY') return null;
  const say = ctx.say(req.lang);
  const fmt = fmtFor(req.lang);
  const currency = req.currency ?? (req.lang === 'zh' ? 'CNY' : 'USD');
  return {
    quoted: { amount: q.amount, currency: q.currency, per: q.per ?? 'hour' },
    quotedHourly: null,
    currency,
    comparisons: [],
    lines: [
      say('quote.other-currency', {
        quoted: fmt.money(q.amount, q.currency),
        per: q.per ? say(`quote.other-currency.per.${q.per}`) : '',
        code: q.currency,
      }),
    ],
    draft: null,
  };
}
