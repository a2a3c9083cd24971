/** Zod schemas for intents/*.yaml and intents/lexicon.yaml. */
import { z } from 'zod';
import { ownIssue } from '../catalog/reasons.js';
import { BillingMode, Currency, ProviderSlug } from '../catalog/schema.js';
import type { PhrasingIndex } from '../domain/parse/intent-model.js';
import { QuoteCurrency, WORKLOAD_KINDS } from '../domain/request.js';

const regex = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  ownIssue('is not a valid regular expression', 'problem.reason.regex'),
);

export const SLOT_NAMES = ['size', 'kind', 'comparison', 'providers', 'topic'] as const;

export const INTENT_IDS = ['estimate', 'place', 'compare', 'questions', 'facts', 'summary', 'help'] as const;

export const IntentSchema = z.object({
  id: z.enum(INTENT_IDS),
  title: z.string().min(1),
  /** Title and description in Chinese, for the help answer in Chinese. */
  title_zh: z.string().min(1).optional(),
  description: z.string().min(10),
  description_zh: z.string().min(4).optional(),
  /** Breaks ties between intents with the same cue score: higher wins. */
  priority: z.number().int(),
  examples: z.object({ en: z.array(z.string()).min(1), zh: z.array(z.string()).min(1) }),
  cues: z.array(z.object({ pattern: regex, weight: z.number().positive() })).min(1),
  slots: z
    .array(
      z.object({
        name: z.enum(SLOT_NAMES),
        ask: z.string().min(10),
        /** The follow-up question in Chinese, asked when the answer is in Chinese. */
        ask_zh: z.string().min(4).optional(),
      }),
    )
    .default([]),
});
export type IntentDef = z.infer<typeof IntentSchema>;

const phrasingList = z.array(z.string().trim().min(1).max(2000)).default([]);

/**
 * intents/phrasings.yaml: questions as people wrote them, each under the intent it asks for; the parser learns from
 * them how questions are written beyond the cues (src/domain/parse/intent-model.ts).
 */
export const PhrasingsSchema = z.object({
  /** How much the phrasings' evidence weighs beside the cues (a cue weighs 1–4): added as weight × likelihood. */
  weight: z.number().min(0).max(10),
  /** A question with fewer features (words, characters, pairs) the phrasings know gets no vote from them. */
  min_features: z.number().int().min(0).max(50),
  /** How many of the most alike phrasings vote on a question's intent. */
  neighbours: z.number().int().min(1).max(100),
  /** Each vote weighs likeness^sharpness: the higher, the more a near copy outvotes loose resemblances. */
  sharpness: z.number().min(0).max(10),
  phrasings: z
    .object(
      Object.fromEntries(INTENT_IDS.map((id) => [id, phrasingList])) as Record<
        (typeof INTENT_IDS)[number],
        typeof phrasingList
      >,
    )
    .strict(),
});
export type Phrasings = z.infer<typeof PhrasingsSchema>;
/** The phrasings with their features read once (src/catalog/load.ts), so the catalogue cache keeps them. */
export type LearnedPhrasings = Phrasings & { index?: PhrasingIndex };

export const LexiconSchema = z.object({
  workload_kinds: z.array(
    z.object({
      kind: z.enum(WORKLOAD_KINDS),
      patterns: z.array(regex).min(1),
      /** Words that only say a model is involved ("大模型"): this kind unless a model platform is named (its API is meant). */
      model_words: z.array(regex).optional(),
      /** Words that say this kind only when GPUs are named ("2x L20 for serving", "A10 四张 做在线服务"). */
      gpu_words: z.array(regex).optional(),
      /**
       * Words that make this kind win over another read first ("nightly embedding batch", "离线跑批 embedding": a model
       * task, inference alone, run in batches is a batch workload).
       */
      over: z
        .object({ kind: z.enum(WORKLOAD_KINDS), patterns: z.array(regex).min(1) })
        .strict()
        .optional(),
    }),
  ),
  billing: z.array(z.object({ mode: BillingMode, patterns: z.array(regex).min(1) })),
  /** Subscription words that say the term is a year: 12 months when no duration is said. */
  yearly_terms: z.array(regex).default([]),
  currency: z.array(z.object({ code: Currency, patterns: z.array(regex).min(1) })),
  /**
   * Currencies a quote may be said in besides CNY and USD ("HK$14,900/month" from a reseller, "SGD 2,100"): the
   * quote keeps it and is checked once given in CNY or USD. `before`: said before the amount; `after`: after it.
   */
  quote_currencies: z
    .array(z.object({ code: QuoteCurrency, before: z.array(regex).default([]), after: z.array(regex).default([]) }))
    .default([]),
  commerce_platforms: z.array(z.object({ id: z.string(), patterns: z.array(regex).min(1) })),
  personal_data: z.array(regex),
  production: z.object({ yes: z.array(regex), no: z.array(regex) }),
  renewal: z.array(regex),
  audience_after: z.array(z.string().min(1)),
  audience_before: z.array(z.string().min(1)),
  /** Words after a place that make it the law named ("china data rules", "中国的数据法规"), not where to run. */
  rules_after: z.array(regex).default([]),
  /** Words after a place name that make it part of another name, not a place: a provider's site ("国内站", "中国站"). */
  not_place_after: z.array(regex).default([]),
  /**
   * Where latency is needed to ("ping to Indonesia is what matters", "到印尼的延迟要低"): each pattern has `<place>` where
   * the place stands, the words before it matched up to the place and the words after it from the place. Such a place
   * is where the users are, unless the question asks about latency itself (a facts question).
   */
  latency_to: z.array(z.string().includes('<place>')).default([]),
  demonyms: z.record(z.string(), z.array(z.string())),
  /** GPU families said without a model ("昇腾", "Ascend"): read as the family's one model when only one is sold. */
  gpu_families: z.array(z.object({ names: z.array(z.string().min(1)), match: z.string().min(1) })).default([]),
  /** Countries too wide to run in ("Malaysia": Kuala Lumpur or Johor?) but fine as where users are: audience only. */
  audience_places: z.record(z.string(), z.array(z.string())).default({}),
  incumbent_before: z.array(z.string().min(1)),
  /** Phrases before the provider a move would go to ("move to", "迁到"): of two providers named, the other is in use. */
  challenger_before: z.array(z.string().min(1)).default([]),
  /** Phrases before providers ruled out ("not AWS, Tencent or Huawei", "除了华为"): those are not asked about. */
  exclusion_before: z.array(z.string().min(1)).default([]),
  /**
   * Words right after a provider that was "ruled out" saying the user is moving to another ("不用阿里云了改用华为云",
   * "no more AWS, switching to Tencent"): that provider is where they are now, not ruled out.
   */
  switch_after: z.array(z.string().min(1)).default([]),
  fact_terms: z.record(z.string(), z.string()).default({}),
  /** Cues of a user correcting themselves ("no wait", "sorry I meant", "不对 应该是"): the thing before is withdrawn. */
  corrections: z.array(regex).default([]),
  /**
   * Models and GPUs no provider in the catalogue sells ("gpt-4o", "MI300X"), providers and places it does not have
   * ("Azure", "天翼云", "西安"): noted, never silently dropped.
   */
  unsold_names: z.array(z.object({ kind: z.enum(['model', 'gpu', 'provider', 'place']), pattern: regex })).default([]),
  /** Providers' disk and storage product names ("CBS", "EVS", "云硬盘"): a size next to one is storage. */
  storage_products: z.array(regex).default([]),
  /** Words naming a CPU architecture ("arm", "aarch64", "倚天"): a size is priced on x86_64 types unless arm64 is said. */
  cpu_arch: z
    .object({ arm64: z.array(regex).default([]), x86_64: z.array(regex).default([]) })
    .default({ arm64: [], x86_64: [] }),
  /** Words naming the kind of storage an amount is ("云硬盘", "EBS" → block; "OSS", "bucket" → object). */
  storage_kinds: z
    .object({ block: z.array(regex).default([]), object: z.array(regex).default([]) })
    .default({ block: [], object: [] }),
  /** Words naming a storage tier ("归档", "cold", "低频"); when several are said, the coldest. */
  storage_tiers: z
    .object({
      archive: z.array(regex).default([]),
      cold: z.array(regex).default([]),
      infrequent: z.array(regex).default([]),
      standard: z.array(regex).default([]),
    })
    .default({ archive: [], cold: [], infrequent: [], standard: [] }),
  /** Phrases saying a price in the question is a vendor's offer to judge (a quote check). */
  quote_cues: z.array(regex).default([]),
  /** Phrases right around a price that make it a budget or a ceiling ("budget of RMB 2w/月", "预算每月2万"), not a quote. */
  budget_cues: z
    .object({ before: z.array(regex).default([]), after: z.array(regex).default([]) })
    .default({ before: [], after: [] }),
  /**
   * Phrases right around an amount that make it a spend commitment ("if we commit 3M RMB/yr", "承诺每年200万美元",
   * "a $2M/yr spend commitment"): what the buyer would promise to spend, not a vendor's price to check.
   */
  commitment_cues: z
    .object({ before: z.array(regex).default([]), after: z.array(regex).default([]) })
    .default({ before: [], after: [] }),
  /** Instance-type naming schemes per provider, for types the catalogue does not list. */
  instance_types: z
    .array(
      z.object({
        provider: ProviderSlug,
        pattern: regex,
        families: regex.optional(),
        case: z.enum(['lower', 'upper']).default('lower'),
        examples: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  /**
   * Product names only one provider sells ("EC2", "CVM", "OSS"): naming one implies that provider when the question
   * names none ("EC2 in Virginia"); beside a named provider ("an EC2 equivalent on Huawei") it adds nothing.
   */
  provider_products: z.array(z.object({ provider: ProviderSlug, patterns: z.array(regex).min(1) })).default([]),
  /**
   * Product names several providers use ("ECS"), naming their best-known seller only when set against another
   * provider's product ("ECS 还是 CVM", "ECS vs EC2") in a question that names no provider.
   */
  contrasted_products: z.array(z.object({ provider: ProviderSlug, patterns: z.array(regex).min(1) })).default([]),
  /** Model families and model platforms, and the providers that sell them. */
  model_families: z
    .array(
      z.object({
        family: z.string().min(1),
        names: z.array(z.string().min(1)).min(1),
        providers: z.array(ProviderSlug).min(1),
        open_weights: regex.optional(),
        open_providers: z.array(ProviderSlug).optional(),
        platform: z.boolean().default(false),
      }),
    )
    .default([]),
  /** What facts questions are about, with the words to search the facts for. */
  fact_topics: z
    .array(
      z.object({
        search: z.string().min(1),
        patterns: z.array(regex).min(1),
        /**
         * The topic's name in messages (templates/<lang>/answers.yaml `facts.topic.<id>`, `facts.ask.<id>`): when set, a
         * question on it is answered only with facts carrying one of `tags` (or a fact `topic` among them), and says
         * so plainly, with the question to ask the vendor, when the catalogue has none.
         */
        id: z.string().optional(),
        tags: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  /**
   * Data-protection laws of other countries than China ("Saudi PDPL", "GDPR", "印尼 PDP"): a question on one is answered
   * with facts tagged with its id, or says plainly that the catalogue has none (not China's rules), with the questions
   * to ask. The first entry that matches names the law.
   */
  foreign_data_laws: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        name_zh: z.string().min(1),
        patterns: z.array(regex).min(1),
      }),
    )
    .default([]),
  /** Words saying the data is in or leaves mainland China: with them, China's data-export rules still apply. */
  china_law_context: z.array(regex).default([]),
  /**
   * Traditional characters and the simplified ones a question is read as ("輸入" → "输入", "優刻得" → "优刻得"): one
   * character for one, so the question keeps its length and every pattern written in simplified characters matches.
   */
  traditional: z
    .record(z.string().length(1, 'is not one character'), z.string().length(1, 'is not one character'))
    .default({}),
  /** Words written differently in Taiwan and Hong Kong, as the mainland words (read after `traditional`). */
  regional_words: z.record(z.string().min(2, 'is not a word'), z.string().min(1, 'is empty')).default({}),
  /** Short follow-ups after an answer that change one slot of the last request. */
  followup: z
    .object({
      cues: z.array(regex).default([]),
      weak_cues: z.array(regex).default([]),
      add: z.array(regex).default([]),
      max_words: z.number().int().positive().default(12),
    })
    .default({ cues: [], weak_cues: [], add: [], max_words: 12 }),
});
export type Lexicon = z.infer<typeof LexiconSchema>;
