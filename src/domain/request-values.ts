/**
 * The Request's plain values: its intents, workload kinds and languages, and the empty request. No zod here (the
 * schemas are in ./request.ts, which re-exports these): `procure ask` builds requests without loading zod.
 */
import type { Intent, Request } from './request.js';

export const INTENTS = ['estimate', 'place', 'compare', 'questions', 'facts', 'summary', 'help'] as const;

export const WORKLOAD_KINDS = [
  'web',
  'inference',
  'training',
  'data-platform',
  'batch',
  'storage',
  'model-api',
  'dev',
] as const;

export const LANGS = ['en', 'zh'] as const;

export function emptyRequest(intent: Intent = 'help'): Request {
  return {
    intent,
    providers: [],
    locations: [],
    billing: null,
    durationMonths: null,
    currency: null,
    workload: {
      kind: null,
      instances: null,
      vcpu: null,
      memoryGiB: null,
      gpu: null,
      instanceType: null,
      storageGB: null,
      egressGBPerMonth: null,
      hoursPerMonth: null,
      model: null,
      tokensPerMonth: null,
    },
    signals: {
      audience: [],
      commercePlatforms: [],
      personalData: false,
      production: null,
      renewal: false,
      incumbent: null,
    },
    topic: null,
    lang: 'en',
    quotedPrice: null,
  };
}
