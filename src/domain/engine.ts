/**
 * The domain: Request → Answer. Pure — the catalogue, intents and the date come in; no I/O, no Slack.
 * plan (candidates) → estimate (breakdown, gaps) → advise (ranked reasons citing facts) → questions.
 */
import Fuse from 'fuse.js';
import Handlebars from 'handlebars';
import type { ProjectData } from '../catalog/load.js';
import type { BillingMode, Currency, Fact, Jurisdiction, Provider, QuestionGroup, Rule } from '../catalog/schema.js';
import type { IntentDef } from '../intents/schema.js';
import type { Alternative, Answer, CitedFact, Money, OptionAnswer, VendorQuestion } from './answer.js';
import { CatalogIndex, OverlayIndex, type PlaceInfo, type PriceIndex } from './catalog-index.js';
import { convertMoney, estimateOption, fmtNum, HOURS_PER_MONTH } from './estimate.js';
import { type Parsed, Parser } from './parse/parser.js';
import { type Quote, quotesAsPrices } from './quote.js';
import type { Lang, Request } from './request.js';
import { candidateContext, RULE_TEXT_VARS, requestContext, ruleMatches } from './rules.js';
import { type Say, sayer } from './say.js';

export interface DomainOptions {
  /** Prices older than this many days are flagged. */
  staleDays: number;
  /** How many options an answer shows. */
  maxOptions: number;
}

export const DEFAULT_OPTIONS: DomainOptions = { staleDays: 180, maxOptions: 4 };

export const GROUP_TITLES: Record<QuestionGroup, string> = {
  'capacity-quota': 'Capacity & quota',
  'pricing-renewal': 'Pricing & renewal',
  'data-compliance': 'Data & compliance',
  'reliability-failover': 'Reliability & failover',
  support: 'Support',
};
const WORKLOAD_NOUNS: Record<string, string> = {
  web: 'web service',
  inference: 'inference service',
  training: 'training job',
  'data-platform': 'data platform',
  batch: 'batch jobs',
  storage: 'storage',
  'model-api': 'model API use',
  dev: 'dev environment',
};

const GROUP_ORDER = Object.keys(GROUP_TITLES) as QuestionGroup[];

export class Domain {
  readonly index: CatalogIndex;
  private readonly parser: Parser;
  private readonly factFuse: Fuse<Fact>;
  private readonly factById: Map<string, Fact>;
  private readonly intentById: Map<string, IntentDef>;
  private readonly templates = new Map<string, (vars: RuleTextVars) => string>();
  /** Rules checked per candidate, and rules with a vendor question, in catalogue order (made once). */
  private readonly candidateRules: Rule[];
  private readonly questionRules: Rule[];
  /** Location slugs (metros, as opposed to areas). */
  private readonly metros: Set<string>;

  constructor(
    readonly data: ProjectData,
    readonly options: DomainOptions = DEFAULT_OPTIONS,
  ) {
    this.index = new CatalogIndex(data.catalog);
    this.parser = new Parser(data.catalog, data.intents, data.lexicon);
    this.factById = new Map(data.catalog.facts.map((f) => [f.id, f]));
    this.intentById = new Map(data.intents.map((i) => [i.id, i]));
    this.factFuse = new Fuse(data.catalog.facts, {
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
    const hb = Handlebars.create();
    const compile = (text: string) => plainTemplate(text) ?? hb.compile(text, { noEscape: true, strict: true });
    this.metros = new Set(data.catalog.locations.map((l) => l.slug));
    this.candidateRules = data.catalog.rules.filter((r) => r.level === 'candidate');
    this.questionRules = data.catalog.rules.filter((r) => r.question);
    for (const rule of data.catalog.rules) {
      if (rule.question) this.templates.set(`${rule.id}:question`, compile(rule.question.text));
      if (rule.advice) this.templates.set(`${rule.id}:advice`, compile(rule.advice.reason));
      if (rule.flag) this.templates.set(`${rule.id}:flag`, compile(rule.flag.text));
      // The Chinese texts, when catalogued (question.text_zh, advice.reason_zh, flag.text_zh).
      if (rule.question?.text_zh) this.templates.set(`${rule.id}:question:zh`, compile(rule.question.text_zh));
      if (rule.advice?.reason_zh) this.templates.set(`${rule.id}:advice:zh`, compile(rule.advice.reason_zh));
      if (rule.flag?.text_zh) this.templates.set(`${rule.id}:flag:zh`, compile(rule.flag.text_zh));
    }
  }

  parse(text: string): Parsed {
    return this.parser.parse(text);
  }

  /** The answer's sentences in a language (templates/<lang>/messages.yaml). */
  say(lang: Lang): Say {
    return sayer(this.data.messages, lang);
  }

  /** Answers a parsed request. `today` is YYYY-MM-DD (passed in so the domain stays pure and testable). */
  answer(parsed: Parsed, today: string, opts: { quotes?: Quote[] } = {}): Answer {
    const req = parsed.request;
    const answer = this.blank(req, today);
    answer.notes.push(...parsed.notes);

    if (req.intent === 'help') return this.helpAnswer(answer, parsed);
    if (req.intent === 'summary') {
      answer.kind = 'summary';
      answer.title = 'Weekly summary';
      // The surfaces answer this from the request history; the domain has no history to read.
      answer.notes.push(
        'The weekly summary is built from the request history: `procure summary` or `/procure summary`.',
      );
      return answer;
    }
    const missing = this.missingSlot(parsed);
    if (missing) {
      answer.kind = 'followup';
      answer.title = 'One more detail';
      answer.followup = missing;
      return answer;
    }
    if (req.intent === 'facts') return this.factsAnswer(answer, req);
    return this.placementAnswer(answer, req, parsed.vague.gpuWithoutModel, opts.quotes ?? []);
  }

  private blank(req: Request, today: string): Answer {
    return {
      kind: req.intent === 'help' ? 'help' : req.intent,
      lang: req.lang,
      title: '',
      request: req,
      currency: req.currency ?? 'USD',
      fx: null,
      recommendation: null,
      options: [],
      moreOptions: 0,
      topQuestions: [],
      questions: [],
      facts: [],
      assumptions: [],
      notes: [],
      followup: null,
      help: null,
      staleDays: this.options.staleDays,
      generatedOn: today,
    };
  }

  private helpAnswer(answer: Answer, parsed: Parsed): Answer {
    answer.kind = 'help';
    answer.title = 'What procure-bot does';
    answer.help = {
      intents: this.data.intents
        .filter((i) => i.id !== 'help')
        .sort((a, b) => a.priority - b.priority)
        .map((i) =>
          answer.lang === 'zh'
            ? {
                id: i.id,
                title: i.title_zh ?? i.title,
                description: i.description_zh ?? i.description,
                examples: [...i.examples.zh, ...i.examples.en.slice(0, 1)],
              }
            : {
                id: i.id,
                title: i.title,
                description: i.description,
                examples: [...i.examples.en, ...i.examples.zh.slice(0, 1)],
              },
        ),
    };
    const said = parsed.request;
    const understood = said.providers.length + said.locations.length > 0 || said.workload.kind !== null;
    if (!/^\s*(help|帮助|\?)\s*$/i.test(said.topic ?? '') && understood)
      answer.notes.push(
        'I could not tell what you wanted done: ask for a cost, a placement, a comparison, vendor questions or facts.',
      );
    return answer;
  }

  private missingSlot(parsed: Parsed): { slot: string; ask: string } | null {
    const req = parsed.request;
    const def = this.intentById.get(req.intent);
    if (!def) return null;
    const wl = req.workload;
    for (const slot of def.slots) {
      let ok = true;
      if (slot.name === 'size') {
        ok = Boolean(wl.gpu || wl.vcpu || wl.memoryGiB || wl.storageGB || wl.egressGBPerMonth || wl.tokensPerMonth);
        if (!ok && parsed.vague.gpuWithoutModel)
          return { slot: 'gpu', ask: 'Which GPU model and how many? For example "2x A10", "4x L20" or "8x H800".' };
        if (!ok && parsed.vague.tokensWithoutSplit)
          return {
            slot: 'tokens',
            ask: 'How many of those tokens are input and how many output? For example "20M input and 5M output tokens a month".',
          };
        if (ok && wl.tokensPerMonth && !wl.model && !wl.gpu && !wl.vcpu)
          return {
            slot: 'model',
            ask: 'Which model should I price the tokens on? For example qwen-plus, qwen-max, doubao-seed-1.6 or ernie-4.5-turbo.',
          };
      }
      if (slot.name === 'kind') ok = wl.kind !== null || wl.gpu !== null || wl.model !== null;
      if (slot.name === 'comparison')
        ok = req.providers.length + req.locations.length >= 2 || req.signals.incumbent !== null;
      if (slot.name === 'providers') ok = req.providers.length > 0;
      if (slot.name === 'topic') ok = Boolean(req.topic);
      if (!ok) return { slot: slot.name, ask: req.lang === 'zh' ? (slot.ask_zh ?? slot.ask) : slot.ask };
    }
    return null;
  }

  /** Lower-case words of each fact (claim, tags, id, topic), for exact look-ups before fuzzy ones. */
  private factWords: Map<string, Set<Fact>> | null = null;

  private wordIndex(): Map<string, Set<Fact>> {
    if (this.factWords) return this.factWords;
    const index = new Map<string, Set<Fact>>();
    for (const f of this.data.catalog.facts) {
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
    this.factWords = index;
    return index;
  }

  /** Fuzzy fact look-ups remembered per word, as the entity index does: the same words come back again and again. */
  private readonly fuzzyFactCache = new Map<string, readonly { item: Fact; score?: number }[]>();

  private fuzzyFacts(word: string): readonly { item: Fact; score?: number }[] {
    const cached = this.fuzzyFactCache.get(word);
    if (cached) return cached;
    const hits = this.factFuse.search(word, { limit: 40 }).map((r) => ({ item: r.item, score: r.score }));
    if (this.fuzzyFactCache.size > 10_000) this.fuzzyFactCache.clear();
    this.fuzzyFactCache.set(word, hits);
    return hits;
  }

  /** Facts for a free-text question: each word searched on its own, facts ranked by how many words they match. */
  searchFacts(text: string): Fact[] {
    let q = text;
    for (const [zh, en] of Object.entries(this.data.lexicon.fact_terms)) if (q.includes(zh)) q += ` ${en}`;
    const words = [...new Set(stripQuery(q).toLowerCase().split(/\s+/))].filter(
      (w) => w.length >= 3 && !/[\u3400-\u9fff]/.test(w),
    );
    const score = new Map<Fact, { hits: number; total: number }>();
    const index = this.wordIndex();
    for (const w of words) {
      const exact = index.get(w) ?? index.get(w.replace(/s$/, ''));
      const hits = exact ? [...exact].map((item) => ({ item, score: 0 })) : this.fuzzyFacts(w);
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

  private factsAnswer(answer: Answer, req: Request): Answer {
    answer.kind = 'facts';
    answer.title = 'What the catalogue says';
    let hits = this.searchFacts(req.topic ?? '');
    if (req.providers.length) {
      const own = hits.filter((f) => f.provider === null || req.providers.includes(f.provider as never));
      hits = own.length ? own : this.data.catalog.facts.filter((f) => req.providers.includes(f.provider as never));
    }
    if (req.locations.length) {
      const here = hits.filter((f) => f.locations.some((l) => req.locations.includes(l)));
      if (here.length) hits = [...here, ...hits.filter((f) => !here.includes(f))];
    }
    answer.facts = hits.slice(0, 6).map((f) => citeFact(f, req.lang));
    // Region questions are answered from the region lists too: "does Volcano Engine have a Singapore region?"
    for (const p of req.providers) {
      const provider = this.index.providers.get(p);
      if (!provider) continue;
      for (const loc of req.locations) {
        const regions = provider.regions.filter((r) => r.location === loc);
        const name = this.locationName(loc);
        answer.notes.push(
          regions.length
            ? `${provider.name} has ${regions.length === 1 ? 'a region' : 'regions'} in ${name}: ${regions.map((r) => r.id + (r.restricted ? ` (${r.restricted})` : '')).join(', ')} (source: ${provider.regions_source}, as of ${provider.regions_as_of}).`
            : `${provider.name} has no region in ${name} in the catalogue's region list (source: ${provider.regions_source}, as of ${provider.regions_as_of}).`,
        );
      }
    }
    if (answer.facts.length === 0 && answer.notes.length === 0)
      answer.notes.push(
        'The catalogue has no fact on that. Try other words, or ask about ICP filing, cross-border data, regions, spot rules, price changes or outages.',
      );
    return answer;
  }

  private placementAnswer(answer: Answer, req: Request, mentionsGpu: boolean, quotes: Quote[]): Answer {
    const { prices: quotePrices, expired } = quotesAsPrices(quotes, answer.generatedOn);
    const index: PriceIndex = quotePrices.length ? new OverlayIndex(this.index, quotePrices) : this.index;
    const billing: BillingMode = req.billing ?? 'payg';
    const today = answer.generatedOn;
    const { places, notes: planNotes, assumptions: planAssumptions } = this.plan(req);
    answer.notes.push(...planNotes);
    answer.assumptions.push(...planAssumptions);
    const fx = this.data.catalog.fx
      .filter((r) => r.base === 'USD' && r.counter === 'CNY')
      .sort((a, b) => b.as_of.localeCompare(a.as_of))[0];

    const audienceJurisdiction = this.audienceJurisdiction(req);
    if (audienceJurisdiction === 'mainland' && req.signals.audience.length === 0)
      answer.assumptions.push(
        `Users taken to be in mainland China, as ${req.signals.commercePlatforms.map(platformName).join('/')} serves mainland shoppers; say where your users are if not.`,
      );
    const baseCtx = requestContext(req, audienceJurisdiction);
    if (mentionsGpu) baseCtx.hasGpu = true;
    const options: OptionAnswer[] = [];
    for (const { provider, place } of places) {
      const est = estimateOption({
        req,
        provider,
        place,
        billing,
        currency: answer.currency,
        index,
        today,
        staleDays: this.options.staleDays,
      });
      const option: OptionAnswer = {
        provider: provider.id,
        providerName: provider.name,
        location: place.location,
        locationName: place.locationName,
        regionIds: place.regionIds,
        jurisdiction: place.jurisdiction,
        billing,
        lines: est.lines,
        gaps: est.gaps,
        flags: [],
        monthly: null,
        total: null,
        complete: est.gaps.length === 0,
        alternatives: [],
        score: 0,
        reasons: [],
        rank: 0,
      };
      answer.notes.push(...est.notes.filter((n) => !answer.notes.includes(n)));
      const ctx = candidateContext(baseCtx, { ...place, provider: provider.id, billing }, req);
      // Indexed loops over the rules: they run for every candidate, and iterating them must not allocate.
      for (let r = 0; r < this.candidateRules.length; r++) {
        const rule = this.candidateRules[r] as Rule;
        if (!ruleMatches(rule, ctx)) continue;
        if (rule.advice) {
          option.score += rule.advice.score;
          option.reasons.push({
            text: this.fill(rule, 'advice', req, provider, place),
            cites: rule.advice.cites,
            score: rule.advice.score,
          });
        }
        if (rule.flag)
          option.flags.push({ text: this.fill(rule, 'flag', req, provider, place), cites: rule.flag.cites });
      }
      options.push(option);
    }
    // Currency: the asked one; else the one all priced lines share; else USD.
    const currencies = new Set(options.flatMap((o) => o.lines.map((l) => l.currency)));
    if (!req.currency) answer.currency = currencies.size === 1 ? ([...currencies][0] as Currency) : 'USD';
    const needsFx = [...currencies].some((c) => c !== answer.currency);
    if (needsFx && fx)
      answer.fx = { base: fx.base, counter: fx.counter, rate: fx.rate, source: fx.source, asOf: fx.as_of, id: fx.id };
    for (const o of options) this.totals(o, answer, req);
    for (const q of expired)
      if (options.some((o) => o.provider === q.provider && o.location === q.location))
        answer.notes.push(
          `Vendor quote ${q.reference} (${q.provider} ${q.resource}${q.gpu ? ` ${q.gpu.model}` : ''} in ${q.location}) expired on ${q.validUntil} and was not used.`,
        );

    // Cost as a reason: the cheapest fully priced option gains, others are told how far off they are.
    const priced = options.filter((o) => o.complete && o.monthly && o.lines.length > 0);
    const cheapest = priced.sort((a, b) => (a.monthly?.expected ?? 0) - (b.monthly?.expected ?? 0))[0];
    if (cheapest?.monthly && priced.length > 1) {
      cheapest.score += 1;
      cheapest.reasons.push({
        text: `Lowest priced of the fully priced options: ${answer.currency} ${fmtNum(cheapest.monthly.expected)} a month.`,
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
    answer.options = options.slice(0, this.options.maxOptions);
    // Other billing modes only for the options shown: each is a whole estimate again.
    for (const o of answer.options) o.alternatives = this.alternatives(o, req, answer, billing, index);
    answer.moreOptions = Math.max(0, options.length - answer.options.length);

    const top = answer.options[0];
    answer.kind =
      req.intent === 'questions'
        ? 'questions'
        : req.intent === 'compare'
          ? 'compare'
          : req.intent === 'place'
            ? 'place'
            : 'estimate';
    answer.title = this.title(req, answer);
    if (top && req.intent !== 'questions') {
      const why = top.reasons.filter((r) => r.score > 0).slice(0, 1)[0];
      answer.recommendation = {
        option: 0,
        text: `${top.providerName} in ${top.locationName}${top.regionIds[0] ? ` (${top.regionIds[0]})` : ''}${why ? ` — ${why.text}` : ''}`,
      };
    }
    this.questions(answer, req, baseCtx, options);
    this.assumptions(answer, req, billing);
    // Every fact cited anywhere in the answer, so a reader can check it.
    const cited = new Set<string>();
    for (const o of answer.options)
      for (const c of [...o.reasons.flatMap((r) => r.cites), ...o.flags.flatMap((f) => f.cites)]) cited.add(c);
    for (const q of req.intent === 'questions' ? answer.questions.flatMap((s) => s.items) : answer.topQuestions)
      for (const c of q.cites) cited.add(c);
    answer.facts = [...cited].flatMap((id) => {
      const f = this.factById.get(id);
      return f ? [citeFact(f, req.lang)] : [];
    });
    return answer;
  }

  /** Candidate placements: providers × places, each place a location where the provider has a region. */
  private plan(req: Request): {
    places: { provider: Provider; place: PlaceInfo }[];
    notes: string[];
    assumptions: string[];
  } {
    const notes: string[] = [];
    const assumptions: string[] = [];
    const providers = (req.providers.length ? req.providers : this.data.catalog.providers.map((p) => p.id))
      .map((id) => this.index.providers.get(id))
      .filter((p): p is Provider => Boolean(p));
    const metros = this.metros;
    const named = req.locations.length > 0;
    const out: { provider: Provider; place: PlaceInfo }[] = [];
    // When a model API is asked for without a place, plan where that model is priced.
    const modelOnly = req.workload.model && !named && !req.workload.gpu && !req.workload.vcpu;
    for (const provider of providers) {
      let wanted: string[] = [];
      if (named) {
        for (const slug of req.locations) {
          if (metros.has(slug)) wanted.push(slug);
          else {
            // An area: the provider's regions in it, one per location.
            const inArea = provider.regions
              .map((r) => this.data.catalog.locations.find((l) => l.slug === r.location))
              .filter((l) => l && l.area === slug)
              .map((l) => l?.slug as string);
            const first = [...new Set(inArea)].slice(0, slug === 'mainland-china' ? 1 : 2);
            wanted.push(...first);
          }
        }
      } else if (modelOnly) {
        wanted = [
          ...new Set(
            this.index
              .pricesForModel(provider.id, req.workload.model as string)
              .flatMap((p) =>
                p.scope.locations
                  ? p.scope.locations
                  : this.firstIn(provider, p.scope.jurisdiction === 'mainland' ? 'mainland' : 'elsewhere'),
              ),
          ),
        ];
        // A named provider without a catalogued price for the model still gets an option: its gap says what to ask.
        if (wanted.length === 0 && req.providers.includes(provider.id as never))
          wanted = this.firstIn(provider, 'mainland');
      } else {
        const regions = provider.default_regions.flatMap((id) => provider.regions.filter((r) => r.id === id));
        wanted = regions.map((r) => r.location);
        // Vendor questions about one provider need one place, not three.
        if (req.intent === 'questions') wanted = wanted.slice(0, 1);
      }
      for (const slug of [...new Set(wanted)]) {
        const regions = provider.regions.filter((r) => r.location === slug && !r.restricted);
        const loc = this.data.catalog.locations.find((l) => l.slug === slug);
        if (!loc) continue;
        if (regions.length === 0) {
          if (named && (req.providers.length > 0 || providers.length <= 2))
            notes.push(`${provider.name} has no open region in ${loc.name} in the catalogue's region list.`);
          continue;
        }
        out.push({
          provider,
          place: {
            location: slug,
            locationName: loc.name,
            jurisdiction: loc.jurisdiction,
            area: loc.area,
            regionIds: regions.map((r) => r.id),
          },
        });
      }
    }
    if (!named && !modelOnly && req.intent !== 'questions')
      assumptions.push(
        "No region was named: each provider's main mainland region, Hong Kong and Singapore (or nearest) were compared.",
      );
    if (out.length === 0 && modelOnly)
      notes.push(
        `No provider in the catalogue lists a price for ${req.workload.model}; name the provider to see what to ask for.`,
      );
    else if (out.length === 0) notes.push('No provider in the catalogue has a region in the places asked about.');
    return { places: out, notes, assumptions };
  }

  private firstIn(provider: Provider, jurisdiction: Jurisdiction): string[] {
    const defaults = provider.default_regions.flatMap((id) => provider.regions.filter((r) => r.id === id));
    for (const r of [...defaults, ...provider.regions]) {
      if (r.restricted) continue;
      const loc = this.data.catalog.locations.find((l) => l.slug === r.location);
      if (loc && loc.jurisdiction === jurisdiction) return [loc.slug];
    }
    return [];
  }

  private audienceJurisdiction(req: Request): Jurisdiction | null {
    const a = req.signals.audience[0];
    if (!a) {
      // Alibaba's commerce platforms (Taobao, Tmall, 1688) serve mainland shoppers.
      const mainlandPlatforms = ['taobao', 'tmall', '1688'];
      return req.signals.commercePlatforms.some((p) => mainlandPlatforms.includes(p)) ? 'mainland' : null;
    }
    if (a === 'mainland-china') return 'mainland';
    const loc = this.data.catalog.locations.find((l) => l.slug === a);
    return loc ? loc.jurisdiction : 'elsewhere';
  }

  private totals(o: OptionAnswer, answer: Answer, req: Request): void {
    let sum: Money = { low: 0, expected: 0, high: 0 };
    let convertible = true;
    for (const line of o.lines) {
      const f = factor(line.currency, answer.currency, answer.fx?.rate);
      if (f === null) {
        convertible = false;
        continue;
      }
      line.monthlyInAnswerCurrency = convertMoney(line.monthly, f);
      sum = {
        low: sum.low + line.monthlyInAnswerCurrency.low,
        expected: sum.expected + line.monthlyInAnswerCurrency.expected,
        high: sum.high + line.monthlyInAnswerCurrency.high,
      };
    }
    if (o.lines.length === 0 || !convertible) return;
    o.monthly = convertMoney(sum, 1);
    if (req.durationMonths) o.total = convertMoney(sum, req.durationMonths);
  }

  /** The other billing modes for the same option, priced where the catalogue allows. */
  private alternatives(
    o: OptionAnswer,
    req: Request,
    answer: Answer,
    current: BillingMode,
    index: PriceIndex,
  ): Alternative[] {
    const provider = this.index.providers.get(o.provider);
    if (!provider) return [];
    const place: PlaceInfo = {
      location: o.location,
      locationName: o.locationName,
      jurisdiction: o.jurisdiction,
      area: '',
      regionIds: o.regionIds,
    };
    const out: Alternative[] = [];
    for (const billing of ['payg', 'subscription', 'spot'] as const) {
      if (billing === current) continue;
      if (!provider.billing_modes.includes(billing)) {
        out.push({ billing, monthly: null, note: `${provider.name} does not list ${billing} in the catalogue` });
        continue;
      }
      const est = estimateOption({
        req,
        provider,
        place,
        billing,
        currency: answer.currency,
        index,
        today: answer.generatedOn,
        staleDays: this.options.staleDays,
      });
      let sum: Money | null = est.lines.length ? { low: 0, expected: 0, high: 0 } : null;
      for (const l of est.lines) {
        const f = factor(l.currency, answer.currency, answer.fx?.rate);
        if (f === null || !sum) {
          sum = null;
          break;
        }
        const m = convertMoney(l.monthly, f);
        sum = { low: sum.low + m.low, expected: sum.expected + m.expected, high: sum.high + m.high };
      }
      const note =
        est.gaps.length === 0
          ? 'fully priced'
          : est.lines.length
            ? `${est.gaps.length} component${est.gaps.length > 1 ? 's' : ''} unpriced`
            : 'not priced in the catalogue';
      out.push({ billing, monthly: sum ? convertMoney(sum, 1) : null, note });
    }
    return out;
  }

  private questions(
    answer: Answer,
    req: Request,
    baseCtx: ReturnType<typeof requestContext>,
    all: OptionAnswer[],
  ): void {
    const seen = new Set<string>();
    const list: VendorQuestion[] = [];
    const add = (q: VendorQuestion) => {
      const k = q.text.toLowerCase();
      if (!q.text || seen.has(k)) return;
      seen.add(k);
      list.push(q);
    };
    // Questions for the options shown (for a questions intent: every option of the named providers).
    const subjects = req.intent === 'questions' ? all : answer.options.slice(0, 2);
    for (const o of subjects) {
      const provider = this.index.providers.get(o.provider);
      if (!provider) continue;
      const place: PlaceInfo = {
        location: o.location,
        locationName: o.locationName,
        jurisdiction: o.jurisdiction,
        area: '',
        regionIds: o.regionIds,
      };
      const ctx = candidateContext(
        baseCtx,
        { ...place, provider: o.provider, billing: o.billing, area: this.areaOf(o.location) },
        req,
      );
      for (let r = 0; r < this.questionRules.length; r++) {
        const rule = this.questionRules[r] as Rule;
        if (!rule.question || !ruleMatches(rule, rule.level === 'request' ? baseCtx : ctx)) continue;
        add({
          text: this.fill(rule, 'question', req, provider, place),
          group: rule.question.group,
          provider: rule.level === 'request' ? null : o.provider,
          priority: rule.question.priority,
          cites: rule.question.cites,
          ruleId: rule.id,
        });
      }
      for (const g of o.gaps)
        if (g.question)
          add({
            text: `${provider.name}: ${g.question}`,
            group: 'pricing-renewal',
            provider: o.provider,
            priority: 2,
            cites: [],
            ruleId: `gap:${g.component}`,
          });
    }
    list.sort((a, b) => b.priority - a.priority);
    // The top five favour breadth: one question per rule before a second from the same rule.
    const firsts = list.filter((q, i) => list.findIndex((x) => x.ruleId === q.ruleId) === i);
    answer.topQuestions = [...firsts, ...list.filter((q) => !firsts.includes(q))].slice(0, 5);
    answer.questions = GROUP_ORDER.map((group) => ({
      group,
      title: GROUP_TITLES[group],
      items: list.filter((q) => q.group === group),
    })).filter((s) => s.items.length > 0);
  }

  private areaOf(slug: string): string {
    return this.data.catalog.locations.find((l) => l.slug === slug)?.area ?? '';
  }

  private assumptions(answer: Answer, req: Request, billing: BillingMode): void {
    const wl = req.workload;
    const a = answer.assumptions;
    if (answer.options.some((o) => o.lines.length || o.gaps.length)) {
      if ((wl.gpu || wl.vcpu || wl.memoryGiB) && wl.hoursPerMonth === null)
        a.push(`${HOURS_PER_MONTH} hours a month (running all month); say "200 hours a month" otherwise.`);
      if (!req.billing)
        a.push(
          `Billing mode not given: ${billing === 'payg' ? 'pay-as-you-go' : billing} prices shown; add "subscription" or "spot" to the question for the others.`,
        );
      if (!req.durationMonths) a.push('No duration given: monthly figures only.');
      if ((wl.vcpu || wl.memoryGiB) && wl.instances === null && !wl.gpu) a.push('1 instance.');
    }
    if (answer.fx)
      a.push(
        `Converted at 1 ${answer.fx.base} = ${answer.fx.rate} ${answer.fx.counter} (${answer.fx.id}, as of ${answer.fx.asOf}).`,
      );
    else if (answer.options.some((o) => o.lines.length && !o.monthly))
      a.push('No FX rate in the catalogue: totals are shown only where all lines share a currency.');
  }

  private title(req: Request, answer: Answer): string {
    const wl = req.workload;
    const what = [
      wl.gpu ? `${wl.gpu.count}x ${wl.gpu.model}` : null,
      wl.vcpu || wl.memoryGiB ? `${wl.vcpu ?? '?'} vCPU / ${wl.memoryGiB ?? '?'} GiB` : null,
      wl.storageGB ? `${fmtNum(wl.storageGB)} GB storage` : null,
      wl.egressGBPerMonth ? `${fmtNum(wl.egressGBPerMonth)} GB/month egress` : null,
      wl.tokensPerMonth && wl.model ? `${wl.model} tokens` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const kind = wl.kind ? `${wl.kind.replace('-', ' ')}` : 'workload';
    const months = req.durationMonths
      ? `, ${fmtNum(req.durationMonths)} month${req.durationMonths === 1 ? '' : 's'}`
      : '';
    if (answer.kind === 'questions') {
      const names = req.providers.map((p) => this.index.providers.get(p)?.name ?? p).join(', ');
      return `Questions for ${names || 'the vendor'}${req.signals.renewal ? ' before renewal' : ''}${what ? ` — ${what}` : ''}`;
    }
    const head = { estimate: 'Estimate', place: 'Placement', compare: 'Comparison' }[answer.kind as 'estimate'];
    return `${head ?? 'Answer'}: ${what ? `${what} (${kind})` : kind}${months}`;
  }

  /** Fills a rule's text with the option's names: {{provider}}, {{region}}, {{location}}, {{gpu}}, {{months}}, {{workload}}, {{model}}. */
  private fill(
    rule: Rule,
    part: 'advice' | 'flag' | 'question',
    req: Request,
    provider: Provider,
    place: PlaceInfo,
  ): string {
    const vars: RuleTextVars = {
      provider: provider.name,
      region: place.regionIds[0] ?? place.locationName,
      location: place.locationName,
      gpu: req.workload.gpu ? `${req.workload.gpu.model}` : 'GPU',
      gpus: req.workload.gpu ? `${req.workload.gpu.count}x ${req.workload.gpu.model}` : 'the GPUs',
      months: req.durationMonths ? `${fmtNum(req.durationMonths)} months` : 'the whole term',
      workload: req.workload.kind ? WORKLOAD_NOUNS[req.workload.kind] : 'workload',
      model: req.workload.model ?? 'the model',
    };
    const zh = req.lang === 'zh' ? this.templates.get(`${rule.id}:${part}:zh`) : undefined;
    if (zh) return zh(this.zhVars(vars, req, provider, place)).trim();
    const t = this.templates.get(`${rule.id}:${part}`);
    return t ? t(vars).trim() : '';
  }

  /** The rule-text values in Chinese (templates/zh/rules.yaml, catalogue names_zh), for a rule's *_zh text. */
  private zhVars(vars: RuleTextVars, req: Request, provider: Provider, place: PlaceInfo): RuleTextVars {
    const say = this.say('zh');
    const wl = req.workload;
    const n = req.durationMonths;
    const loc = this.data.catalog.locations.find((l) => l.slug === place.location);
    return {
      ...vars,
      provider: provider.names_zh[0] ?? provider.name,
      location: loc?.names_zh[0] ?? vars.location,
      gpus: wl.gpu ? say('rule.gpus', { count: wl.gpu.count, model: wl.gpu.model }) : say('rule.the-gpus'),
      months: n ? say(n === 1 ? 'rule.months.one' : 'rule.months.many', { count: fmtNum(n) }) : say('rule.whole-term'),
      workload: say(`rule.workload.${wl.kind ?? 'unknown'}`),
      model: wl.model ?? say('rule.the-model'),
    };
  }

  private locationName(slug: string): string {
    return (
      this.data.catalog.locations.find((l) => l.slug === slug)?.name ??
      this.data.catalog.areas.find((a) => a.slug === slug)?.name ??
      slug
    );
  }
}

type RuleTextVars = Record<keyof typeof RULE_TEXT_VARS, string | undefined>;

/**
 * A rule text whose only mustaches are plain variables ("Ask {{provider}} about {{region}}") as a function that
 * fills them in directly: the same text Handlebars would give with noEscape, without a Handlebars call per
 * rule per candidate. Anything else (helpers, blocks, escapes, unknown names) is left to Handlebars: null.
 */
export function plainTemplate(text: string): ((vars: RuleTextVars) => string) | null {
  const parts = text.split(/\{\{([a-z]+)\}\}/);
  const names: (keyof RuleTextVars)[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 1) {
      if (!Object.hasOwn(RULE_TEXT_VARS, part)) return null;
      names.push(part as keyof RuleTextVars);
    } else if (part.includes('{{') || part.includes('}}') || part.includes('\\')) return null;
  }
  if (names.length === 0) return () => text;
  return (vars) => {
    let out = parts[0] as string;
    for (let i = 0; i < names.length; i++)
      out += (vars[names[i] as keyof RuleTextVars] ?? '') + (parts[2 * i + 2] as string);
    return out;
  };
}

function factor(from: Currency, to: Currency, usdCny: number | undefined): number | null {
  if (from === to) return 1;
  if (!usdCny) return null;
  return from === 'USD' ? usdCny : 1 / usdCny;
}

/** A fact as cited in an answer: its claim in the answer's language when catalogued (claim_zh), else as written. */
function citeFact(f: Fact, lang: Lang = 'en'): CitedFact {
  const claim = lang === 'zh' && f.claim_zh ? f.claim_zh : f.claim;
  return { id: f.id, claim, provider: f.provider, source: f.source, asOf: f.as_of, grade: f.grade };
}

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

function platformName(id: string): string {
  return (
    (
      { taobao: 'Taobao', tmall: 'Tmall', aliexpress: 'AliExpress', 'alibaba.com': 'Alibaba.com' } as Record<
        string,
        string
      >
    )[id] ?? id
  );
}
