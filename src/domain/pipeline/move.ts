/**
 * What decides a move (stay-or-move questions: a provider in use today and another named): the costs a price table
 * does not show — data transfer out of the current provider, the ICP filing to make again on the new side, the
 * current contract's renewal and notice terms, quota and capacity on the new side, and data export when the move
 * crosses the mainland border — and what to ask each side. Prices and facts from the catalogue only; what it does
 * not hold is said as a question.
 */
import type { Answer, OptionAnswer } from '../answer.js';
import { fmtFor } from '../format.js';
import type { PipelineContext } from './context.js';
import { providerName } from './context.js';

export type MoveSection = NonNullable<Answer['move']>;

/** The "what decides a move" section for an answer whose options are in place; null when it is no move question. */
export function whatDecidesMove(ctx: PipelineContext, answer: Answer): Answer['move'] {
  const req = answer.request;
  const from = req.signals.incumbent;
  if (!from || req.intent === 'questions') return null;
  const to = req.providers.filter((p) => p !== from);
  if (!to.length) return null;
  const say = ctx.say(req.lang);
  const name = (slug: string) => {
    const p = ctx.index.providers.get(slug);
    return p ? providerName(p, req.lang) : slug;
  };
  const cite = (...ids: string[]) => ids.filter((id) => ctx.factById.has(id));
  const regionOf = (o: OptionAnswer) => o.regionIds[0] ?? o.locationName;
  const here = answer.options.find((o) => o.provider === from);
  // "on Alibaba in Shanghai, move to Tencent Singapore": the new side where another named place is offered.
  const first = (slug: string) =>
    answer.options.find(
      (o) =>
        o.provider === slug &&
        req.locations.length > 1 &&
        o.location !== here?.location &&
        req.locations.includes(o.location),
    ) ?? answer.options.find((o) => o.provider === slug);
  const there = to.flatMap((p) => first(p) ?? []);
  const fromName = name(from);
  const toNames = to.map(name).join(say('list.sep'));
  const sep = say('list.sep');
  const points: MoveSection['points'] = [];

  // Data transfer out of the current provider: its internet egress price where the catalogue has one.
  const aws = from === 'aws' || to.includes('aws') ? cite('aws-data-transfer-source-region') : [];
  const egress = here
    ? ctx.index
        .pricesFor(from, 'egress', here.location, here.jurisdiction)
        .filter((p) => p.billing === 'payg' && p.unit === 'gb')
        .sort((a, b) => (a.tier?.from_gb ?? 0) - (b.tier?.from_gb ?? 0))[0]
    : undefined;
  if (here && egress)
    points.push({
      text: say('move.egress', {
        provider: fromName,
        region: regionOf(here),
        price: fmtFor(req.lang).unitPrice(egress.price, egress.currency),
        id: egress.id,
        asOf: egress.as_of,
      }),
      cites: aws,
    });
  else
    points.push({
      text: say('move.egress-gap', { provider: fromName, region: here ? regionOf(here) : fromName }),
      cites: aws,
    });

  // ICP: a mainland service on the new provider's servers is filed for again before it serves the public there.
  const mainlandThere = there.filter((o) => o.jurisdiction === 'mainland');
  if (mainlandThere.length)
    points.push({
      text: say('move.icp', { provider: toNames, regions: [...new Set(mainlandThere.map(regionOf))].join(sep) }),
      cites: cite('alibaba-icp-required', 'alibaba-icp-mainland'),
    });

  points.push({ text: say('move.contract', { provider: fromName }), cites: [] });
  points.push({
    text: say('move.capacity', {
      provider: toNames,
      regions: there.length ? [...new Set(there.map(regionOf))].join(sep) : toNames,
    }),
    cites: [],
  });

  // Data export: data leaving a mainland region for one outside it.
  const offshore = there.filter((o) => o.jurisdiction !== 'mainland');
  if (here?.jurisdiction === 'mainland' && offshore.length)
    points.push({
      text: say('move.export', {
        from: regionOf(here),
        to: [...new Set(offshore.map(regionOf))].join(sep),
      }),
      cites: cite('pipl-export-mechanisms', 'cn-data-export-mechanisms'),
    });

  const ask = (provider: string, key: string, region: string) =>
    say('question.to', { provider: name(provider), text: say(key, { region, from: fromName }) });
  const hereRegion = here ? regionOf(here) : fromName;
  const questions = [
    ask(from, 'move.q.exit', hereRegion),
    ask(from, 'move.q.export', hereRegion),
    ask(from, 'move.q.renewal', hereRegion),
    ...to.flatMap((p) => {
      const o = first(p);
      const region = o ? regionOf(o) : name(p);
      return [ask(p, 'move.q.credits', region), ask(p, 'move.q.ingress', region), ask(p, 'move.q.capacity', region)];
    }),
  ];
  return { incumbent: from, challengers: to, points, questions };
}
