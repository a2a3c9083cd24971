/**
 * Stage 3a, rank: the placement rules checked against each priced option (reasons and flags citing facts), the
 * cost compared, and the options put in order.
 */
import type { Currency, Rule } from '../../catalog/schema.js';
import type { OptionAnswer } from '../answer.js';
import type { PlaceInfo } from '../catalog-index.js';
import { fmtNum } from '../estimate.js';
import type { Request } from '../request.js';
import { candidateContext, type RuleContext, ruleMatches } from '../rules.js';
import { type PipelineContext, ruleText } from './context.js';

export interface RankInput {
  req: Request;
  baseCtx: RuleContext;
  options: OptionAnswer[];
  currency: Currency;
}

/** The options with their reasons and flags, best first, each with its rank. Sorts (and fills) `options` in place. */
export function rank(ctx: PipelineContext, input: RankInput): OptionAnswer[] {
  const { req, baseCtx, options, currency } = input;
  for (const option of options) {
    const provider = ctx.index.providers.get(option.provider);
    if (!provider) continue;
    const place = placeOf(option, ctx.locationBySlug.get(option.location)?.area ?? '');
    const rctx = candidateContext(baseCtx, { ...place, provider: provider.id, billing: option.billing }, req);
    // Indexed loops over the rules: they run for every candidate, and iterating them must not allocate.
    for (let r = 0; r < ctx.candidateRules.length; r++) {
      const rule = ctx.candidateRules[r] as Rule;
      if (!ruleMatches(rule, rctx)) continue;
      if (rule.advice) {
        option.score += rule.advice.score;
        option.reasons.push({
          text: ruleText(ctx, rule, 'advice', req, provider, place),
          cites: rule.advice.cites,
          score: rule.advice.score,
        });
      }
      if (rule.flag)
        option.flags.push({ text: ruleText(ctx, rule, 'flag', req, provider, place), cites: rule.flag.cites });
    }
  }
  // Cost as a reason: the cheapest fully priced option gains, others are told how far off they are.
  const priced = options.filter((o) => o.complete && o.monthly && o.lines.length > 0);
  const cheapest = priced.sort((a, b) => (a.monthly?.expected ?? 0) - (b.monthly?.expected ?? 0))[0];
  if (cheapest?.monthly && priced.length > 1) {
    cheapest.score += 1;
    cheapest.reasons.push({
      text: `Lowest priced of the fully priced options: ${currency} ${fmtNum(cheapest.monthly.expected)} a month.`,
      cites: cheapest.lines.map((l) => l.priceId),
      score: 1,
    });
  }
  options.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.complete) - Number(a.complete) ||
      b.lines.length - a.lines.length ||
      (a.monthly?.expected ?? Number.POSITIVE_INFINITY) - (b.monthly?.expected ?? Number.POSITIVE_INFINITY),
  );
  options.forEach((o, i) => {
    o.rank = i + 1;
    o.reasons.sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
  });
  return options;
}

export function placeOf(o: OptionAnswer, area: string): PlaceInfo {
  return {
    location: o.location,
    locationName: o.locationName,
    jurisdiction: o.jurisdiction,
    area,
    regionIds: o.regionIds,
  };
}
