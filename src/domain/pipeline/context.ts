/**
 * What every stage of the answer pipeline reads: the catalogue and intents prepared once per load (indexes, rule
 * lists, compiled rule texts), the options and the sentences. Plain data, made by `makeContext`; no stage writes it.
 */
import type { ProjectData } from '../../catalog/load.js';
import type { Fact, Jurisdiction, Location, Provider, Rule } from '../../catalog/schema.js';
import type { IntentDef } from '../../intents/schema.js';
import { compileTemplate, createEnv } from '../../render/hbs.js';
import { CatalogIndex, type PlaceInfo } from '../catalog-index.js';
import { fmtNum } from '../estimate.js';
import type { Lang, Request } from '../request.js';
import { modelFor, sideFor } from '../request-values.js';
import { RULE_TEXT_VARS } from '../rules.js';
import { type Say, sayer } from '../say.js';

export interface PipelineOptions {
  /** Prices older than this many days are flagged. */
  staleDays: number;
  /** How many options an answer shows. */
  maxOptions: number;
}

export const DEFAULT_OPTIONS: PipelineOptions = { staleDays: 180, maxOptions: 4 };

export type RuleTextVars = Record<keyof typeof RULE_TEXT_VARS, string | undefined>;
export type RulePart = 'advice' | 'flag' | 'question';

export interface PipelineContext {
  readonly data: ProjectData;
  readonly options: PipelineOptions;
  readonly index: CatalogIndex;
  readonly factById: ReadonlyMap<string, Fact>;
  readonly intentById: ReadonlyMap<string, IntentDef>;
  readonly locationBySlug: ReadonlyMap<string, Location>;
  /** Location slugs (metros, as opposed to areas). */
  readonly metros: ReadonlySet<string>;
  /** Rules checked per candidate, and rules with a vendor question, in catalogue order. */
  readonly candidateRules: readonly Rule[];
  readonly questionRules: readonly Rule[];
  /** Compiled rule texts by `${rule.id}:${part}`, and their Chinese texts by `${rule.id}:${part}:zh`. */
  readonly ruleTexts: ReadonlyMap<string, (vars: RuleTextVars) => string>;
  /** The sentences in a language (templates/<lang>/*.yaml). */
  say(lang: Lang): Say;
}

export function makeContext(data: ProjectData, options: PipelineOptions): PipelineContext {
  const hb = createEnv();
  const compile = (text: string) => plainTemplate(text) ?? compileTemplate(hb, text, { noEscape: true, strict: true });
  const ruleTexts = new Map<string, (vars: RuleTextVars) => string>();
  for (const rule of data.catalog.rules) {
    if (rule.question) ruleTexts.set(`${rule.id}:question`, compile(rule.question.text));
    if (rule.advice) ruleTexts.set(`${rule.id}:advice`, compile(rule.advice.reason));
    if (rule.flag) ruleTexts.set(`${rule.id}:flag`, compile(rule.flag.text));
    // The Chinese texts, when catalogued (question.text_zh, advice.reason_zh, flag.text_zh).
    if (rule.question?.text_zh) ruleTexts.set(`${rule.id}:question:zh`, compile(rule.question.text_zh));
    if (rule.advice?.reason_zh) ruleTexts.set(`${rule.id}:advice:zh`, compile(rule.advice.reason_zh));
    if (rule.flag?.text_zh) ruleTexts.set(`${rule.id}:flag:zh`, compile(rule.flag.text_zh));
  }
  const sayers = new Map<Lang, Say>();
  return {
    data,
    options,
    index: new CatalogIndex(data.catalog),
    factById: new Map(data.catalog.facts.map((f) => [f.id, f])),
    intentById: new Map(data.intents.map((i) => [i.id, i])),
    locationBySlug: new Map(data.catalog.locations.map((l) => [l.slug, l])),
    metros: new Set(data.catalog.locations.map((l) => l.slug)),
    candidateRules: data.catalog.rules.filter((r) => r.level === 'candidate'),
    questionRules: data.catalog.rules.filter((r) => r.question),
    ruleTexts,
    say(lang: Lang): Say {
      let s = sayers.get(lang);
      if (!s) {
        s = sayer(data.messages, lang);
        sayers.set(lang, s);
      }
      return s;
    },
  };
}

/** A provider's name in a language (its first Chinese name for zh, when catalogued). */
export function providerName(p: Provider, lang: Lang): string {
  return lang === 'zh' ? (p.names_zh[0] ?? p.name) : p.name;
}

/** A location's (or area's) name in a language. */
export function placeName(ctx: PipelineContext, slug: string, lang: Lang): string {
  const l = ctx.locationBySlug.get(slug) ?? ctx.data.catalog.areas.find((a) => a.slug === slug);
  if (!l) return slug;
  return lang === 'zh' ? (l.names_zh[0] ?? l.name) : l.name;
}

/**
 * A rule's text for an option in the request's language (the rule's `*_zh` text for Chinese, when catalogued), its
 * `{{provider}}`, `{{region}}`, … filled in. `regions` overrides the option's own region (one question for several).
 */
export function ruleText(
  ctx: PipelineContext,
  rule: Rule,
  part: RulePart,
  req: Request,
  provider: Provider,
  place: PlaceInfo,
  regions?: string,
): string {
  const say = ctx.say(req.lang);
  const wl = req.workload;
  // A comparison's side may name its own GPU and model ("L20 in Hangzhou vs L4 on AWS Singapore").
  const gpu = sideFor(req, provider.id, place.location)?.gpu ?? wl.gpu;
  const model = modelsSaid(req, provider.id, say('parse.side.and'));
  const vars: RuleTextVars = {
    provider: providerName(provider, req.lang),
    region: regions ?? place.regionIds[0] ?? place.locationName,
    location: place.locationName,
    gpu: gpu ? `${gpu.model}` : say('rule.gpu'),
    gpus: gpu ? `${fmtNum(gpu.count)}x ${gpu.model}` : say('rule.the-gpus'),
    months: req.durationMonths
      ? say(req.durationMonths === 1 ? 'unit.month.one' : 'unit.month.other', {
          n: fmtNum(Math.round(req.durationMonths * 10) / 10),
        })
      : say('rule.whole-term'),
    workload: say(`workload.${wl.kind ?? 'any'}`),
    model: model ?? say('rule.model'),
  };
  const zh = req.lang === 'zh' ? ctx.ruleTexts.get(`${rule.id}:${part}:zh`) : undefined;
  if (zh) return zh(zhVars(ctx, vars, req, provider, place)).trim();
  const t = ctx.ruleTexts.get(`${rule.id}:${part}`);
  return t ? t(vars).trim() : '';
}

/** The rule-text values in Chinese (templates/zh/rules.yaml, catalogue names_zh), for a rule's *_zh text. */
function zhVars(
  ctx: PipelineContext,
  vars: RuleTextVars,
  req: Request,
  provider: Provider,
  place: PlaceInfo,
): RuleTextVars {
  const say = ctx.say('zh');
  const wl = req.workload;
  const gpu = sideFor(req, provider.id, place.location)?.gpu ?? wl.gpu;
  const model = modelsSaid(req, provider.id, say('parse.side.and'));
  const n = req.durationMonths;
  return {
    ...vars,
    provider: provider.names_zh[0] ?? provider.name,
    location: ctx.locationBySlug.get(place.location)?.names_zh[0] ?? vars.location,
    gpus: gpu ? say('rule.gpus', { count: gpu.count, model: gpu.model }) : say('rule.the-gpus'),
    months: n
      ? say(n === 1 ? 'rule.months.one' : 'rule.months.many', { count: fmtNum(Math.round(n * 10) / 10) })
      : say('rule.whole-term'),
    workload: say(`rule.workload.${wl.kind ?? 'unknown'}`),
    model: model ?? say('rule.the-model'),
  };
}

/** The model a rule speaks of for a provider: both, when two models are set side by side ("qwen-max and deepseek-r1"). */
function modelsSaid(req: Request, provider: string, and: string): string | null {
  const sides = (req.sides ?? []).flatMap((x) => (x.model ? [x.model] : []));
  return sides.length > 1 ? sides.join(and) : modelFor(req.workload, provider);
}

export function locationName(ctx: PipelineContext, slug: string): string {
  return ctx.locationBySlug.get(slug)?.name ?? ctx.data.catalog.areas.find((a) => a.slug === slug)?.name ?? slug;
}

export function areaOf(ctx: PipelineContext, slug: string): string {
  return ctx.locationBySlug.get(slug)?.area ?? '';
}

/** Where the users are, as a jurisdiction: said, or implied by a mainland commerce platform; null when unknown. */
export function audienceJurisdiction(ctx: PipelineContext, req: Request): Jurisdiction | null {
  const a = req.signals.audience[0];
  if (!a) {
    // Alibaba's commerce platforms (Taobao, Tmall, 1688) serve mainland shoppers.
    const mainlandPlatforms = ['taobao', 'tmall', '1688'];
    return req.signals.commercePlatforms.some((p) => mainlandPlatforms.includes(p)) ? 'mainland' : null;
  }
  if (a === 'mainland-china') return 'mainland';
  const loc = ctx.locationBySlug.get(a);
  return loc ? loc.jurisdiction : 'elsewhere';
}

/**
 * A rule text whose only mustaches are plain variables ("Ask {{provider}} about {{region}}") as a function that
 * fills them in directly: the same text Handlebars would give with noEscape, without a Handlebars call per
 * rule per candidate. Anything else (helpers, blocks, escapes, unknown names) is left to Handlebars: null.
 */
export function plainTemplate(text: string): ((vars: RuleTextVars) => string) | null {
  const parts = text.split(/\{\{([a-z]+)\}\}/);
  const names: (keyof RuleTextVars)[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 1) {
      if (!Object.hasOwn(RULE_TEXT_VARS, part)) return null;
      names.push(part as keyof RuleTextVars);
    } else if (part.includes('{{') || part.includes('}}') || part.includes('\\')) return null;
  }
  if (names.length === 0) return () => text;
  return (vars) => {
    let out = parts[0] as string;
    for (let i = 0; i < names.length; i++)
      out += (vars[names[i] as keyof RuleTextVars] ?? '') + (parts[2 * i + 2] as string);
    return out;
  };
}
