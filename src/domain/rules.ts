/** The context rules are checked against, and the matcher for their `when` conditions. */
import type { Jurisdiction, Rule, When } from '../catalog/schema.js';
import type { Request } from './request.js';

export type RuleContext = Record<string, string | number | boolean | null>;

export interface CandidateInfo {
  provider: string;
  location: string;
  jurisdiction: Jurisdiction;
  area: string;
  billing: string;
}

/** Request-level keys; candidate keys are added by `candidateContext`. */
export function requestContext(req: Request, audienceJurisdiction: Jurisdiction | null): RuleContext {
  const wl = req.workload;
  return {
    intent: req.intent,
    kind: wl.kind,
    hasGpu: wl.gpu !== null,
    gpuModel: wl.gpu?.model ?? null,
    gpuCount: wl.gpu?.count ?? null,
    hasModelApi: wl.model !== null || wl.tokensPerMonth !== null || wl.kind === 'model-api',
    audience: audienceJurisdiction,
    commerceData: req.signals.commercePlatforms.length > 0,
    personalData: req.signals.personalData,
    production: req.signals.production,
    renewal: req.signals.renewal,
    months: req.durationMonths,
    requestBilling: req.billing,
    incumbentProvider: req.signals.incumbent,
    hasEgress: wl.egressGBPerMonth !== null,
    hasStorage: wl.storageGB !== null,
    subscriptionSide: req.sides?.some((x) => x.billing === 'subscription') ?? false,
  };
}

export function candidateContext(base: RuleContext, c: CandidateInfo, req: Request): RuleContext {
  // Written out key by key rather than spread: one object shape for every candidate, built without
  // copying through a generic clone (this runs for every candidate of every answer).
  return {
    intent: base.intent ?? null,
    kind: base.kind ?? null,
    hasGpu: base.hasGpu ?? null,
    gpuModel: base.gpuModel ?? null,
    gpuCount: base.gpuCount ?? null,
    hasModelApi: base.hasModelApi ?? null,
    audience: base.audience ?? null,
    commerceData: base.commerceData ?? null,
    personalData: base.personalData ?? null,
    production: base.production ?? null,
    renewal: base.renewal ?? null,
    months: base.months ?? null,
    requestBilling: base.requestBilling ?? null,
    incumbentProvider: base.incumbentProvider ?? null,
    hasEgress: base.hasEgress ?? null,
    hasStorage: base.hasStorage ?? null,
    subscriptionSide: base.subscriptionSide ?? null,
    provider: c.provider,
    location: c.location,
    jurisdiction: c.jurisdiction,
    area: c.area,
    billing: c.billing,
    audienceOutside: base.audience !== null && base.audience !== c.jurisdiction,
    audienceCity: req.signals.audience.includes(c.location),
    audienceArea: req.signals.audience.includes(c.area),
    crossProviderData: base.commerceData === true && c.provider !== 'alibaba',
    requestedProvider: req.providers.includes(c.provider as never),
    incumbent: req.signals.incumbent === c.provider,
  };
}

type Scalar = string | number | boolean | null;

function matchOne(actual: Scalar | undefined, cond: When[string]): boolean {
  const a = actual ?? null;
  if (Array.isArray(cond)) {
    for (const v of cond) if (v === a) return true;
    return false;
  }
  if (cond !== null && typeof cond === 'object') {
    if (cond.not !== undefined) {
      if (Array.isArray(cond.not)) {
        for (const v of cond.not) if (v === a) return false;
      } else if (cond.not === a) return false;
    }
    if (cond.gte !== undefined && !(typeof a === 'number' && a >= cond.gte)) return false;
    if (cond.lte !== undefined && !(typeof a === 'number' && a <= cond.lte)) return false;
    return true;
  }
  return cond === a;
}

/** A rule's `when` as a list of [key, condition], made once per rule (the catalogue does not change under a Domain). */
const whenEntries = new WeakMap<When, [string, When[string]][]>();

export function ruleMatches(rule: Rule, ctx: RuleContext): boolean {
  let entries = whenEntries.get(rule.when);
  if (!entries) {
    entries = Object.entries(rule.when);
    whenEntries.set(rule.when, entries);
  }
  for (const [key, cond] of entries) if (!matchOne(ctx[key], cond)) return false;
  return true;
}

/** Every key a rule's `when` may name; the loader refuses others, so a misspelt key cannot silently never match. */
export const CONTEXT_KEYS = [
  'intent',
  'kind',
  'hasGpu',
  'gpuModel',
  'gpuCount',
  'hasModelApi',
  'audience',
  'commerceData',
  'personalData',
  'production',
  'renewal',
  'months',
  'requestBilling',
  'incumbentProvider',
  'hasEgress',
  'hasStorage',
  'subscriptionSide',
  'provider',
  'location',
  'jurisdiction',
  'area',
  'billing',
  'audienceOutside',
  'audienceCity',
  'audienceArea',
  'crossProviderData',
  'requestedProvider',
  'incumbent',
] as const;

/** The variables a rule's text may use, with example values (the loader renders every rule text with them). */
export const RULE_TEXT_VARS = {
  provider: 'Alibaba Cloud',
  region: 'cn-hangzhou',
  location: 'Hangzhou',
  gpu: 'A10',
  gpus: '2x A10',
  months: '3 months',
  workload: 'inference service',
  model: 'qwen-plus',
};
