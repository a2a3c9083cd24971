/**
 * The Request's plain values: its intents, workload kinds and languages, and the empty request. No zod here (the
 * schemas are in ./request.ts, which re-exports these): `procure ask` builds requests without loading zod.
 */
import type { Intent, Request, Side, Workload } from './request.js';

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
      models: [],
      modelByProvider: null,
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
    sides: null,
  };
}

/** The side of a comparison a placement belongs to, when the request has sides. */
export function sideFor(req: Pick<Request, 'sides'>, provider: string, location: string): Side | null {
  return req.sides?.find((s) => (s.provider ?? provider) === provider && (s.location ?? location) === location) ?? null;
}

/** Whether the workload says how much of something to price: a size, a type, GPUs, storage, egress or tokens. */
export function hasSize(wl: Workload): boolean {
  return Boolean(
    wl.gpu || wl.vcpu || wl.memoryGiB || wl.instanceType || wl.storageGB || wl.egressGBPerMonth || wl.tokensPerMonth,
  );
}

/** The model a provider is priced for: its own one when two models are compared, else the request's. */
export function modelFor(wl: Workload, provider: string): string | null {
  return wl.modelByProvider?.[provider] ?? wl.model;
}
