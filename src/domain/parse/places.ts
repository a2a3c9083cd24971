/**
 * Step 10: places and providers. The providers, metros, areas and region ids named (found before any step blanked
 * them); which places are where the users are rather than where it runs; the provider in use today; and the providers
 * an instance type or model implies ("g4dn.xlarge" → AWS, "文心一言" → Baidu, DeepSeek → several).
 */
import type { Catalog } from '../../catalog/load.js';
import type { Request } from '../request.js';
import type { Mention } from './entities.js';
import type { TypeMatch } from './instance-types.js';
import type { CompiledLexicon } from './lexicon.js';
import { fold } from './literal-gate.js';
import { type ParseState, placeName, providerName } from './state.js';
import { blank } from './work.js';

const DISTILLED_BASE = /distill[-\s]+(?:qwen|llama)/giu;
const EQUIVALENT =
  /\b(?:equivalent|similar|comparable|counterpart|same (?:size|spec|shape)|something like|like an?)\b|同规格|同等|类似|相当于|对标|等效/iu;
/** Two product names set against each other: "ECS 还是 CVM", "CVM 和 ECS", "ECS vs EC2" (from the first name's start). */
/** A move away from what was just named: "OSS 上 500TB 迁到腾讯", "our S3 data moved to Huawei" (read after a product name). */
const MOVED_FROM =
  /^[a-z0-9]+[^。.？?！!；;]{0,30}?(?:迁(?:移)?(?:到|至|去)|搬(?:迁)?(?:到|去)|换到|转到|挪到|\b(?:migrat(?:e|ed|ing)|mov(?:e|ed|ing)|transferr?(?:ed|ing)?|shift(?:ed|ing)?)\b[^.?!]{0,20}?\b(?:to|onto|over to)\b)/iu;
/** "from S3 to COS", "从 OSS 迁到…": the product named as where a move starts. */
const MOVED_FROM_BEFORE = /(?:\bfrom|\boff|从|由)\s*(?:our\s+|the\s+)?$/iu;
/** "migrate our S3 buckets to aliyun", "把 OSS 数据迁到…": a move said before the product, its destination after it. */
const MOVE_BEFORE =
  /(?:\bmigrat(?:e|ing)|\bmov(?:e|ing)|\btransfer(?:ring)?|\bshift(?:ing)?|\bport(?:ing)?|把|将)\s*(?:(?:all\s+)?(?:of\s+)?(?:our|the|my)\s+|我们的?\s*)?$/iu;
const MOVED_TO_AFTER = /^[a-z0-9]+[^。.？?！!；;]{0,30}?(?:\b(?:to|onto|into)\b|到|至)/iu;
const PRODUCTS_JOINED = /^[a-z0-9]+\s*(?:vs\.?|versus|or|and|还是|和|与|跟|或者?|对比|比)\s*$/iu;
/** What joins two providers set against each other: "A or B", "A cloud or B", "A tokyo, or B", "A还是B", "A或者B". */
/** Right before a place: where something is ("in Hangzhou or Singapore", "在上海或者北京"). */
const PLACED_IN = /(?:\b(?:in|at)|在)\s*$/iu;
/**
 * ("shanghai or HK", "mainland (shanghai) or HK", "上海（华东）还是香港", "上海？还是香港"): a bracket, an aside in brackets or
 * a question mark may close the first.
 */
const NAMES_OR =
  /^\s*(?:[(（][^()（）]{0,24}[)）])?\s*[)）"'”’]?\s*(?:cloud\s*)?(?:的\s*)?[,，、?？]?\s*(?:or|还是|或者|或是)\s*[(（"'“‘]?\s*$/iu;

type Provider = Request['providers'][number];

/** The kinds of names that are set against each other: providers, and places (a city, a region or an area). */
const isPlace = (m: Mention) => m.type === 'location' || m.type === 'area';
const isProvider = (m: Mention) => m.type === 'provider';

/**
 * Two provider names, or two place names, joined by "or" / 还是 ("alibaba or tencent", "阿里云还是腾讯云", "jkt or bkk for
 * a kafka cluster"): options set against each other.
 */
export function namesOr(mentions: Mention[], text: string): { providers: boolean; places: boolean } {
  const joined = (kind: (m: Mention) => boolean, said?: RegExp) => {
    const named = mentions.filter(kind);
    return named.some((m, i) => {
      const next = named[i + 1];
      if (next === undefined || next.id === m.id) return false;
      if (said?.test(text.slice(Math.max(0, m.start - 8), m.start))) return false;
      // "tencent jakarta or alibaba jakarta", "腾讯云上海还是阿里云上海": a name of another kind said after each is part of
      // its side.
      let gap = text.slice(m.end, next.start);
      for (const p of mentions)
        if (!kind(p) && p.start >= m.end && p.end <= next.start)
          gap = gap.slice(0, p.start - m.end) + ' '.repeat(p.end - p.start) + gap.slice(p.end - m.end);
      return NAMES_OR.test(gap);
    });
  };
  // "2x A10 in Hangzhou or Singapore for 3 months": places said where the workload is, each to be priced, not two
  // options set against each other.
  return { providers: joined(isProvider), places: joined(isPlace, PLACED_IN) };
}

export class Places {
  constructor(
    private readonly catalog: Catalog,
    private readonly lx: CompiledLexicon,
  ) {}

  /**
   * `mentions`: found in `entityText` (the question with instance types blanked). `said`: the question in lower case.
   */
  read(
    s: ParseState,
    mentions: Mention[],
    entityText: string,
    types: TypeMatch[],
    models: string[],
    said: string,
  ): void {
    this.applyEntities(s, mentions, entityText);
    for (const m of mentions) blank(s.w, m.start, m.end - m.start);
    this.impliedProviders(s, types, models, said);
  }

  private applyEntities(s: ParseState, mentions: Mention[], text: string): void {
    const { req, notes, say } = s;
    const providers = new Set<string>();
    for (const m of mentions) if (m.type === 'provider') providers.add(m.id);
    const locations: string[] = [];
    const audience: string[] = [];
    const addUnique = (list: string[], v: string) => {
      if (!list.includes(v)) list.push(v);
    };
    let prevAudienceEnd = -1;
    let challenger: string | null = null;
    const law: string[] = [];
    const reach: string[] = [];
    for (const m of mentions) {
      if (m.type === 'provider') {
        const before = text.slice(Math.max(0, m.start - 45), m.start);
        if (this.lx.incumbentBefore.test(before) && !req.signals.incumbent)
          req.signals.incumbent = m.id as Request['signals']['incumbent'];
        if (this.lx.challengerBefore?.test(before)) challenger ??= m.id;
        if (m.fuzzy)
          notes.push(
            say('parse.fuzzy', { said: text.slice(m.start, m.end), what: providerName(this.catalog, say, m.id) }),
          );
        continue;
      }
      let slug = m.id;
      if (m.type === 'region') {
        const regions = m.regions ?? [];
        const named = regions.find((r) => providers.has(r.provider));
        const counts = new Map<string, number>();
        for (const r of regions) counts.set(r.location, (counts.get(r.location) ?? 0) + 1);
        slug = named?.location ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? m.id;
        if (!named && counts.size > 1)
          notes.push(
            say('parse.region-ambiguous', {
              id: m.id,
              list: regions
                .map((r) =>
                  say('parse.region-at', {
                    provider: providerName(this.catalog, say, r.provider),
                    place: placeName(this.catalog, say, r.location),
                  }),
                )
                .join(say('followup.note.sep')),
              place: placeName(this.catalog, say, slug),
            }),
          );
      }
      const before = text.slice(Math.max(0, m.start - 30), m.start);
      const after = text.slice(m.end, m.end + 30);
      const chained =
        prevAudienceEnd >= 0 && /^\s*(?:and|or|&|,|和|与|、|及)\s*$/i.test(text.slice(prevAudienceEnd, m.start));
      // "阿里云 国际站 和 国内站": a provider's China site, not a place.
      if (this.lx.notPlaceAfter?.test(after)) continue;
      // "china data rules", "中国的数据出境规定": the place's law, not (unless a facts question) a place to run in.
      if (this.lx.rulesAfter?.test(after)) {
        law.push(slug);
        continue;
      }
      // "ping to indonesia is what matters": where the users are, unless latency itself is asked about (see `reachPlaces`).
      if (this.lx.latencyTo.some((l) => (!l.before || l.before.test(before)) && (!l.after || l.after.test(after)))) {
        reach.push(slug);
        continue;
      }
      const isAudience = chained || this.lx.audienceAfter.test(after) || this.lx.audienceBefore.test(before);
      prevAudienceEnd = isAudience ? m.end : -1;
      if (m.fuzzy)
        notes.push(say('parse.fuzzy', { said: text.slice(m.start, m.end), what: placeName(this.catalog, say, slug) }));
      addUnique(isAudience ? audience : locations, slug);
    }
    this.audiencePlaces(text, mentions, locations, audience);
    for (const d of this.lx.demonyms) if (d.re.test(text)) addUnique(audience, d.slug);
    for (const d of this.lx.demonyms) d.re.lastIndex = 0;
    req.providers = [...providers] as Request['providers'];
    // "on Tencent Guangzhou, should we move to Huawei?": of two providers, the one not moved to is in use today.
    if (!req.signals.incumbent && challenger && providers.size === 2)
      req.signals.incumbent = req.providers.find((p) => p !== challenger) ?? null;
    // "AWS cn ningxia", "AWS 中国区 宁夏": an area said with a metro in it only says where the metro is.
    const inside = new Set(locations.map((l) => this.catalog.locations.find((x) => x.slug === l)?.area));
    const kept = locations.filter((l) => !inside.has(l as never));
    // "china data rules": asked about only in a facts question (see `lawPlaces`).
    s.lawPlaces = law.filter((l) => !kept.includes(l) && !audience.includes(l) && !inside.has(l as never));
    s.reachPlaces = reach.filter(
      (l, i) => reach.indexOf(l) === i && !kept.includes(l) && !audience.includes(l) && !s.lawPlaces?.includes(l),
    );
    req.locations = [...kept, ...s.lawPlaces, ...s.reachPlaces];
    req.signals.audience = audience;
  }

  /**
   * "users in Malaysia and Thailand": a country read only as an audience, when the words around it say so; a place
   * listed with it ("and Thailand") is an audience too.
   */
  private audiencePlaces(text: string, mentions: Mention[], locations: string[], audience: string[]): void {
    const JOIN = /^\s*(?:and|or|&|,|和|与|、|及)\s*$/iu;
    for (const a of this.lx.audiencePlaces) {
      a.re.lastIndex = 0;
      for (const hit of text.matchAll(a.re)) {
        const start = hit.index ?? 0;
        const end = start + hit[0].length;
        const before = text.slice(Math.max(0, start - 30), start);
        const after = text.slice(end, end + 30);
        const joined = mentions.filter(
          (m) =>
            (m.type === 'location' || m.type === 'area') &&
            (JOIN.test(text.slice(end, m.start)) || JOIN.test(text.slice(m.end, start))),
        );
        const isAudience =
          this.lx.audienceAfter.test(after) ||
          this.lx.audienceBefore.test(before) ||
          joined.some((m) => audience.includes(m.id));
        if (!isAudience) continue;
        if (!audience.includes(a.slug)) audience.push(a.slug);
        for (const m of joined) {
          const i = locations.indexOf(m.id);
          if (i >= 0) locations.splice(i, 1);
          if (!audience.includes(m.id)) audience.push(m.id);
        }
      }
    }
  }

  private impliedProviders(s: ParseState, types: TypeMatch[], models: string[], said: string): void {
    const { req } = s;
    // "deepseek-r1-distill-qwen-32b" is a DeepSeek model: the base it was distilled from names no family.
    const low = said.replace(DISTILLED_BASE, 'distill');
    const namedAny = req.providers.length > 0;
    // "an r7.2xlarge equivalent on Huawei": the type gives the size; the providers named are the ones to price.
    const equivalent = namedAny && EQUIVALENT.test(low);
    // "m7i.2xlarge vs ecs.g8i.2xlarge": each type names its provider, so a comparison of types compares both.
    const seen = new Set<string>();
    for (const type of types) {
      if (seen.has(type.type)) continue;
      seen.add(type.type);
      this.impliedByType(s, type, namedAny, equivalent);
    }
    const platforms = this.lx.families.filter((f) => f.platform && f.re.test(low));
    if (namedAny) {
      // "OSS 上的数据迁到腾讯 COS", "move our S3 buckets to Huawei": a product moved away from names where it is now.
      if (!equivalent) {
        const folded = fold(low);
        for (const p of this.lx.products) {
          if (req.providers.includes(p.provider as never)) continue;
          const at = Math.min(...p.res.map((r) => r.search(low, folded)).filter((i) => i >= 0));
          if (!Number.isFinite(at)) continue;
          const before = low.slice(Math.max(0, at - 24), at);
          if (
            MOVED_FROM.test(low.slice(at, at + 40)) ||
            MOVED_FROM_BEFORE.test(before) ||
            (MOVE_BEFORE.test(before) && MOVED_TO_AFTER.test(low.slice(at, at + 40)))
          )
            req.providers.unshift(p.provider as never);
        }
      }
      // "deepseek-v3 on Bailian vs Volcano Engine": a model platform names its provider beside the ones named.
      for (const p of platforms.flatMap((f) => f.providers))
        if (!req.providers.includes(p as never)) req.providers.push(p as never);
      this.secondModelProviders(s, models, low);
      return;
    }
    const folded = fold(low);
    let implied: string[] = platforms.flatMap((f) => f.providers);
    // "EC2 in Virginia", "5TB in COS": a product only one provider sells names it.
    const found = (list: typeof this.lx.products) =>
      list
        .map((p) => ({ p: p.provider, at: Math.min(...p.res.map((r) => r.search(low, folded)).filter((i) => i >= 0)) }))
        .filter((x) => Number.isFinite(x.at));
    const sole = found(this.lx.products);
    // "ECS 还是 CVM": a name several providers use, set against another provider's product, is its best-known seller's.
    const joined = (a: number, b: number) => PRODUCTS_JOINED.test(low.slice(Math.min(a, b), Math.max(a, b)));
    const contrasted = found(this.lx.contrasted).filter(
      (c) => sole.every((x) => x.p !== c.p) && sole.some((x) => joined(x.at, c.at)),
    );
    const products = [...sole, ...contrasted].sort((a, b) => a.at - b.at).map((x) => x.p);
    for (const p of products) if (!req.providers.includes(p as never)) req.providers.push(p as never);
    if (!implied.length) {
      // Every model family named, in the order written: "豆包和文心一言哪个划算" compares Volcano Engine and Baidu.
      const named = this.lx.families
        .filter((f) => !f.platform)
        .map((f) => ({ f, at: f.re.exec(low)?.index ?? -1 }))
        .filter((x) => x.at >= 0)
        .sort((a, b) => a.at - b.at);
      const sellers = named.map(({ f }) => {
        const model = models.find((m) => f.re.test(m));
        return model && f.open?.test(model) ? f.openProviders : f.providers;
      });
      implied = [...new Set(sellers.flat())];
      // "qwen-max vs deepseek-r1": both are sold on Alibaba, so both are priced there, not deepseek-r1 everywhere else.
      const common = implied.filter((p) => sellers.every((list) => list.includes(p)));
      if (sellers.length >= 2 && common.length) implied = common;
      s.sellers = implied.filter((p) => !req.providers.includes(p as never));
    }
    for (const p of implied) if (!req.providers.includes(p as never)) req.providers.push(p as never);
    this.secondModelProviders(s, models, low);
  }

  /**
   * "Baidu ernie-4.0 vs qwen-plus": two models compared, a provider named for one. The other model's only seller is
   * added, so both sides of the comparison are asked about.
   */
  private secondModelProviders(s: ParseState, models: string[], said: string): void {
    const { req, notes, say } = s;
    const name = (p: string) => providerName(this.catalog, say, p);
    const low = said.replace(DISTILLED_BASE, 'distill');
    const families = this.lx.families
      .filter((f) => !f.platform && f.re.test(low))
      .sort((a, b) => (a.re.exec(low)?.index ?? 0) - (b.re.exec(low)?.index ?? 0));
    if (families.length < 2) return;
    const byProvider: Record<string, string> = {};
    for (const f of families) {
      const model = models.find((m) => f.re.test(m));
      const sellers = model && f.open?.test(model) ? f.openProviders : f.providers;
      if (sellers.length === 1 && !sellers.some((p) => req.providers.includes(p as never))) {
        const p = sellers[0] as Provider;
        req.providers.push(p);
        notes.push(say('parse.model-adds-provider', { model: model ?? f.family, provider: name(p) }));
      }
      for (const p of sellers) if (model && req.providers.includes(p as never)) byProvider[p] ??= model;
    }
    // Each provider priced for its own model, when the models named split between them.
    if (new Set(Object.values(byProvider)).size < 2) return;
    req.workload.modelByProvider = byProvider;
    const prefixes = ['parse.second-model', 'parse.more-models'].map(
      (key) => say(key, { others: '\u0000' }).split('\u0000')[0] ?? '',
    );
    const i = notes.findIndex((n) => prefixes.some((p) => p && n.startsWith(p)));
    if (i >= 0) notes.splice(i, 1);
    notes.push(
      say('parse.model-per-provider', {
        list: Object.entries(byProvider)
          .map(([p, m]) => say('parse.model-on', { model: m, provider: name(p) }))
          .join(say('followup.note.sep')),
      }),
    );
  }

  /** The provider an instance type implies: added when it is the type's only provider. */
  private impliedByType(s: ParseState, type: TypeMatch, namedAny: boolean, equivalent: boolean): void {
    const { req, notes, say } = s;
    if (equivalent && !type.providers.some((p) => req.providers.includes(p as never)))
      notes.push(say('parse.type-as-size', { type: type.type }));
    else if (type.providers.length === 1) {
      const p = type.providers[0] as Provider;
      if (!req.providers.includes(p)) {
        if (namedAny)
          notes.push(
            say('parse.type-adds-provider', { type: type.type, provider: providerName(this.catalog, say, p) }),
          );
        req.providers.push(p);
      }
    } else if (!type.providers.some((p) => req.providers.includes(p as never)))
      notes.push(
        say('parse.type-ambiguous', {
          type: type.type,
          providers: type.providers.map((p) => providerName(this.catalog, say, p)).join(say('parse.or')),
        }),
      );
  }
}
