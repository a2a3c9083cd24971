/**
 * Facts answers: the catalogued facts a free-text question is about (each word looked up exactly, then fuzzily),
 * narrowed to the providers and places named, and region look-ups from the providers' region lists.
 */
import Fuse from 'fuse.js';
import type { Fact } from '../../catalog/schema.js';
import type { Answer } from '../answer.js';
import type { Request } from '../request.js';
import { citeFact } from './assemble.js';
import { type PipelineContext, placeName, providerName } from './context.js';

export class FactSearch {
  private readonly fuse: Fuse<Fact>;
  /** Lower-case words of each fact (claim, tags, id, topic), for exact look-ups before fuzzy ones. */
  private words: Map<string, Set<Fact>> | null = null;
  /** Fuzzy look-ups remembered per word: the same words come back again and again. */
  private readonly fuzzyCache = new Map<string, readonly { item: Fact; score?: number }[]>();

  constructor(
    private readonly facts: readonly Fact[],
    private readonly lexicon: Record<string, string>,
  ) {
    this.fuse = new Fuse(facts, {
      keys: [
        { name: 'claim', weight: 0.5 },
        { name: 'tags', weight: 0.3 },
        { name: 'topic', weight: 0.1 },
        { name: 'id', weight: 0.1 },
      ],
      includeScore: true,
      threshold: 0.25,
      ignoreLocation: true,
      useExtendedSearch: false,
      minMatchCharLength: 3,
    });
  }

  private wordIndex(): Map<string, Set<Fact>> {
    if (this.words) return this.words;
    const index = new Map<string, Set<Fact>>();
    for (const f of this.facts) {
      const words =
        `${f.claim} ${f.tags.join(' ')} ${f.id.replace(/-/g, ' ')} ${f.topic}`
          .toLowerCase()
          .match(/[a-z0-9][a-z0-9.'-]*/g) ?? [];
      for (const w of words) {
        const key = w.replace(/[.'-]+$/, '').replace(/'s$/, '');
        const set = index.get(key) ?? new Set<Fact>();
        set.add(f);
        index.set(key, set);
      }
    }
    this.words = index;
    return index;
  }

  private fuzzy(word: string): readonly { item: Fact; score?: number }[] {
    const cached = this.fuzzyCache.get(word);
    if (cached) return cached;
    const hits = this.fuse.search(word, { limit: 40 }).map((r) => ({ item: r.item, score: r.score }));
    if (this.fuzzyCache.size > 10_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(word, hits);
    return hits;
  }

  /** Facts for a free-text question: each word searched on its own, facts ranked by how many words they match. */
  search(text: string): Fact[] {
    let q = text;
    for (const [zh, en] of Object.entries(this.lexicon)) if (q.includes(zh)) q += ` ${en}`;
    const words = [...new Set(stripQuery(q).toLowerCase().split(/\s+/))].filter(
      (w) => w.length >= 3 && !/[\u3400-\u9fff]/.test(w),
    );
    const score = new Map<Fact, { hits: number; total: number }>();
    const index = this.wordIndex();
    for (const w of words) {
      const exact = index.get(w) ?? index.get(w.replace(/s$/, ''));
      const hits = exact ? [...exact].map((item) => ({ item, score: 0 })) : this.fuzzy(w);
      for (const r of hits) {
        const s = score.get(r.item) ?? { hits: 0, total: 0 };
        s.hits += 1;
        s.total += 1 - (r.score ?? 1);
        score.set(r.item, s);
      }
    }
    const best = Math.max(0, ...[...score.values()].map((s) => s.hits));
    // Keep facts that match at least half as many of the question's words as the best one does.
    return [...score.entries()]
      .filter(([, s]) => s.hits * 2 >= best)
      .sort((a, b) => b[1].hits - a[1].hits || b[1].total - a[1].total)
      .map(([f]) => f);
  }
}

/** Fills a blank answer with the facts on the request's topic. */
export function factsAnswer(ctx: PipelineContext, search: FactSearch, answer: Answer, req: Request): Answer {
  const say = ctx.say(req.lang);
  answer.kind = 'facts';
  answer.title = say('title.facts');
  let hits = search.search(req.topic ?? '');
  if (req.providers.length) {
    const own = hits.filter((f) => f.provider === null || req.providers.includes(f.provider as never));
    // An ICP question about a provider with no ICP fact of its own: the filing rule itself (catalogued from
    // Alibaba's pages) still answers it, and the lead says what is not known about that provider and what to ask.
    const rule = isIcpTopic(hits) && !own.some(isIcpFact) ? hits.filter(isIcpRule) : [];
    hits = rule.length
      ? rule
      : own.length
        ? own
        : ctx.data.catalog.facts.filter((f) => req.providers.includes(f.provider as never));
  }
  if (req.locations.length) {
    const here = hits.filter((f) => f.locations.some((l) => req.locations.includes(l)));
    if (here.length) hits = [...here, ...hits.filter((f) => !here.includes(f))];
  }
  answer.facts = hits.slice(0, 6).map((f) => citeFact(f, req.lang));
  answer.lead.push(
    ...complianceLead(
      ctx,
      req,
      answer.facts.map((f) => f.id),
    ),
  );
  // Region questions are answered from the region lists too: "does Volcano Engine have a Singapore region?"
  for (const p of req.providers) {
    const provider = ctx.index.providers.get(p);
    if (!provider) continue;
    for (const loc of req.locations) {
      // A place asked about may be an area ("mainland China"): the regions in its metros count.
      const regions = provider.regions.filter(
        (r) => r.location === loc || ctx.locationBySlug.get(r.location)?.area === loc,
      );
      const name = placeName(ctx, loc, req.lang);
      const vars = {
        provider: providerName(provider, req.lang),
        place: name,
        regions: regions
          .map((r) => {
            const why = req.lang === 'zh' ? (r.restricted_zh ?? r.restricted) : r.restricted;
            return r.id + (why ? say('lines.region-restricted', { why }) : '');
          })
          .join(say('list.sep')),
        source: provider.regions_source,
        asOf: provider.regions_as_of,
      };
      answer.notes.push(
        say(
          regions.length === 0 ? 'facts.no-region' : regions.length === 1 ? 'facts.region.one' : 'facts.region.other',
          vars,
        ),
      );
    }
  }
  if (answer.facts.length === 0 && answer.notes.length === 0) answer.notes.push(say('facts.none'));
  return answer;
}

/**
 * For a compliance question, what the rules require in one or two sentences in the asker's language, before the
 * facts themselves: the three export mechanisms; ICP filing per provider and Hong Kong against the mainland.
 */
function complianceLead(ctx: PipelineContext, req: Request, ids: string[]): string[] {
  const say = ctx.say(req.lang);
  const out: string[] = [];
  if (ids.includes('cn-data-export-mechanisms')) out.push(say('compliance.export'));
  if (ids.some((id) => id.includes('icp'))) {
    out.push(say('compliance.icp'));
    const providers = req.providers.length ? req.providers : ['alibaba', 'baidu'];
    for (const p of providers) {
      const provider = ctx.index.providers.get(p);
      if (!provider) continue;
      const key = `compliance.icp.${p}`;
      const text = say(key, { provider: providerName(provider, req.lang) });
      out.push(text === key ? say('compliance.icp.other', { provider: providerName(provider, req.lang) }) : text);
    }
  }
  return out;
}

const isIcpFact = (f: Fact) => /(?:^|-)icp(?:-|$)/.test(f.id);
/** The general filing rule (needed before serving from the mainland; enterprises only), not a provider's service. */
const ICP_RULE = new Set(['alibaba-icp-required', 'alibaba-icp-enterprise-only', 'alibaba-icp-mainland']);
const isIcpRule = (f: Fact) => ICP_RULE.has(f.id);
/** The question is about ICP filing: its best matches are ICP facts. */
const isIcpTopic = (hits: Fact[]) => hits.slice(0, 3).some(isIcpFact);

/** Drops question words so the fuzzy search weighs the subject. */
function stripQuery(q: string): string {
  return q
    .replace(
      /\b(what|are|is|the|a|an|of|for|about|tell|me|does|do|have|has|there|any|rules?|facts?|please|on|in|to|how|should|know|need|needs|with|and|can|our|we|you|your|which|when|why|this|that|cloud|it|its|be|or|from|get|give)\b/gi,
      ' ',
    )
    .replace(/[?？。!！,，]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
