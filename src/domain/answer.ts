/** The Answer: plain data for every surface (console, JSON, Slack). No Slack types here. */
import type { BillingMode, Currency, Price, QuestionGroup } from '../catalog/schema.js';
import type { Lang, QuoteCurrency, Request } from './request.js';

export type Component = 'gpu' | 'compute' | 'storage' | 'egress' | 'model-input' | 'model-output' | 'support';

export interface Money {
  low: number;
  expected: number;
  high: number;
}

export interface PriceLine {
  component: Component;
  /** What is priced, e.g. "g4dn.xlarge (1x T4, 4 vCPU, 16 GiB) × 2". */
  label: string;
  service: string;
  quantity: number;
  /** The quantity's unit, e.g. "instance-hours", "GB", "GB-months", "million tokens". */
  quantityUnit: string;
  unitPrice: number;
  /** The catalogue unit the price is in (instance-hour, gb, million-tokens…), for code; the words are below. */
  priceUnit?: Price['unit'];
  /** The unit of unitPrice, e.g. "per instance-hour", in the answer's language. */
  unitPriceUnit: string;
  currency: Currency;
  /** Per month in the line's own currency. */
  monthly: Money;
  /** Per month in the answer's currency (same as monthly when no conversion), null when no FX rate. */
  monthlyInAnswerCurrency: Money | null;
  priceId: string;
  source: string;
  asOf: string;
  dated: 'page' | 'retrieved';
  grade: string;
  /** The kind of price: a public list price, one account's transaction price (may carry its discounts), a quote. */
  basis?: 'list' | 'account' | 'quote';
  /** Older than the staleness age. */
  stale: boolean;
  /** Days between the price's as-of date and the answer's date. */
  ageDays?: number;
  /** When stale: the command that renews the price (`procure catalog refresh --public --provider <slug>`), if any. */
  refresh?: string | null;
  /** The expected figure is the midpoint of a discount range (spot at 10–100%), not a price. */
  midpoint?: boolean;
  /** Free allowance applied, in the line's quantity unit. */
  free?: { quantity: number; allowanceId: string; source: string; asOf: string } | undefined;
  notes: string[];
  /** Spot release rules, renewal increases. */
  risks: string[];
}

export interface Gap {
  component: Component;
  what: string;
  why: string;
  question: string;
  calculatorUrl: string;
  pricingUrl: string;
}

export interface Reason {
  text: string;
  cites: string[];
  score: number;
}

export interface Flag {
  text: string;
  cites: string[];
}

export interface Alternative {
  billing: BillingMode;
  /** Monthly in the answer currency for what can be priced under that mode, null when nothing can. */
  monthly: Money | null;
  note: string;
  /** Lines in another currency were converted at the answer's FX rate to make `monthly`. */
  converted?: boolean;
}

export interface OptionAnswer {
  provider: string;
  providerName: string;
  location: string;
  locationName: string;
  regionIds: string[];
  jurisdiction: 'mainland' | 'hong-kong' | 'elsewhere';
  billing: BillingMode;
  lines: PriceLine[];
  gaps: Gap[];
  flags: Flag[];
  /** Sum of priced lines per month in the answer currency (null when nothing is priced or no FX rate). */
  monthly: Money | null;
  /** monthly × duration, when the duration is known. */
  total: Money | null;
  complete: boolean;
  alternatives: Alternative[];
  /** Internal: the sum of the placement rules' weights, used to order options. Never shown to users. */
  score: number;
  reasons: Reason[];
  rank: number;
  /** The user named this provider and place (or left that open); false: the bot added it ("also consider"). */
  named: boolean;
  /**
   * A comparison of models or billing modes ("qwen-max vs deepseek-r1", "on-demand vs 1yr reserved"): the model or
   * mode this option is priced for, which its name then says. Absent otherwise.
   */
  side?: { model?: string; billing?: BillingMode };
}

/** What a recommendation rests on: comparable prices, a decisive fact, or both. */
export type Basis = 'price' | 'fact' | 'price-and-fact';

export interface Recommendation {
  /** One sentence naming the option and the basis, in the answer's language. */
  text: string;
  /** Index into `options`. */
  option: number;
  basis: Basis;
  /** Facts (and price ids) the basis rests on. */
  cites: string[];
  /** With a price basis: how much less than the next option, per month (and over the term), in the answer currency. */
  saving: {
    versus: number;
    monthly: number;
    total: number | null;
    percent: number;
  } | null;
}

/** When nothing decides: what differs between the options, and what to ask to decide. */
export interface NoRecommendation {
  text: string;
  /** One row per thing that differs; `values` in the order of `options`. */
  differences: { label: string; values: string[] }[];
  ask: string[];
}

/** A quoted price checked against list prices: same type in the same place, and equivalents elsewhere. */
export interface QuoteCheck {
  quoted: {
    amount: number;
    currency: QuoteCurrency;
    per: 'hour' | 'month' | 'year' | 'thousand-tokens' | 'million-tokens';
  };
  /** Quoted per hour in the answer currency, for comparison; null for a price per million tokens. */
  quotedHourly: number | null;
  currency: Currency;
  comparisons: {
    option: number;
    label: string;
    listHourly: number;
    /** (quoted − list) / list × 100: positive when the quote is above list. */
    percent: number;
    priceId: string;
    asOf: string;
    /** 'retrieved': asOf is the day the copy was made, the source gives no date. */
    dated: 'page' | 'retrieved';
    ageDays: number;
    /** The price compared with is one account's transaction price, not a list price. */
    account?: boolean;
    sameType: boolean;
    /** The billing mode of the price compared with (pay-as-you-go when the quote's own mode is not catalogued). */
    billing: BillingMode;
  }[];
  /** Sentences: the verdict, what to ask for, how to save the quote. */
  lines: string[];
  /** The quote as the quote form would take it (prefills the Slack form and the CLI command); null when no place or provider is known. */
  draft: QuoteDraft | null;
}

/** A vendor quote ready to be saved: the fields of the quotes CSV the question made known. */
export interface QuoteDraft {
  provider: string;
  resource: 'gpu-instance' | 'compute';
  region: string;
  sku: string | null;
  gpuModel: string | null;
  gpuCount: number | null;
  /** Per instance-hour, in `currency`. */
  price: number;
  currency: Currency;
  billing: 'payg' | 'subscription' | 'spot' | null;
}

export interface VendorQuestion {
  text: string;
  group: QuestionGroup;
  provider: string | null;
  priority: number;
  cites: string[];
  /** The rule (or gap) it came from. */
  ruleId: string;
}

export interface QuestionSection {
  group: QuestionGroup;
  title: string;
  items: VendorQuestion[];
}

export interface CitedFact {
  id: string;
  claim: string;
  provider: string | null;
  source: string;
  asOf: string;
  grade: string;
}

export type AnswerKind = 'estimate' | 'place' | 'compare' | 'questions' | 'facts' | 'summary' | 'help' | 'followup';

export interface Answer {
  kind: AnswerKind;
  /** The language every sentence of the answer is written in (the request's). */
  lang: Lang;
  title: string;
  request: Request;
  currency: Currency;
  fx: { base: Currency; counter: Currency; rate: number; source: string; asOf: string; id: string } | null;
  recommendation: Recommendation | null;
  /** Set when the options differ but neither price nor a decisive fact settles it. */
  noRecommendation: NoRecommendation | null;
  /** Sentences that open the answer before its sections (e.g. what the law requires, for a compliance question). */
  lead: string[];
  /** What the price cannot show for the options shown (capacity, ICP filing, data export), each with its facts. */
  beyondPrice?: { text: string; cites: string[]; topic?: 'capacity' | 'icp' | 'export' }[];
  /**
   * What decides a move, for stay-or-move questions (a provider in use today and another named): the costs a price
   * table does not show, each with its facts, and the questions for the provider in use and the one moved to.
   */
  move?: {
    incumbent: string;
    challengers: string[];
    points: { text: string; cites: string[] }[];
    questions: string[];
    /** What the points speak of that "what the price cannot show" would otherwise say again. */
    topics?: ('capacity' | 'icp' | 'export')[];
  } | null;
  /** When a quoted price was given (request.quotedPrice). */
  quoteCheck: QuoteCheck | null;
  options: OptionAnswer[];
  /** Options found but not shown (ranked below the shown ones). */
  moreOptions: number;
  /** Top questions first; `allQuestions` grouped. */
  topQuestions: VendorQuestion[];
  questions: QuestionSection[];
  facts: CitedFact[];
  assumptions: string[];
  notes: string[];
  followup: { slot: string; ask: string } | null;
  help: { intents: { id: string; title: string; description: string; examples: string[] }[] } | null;
  staleDays: number;
  generatedOn: string;
}
