/**
 * Stage 3a, rank: the placement rules checked against each priced option (reasons and flags citing facts), the
 * cost compared, and the options put in order.
 */
import type { Rule } from '../../catalog/schema.js';
import type { OptionAnswer } from '../answer.js';
import type { PlaceInfo } from '../catalog-index.js';
import type { Request } from '../request.js';
import { candidateContext, type RuleContext, ruleMatches } from '../rules.js';
import { type PipelineContext, ruleText } from './context.js';

export interface RankInput {
  req: Request;
  baseCtx: RuleContext;
  options: OptionAnswer[];
}

/** The options with their reasons and flags, best first, each with its rank. Sorts (and fills) `options` in place. */
export function rank(ctx: PipelineContext, input: RankInput): OptionAnswer[] {
  const { req, baseCtx, options } = input;
  for (const option of options) {
    const provider = ctx.index.providers.get(option.provider);
    if (!provider) continue;
    option.named = isNamed(ctx, req, option);
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
          cites: ownCites(ctx, rule.advice.cites, option.provider),
          score: rule.advice.score,
        });
      }
      if (rule.flag)
        option.flags.push({
          text: ruleText(ctx, rule, 'flag', req, provider, place),
          cites: ownCites(ctx, rule.flag.cites, option.provider),
        });
    }
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

/**
 * A reason cites the facts about its own option: another provider's page is dropped from a reason under this one
 * (the general facts, with no provider, stay): no Huawei spot fact under a Tencent option.
 */
function ownCites(ctx: PipelineContext, cites: string[], provider: string): string[] {
  const own = cites.filter((id) => {
    const f = ctx.factById.get(id);
    return !f || f.provider === null || f.provider === provider;
  });
  return own;
}

/** The user named this option's provider and place (or left them open). */
export function isNamed(ctx: PipelineContext, req: Request, o: OptionAnswer): boolean {
  const provider = req.providers.length === 0 || req.providers.includes(o.provider as never);
  const area = ctx.locationBySlug.get(o.location)?.area;
  const place =
    req.locations.length === 0 ||
    req.locations.includes(o.location) ||
    (area !== undefined && req.locations.includes(area));
  return provider && place;
}

/**
 * The options an answer shows: up to `max` in order, and beyond that any option needed so that every provider and
 * every place the user named is shown (never hidden under "more options").
 */
export function select(ctx: PipelineContext, req: Request, ordered: OptionAnswer[], max: number): OptionAnswer[] {
  const shown = ordered.slice(0, max);
  const covered = (pred: (o: OptionAnswer) => boolean) => shown.some(pred);
  const need: ((o: OptionAnswer) => boolean)[] = [
    ...req.providers.map((p) => (o: OptionAnswer) => o.provider === p),
    ...req.locations.map(
      (l) => (o: OptionAnswer) => o.location === l || ctx.locationBySlug.get(o.location)?.area === l,
    ),
  ];
  for (const pred of need) {
    if (covered(pred)) continue;
    const first = ordered.find(pred);
    if (first) shown.push(first);
  }
  const out = ordered.filter((o) => shown.includes(o));
  out.forEach((o, i) => {
    o.rank = i + 1;
  });
  return out;
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
