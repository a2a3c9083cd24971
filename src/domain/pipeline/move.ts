/**
 * What decides a move (stay-or-move questions: a provider in use today and another named): the costs a price table
 * does not show — data transfer out of the current provider, the ICP filing to make again on the new side, the
 * current contract's renewal and notice terms, quota and capacity on the new side, and data export when the move
 * crosses the mainland border — and what to ask each side. Prices and facts from the catalogue only; what it does
 * not hold is said as a question.
 */
import type { Answer, OptionAnswer } from '../answer.js';
import { fmtFor } from '../format.js';
import { citeFact } from './assemble.js';
import type { PipelineContext } from './context.js';
import { providerName } from './context.js';
import { tightZh } from './words.js';

export type MoveSection = NonNullable<Answer['move']>;

/**
 * A stay-or-move question with no workload to price ("Should we leave Alibaba?", "要不要从阿里云迁到华为云？"):
 * what decides the move, with the providers named or the usual alternatives, and what to say to get prices.
 */
export function moveOnlyAnswer(ctx: PipelineContext, answer: Answer): Answer {
  const req = answer.request;
  const say = ctx.say(req.lang);
  const from = req.signals.incumbent as string;
  const p = ctx.index.providers.get(from);
  answer.kind = 'compare';
  answer.title = say('title.move', { from: p ? providerName(p, req.lang) : from });
  answer.move = whatDecidesMove(ctx, answer);
  const named = req.providers.some((x) => x !== from);
  if (!named && answer.move)
    answer.assumptions.push(
      say('assume.move-alternatives', {
        to: answer.move.challengers
          .map((c) => {
            const q = ctx.index.providers.get(c);
            return q ? providerName(q, req.lang) : c;
          })
          .join(say('list.and')),
      }),
    );
  answer.facts = [...new Set(answer.move?.points.flatMap((x) => x.cites) ?? [])].flatMap((id) => {
    const f = ctx.factById.get(id);
    return f ? [citeFact(f, req.lang)] : [];
  });
  return answer;
}

/** The "what decides a move" section for an answer whose options are in place; null when it is no move question. */
export function whatDecidesMove(ctx: PipelineContext, answer: Answer): Answer['move'] {
  const req = answer.request;
  const from = req.signals.incumbent;
  if (!from || req.intent === 'questions') return null;
  // "Should we leave Alibaba?" names no other provider: the usual alternatives stand in (usualAlternatives).
  const named: string[] = req.providers.filter((p) => p !== from);
  if (!named.length && answer.options.length) return null;
  const to = named.length ? named : usualAlternatives(ctx, from);
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
  // Alternatives the bot chose are either/or; providers the asker named are listed as named.
  const toNames = to.map(name).join(say(named.length ? 'list.sep' : 'list.or'));
  const sep = say('list.sep');
  const points: MoveSection['points'] = [];
  const topics: NonNullable<MoveSection['topics']> = ['capacity'];

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
      text: say('move.egress-gap', { provider: fromName, region: here ? regionOf(here) : say('move.your-regions') }),
      cites: aws,
    });

  // ICP: a mainland service on the new provider's servers is filed for again before it serves the public there.
  const mainlandThere = there.filter((o) => o.jurisdiction === 'mainland');
  if (mainlandThere.length || !answer.options.length) topics.push('icp');
  if (mainlandThere.length)
    points.push({
      text: say('move.icp', { provider: toNames, regions: [...new Set(mainlandThere.map(regionOf))].join(sep) }),
      cites: cite('alibaba-icp-required', 'alibaba-icp-mainland'),
    });
  else if (!answer.options.length)
    points.push({
      text: say('move.icp-any', { provider: toNames }),
      cites: cite('alibaba-icp-required', 'alibaba-icp-mainland'),
    });

  // Price changes the provider in use has announced for renewals: a reason to ask now, cited.
  // Only where they bear on the workload: an AI compute increase says nothing about a web stack on plain CPUs.
  const wl = req.workload;
  const ai = Boolean(wl.gpu || wl.model || wl.kind === 'training' || wl.kind === 'inference');
  const unknown = !answer.options.length;
  for (const f of ctx.data.catalog.facts)
    if (
      f.provider === from &&
      f.tags?.includes('renewal') &&
      f.tags.includes('price-increase') &&
      (unknown || ai || !f.tags.includes('ai-compute'))
    )
      points.push({ text: say('move.renewal-change', { claim: factClaim(f, req.lang) }), cites: [f.id] });

  points.push({ text: say('move.contract', { provider: fromName }), cites: [] });
  points.push({
    text: say('move.capacity', {
      provider: toNames,
      regions: there.length ? [...new Set(there.map(regionOf))].join(sep) : say('move.their-regions'),
    }),
    cites: [],
  });

  // Data export: data leaving a mainland region for one outside it.
  const offshore = there.filter((o) => o.jurisdiction !== 'mainland');
  if (here?.jurisdiction === 'mainland' && offshore.length) topics.push('export');
  if (here?.jurisdiction === 'mainland' && offshore.length)
    points.push({
      text: say('move.export', {
        from: regionOf(here),
        to: [...new Set(offshore.map(regionOf))].join(sep),
      }),
      cites: cite('pipl-export-mechanisms', 'cn-data-export-mechanisms'),
    });

  // Nothing priced because no workload was named: say what would price staying against moving.
  if (!answer.options.length)
    points.push({ text: say('move.price-needed', { from: fromName, to: toNames }), cites: [] });

  const tight = (t: string) => (req.lang === 'zh' ? tightZh(t) : t);
  const ask = (provider: string, key: string, region: string) =>
    tight(say('question.to', { provider: name(provider), text: say(key, { region, from: fromName }) }));
  const hereRegion = here ? regionOf(here) : say('move.q.our-regions');
  const questions = [
    ask(from, 'move.q.exit', hereRegion),
    ask(from, 'move.q.export', hereRegion),
    ask(from, 'move.q.renewal', hereRegion),
    ...to.flatMap((p) => {
      const o = first(p);
      const region = o ? regionOf(o) : say('move.q.new-regions');
      return [ask(p, 'move.q.credits', region), ask(p, 'move.q.ingress', region), ask(p, 'move.q.capacity', region)];
    }),
  ];
  return {
    incumbent: from,
    challengers: to,
    points: points.map((p) => ({ ...p, text: tight(p.text) })),
    questions,
    topics,
  };
}

/**
 * The providers a stay-or-move question weighs when it names none besides the one in use: the first two others in
 * the catalogue's provider order (providers.yaml) that, like it, have an open region in the same jurisdiction as its
 * main region (a mainland provider is weighed against mainland ones).
 */
export function usualAlternatives(ctx: PipelineContext, from: string): string[] {
  const mine = ctx.index.providers.get(from);
  const home = mine?.default_regions
    .flatMap((id) => mine.regions.filter((r) => r.id === id))
    .map((r) => ctx.locationBySlug.get(r.location)?.jurisdiction)[0];
  return ctx.data.catalog.providers
    .filter(
      (p) =>
        p.id !== from &&
        (!home || p.regions.some((r) => !r.restricted && ctx.locationBySlug.get(r.location)?.jurisdiction === home)),
    )
    .slice(0, 2)
    .map((p) => p.id);
}

function factClaim(f: { claim: string; claim_zh?: string }, lang: string): string {
  return lang === 'zh' && f.claim_zh ? f.claim_zh : f.claim;
}
