/**
 * A reply to a follow-up question continues the same request: what the reply says fills the gaps,
 * what it does not say keeps its earlier value. The intent stays the original one.
 */
import type { Request } from './request.js';

export function mergeFollowup(prev: Request, reply: Request): Request {
  const pick = <T>(a: T | null, b: T | null): T | null => (b === null ? a : b);
  const list = <T>(a: T[], b: T[]): T[] => (b.length ? b : a);
  const w = prev.workload;
  const r = reply.workload;
  return {
    intent: prev.intent,
    providers: list(prev.providers, reply.providers),
    locations: list(prev.locations, reply.locations),
    billing: pick(prev.billing, reply.billing),
    durationMonths: pick(prev.durationMonths, reply.durationMonths),
    currency: pick(prev.currency, reply.currency),
    workload: {
      kind: pick(w.kind, r.kind),
      instances: pick(w.instances, r.instances),
      vcpu: pick(w.vcpu, r.vcpu),
      memoryGiB: pick(w.memoryGiB, r.memoryGiB),
      gpu: pick(w.gpu, r.gpu),
      instanceType: pick(w.instanceType, r.instanceType),
      storageGB: pick(w.storageGB, r.storageGB),
      egressGBPerMonth: pick(w.egressGBPerMonth, r.egressGBPerMonth),
      hoursPerMonth: pick(w.hoursPerMonth, r.hoursPerMonth),
      model: pick(w.model, r.model),
      models: r.model === null ? (w.models ?? []) : (r.models ?? [r.model]),
      modelByProvider: r.model === null ? (w.modelByProvider ?? null) : (r.modelByProvider ?? null),
      tokensPerMonth: pick(w.tokensPerMonth, r.tokensPerMonth),
    },
    signals: {
      audience: list(prev.signals.audience, reply.signals.audience),
      commercePlatforms: [...new Set([...prev.signals.commercePlatforms, ...reply.signals.commercePlatforms])],
      personalData: prev.signals.personalData || reply.signals.personalData,
      production: pick(prev.signals.production, reply.signals.production),
      renewal: prev.signals.renewal || reply.signals.renewal,
      incumbent: pick(prev.signals.incumbent, reply.signals.incumbent),
    },
    topic: prev.topic ?? reply.topic,
    lang: reply.lang,
    quotedPrice: pick(prev.quotedPrice, reply.quotedPrice),
    sides: prev.sides ?? null,
  };
}
