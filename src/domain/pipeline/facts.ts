/**
 * Facts answers: the catalogued facts a free-text question is about (each word looked up exactly, then fuzzily),
 * narrowed to the providers and places named, and region look-ups from the providers' region lists.
 */
import Fuse from 'fuse.js';
import type { Fact, QuestionGroup } from '../../catalog/schema.js';
import type { Lexicon } from '../../intents/schema.js';
import type { Answer, VendorQuestion } from '../answer.js';
import { factsOnLaw, lawById, lawName } from '../foreign-laws.js';
import type { Request } from '../request.js';
import { citeFact } from './assemble.js';
import { type PipelineContext, placeName, providerName } from './context.js';
import { gpuOffer } from './gpu-offer.js';

export class FactSearch {
  /** The fuzzy index, made on the first fuzzy look-up (most questions are not about facts). */
  private fuseIndex: Fuse<Fact> | null = null;
  /** Lower-case words of each fact (claim, tags, id, topic), for exact look-ups before fuzzy ones. */
  private words: Map<string, Set<Fact>> | null = null;
  /** Fuzzy look-ups remembered per word: the same words come back again and again. */
  private readonly fuzzyCache = new Map<string, readonly { item: Fact; score?: number }[]>();

  /** The topics a question can be about (intents/lexicon.yaml `fact_topics` with an id), compiled once. */
  private readonly topicRules: { id: string; tags: Set<string>; res: RegExp[] }[];

  /**
   * Words that only name a provider or a place ("tencent", "jakarta"): a fact sharing just those with a question is not
   * about what it asks ("does tencent have a jakarta region" is not answered by Tencent's market share).
   */
  private readonly nameWords: ReadonlySet<string>;

  constructor(
    private readonly facts: readonly Fact[],
    private readonly lexicon: Record<string, string>,
    topics: Lexicon['fact_topics'] = [],
    names: readonly string[] = [],
  ) {
    this.nameWords = new Set(names.flatMap((n) => n.toLowerCase().match(/[a-z0-9][a-z0-9.'-]*/g) ?? []));
    this.topicRules = topics.flatMap((t) =>
      t.id ? [{ id: t.id, tags: new Set(t.tags), res: t.patterns.map((p) => new RegExp(p, 'iu')) }] : [],
    );
  }

  private get fuse(): Fuse<Fact> {
    this.fuseIndex ??= new Fuse(this.facts, {
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
    return this.fuseIndex;
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

  /** The topics a question is about (SLA, ICP filing, data export…), in catalogue order. */
  topicsOf(text: string): { id: string; tags: Set<string> }[] {
    const low = text.toLowerCase();
    return this.topicRules.filter((t) => t.res.some((r) => r.test(low)));
  }

  /** Whether a fact answers a topic: it carries one of the topic's tags, or its fact topic is one of them. */
  static onTopic(f: Fact, topic: { tags: Set<string> }): boolean {
    return topic.tags.has(f.topic) || f.tags.some((t) => topic.tags.has(t));
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
    // Names count only when the question has nothing else to look up ("tell me about huawei cloud").
    const content = words.filter((w) => !this.nameWords.has(w));
    for (const w of content.length ? content : words) {
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
  const mine = (f: Fact) =>
    req.providers.length === 0 || f.provider === null || req.providers.includes(f.provider as never);
  // A question on a named topic (the SLA, ICP filing, data export…) is answered with facts on that topic only: the
  // word search alone brings up whatever shares a word with it ("ECS", "Hong Kong"). None on the topic: say so, and
  // give the question that would get the answer from the vendor.
  let topics = search.topicsOf(req.topic ?? '');
  // "Can we keep users' personal data in Hong Kong?" is a data-export question whatever words it uses.
  if (topics.length === 0 && req.signals.personalData) topics = search.topicsOf('pipl');
  // Another country's law ("PDPL in saudi"): the facts on it, and not China's rules unless the data is China's too.
  const said = req.signals.foreignDataLaw;
  const foreign = { law: said ? lawById(ctx.data.lexicon, said.id) : null, china: said?.alsoChina ?? false };
  const lawFacts = foreign.law ? factsOnLaw(ctx.data.catalog.facts, foreign.law) : [];
  if (foreign.law && !foreign.china) {
    topics = topics.filter((t) => t.id !== 'data-export');
    hits = lawFacts;
  }
  const missingTopics: string[] = [];
  if (topics.length) {
    const onTopic = (f: Fact) => topics.some((t) => FactSearch.onTopic(f, t));
    const found = hits.filter((f) => mine(f) && onTopic(f));
    const rest = ctx.data.catalog.facts.filter((f) => mine(f) && onTopic(f) && !found.includes(f));
    hits = [...found, ...rest];
    for (const t of topics) if (!hits.some((f) => FactSearch.onTopic(f, t))) missingTopics.push(t.id);
  } else if (req.providers.length && !foreign.law) {
    const own = hits.filter(mine);
    // Nothing found on what was asked: the provider's facts at large, unless the question is about its regions
    // ("aws宁夏 有没有 p5"), which the region lists answer below (its revenue would be noise there).
    hits = own.length
      ? own
      : req.locations.length
        ? []
        : ctx.data.catalog.facts.filter((f) => req.providers.includes(f.provider as never));
  }
  if (req.locations.length) {
    const here = hits.filter((f) => f.locations.some((l) => req.locations.includes(l)));
    if (here.length) hits = [...here, ...hits.filter((f) => !here.includes(f))];
  }
  answer.facts = hits.slice(0, 6).map((f) => citeFact(f, req.lang));
  const topicIds = topics.map((t) => t.id);
  // "Any GPUs at all in alibaba's me-east-1?": the GPU models the catalogue prices there, before the facts.
  if (topicIds.includes('gpu-availability')) answer.lead.push(...gpuOffer(ctx, req));
  answer.lead.push(
    ...complianceLead(
      ctx,
      req,
      answer.facts.map((f) => f.id),
      topicIds,
    ),
  );
  const names = req.providers
    .map((p) => ctx.index.providers.get(p))
    .filter((p) => p !== undefined)
    .map((p) => providerName(p, req.lang));
  // Every fact a lead sentence cites is listed with its source.
  for (const id of answer.lead.flatMap((l) =>
    [...l.matchAll(/\[([a-z0-9, -]+)\]/g)].flatMap((m) => m[1]?.split(/,\s*/) ?? []),
  )) {
    const f = ctx.data.catalog.facts.find((x) => x.id === id);
    if (f && !answer.facts.some((c) => c.id === id)) answer.facts.push(citeFact(f, req.lang));
  }
  // ICP filing and data export have their own lead sentences, which say what is not catalogued for a provider.
  const missing = missingTopics
    .filter((t) => !(answer.lead.length && (t === 'icp' || t === 'data-export')))
    .map((id) => say(`facts.topic.${id}`))
    .join(say('list.or'));
  if (missing)
    answer.lead.push(
      names.length
        ? say('facts.none-on-topic', { topic: missing, providers: names.join(say('list.sep')) })
        : say('facts.none-on-topic.any', { topic: missing }),
    );
  if (foreign.law && lawFacts.length === 0)
    answer.lead.push(say('facts.law.none', { law: lawName(foreign.law, req.lang) }));
  // The vendor questions that settle what the facts leave open, one per topic asked about.
  const asked: VendorQuestion[] = [];
  if (foreign.law) {
    const question = say('facts.ask.foreign-law', { law: lawName(foreign.law, req.lang) });
    asked.push({
      text: names.length ? say('question.to', { provider: names.join(say('list.sep')), text: question }) : question,
      group: 'data-compliance',
      provider: req.providers[0] ?? null,
      priority: 1,
      cites: [],
      ruleId: 'facts.ask.foreign-law',
    });
  }
  for (const id of topicIds) {
    const key = `facts.ask.${id}`;
    const question = say(key);
    const text = names.length
      ? say('question.to', { provider: names.join(say('list.sep')), text: question })
      : question;
    if (question !== key && !asked.some((q) => q.text === text))
      asked.push({
        text,
        group: TOPIC_GROUP[id] ?? 'data-compliance',
        provider: req.providers[0] ?? null,
        priority: 1,
        cites: [],
        ruleId: key,
      });
  }
  answer.topQuestions = asked;
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
  if (answer.facts.length === 0 && answer.notes.length === 0 && answer.lead.length === 0)
    answer.notes.push(say('facts.none'));
  return answer;
}

/**
 * For a compliance question, what the rules require in one or two sentences in the asker's language, before the
 * facts themselves: the three export mechanisms; ICP filing per provider and Hong Kong against the mainland.
 */
function complianceLead(ctx: PipelineContext, req: Request, ids: string[], topics: string[]): string[] {
  const say = ctx.say(req.lang);
  const out: string[] = [];
  // The lead follows what was asked: an ICP sentence under an SLA question is noise, however the words matched.
  const asked = (id: string, factIds: boolean) => topics.includes(id) || (topics.length === 0 && factIds);
  if (asked('data-export', ids.includes('cn-data-export-mechanisms'))) {
    out.push(say('compliance.export'));
    const thresholds = ['cac-2024-security-assessment-threshold', 'cac-2024-standard-contract-threshold'];
    if (ctx.data.catalog.facts.some((f) => thresholds.includes(f.id))) out.push(say('compliance.export.thresholds'));
    if (req.locations.includes('hong-kong')) out.push(say('compliance.export.hong-kong'));
  }
  if (
    asked(
      'icp',
      ids.some((id) => id.includes('icp')),
    )
  ) {
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

/** The vendor-question group of each topic's question. */
const TOPIC_GROUP: Record<string, QuestionGroup> = {
  sla: 'reliability-failover',
  'spot-release': 'reliability-failover',
  outage: 'reliability-failover',
  support: 'support',
  'price-adjustment': 'pricing-renewal',
  'export-controls': 'capacity-quota',
  'gpu-availability': 'capacity-quota',
  mlps: 'data-compliance',
};

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
