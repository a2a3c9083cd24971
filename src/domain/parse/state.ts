/** What one parse carries from step to step, and what it hands back. */

import type { Catalog } from '../../catalog/load.js';
import type { BillingMode } from '../../catalog/schema.js';
import type { Request } from '../request.js';
import type { Say } from '../say.js';
import type { NamedFamily } from './instance-types.js';
import type { Work } from './work.js';

export interface Parsed {
  request: Request;
  /**
   * The intent the cues and slots alone give, without the labelled phrasings' vote (intent.ts): how a follow-up is
   * told (followup.ts). Absent on a request that was not parsed from text.
   */
  intentByCues?: Request['intent'];
  /** Plain sentences about what was assumed or not understood, shown with the answer. */
  notes: string[];
  /** Things mentioned without enough detail to use, which a follow-up may ask for. */
  vague: {
    gpuWithoutModel: boolean;
    tokensWithoutSplit: boolean;
    /** Tokens a month said as one total ("50M tokens a month", "每天300万token"), with no input/output split. */
    tokensTotal?: number;
    /** The GPU count was not said and 1 was assumed (a follow-up keeps the earlier count instead). */
    gpuCountAssumed?: boolean;
    /** An instance family named without a size ("腾讯云 GN7 广州"): the bot asks which of its sizes. */
    family?: NamedFamily;
    /** A count of GPUs said without a model ("4张卡", "8 GPUs"): a follow-up changes the last GPU's count. */
    gpuCount?: number;
    /** The duration was not said and a year was taken from "包年"/"yearly" (a follow-up keeps the earlier one). */
    durationAssumed?: boolean;
  };
}

/** One question being read: each step reads `w` (blanking what it takes) and fills `req`, `notes` and `vague`. */
export interface ParseState {
  /** The question normalised (digits, ranges read), unblanked. */
  readonly text: string;
  /** The question as written. */
  readonly raw: string;
  readonly w: Work;
  readonly req: Request;
  readonly wl: Request['workload'];
  readonly notes: string[];
  readonly vague: Parsed['vague'];
  /** The notes' words, in the answer's language. */
  readonly say: Say;
  /** Billing modes set against each other ("on-demand vs 1yr reserved"), in the order said; empty otherwise. */
  modes: BillingMode[];
  /**
   * Places named only for their law ("china data rules"), and nowhere else as a place: kept for a facts question (its
   * facts are found by place), dropped from any other once the intent is known.
   */
  lawPlaces?: string[];
  /**
   * Places named only as where latency is needed to ("ping to Indonesia is what matters"): kept for a facts question
   * (latency asked about), read as the audience in any other once the intent is known.
   */
  reachPlaces?: string[];
  /**
   * Providers added only because they sell a model named ("deepseek 推理" → every provider selling DeepSeek): sellers to
   * price, not options the question sets against each other.
   */
  sellers?: string[];
  /** Where model names were read in `text` (catalogued or not: "qwen3-32b", "llama-3-70b"), for the workload kind. */
  modelSpans?: { start: number; end: number }[];
}

/** A provider's name in the language of `say`. */
export function providerName(catalog: Catalog, say: Say, id: string): string {
  const p = catalog.providers.find((x) => x.id === id);
  if (!p) return id;
  return say.lang === 'zh' ? (p.names_zh[0] ?? p.name) : p.name;
}

/** A place in the notes: its slug in English (as the notes always wrote it), its Chinese name in Chinese. */
export function placeName(catalog: Catalog, say: Say, slug: string): string {
  if (say.lang !== 'zh') return slug;
  const l = catalog.locations.find((x) => x.slug === slug) ?? catalog.areas.find((x) => x.slug === slug);
  return l?.names_zh[0] ?? slug;
}
