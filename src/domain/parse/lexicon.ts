/** intents/lexicon.yaml made into patterns once, when the parser is built. */
import type { Lexicon } from '../../intents/schema.js';
import type { QuoteCurrency, WorkloadKind } from '../request.js';
import { GatedPattern, type NeedBook } from './literal-gate.js';
import { NUM } from './numbers.js';
import type { Simplify } from './traditional.js';
import { escapeRe } from './work.js';

/**
 * Storage words, and words for data kept ("1PB kept, rarely read", "retain 30TB", "park 200TB of images", "保留 200T"); the providers' disk and
 * storage product names from the lexicon are added to them.
 */
const STORAGE =
  /storage|disk|ssd|hdd|oss|cos|obs|s3|object|bucket|data(?:set)?|backup|archive|nas|\blogs?\b|\bkeep(?:ing)?\b|\bkept\b|\bretain(?:ed|ing)?\b|\bretention\b|\bstor(?:e|ed|ing)\b|\bpark(?:s|ed|ing)?\b|snapshot|\bdumps?\b|存储|硬盘|磁盘|云盘|数据|备份|日志|保存|保留|留存|存放|快照/iu;

export interface ModelFamily {
  family: string;
  re: RegExp;
  providers: string[];
  open: RegExp | null;
  openProviders: string[];
  platform: boolean;
}

export interface CompiledLexicon {
  /** CPU architecture words (intents/lexicon.yaml cpu_arch). */
  arch: Record<'arm64' | 'x86_64', GatedPattern[]>;
  /** Storage kind words (storage_kinds): block storage is never priced as object storage. */
  storageKinds: Record<'block' | 'object', GatedPattern[]>;
  /** Storage tier words (storage_tiers), coldest first. */
  storageTiers: Record<'archive' | 'cold' | 'infrequent' | 'standard', GatedPattern[]>;
  /** Another country's data law named (foreign_data_laws), by id; and words saying the data is in mainland China. */
  foreignLaws: { id: string; res: GatedPattern[] }[];
  chinaLawContext: GatedPattern[];
  kinds: {
    kind: WorkloadKind;
    res: GatedPattern[];
    modelWords: GatedPattern[];
    gpuWords: GatedPattern[];
    over?: { kind: WorkloadKind; res: GatedPattern[] };
  }[];
  billing: { mode: 'payg' | 'subscription' | 'spot'; res: GatedPattern[] }[];
  yearly: RegExp[];
  currency: { code: 'USD' | 'CNY'; res: GatedPattern[] }[];
  /**
   * An amount in another currency than CNY or USD ("HK$14,900/month", "5800港币/台/月"): one pattern over every
   * currency of the lexicon's quote_currencies (groups: cur, amount, scale, period), and the code of the currency text.
   */
  otherMoney: { re: RegExp; codeOf: (said: string) => QuoteCurrency | null } | null;
  commerce: { id: string; res: GatedPattern[] }[];
  personal: GatedPattern[];
  prodYes: GatedPattern[];
  prodNo: GatedPattern[];
  renewal: GatedPattern[];
  audienceAfter: RegExp;
  audienceBefore: RegExp;
  /** Right after a place: its rules are meant ("china data rules"), not the place to run in. */
  rulesAfter: RegExp | null;
  /** Right after a place: the place is part of another name ("国内站": a provider's China site), not a place. */
  notPlaceAfter: RegExp | null;
  /** Around a place: where latency is needed to (its users), unless latency itself is asked about. */
  latencyTo: { before: RegExp | null; after: RegExp | null }[];
  demonyms: { slug: string; re: RegExp }[];
  audiencePlaces: { slug: string; re: RegExp }[];
  incumbentBefore: RegExp;
  challengerBefore: RegExp | null;
  /** Ends where a list of providers ruled out begins. */
  exclusionBefore: RegExp | null;
  /** Right after a ruled-out provider: a move to another, so it is the incumbent (exclusions.ts). */
  switchAfter: RegExp | null;
  quote: GatedPattern[];
  budgetBefore: GatedPattern[];
  budgetAfter: GatedPattern[];
  /** Words around an amount that make it a spend commitment, not a quote (`commitment_cues`). */
  commitmentBefore: GatedPattern[];
  commitmentAfter: GatedPattern[];
  families: ModelFamily[];
  factTopics: { search: string; res: GatedPattern[] }[];
  products: { provider: string; res: GatedPattern[] }[];
  contrasted: { provider: string; res: GatedPattern[] }[];
  corrections: RegExp[];
  /** Models and GPUs no provider in the catalogue sells (global patterns). */
  unsold: { kind: 'model' | 'gpu' | 'provider' | 'place'; re: RegExp }[];
  /** Storage words, with the providers' disk and storage product names from the lexicon. */
  storage: RegExp;
}

/** Every word list in the lexicon with its traditional Chinese made simplified, as the question is (traditional.ts). */
function simplified<T>(value: T, simplify: Simplify): T {
  if (typeof value === 'string') return simplify(value) as T;
  if (Array.isArray(value)) return value.map((v) => simplified(v, simplify)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [simplify(k), simplified(v, simplify)])) as T;
  return value;
}

export function compileLexicon(written: Lexicon, simplify: Simplify, book?: NeedBook): CompiledLexicon {
  // The reading tables themselves stay as written.
  const { traditional, regional_words, ...lists } = written;
  const lexicon = { ...simplified(lists, simplify), traditional, regional_words } as Lexicon;
  const re = (s: string) => new RegExp(s, 'iu');
  // Patterns only ever tested compile when a question has the words they need (see literal-gate.ts).
  const gated = (s: string) => new GatedPattern(s, book);
  const words = (list: string[]) => list.map((w) => w.replace(/ /g, '\\s+')).join('|');
  return {
    kinds: lexicon.workload_kinds.map((k) => ({
      kind: k.kind,
      res: k.patterns.map(gated),
      modelWords: (k.model_words ?? []).map(gated),
      gpuWords: (k.gpu_words ?? []).map(gated),
      ...(k.over ? { over: { kind: k.over.kind, res: k.over.patterns.map(gated) } } : {}),
    })),
    billing: lexicon.billing.map((b) => ({ mode: b.mode, res: b.patterns.map(gated) })),
    yearly: lexicon.yearly_terms.map(re),
    currency: lexicon.currency.map((c) => ({ code: c.code, res: c.patterns.map(gated) })),
    otherMoney: otherMoney(lexicon.quote_currencies),
    commerce: lexicon.commerce_platforms.map((c) => ({ id: c.id, res: c.patterns.map(gated) })),
    personal: lexicon.personal_data.map(gated),
    prodYes: lexicon.production.yes.map(gated),
    prodNo: lexicon.production.no.map(gated),
    renewal: lexicon.renewal.map(gated),
    audienceAfter: new RegExp(`^[\\s,]*(?:based\\s+)?(?:${words(lexicon.audience_after)})(?![A-Za-z])`, 'iu'),
    audienceBefore: new RegExp(`(?:${words(lexicon.audience_before)})\\s*(?:the\\s+|our\\s+)?$`, 'iu'),
    rulesAfter: lexicon.rules_after.length ? new RegExp(`^\\s*(?:${lexicon.rules_after.join('|')})`, 'iu') : null,
    notPlaceAfter: lexicon.not_place_after.length
      ? new RegExp(`^(?:${lexicon.not_place_after.join('|')})`, 'iu')
      : null,
    latencyTo: lexicon.latency_to.map((p) => {
      const [before = '', after = ''] = p.split('<place>');
      return {
        before: before.trim() ? new RegExp(`(?:${before})\\s*$`, 'iu') : null,
        after: after.trim() ? new RegExp(`^\\s*(?:${after})`, 'iu') : null,
      };
    }),
    demonyms: Object.entries(lexicon.demonyms).map(([slug, list]) => ({
      slug,
      re: new RegExp(`(?<![A-Za-z])(?:${words(list)})\\s*(?:${words(lexicon.audience_after)})(?![A-Za-z])`, 'giu'),
    })),
    audiencePlaces: Object.entries(lexicon.audience_places).map(([slug, list]) => ({
      slug,
      re: new RegExp(`(?<![A-Za-z])(?:${words(list)})(?![A-Za-z])`, 'giu'),
    })),
    incumbentBefore: new RegExp(`(?:${words(lexicon.incumbent_before)})\\s*(?:the\\s+|our\\s+)?$`, 'iu'),
    challengerBefore: lexicon.challenger_before.length
      ? new RegExp(`(?:${words(lexicon.challenger_before)})\\s*(?:the\\s+)?$`, 'iu')
      : null,
    exclusionBefore: lexicon.exclusion_before.length
      ? new RegExp(`(?:^|[^A-Za-z])(?:${words(lexicon.exclusion_before)})\\s*$`, 'iu')
      : null,
    switchAfter: lexicon.switch_after.length ? new RegExp(`^\\s*(?:${words(lexicon.switch_after)})`, 'iu') : null,
    quote: lexicon.quote_cues.map(gated),
    budgetBefore: lexicon.budget_cues.before.map(gated),
    budgetAfter: lexicon.budget_cues.after.map(gated),
    commitmentBefore: lexicon.commitment_cues.before.map(gated),
    commitmentAfter: lexicon.commitment_cues.after.map(gated),
    families: lexicon.model_families.map((f) => ({
      family: f.family,
      re: new RegExp(
        f.names
          .map((n) =>
            /[\u3400-\u9fff]/u.test(n) ? escapeRe(n) : `(?<![A-Za-z])${escapeRe(n).replace(/ /g, '\\s+')}(?![A-Za-z])`,
          )
          .join('|'),
        'iu',
      ),
      providers: f.providers,
      open: f.open_weights ? re(f.open_weights) : null,
      openProviders: f.open_providers ?? f.providers,
      platform: f.platform,
    })),
    factTopics: lexicon.fact_topics.map((t) => ({ search: t.search, res: t.patterns.map(gated) })),
    products: lexicon.provider_products.map((p) => ({ provider: p.provider, res: p.patterns.map(gated) })),
    contrasted: lexicon.contrasted_products.map((p) => ({ provider: p.provider, res: p.patterns.map(gated) })),
    corrections: lexicon.corrections.map(re),
    unsold: lexicon.unsold_names.map((u) => ({ kind: u.kind, re: new RegExp(u.pattern, 'giu') })),
    storage: new RegExp([STORAGE.source, ...lexicon.storage_products].join('|'), 'iu'),
    arch: {
      arm64: lexicon.cpu_arch.arm64.map(gated),
      x86_64: lexicon.cpu_arch.x86_64.map(gated),
    },
    storageKinds: {
      block: lexicon.storage_kinds.block.map(gated),
      object: lexicon.storage_kinds.object.map(gated),
    },
    storageTiers: {
      archive: lexicon.storage_tiers.archive.map(gated),
      cold: lexicon.storage_tiers.cold.map(gated),
      infrequent: lexicon.storage_tiers.infrequent.map(gated),
      standard: lexicon.storage_tiers.standard.map(gated),
    },
    foreignLaws: lexicon.foreign_data_laws.map((l) => ({ id: l.id, res: l.patterns.map(gated) })),
    chinaLawContext: lexicon.china_law_context.map(gated),
  };
}

/** How a price's period is said after its amount: "/mo", "per hour", "/台/月", "每张卡每小时". */
export const PERIOD_TAIL =
  '(?:\\s*(?:(?:each|apiece)\\s*)?(?:/|per|an?|每|一|1(?=\\s*个))\\s*(?:个\\s*)?(?:(?:gpu|card|卡|张|instance|台|box|machine|node)[\\s-]*(?:/|per|每)?\\s*)?(hours?|hrs?|h|小时|(?<=[卡台张]\\s*)时|months?|mo|月|years?|yrs?|年)(?![A-Za-z]))?';

function otherMoney(list: Lexicon['quote_currencies']): CompiledLexicon['otherMoney'] {
  if (!list.length) return null;
  const before = list.flatMap((c) => c.before);
  const after = list.flatMap((c) => c.after);
  const scale = '(k|千|万|w(?![A-Za-z])|m(?![A-Za-z])|mn|million)?';
  const re = new RegExp(
    `(?:(?<cur>${before.join('|')})\\s*${NUM}\\s*${scale}|(?<![\\d.A-Za-z])${NUM}\\s*${scale}\\s*(?<cur2>${after.join('|')}))${PERIOD_TAIL}`,
    'giu',
  );
  const codes = list.map((c) => ({
    code: c.code,
    re: new RegExp(`^(?:${[...c.before, ...c.after].join('|')})$`, 'iu'),
  }));
  return { re, codeOf: (said) => codes.find((c) => c.re.test(said.trim()))?.code ?? null };
}
