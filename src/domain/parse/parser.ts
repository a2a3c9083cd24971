/**
 * Text → Request. Pure: the catalogue, intents and lexicon come in; nothing is read or written.
 * Each extractor blanks what it consumed, so a number is never read twice ("2x A10" is not also two instances).
 * What is not said stays null. The parser records what it assumed in `notes`, which the answer shows.
 */
import type { Catalog } from '../../catalog/load.js';
import type { IntentDef, Lexicon } from '../../intents/schema.js';
import { emptyRequest, type Intent, type Request, type WorkloadKind } from '../request.js';
import { EntityIndex, type Mention } from './entities.js';
import { normalise, SCALE_RE, scaled, toGB } from './numbers.js';

export interface Parsed {
  request: Request;
  /** Plain sentences about what was assumed or not understood, shown with the answer. */
  notes: string[];
  /** Things mentioned without enough detail to use, which a follow-up may ask for. */
  vague: { gpuWithoutModel: boolean; tokensWithoutSplit: boolean };
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const MONTH_HOURS = 730;

const EGRESS =
  /egress|outbound|transfer(?:red)?\s*out|data\s*transfer|internet\s*traffic|traffic|download|流量|出网|外网|出口/iu;
const STORAGE =
  /storage|disk|ssd|hdd|oss|cos|obs|s3|object|bucket|data(?:set)?|backup|archive|nas|存储|硬盘|磁盘|云盘|数据|备份/iu;
const MEMORY = /ram|memory|mem\b|内存/iu;

/** The parser's patterns, made once: `Work.take` runs them with the g flag from the start of the text. */
const TOKENS_THEN_DIRECTION = new RegExp(
  `${NUM}\\s*(${SCALE_RE})?\\s*(?:tokens?\\s+)?(?:of\\s+)?(input|prompt|output|completion)(?:\\s*tokens?)?`,
  'giu',
);
const DIRECTION_THEN_TOKENS = new RegExp(
  `(input|prompt|output|completion|输入|输出)\\s*(?:tokens?)?\\s*[:：]?\\s*${NUM}\\s*(${SCALE_RE})?(?:\\s*tokens?)?`,
  'giu',
);
const TOKENS = new RegExp(`${NUM}\\s*(${SCALE_RE})?\\s*tokens?`, 'giu');
const CPU_MEMORY_SHAPE = new RegExp(
  `${NUM}\\s*(?:c|核|vcpus?|cores?)\\s*[,/+、]?\\s*${NUM}\\s*(?:g|gb|gib|g内存)(?![A-Za-z])`,
  'giu',
);
const VCPUS = new RegExp(`${NUM}\\s*(?:-\\s*)?(?:v-?cpus?|vcores?|cpus?|cores?|核)(?![A-Za-z])`, 'giu');
const MEMORY_AFTER_VCPUS = new RegExp(
  `^\\s*(?:,|/|and|with|\\+|、|和)?\\s*${NUM}\\s*(?:g|gb|gib)(?![A-Za-z])(?:\\s*(?:of\\s+)?(?:ram|memory|mem|内存))?`,
  'iu',
);
const MEMORY_SIZE = new RegExp(`${NUM}\\s*(?:g|gb|gib)\\s*(?:of\\s+)?(?:ram|memory|mem|内存)`, 'giu');
const MEMORY_NAMED = new RegExp(`(?:ram|memory|内存)\\s*[:：]?\\s*${NUM}\\s*(?:g|gb|gib)(?![A-Za-z])`, 'giu');
const SIZE = new RegExp(
  `${NUM}\\s*(pb|tb|gb|gib|tib|t|g|mb)(?![A-Za-z])(\\s*(?:/|per|a|each|every|每)\\s*(?:month|mo|月))?`,
  'giu',
);
const MODEL_NAME =
  /(?<![A-Za-z0-9])((?:qwen|doubao|ernie|deepseek|glm|hunyuan|kimi|moonshot)(?:[\s-]?(?:\d+(?:\.\d+)*[a-z]?|max|plus|turbo|flash|pro|lite|speed|seed|coder|vl|long|bot|instruct|thinking|mini|chat|reasoner|v\d+(?:\.\d+)?|r\d|\d+k))*)(?![A-Za-z0-9])/giu;
const INSTANCES =
  /(\d+)\s*(?:x\s*)?(?:台|instances?|nodes?|servers?|vms?|machines?|hosts?|boxes|replicas?|个实例|个节点)(?![A-Za-z])/giu;
const HOURS =
  /(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h|小时)\s*(?:a|per|\/|each|every|每)\s*(month|mo|月|day|天|日|week|周)/giu;
const HOURS_ZH = /每(?:月|个月)\s*(\d+(?:\.\d+)?)\s*(?:小时|h)/giu;
const ALWAYS_ON = /\b24\s*\/\s*7\b|\b24x7\b|全天候/giu;
const HALF_YEAR = /half\s+a\s+year|半年|six[- ]month/giu;
const ONE_PERIOD =
  /\b(?:for|over)\s+(?:a|one|1)\s+(month|year|quarter)\b|\ba\s+(?:full\s+)?year\b|\bannual(?:ly)?\b|\bquarterly\b|\ba\s+quarter\b/giu;
const YEARS = /(\d+(?:\.\d+)?)\s*-?\s*(years?|yrs?|yr|y|年)(?![A-Za-z0-9])/giu;
const MONTHS = /(\d+(?:\.\d+)?)\s*-?\s*(months?|mos?|mths?|个月|月)(?![A-Za-z0-9])/giu;
const QUARTERS = /(\d+(?:\.\d+)?)\s*(?:个)?\s*(?:quarters?|季度)(?![A-Za-z0-9])/giu;
const WEEKS = /(\d+(?:\.\d+)?)\s*-?\s*(weeks?|wks?|周|星期)(?![A-Za-z0-9])/giu;

class Work {
  constructor(public text: string) {}
  /** Runs a global regex over the unconsumed text; blanks each match the callback accepts. */
  take(g: RegExp, fn: (m: RegExpExecArray, before: string, after: string) => boolean | undefined): void {
    if (!g.global) throw new Error(`take needs a global pattern: /${g.source}/${g.flags}`);
    g.lastIndex = 0;
    let m: RegExpExecArray | null = g.exec(this.text);
    while (m) {
      const before = this.text.slice(Math.max(0, m.index - 40), m.index);
      const after = this.text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      if (fn(m, before, after) !== false) {
        this.text = this.text.slice(0, m.index) + ' '.repeat(m[0].length) + this.text.slice(m.index + m[0].length);
      }
      if (m[0].length === 0) g.lastIndex++;
      m = g.exec(this.text);
    }
  }
}

function blank(w: Work, start: number, length: number): void {
  w.text = w.text.slice(0, start) + ' '.repeat(length) + w.text.slice(start + length);
}

export class Parser {
  private readonly entities: EntityIndex;
  private readonly gpuRe: RegExp;
  private readonly gpuByName = new Map<string, string>();
  private readonly compiled: { intent: IntentDef; cues: { re: RegExp; weight: number }[] }[];
  private readonly lx: {
    kinds: { kind: WorkloadKind; res: RegExp[] }[];
    billing: { mode: 'payg' | 'subscription' | 'spot'; res: RegExp[] }[];
    currency: { code: 'USD' | 'CNY'; res: RegExp[] }[];
    commerce: { id: string; res: RegExp[] }[];
    personal: RegExp[];
    prodYes: RegExp[];
    prodNo: RegExp[];
    renewal: RegExp[];
    audienceAfter: RegExp;
    audienceBefore: RegExp;
    demonyms: { slug: string; re: RegExp }[];
    incumbentBefore: RegExp;
  };

  constructor(
    private readonly catalog: Catalog,
    intents: IntentDef[],
    lexicon: Lexicon,
  ) {
    this.entities = new EntityIndex(catalog);
    const names: string[] = [];
    for (const g of catalog.gpus) {
      for (const n of [g.model, ...g.aliases]) {
        this.gpuByName.set(n.toLowerCase().replace(/[\s-]+/g, ''), g.model);
        names.push(n);
      }
    }
    const alts = names
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]?'));
    this.gpuRe = new RegExp(`(?<![A-Za-z0-9])(?:nvidia\\s+)?(${alts.join('|')})(?:s|'s)?(?![A-Za-z0-9])`, 'giu');
    const re = (s: string) => new RegExp(s, 'iu');
    this.compiled = intents.map((intent) => ({
      intent,
      cues: intent.cues.map((c) => ({ re: re(c.pattern), weight: c.weight })),
    }));
    const words = (list: string[]) => list.map((w) => w.replace(/ /g, '\\s+')).join('|');
    this.lx = {
      kinds: lexicon.workload_kinds.map((k) => ({ kind: k.kind, res: k.patterns.map(re) })),
      billing: lexicon.billing.map((b) => ({ mode: b.mode, res: b.patterns.map(re) })),
      currency: lexicon.currency.map((c) => ({ code: c.code, res: c.patterns.map(re) })),
      commerce: lexicon.commerce_platforms.map((c) => ({ id: c.id, res: c.patterns.map(re) })),
      personal: lexicon.personal_data.map(re),
      prodYes: lexicon.production.yes.map(re),
      prodNo: lexicon.production.no.map(re),
      renewal: lexicon.renewal.map(re),
      audienceAfter: new RegExp(`^[\\s,]*(?:based\\s+)?(?:${words(lexicon.audience_after)})(?![A-Za-z])`, 'iu'),
      audienceBefore: new RegExp(`(?:${words(lexicon.audience_before)})\\s*(?:the\\s+|our\\s+)?$`, 'iu'),
      demonyms: Object.entries(lexicon.demonyms).map(([slug, list]) => ({
        slug,
        re: new RegExp(`(?<![A-Za-z])(?:${words(list)})\\s*(?:${words(lexicon.audience_after)})(?![A-Za-z])`, 'giu'),
      })),
      incumbentBefore: new RegExp(`(?:${words(lexicon.incumbent_before)})\\s*(?:the\\s+|our\\s+)?$`, 'iu'),
    };
  }

  parse(raw: string): Parsed {
    const text = dropLongTokens(normalise(raw));
    const req = emptyRequest('help');
    // A question with Chinese in it is answered in Chinese.
    req.lang = /[\u3400-\u9fff]/u.test(raw) ? 'zh' : 'en';
    const notes: string[] = [];
    const vague = { gpuWithoutModel: false, tokensWithoutSplit: false };
    const w = new Work(text);
    const wl = req.workload;

    // Model tokens: "20M input and 5M output tokens", "input 20M tokens", "输入2000万 tokens".
    let input: number | null = null;
    let output: number | null = null;
    const dir = (s: string) => (/^(input|prompt|输入)/i.test(s) ? 'input' : 'output');
    w.take(TOKENS_THEN_DIRECTION, (m) => {
      const n = scaled(m[1] as string, m[2]);
      if (dir(m[3] as string) === 'input') input = (input ?? 0) + n;
      else output = (output ?? 0) + n;
      return true;
    });
    w.take(DIRECTION_THEN_TOKENS, (m) => {
      const n = scaled(m[2] as string, m[3]);
      if (dir(m[1] as string) === 'input') input = (input ?? 0) + n;
      else output = (output ?? 0) + n;
      return true;
    });
    if (input !== null || output !== null) {
      wl.tokensPerMonth = { input: input ?? 0, output: output ?? 0 };
      if (input === null) notes.push('No input tokens were given: 0 input tokens assumed.');
      if (output === null) notes.push('No output tokens were given: 0 output tokens assumed.');
    } else {
      w.take(TOKENS, () => {
        vague.tokensWithoutSplit = true;
        return true;
      });
    }

    // Hosted model names.
    w.take(MODEL_NAME, (m) => {
      if (wl.model) return false;
      wl.model = (m[1] as string).toLowerCase().replace(/\s+/g, '-');
      return true;
    });

    // GPUs: "2x A10", "two T4s", "4 x L20", "2张A10", "8卡H800", "A10 x2", "an A10".
    w.take(this.gpuRe, (m, before, after) => {
      const model =
        this.gpuByName.get((m[1] as string).toLowerCase().replace(/[\s-]+/g, '')) ?? (m[1] as string).toUpperCase();
      let count: number | null = null;
      const pre =
        /(\d+(?:\.\d+)?)\s*(?:x|\*|张|块|卡|片|颗|pcs?|gpus?(?:\s+of)?|units?(?:\s+of)?)?\s*(?:nvidia\s+)?$/i.exec(
          before,
        );
      const post = /^\s*(?:gpus?|cards?)?\s*(?:x|\*)\s*(\d+)|^\s*(\d+)\s*(?:张|块|卡|片|颗)/i.exec(after);
      if (pre) count = Number(pre[1]);
      else if (post) count = Number(post[1] ?? post[2]);
      else if (/\b(?:an?|1)\s*$/i.test(before)) count = 1;
      if (count === null) {
        count = 1;
        notes.push(`No ${model} count was given: 1 GPU assumed (say "2x ${model}" for more).`);
      }
      if (count > 0 && !wl.gpu) wl.gpu = { model, count };
      else if (wl.gpu && wl.gpu.model === model) wl.gpu.count += count;
      if (pre) blank(w, m.index - pre[0].length, pre[0].length);
      else if (post) blank(w, m.index + m[0].length, post[0].length);
      return true;
    });
    if (!wl.gpu && /\bgpus?\b|显卡|算力卡|gpu/i.test(w.text)) vague.gpuWithoutModel = true;

    // vCPU and memory: "4c8g", "16核64G", "8 vCPU 32GB", "8 vCPUs / 32 GiB RAM".
    w.take(CPU_MEMORY_SHAPE, (m, before, after) => {
      wl.vcpu ??= Number(m[1]);
      wl.memoryGiB ??= Number(m[2]);
      this.instancesAround(w, wl, m, before, after);
      return true;
    });
    w.take(VCPUS, (m, before, after) => {
      wl.vcpu ??= Number(m[1]);
      this.instancesAround(w, wl, m, before, after);
      const mem = MEMORY_AFTER_VCPUS.exec(after);
      if (mem && wl.memoryGiB === null) {
        wl.memoryGiB = Number(mem[1]);
        blank(w, m.index + m[0].length, mem[0].length);
      }
      return true;
    });
    w.take(MEMORY_SIZE, (m) => {
      wl.memoryGiB ??= Number(m[1]);
      return true;
    });
    w.take(MEMORY_NAMED, (m) => {
      wl.memoryGiB ??= Number(m[1]);
      return true;
    });

    // Instances: "2台", "3 instances", "2x 8 vCPU" (the vCPU part is already consumed).
    w.take(INSTANCES, (m) => {
      wl.instances ??= Number(m[1]);
      return true;
    });

    // Sizes in GB/TB: classified by the words next to them.
    w.take(SIZE, (m, before, after) => {
      const gb = toGB(m[1] as string, m[2] as string);
      const monthly = Boolean(m[3]);
      const next = after.slice(0, 30);
      const prev = before.slice(-25);
      const which = (s: string) =>
        EGRESS.test(s) ? 'egress' : MEMORY.test(s) ? 'memory' : STORAGE.test(s) ? 'storage' : null;
      const firstNext = (() => {
        const e = next.search(EGRESS);
        const s = next.search(STORAGE);
        const r = next.search(MEMORY);
        const hits = [
          ['egress', e],
          ['storage', s],
          ['memory', r],
        ].filter(([, i]) => (i as number) >= 0) as [string, number][];
        hits.sort((a, b) => a[1] - b[1]);
        return hits[0]?.[0] ?? null;
      })();
      const kind = firstNext ?? which(prev) ?? (monthly ? 'egress' : null);
      if (kind === 'egress') wl.egressGBPerMonth ??= gb;
      else if (kind === 'storage') wl.storageGB ??= gb;
      else if (kind === 'memory') wl.memoryGiB ??= Number(m[1]);
      else {
        notes.push(`"${m[0].trim()}" was not clear (storage, egress or memory?): it was left out.`);
      }
      return true;
    });

    // Hours: "200 hours a month", "8 hours a day", "24/7", "每月200小时".
    w.take(HOURS, (m) => {
      const n = Number(m[1]);
      const unit = (m[2] as string).toLowerCase();
      wl.hoursPerMonth ??= /day|天|日/.test(unit)
        ? Math.round(((n * MONTH_HOURS) / 24) * 10) / 10
        : /week|周/.test(unit)
          ? Math.round(((n * MONTH_HOURS) / 168) * 10) / 10
          : n;
      return true;
    });
    w.take(HOURS_ZH, (m) => {
      wl.hoursPerMonth ??= Number(m[1]);
      return true;
    });
    w.take(ALWAYS_ON, () => {
      wl.hoursPerMonth ??= MONTH_HOURS;
      return true;
    });

    // Duration: "3 months", "1 yr", "half a year", "一年", "3个月", "6 weeks".
    const setMonths = (n: number) => {
      if (req.durationMonths === null) req.durationMonths = Math.round(n * 100) / 100;
    };
    w.take(HALF_YEAR, () => {
      setMonths(6);
      return true;
    });
    w.take(ONE_PERIOD, (m) => {
      const u = (m[1] ?? m[0]).toLowerCase();
      setMonths(u.includes('quarter') ? 3 : u.includes('month') ? 1 : 12);
      return true;
    });
    w.take(YEARS, (m, _b, after) => {
      const n = Number(m[1]);
      if (m[2] === '年' && n >= 1900 && /^\s*\d/.test(after)) return false; // a date like 2026年5月
      setMonths(n * 12);
      return true;
    });
    w.take(MONTHS, (m, before) => {
      if (/(?:per|a|\/|每)\s*$/i.test(before)) return false;
      setMonths(Number(m[1]));
      return true;
    });
    w.take(QUARTERS, (m) => {
      setMonths(Number(m[1]) * 3);
      return true;
    });
    w.take(WEEKS, (m) => {
      setMonths((Number(m[1]) * 7) / 30.4);
      return true;
    });

    // Entities: providers, locations, areas, region ids.
    const mentions = this.entities.find(text);
    this.applyEntities(req, mentions, text, notes);

    // Billing, currency, workload kind, signals.
    const low = text.toLowerCase();
    for (const b of this.lx.billing) if (!req.billing && b.res.some((r) => r.test(low))) req.billing = b.mode;
    for (const c of this.lx.currency) if (!req.currency && c.res.some((r) => r.test(low))) req.currency = c.code;
    if (/\bin\s+(?:usd|dollars?|us\s*dollars?)\b|用美元|以美元/i.test(low)) req.currency = 'USD';
    if (/\bin\s+(?:rmb|cny|yuan|renminbi)\b|用人民币|以人民币/i.test(low)) req.currency = 'CNY';
    for (const k of this.lx.kinds) {
      if (req.workload.kind) break;
      if (k.kind === 'model-api' && !(wl.model || wl.tokensPerMonth || vague.tokensWithoutSplit)) continue;
      if (k.res.some((r) => r.test(low))) req.workload.kind = k.kind;
    }
    if (!req.workload.kind && wl.model && !wl.gpu) req.workload.kind = 'model-api';
    for (const c of this.lx.commerce) if (c.res.some((r) => r.test(low))) req.signals.commercePlatforms.push(c.id);
    req.signals.personalData = this.lx.personal.some((r) => r.test(low));
    if (this.lx.prodYes.some((r) => r.test(low))) req.signals.production = true;
    else if (this.lx.prodNo.some((r) => r.test(low)) || req.workload.kind === 'dev') req.signals.production = false;
    req.signals.renewal = this.lx.renewal.some((r) => r.test(low));

    req.intent = this.classify(text, req, vague);
    if (req.intent === 'facts' || req.intent === 'questions') req.topic = topicOf(raw);
    return { request: req, notes, vague };
  }

  /** "3 x 4C16G", "2x 8 vCPU", "4C16G x5": the count of instances written next to a machine shape. */
  private instancesAround(w: Work, wl: Request['workload'], m: RegExpExecArray, before: string, after: string): void {
    if (wl.instances !== null) return;
    const pre = /(\d+)\s*(?:x|台)\s*$/i.exec(before);
    const post = /^(?:\s*(?:g|gb|gib)?\s*(?:ram|memory)?)?[\s,]*(?:x|\*)\s*(\d+)(?![\d.])/i.exec(after);
    if (pre) {
      wl.instances = Number(pre[1]);
      blank(w, m.index - pre[0].length, pre[0].length);
    } else if (post) {
      wl.instances = Number(post[1]);
      blank(w, m.index + m[0].length, post[0].length);
    }
  }

  private applyEntities(req: Request, mentions: Mention[], text: string, notes: string[]): void {
    const providers = new Set<string>();
    for (const m of mentions) if (m.type === 'provider') providers.add(m.id);
    const locations: string[] = [];
    const audience: string[] = [];
    const addUnique = (list: string[], v: string) => {
      if (!list.includes(v)) list.push(v);
    };
    let prevAudienceEnd = -1;
    for (const m of mentions) {
      if (m.type === 'provider') {
        if (this.lx.incumbentBefore.test(text.slice(Math.max(0, m.start - 25), m.start)) && !req.signals.incumbent)
          req.signals.incumbent = m.id as Request['signals']['incumbent'];
        if (m.fuzzy) notes.push(`"${text.slice(m.start, m.end)}" was read as ${this.providerName(m.id)}.`);
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
            `"${m.id}" means different places at different providers (${regions.map((r) => `${this.providerName(r.provider)}: ${r.location}`).join(', ')}); ${slug} was used.`,
          );
      }
      const before = text.slice(Math.max(0, m.start - 30), m.start);
      const after = text.slice(m.end, m.end + 30);
      const chained =
        prevAudienceEnd >= 0 && /^\s*(?:and|or|&|,|和|与|、|及)\s*$/i.test(text.slice(prevAudienceEnd, m.start));
      const isAudience = chained || this.lx.audienceAfter.test(after) || this.lx.audienceBefore.test(before);
      prevAudienceEnd = isAudience ? m.end : -1;
      if (m.fuzzy) notes.push(`"${text.slice(m.start, m.end)}" was read as ${slug}.`);
      addUnique(isAudience ? audience : locations, slug);
    }
    for (const d of this.lx.demonyms) if (d.re.test(text)) addUnique(audience, d.slug);
    for (const d of this.lx.demonyms) d.re.lastIndex = 0;
    req.providers = [...providers] as Request['providers'];
    req.locations = locations;
    req.signals.audience = audience;
  }

  private providerName(id: string): string {
    return this.catalog.providers.find((p) => p.id === id)?.name ?? id;
  }

  private classify(text: string, req: Request, vague: Parsed['vague']): Intent {
    const wl = req.workload;
    const sized = Boolean(
      wl.gpu ||
        wl.vcpu ||
        wl.memoryGiB ||
        wl.storageGB ||
        wl.egressGBPerMonth ||
        wl.tokensPerMonth ||
        vague.tokensWithoutSplit,
    );
    const scores = this.compiled.map(({ intent, cues }) => ({
      intent,
      score: cues.reduce((sum, c) => sum + (c.re.test(text) ? c.weight : 0), 0),
    }));
    const bump = (id: Intent, by: number) => {
      const s = scores.find((x) => x.intent.id === id);
      if (s && (s.score > 0 || by > 0)) s.score += by;
    };
    if (sized) bump('estimate', 1);
    if (req.providers.length + req.locations.length < 2) bump('compare', -1.5);
    if (req.signals.incumbent && req.providers.length >= 2) bump('compare', 1);
    const best = scores.sort((a, b) => b.score - a.score || b.intent.priority - a.intent.priority)[0];
    if (best && best.score > 0) return best.intent.id;
    if (sized) return 'estimate';
    if (req.providers.length >= 2) return 'compare';
    if (wl.kind) return 'place';
    return 'help';
  }
}

/** The words of a facts or questions query, for searching the facts. */
/** No word, number, instance type or region id is this long; anything longer is noise. */
export const MAX_TOKEN_CHARS = 64;

/**
 * Parse cost bound: a run of Latin letters, digits, dots, dashes or underscores longer than MAX_TOKEN_CHARS
 * is blanked out before parsing, since every pattern that starts on a digit or letter run rescans it from
 * each position (and fuzzy matching compares it whole): a 4,000-digit token cost seconds, now it costs nothing.
 */
function dropLongTokens(text: string): string {
  return text.replace(new RegExp(`[A-Za-z0-9._-]{${MAX_TOKEN_CHARS + 1},}`, 'g'), ' ');
}

function topicOf(raw: string): string | null {
  const t = raw
    .normalize('NFKC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length ? t.slice(0, 300) : null;
}
