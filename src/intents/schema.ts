/** Zod schemas for intents/*.yaml and intents/lexicon.yaml. */
import { z } from 'zod';
import { BillingMode, Currency } from '../catalog/schema.js';
import { WORKLOAD_KINDS } from '../domain/request.js';

const regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'is not a valid regular expression');

export const SLOT_NAMES = ['size', 'kind', 'comparison', 'providers', 'topic'] as const;

export const IntentSchema = z.object({
  id: z.enum(['estimate', 'place', 'compare', 'questions', 'facts', 'summary', 'help']),
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

export const LexiconSchema = z.object({
  workload_kinds: z.array(z.object({ kind: z.enum(WORKLOAD_KINDS), patterns: z.array(regex).min(1) })),
  billing: z.array(z.object({ mode: BillingMode, patterns: z.array(regex).min(1) })),
  currency: z.array(z.object({ code: Currency, patterns: z.array(regex).min(1) })),
  commerce_platforms: z.array(z.object({ id: z.string(), patterns: z.array(regex).min(1) })),
  personal_data: z.array(regex),
  production: z.object({ yes: z.array(regex), no: z.array(regex) }),
  renewal: z.array(regex),
  audience_after: z.array(z.string().min(1)),
  audience_before: z.array(z.string().min(1)),
  demonyms: z.record(z.string(), z.array(z.string())),
  incumbent_before: z.array(z.string().min(1)),
  fact_terms: z.record(z.string(), z.string()).default({}),
});
export type Lexicon = z.infer<typeof LexiconSchema>;
