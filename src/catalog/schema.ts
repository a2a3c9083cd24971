/**
 * Zod schemas for every file under catalog/. The format is documented for editors in catalog/README.md.
 * Provenance first: every price, allowance, adjustment, fact and region list carries `source` and `as_of`.
 */
import { z } from 'zod';
import { type OwnIssue, own, ownIssue } from './reasons.js';

export const PROVIDER_SLUGS = ['alibaba', 'tencent', 'huawei', 'ucloud', 'aws', 'volcengine', 'baidu'] as const;
export const ProviderSlug = z.enum(PROVIDER_SLUGS);
export type ProviderSlug = z.infer<typeof ProviderSlug>;

export const AREA_SLUGS = ['mainland-china', 'asia-pacific', 'europe', 'north-america', 'middle-east'] as const;
export const AreaSlug = z.enum(AREA_SLUGS);
export type AreaSlug = z.infer<typeof AreaSlug>;

export const Jurisdiction = z.enum(['mainland', 'hong-kong', 'elsewhere']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const BillingMode = z.enum(['payg', 'subscription', 'spot']);
export type BillingMode = z.infer<typeof BillingMode>;

export const Currency = z.enum(['USD', 'CNY']);
export type Currency = z.infer<typeof Currency>;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, own('must be a lower-case slug like "hong-kong"', 'problem.reason.slug'));
const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9.-]*$/,
    own('must be a lower-case id of letters, digits, dots and dashes', 'problem.reason.id'),
  );

/** A date as YYYY-MM-DD. YAML may hand us a Date object for an unquoted date: accept both. */
export const IsoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z
    .string({ error: own('must be a date written YYYY-MM-DD', 'problem.reason.date') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, own('must be a date written YYYY-MM-DD', 'problem.reason.date'))
    .refine(
      (s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
      },
      ownIssue('is not a real calendar date', 'problem.reason.calendar'),
    ),
);

const SOURCE_REQUIRED = own(
  'is required: every price and fact needs its source (a URL or "quote:<reference>")',
  'problem.reason.source-required',
);
/** Where a number or claim came from: a URL or a quote reference such as "quote:ALI-2026-017". */
export const Source = z
  .string({ error: SOURCE_REQUIRED })
  .trim()
  .min(1, SOURCE_REQUIRED)
  .refine(
    (s) => /^https?:\/\/\S+$/.test(s) || /^quote:\S+/.test(s) || /^api:\S+/.test(s) || /^file:\S+/.test(s),
    ownIssue(
      'must be a URL (https://…), a vendor quote reference ("quote:<ref>"), an API call ("api:…") or a file ("file:…")',
      'problem.reason.source-form',
    ),
  );

/** Provenance shared by every sourced entry. */
const provenance = {
  source: Source,
  /** Several sources, when one claim rests on more than one page. The first is `source`. */
  also_sources: z.array(Source).optional(),
  as_of: IsoDate.describe('the date the source states, or the date it was read when it states none'),
  /** `page`: the date is the page's own; `retrieved`: the page shows none and this is when it was read. */
  dated: z.enum(['page', 'retrieved']).default('page'),
  /** The source's own words, so a reviewer can check the number without reopening the page. */
  quote: z.string().optional(),
  /** `official`: the provider's own page or API; `second-hand`: a tracker or third-party copy; `press`; `filing`. */
  grade: z.enum(['official', 'second-hand', 'press', 'filing', 'vendor-quote']).default('official'),
};

export const RegionSchema = z.object({
  id: z.string().min(1),
  location: slug,
  name: z.string().optional(),
  /** Region exists but is restricted (invite-only, allow-list). */
  restricted: z.string().optional(),
  /** The restriction in Chinese, for Chinese answers. */
  restricted_zh: z.string().optional(),
});

export const ProviderSchema = z.object({
  id: ProviderSlug,
  name: z.string().min(1),
  names_zh: z.array(z.string()).default([]),
  aliases: z.array(z.string()).default([]),
  /** Common misspellings ("腾迅云"): read as this provider, with a note saying so. */
  misspellings: z.array(z.string()).default([]),
  billing_modes: z.array(BillingMode).min(1),
  pricing_url: z.string().url(),
  calculator_url: z.string().url(),
  /** What `calculator_url` and the billing modes rest on. */
  source: Source,
  as_of: IsoDate,
  regions_source: Source,
  regions_as_of: IsoDate,
  regions: z.array(RegionSchema).min(1),
  /** Region ids compared when a question names no place (each must be in `regions`). */
  default_regions: z.array(z.string()).min(1),
});
export type Provider = z.infer<typeof ProviderSchema>;

export const ProvidersFile = z.object({ providers: z.array(ProviderSchema).min(1) });

export const LocationSchema = z.object({
  slug,
  name: z.string().min(1),
  names_zh: z.array(z.string()).default([]),
  aliases: z.array(z.string()).default([]),
  /** Common misspellings ("新加波", "singapur"): read as this place, with a note saying so. */
  misspellings: z.array(z.string()).default([]),
  jurisdiction: Jurisdiction,
  area: AreaSlug,
});
export type Location = z.infer<typeof LocationSchema>;

export const AreaSchema = z.object({
  slug: AreaSlug,
  name: z.string().min(1),
  names_zh: z.array(z.string()).default([]),
  aliases: z.array(z.string()).default([]),
});
export type Area = z.infer<typeof AreaSchema>;

export const LocationsFile = z.object({
  locations: z.array(LocationSchema).min(1),
  areas: z.array(AreaSchema).min(1),
});

const UPPER_A10 = own('must be upper-case, e.g. "A10"', 'problem.reason.upper', { example: 'A10' });
export const GpuSchema = z.object({
  model: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, UPPER_A10),
  aliases: z.array(z.string()).default([]),
  memoryGB: z.number().positive().optional(),
  /** A close variant sold under another name (AWS's A10G for A10): used only with a label saying so. */
  variant_of: z.string().optional(),
});
export type Gpu = z.infer<typeof GpuSchema>;
export const GpusFile = z.object({ gpus: z.array(GpuSchema).min(1) });

/** Where a price applies. Exactly one way of saying it. */
export const Scope = z
  .object({
    /** Location slugs. */
    locations: z.array(slug).optional(),
    /** Every region of the provider in this jurisdiction class. */
    jurisdiction: z.enum(['mainland', 'outside-mainland', 'any']).optional(),
  })
  .refine((s) => (s.locations ? 1 : 0) + (s.jurisdiction ? 1 : 0) === 1, {
    ...ownIssue('give exactly one of "locations" or "jurisdiction"', 'problem.reason.scope'),
  });
export type Scope = z.infer<typeof Scope>;

export const PriceKind = z.enum(['compute', 'gpu-instance', 'storage', 'egress', 'model-tokens', 'support']);
export type PriceKind = z.infer<typeof PriceKind>;

/** One zone's sale status for an instance type, as a purchase feed stated it. */
export const ZoneStatus = z.object({ zone: z.string().trim().min(1), status: z.enum(['sell', 'sold-out']) }).strict();
export type ZoneStatus = z.infer<typeof ZoneStatus>;

export const PriceSchema = z
  .object({
    id,
    provider: ProviderSlug,
    kind: PriceKind,
    /** The product, as the provider names it ("ECS", "OSS Standard LRS", "Model Studio"). */
    service: z.string().min(1),
    sku: z.string().optional(),
    scope: Scope,
    billing: BillingMode,
    /** For subscriptions: the commitment the price assumes. */
    term_months: z.number().int().positive().optional(),
    /** Unit of `price`: per hour of the SKU, per vCPU-hour, per GiB-hour, per GB-month, per GB, per million tokens. */
    unit: z.enum(['instance-hour', 'vcpu-hour', 'gib-hour', 'gb-month', 'gb', 'million-tokens', 'month', 'package']),
    price: z.number({ error: own('must be a number', 'problem.reason.number') }).nonnegative(),
    currency: Currency,
    /** For `package` units: how many GB one package holds, and for how many months. */
    package_gb: z.number().positive().optional(),
    /** A volume tier: the price applies to the GB from `from_gb` up to `to_gb` (null: no upper end) each month. */
    tier: z.object({ from_gb: z.number().nonnegative(), to_gb: z.number().positive().nullable() }).optional(),
    /** Compute shape of an instance SKU. */
    vcpu: z.number().positive().optional(),
    memoryGiB: z.number().positive().optional(),
    gpu: z.object({ model: z.string(), count: z.number().int().positive() }).optional(),
    /** Storage class for storage prices. */
    storage_class: z.enum(['object-standard', 'object-ia', 'block']).optional(),
    /** Model-token prices. */
    model: z.string().optional(),
    direction: z.enum(['input', 'output']).optional(),
    note: z.string().optional(),
    /** The note in Chinese, for Chinese answers (`note` stays the English original, as the source was read). */
    note_zh: z.string().optional(),
    /**
     * What kind of price the row is, when it is not a public list price: `account` is one buyer account's transaction
     * price (an API's TradePrice or discount price, which may carry that account's discounts). Absent: a list price
     * (or a vendor quote, told by `grade`). Comparisons of unlike kinds say so (src/domain/pipeline/basis.ts).
     */
    price_basis: z.enum(['list', 'account']).optional(),
    /** The provider's own region id the price was read for (rows written by `procure catalog refresh`). */
    region: z.string().optional(),
    /**
     * Whether the type was on sale, zone by zone, when the row was read (Tencent's purchase feed says SELL or
     * SOLD_OUT per zone): `[{zone: ap-guangzhou-3, status: sold-out}]`, true as of `as_of`. Absent: not stated.
     */
    zones: z.array(ZoneStatus).optional(),
    ...provenance,
  })
  .superRefine((p, ctx) => {
    for (const issue of priceRuleIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type Price = z.infer<typeof PriceSchema>;

/**
 * The rules between a price's fields (checked once every field is valid on its own). PriceSchema applies them;
 * so does the loader's fast path for big price files (src/catalog/price-table.ts), so both refuse the same rows.
 */
export function priceRuleIssues(p: {
  kind: string;
  unit: string;
  billing: string;
  gpu?: unknown;
  model?: string | undefined;
  direction?: string | undefined;
  storage_class?: string | undefined;
  package_gb?: number | undefined;
  term_months?: number | undefined;
}): ({ path: [string] } & OwnIssue)[] {
  const issues: ({ path: [string] } & OwnIssue)[] = [];
  if (p.kind === 'gpu-instance' && !p.gpu)
    issues.push({
      path: ['gpu'],
      ...ownIssue('a gpu-instance price needs gpu: {model, count}', 'problem.reason.gpu-needed'),
    });
  if (p.kind === 'model-tokens' && (!p.model || !p.direction))
    issues.push({
      path: ['model'],
      ...ownIssue('a model-tokens price needs model and direction', 'problem.reason.tokens-needed'),
    });
  if (p.kind === 'storage' && !p.storage_class)
    issues.push({
      path: ['storage_class'],
      ...ownIssue('a storage price needs storage_class', 'problem.reason.storage-needed'),
    });
  if (p.unit === 'package' && !p.package_gb)
    issues.push({
      path: ['package_gb'],
      ...ownIssue('a package price needs package_gb', 'problem.reason.package-needed'),
    });
  if (p.billing === 'subscription' && !p.term_months)
    issues.push({
      path: ['term_months'],
      ...ownIssue('a subscription price needs term_months', 'problem.reason.term-needed'),
    });
  return issues;
}

export const AllowanceSchema = z.object({
  id,
  provider: ProviderSlug,
  kind: z.enum(['egress', 'model-tokens', 'storage']),
  service: z.string().min(1),
  scope: Scope,
  /** Free quantity per month, in the unit of the kind (GB for egress, tokens for model-tokens). */
  quantity: z.number().nonnegative(),
  per: z.enum(['month', 'once']).default('month'),
  /** Shared across all regions of the account instead of per region. */
  pooled: z.boolean().default(false),
  note: z.string().optional(),
  note_zh: z.string().optional(),
  ...provenance,
});
export type Allowance = z.infer<typeof AllowanceSchema>;

/** Multipliers on a pay-as-you-go price: spot discounts, batch discounts, usage tiers, renewal increases. */
export const AdjustmentSchema = z.object({
  id,
  provider: ProviderSlug,
  kind: z.enum(['spot-range', 'renewal-increase', 'batch-discount', 'usage-tier']),
  /** Which price kinds it applies to. */
  applies_to: z.array(PriceKind).min(1),
  /** Only prices of these services (matched case-insensitively as substrings); empty = all. */
  services: z.array(z.string()).default([]),
  /** Multipliers of the pay-as-you-go price. For spot: low..high of what is paid. For renewals: 1.05..1.34. */
  low_factor: z.number().nonnegative().optional(),
  high_factor: z.number().nonnegative().optional(),
  effective_from: IsoDate.optional(),
  /** What the user must know: release rules for spot, the renewal clause for increases. */
  risk: z.string().optional(),
  /** The risk in Chinese, for Chinese answers. */
  risk_zh: z.string().optional(),
  note: z.string().optional(),
  note_zh: z.string().optional(),
  ...provenance,
});
export type Adjustment = z.infer<typeof AdjustmentSchema>;

export const PricesFile = z.object({
  prices: z.array(PriceSchema).default([]),
  allowances: z.array(AllowanceSchema).default([]),
  adjustments: z.array(AdjustmentSchema).default([]),
});

export const FxRateSchema = z.object({
  id,
  base: Currency,
  counter: Currency,
  /** 1 base = rate counter, e.g. 1 USD = 6.98 CNY. */
  rate: z.number().positive(),
  ...provenance,
});
export type FxRate = z.infer<typeof FxRateSchema>;
export const FxFile = z.object({ rates: z.array(FxRateSchema).min(1) });

export const FactTopic = z.enum([
  'compliance',
  'regions',
  'network',
  'pricing',
  'ai-pricing',
  'spot',
  'capacity',
  'reliability',
  'support',
  'market',
  'billing',
  'model-api',
  'storage',
  'company',
]);
export const FactSchema = z.object({
  id,
  /** null for facts that are not about one provider (laws, market shares). */
  provider: ProviderSlug.nullable(),
  topic: FactTopic,
  claim: z.string().min(10),
  /** The claim in Chinese, for Chinese answers (the source and its quote stay in their own words). */
  claim_zh: z.string().min(4).optional(),
  locations: z.array(slug).default([]),
  tags: z.array(z.string()).default([]),
  ...provenance,
});
export type Fact = z.infer<typeof FactSchema>;
export const FactsFile = z.object({ facts: z.array(FactSchema).min(1) });

/**
 * Conditions on the rule context (see src/domain/context.ts): every key must hold.
 * A value matches by equality; a list means "one of"; {not: v}, {gte: n}, {lte: n} and {in: [...]} as named.
 */
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ConditionValue = z.union([
  Scalar,
  z.array(Scalar),
  z
    .object({
      not: z.union([Scalar, z.array(Scalar)]).optional(),
      gte: z.number().optional(),
      lte: z.number().optional(),
    })
    .strict(),
]);
export const When = z.record(z.string(), ConditionValue);
export type When = z.infer<typeof When>;

export const QuestionGroup = z.enum([
  'capacity-quota',
  'pricing-renewal',
  'data-compliance',
  'reliability-failover',
  'support',
]);
export type QuestionGroup = z.infer<typeof QuestionGroup>;

export const RuleSchema = z
  .object({
    id,
    description: z.string().optional(),
    /** `candidate` rules are checked once per (provider, location, billing) candidate; `request` rules once. */
    level: z.enum(['candidate', 'request']).default('candidate'),
    when: When.default({}),
    advice: z
      .object({
        /** Added to the candidate's score: positive favours it, negative counts against it. */
        score: z.number(),
        reason: z.string().min(5),
        /** The reason in Chinese, for answers in Chinese (English is used when absent). */
        reason_zh: z.string().min(2).optional(),
        cites: z.array(id).min(1, 'advice must cite at least one fact id'),
      })
      .optional(),
    question: z
      .object({
        group: QuestionGroup,
        /** Handlebars text; variables: provider, region, location, gpu, months, workload, model. */
        text: z.string().min(5),
        /** The question in Chinese, for answers in Chinese (English is used when absent). */
        text_zh: z.string().min(2).optional(),
        /** Higher first when only the top questions are shown. */
        priority: z.number().default(1),
        cites: z.array(id).default([]),
      })
      .optional(),
    /** A cost-side warning placed in the breakdown (e.g. cross-provider transfer of commerce data). */
    flag: z
      .object({
        text: z.string().min(5),
        /** The warning in Chinese, for answers in Chinese (English is used when absent). */
        text_zh: z.string().min(2).optional(),
        cites: z.array(id).default([]),
      })
      .optional(),
  })
  .refine((r) => r.advice || r.question || r.flag, {
    ...ownIssue('a rule needs advice, question or flag', 'problem.reason.rule-needs'),
  });
export type Rule = z.infer<typeof RuleSchema>;
export const RulesFile = z.object({ rules: z.array(RuleSchema).min(1) });

/** Providers whose price APIs `procure catalog refresh` reads. */
export const REFRESH_PROVIDERS = ['alibaba', 'tencent', 'huawei', 'volcengine'] as const;
export const RefreshProvider = z.enum(REFRESH_PROVIDERS);
export type RefreshProvider = z.infer<typeof RefreshProvider>;

/** What a watchlist entry asks for: pay-as-you-go, a 1-month or 1-year subscription, or the current spot price. */
export const WatchBilling = z.enum(['payg', 'subscription-1m', 'subscription-1y', 'spot']);
export type WatchBilling = z.infer<typeof WatchBilling>;

/**
 * One instance type to price through the provider's API, in the listed regions and billing modes.
 * The shape (vCPU, memory, GPUs) is a fact about the type, so it carries its source like any fact.
 */
export const WatchItemSchema = z
  .object({
    instance_type: z
      .string()
      .trim()
      .min(
        1,
        own(
          'is required: the provider\'s instance type, e.g. "ecs.gn7i-c8g1.2xlarge"',
          'problem.reason.type-required',
          {
            example: 'ecs.gn7i-c8g1.2xlarge',
          },
        ),
      ),
    /** Short name used in change reports ("gn7i"); defaults to the instance type. */
    family: z.string().optional(),
    kind: z.enum(['compute', 'gpu-instance']),
    vcpu: z.number().positive(),
    memoryGiB: z.number().positive(),
    gpu: z.object({ model: z.string(), count: z.number().int().positive() }).optional(),
    /** The provider's region ids (as in providers.yaml). */
    regions: z.array(z.string().min(1)).min(1),
    billing: z.array(WatchBilling).min(1).default(['payg']),
    /** Provider-specific request parameters (e.g. a Volcano Engine product code), passed to the API as given. */
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    note: z.string().optional(),
    ...provenance,
  })
  .superRefine((w, ctx) => {
    if (w.kind === 'gpu-instance' && !w.gpu)
      ctx.addIssue({
        code: 'custom',
        path: ['gpu'],
        ...ownIssue('a gpu-instance entry needs gpu: {model, count}', 'problem.reason.watch-gpu-needed'),
      });
  });
export type WatchItem = z.infer<typeof WatchItemSchema>;

export const WatchlistFile = z.object({
  provider: RefreshProvider,
  /** Calls per second this project allows itself against the provider's price API (its documented limit or lower). */
  per_second: z.number().positive().max(100).optional(),
  watch: z.array(WatchItemSchema).default([]),
});
export type WatchlistFile = z.infer<typeof WatchlistFile>;

/** What an instance type is for, coarsely: the provider's own family classes mapped onto one list. */
export const INSTANCE_CATEGORIES = ['general', 'compute', 'memory', 'gpu', 'burstable', 'storage', 'other'] as const;
export const InstanceCategory = z.enum(INSTANCE_CATEGORIES);
export type InstanceCategory = z.infer<typeof InstanceCategory>;

export const InstanceArch = z.enum(['x86_64', 'arm64']);
export type InstanceArch = z.infer<typeof InstanceArch>;

/**
 * One instance type of a provider: its family, category, shape and accelerators, with the source it was read from.
 * Written in compact tables under catalog/instance-types/ (format "instance-types/1", catalog/README.md); the loader
 * turns each row into one of these. `gpu` is null for a type without a whole accelerator: fractional vGPU slices are
 * not a GPU and carry null (the table's note says so).
 */
export const InstanceTypeSchema = z.object({
  provider: ProviderSlug,
  /** The provider's exact type name: "ecs.g7.large", "SA2.MEDIUM4", "g5.2xlarge". */
  type: z
    .string()
    .trim()
    .min(
      1,
      own('is required: the provider\'s instance type, e.g. "ecs.g7.large"', 'problem.reason.type-required', {
        example: 'ecs.g7.large',
      }),
    ),
  /** The family the type belongs to, as the provider names it: "ecs.g7", "SA2", "g5". */
  family: z
    .string()
    .trim()
    .min(1, own('is required: the family, e.g. "ecs.g7"', 'problem.reason.family-required', { example: 'ecs.g7' })),
  category: InstanceCategory,
  vcpu: z.number({ error: own('must be a number', 'problem.reason.number') }).positive(),
  memoryGiB: z.number({ error: own('must be a number', 'problem.reason.number') }).positive(),
  gpu: z
    .object({
      model: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, UPPER_A10),
      count: z.number().int().positive(),
    })
    .nullable(),
  /** null when the source does not say. */
  arch: InstanceArch.nullable(),
  note: z.string().optional(),
  ...provenance,
});
export type InstanceType = z.infer<typeof InstanceTypeSchema>;

export const INSTANCE_TYPES_FORMAT = 'instance-types/1';
/** The columns of an instance-type table, in any order; each must be present. */
export const INSTANCE_TYPE_COLUMNS = [
  'type',
  'family',
  'category',
  'vcpu',
  'memoryGiB',
  'gpuModel',
  'gpuCount',
  'arch',
] as const;

/** The header of an instance-type table: provenance for every row, the columns, and the rows. */
export const InstanceTypesFile = z
  .object({
    format: z.literal(INSTANCE_TYPES_FORMAT, {
      error: own(`must be "${INSTANCE_TYPES_FORMAT}"`, 'problem.reason.must-be', { value: INSTANCE_TYPES_FORMAT }),
    }),
    provider: ProviderSlug,
    note: z.string().optional(),
    columns: z
      .array(
        z.enum(INSTANCE_TYPE_COLUMNS, {
          error: own(`must be one of ${INSTANCE_TYPE_COLUMNS.join(', ')}`, 'problem.reason.one-of', {
            list: INSTANCE_TYPE_COLUMNS.join(', '),
          }),
        }),
      )
      .refine((c) => INSTANCE_TYPE_COLUMNS.every((k) => c.includes(k)) && new Set(c).size === c.length, {
        ...ownIssue(`must name each of ${INSTANCE_TYPE_COLUMNS.join(', ')} once`, 'problem.reason.each-once', {
          list: INSTANCE_TYPE_COLUMNS.join(', '),
        }),
      }),
    rows: z.array(z.unknown()),
    ...provenance,
  })
  .strict();

/**
 * One instance family of a provider (catalog/families.yaml): its category and whether it is a current generation.
 * "8 vCPU 32 GB" is priced on the current families of the asked category (general-purpose unless said otherwise).
 * Provenance may be given once for the file and overridden per entry.
 */
const FamilyEntry = z.object({
  provider: ProviderSlug,
  /** As it appears in the provider's type names: "g8i" for ecs.g8i.2xlarge, "m7i" for m7i.large, "S5" for S5.LARGE8. */
  family: z.string().trim().min(1).max(40),
  category: InstanceCategory,
  current: z.boolean(),
  note: z.string().optional(),
  source: Source.optional(),
  also_sources: z.array(Source).optional(),
  as_of: IsoDate.optional(),
  dated: z.enum(['page', 'retrieved']).optional(),
  quote: z.string().optional(),
});
export const FamiliesFile = z
  .object({
    source: Source.optional(),
    also_sources: z.array(Source).optional(),
    as_of: IsoDate.optional(),
    dated: z.enum(['page', 'retrieved']).default('page'),
    note: z.string().optional(),
    families: z.array(FamilyEntry).min(1),
  })
  .superRefine((f, ctx) => {
    f.families.forEach((e, i) => {
      if (!e.source && !f.source)
        ctx.addIssue({
          code: 'custom',
          path: ['families', i, 'source'],
          ...ownIssue(
            'is required: give the source of the family list for the file or for this entry',
            'problem.reason.family-source',
          ),
        });
      if (!e.as_of && !f.as_of)
        ctx.addIssue({
          code: 'custom',
          path: ['families', i, 'as_of'],
          ...ownIssue('is required: give the as-of date for the file or for this entry', 'problem.reason.family-as-of'),
        });
    });
  });
export interface Family {
  provider: ProviderSlug;
  family: string;
  category: InstanceCategory;
  current: boolean;
  note?: string | undefined;
  source: string;
  as_of: string;
  dated: 'page' | 'retrieved';
}
