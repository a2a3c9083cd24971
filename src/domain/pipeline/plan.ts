/**
 * Stage 1, plan: the candidate placements for a request — providers × places, each place a location where the
 * provider has an open region. Named places are kept as asked; with none named, each provider's default regions.
 */

import type { BillingMode, Jurisdiction, Provider } from '../../catalog/schema.js';
import type { PlaceInfo } from '../catalog-index.js';
import type { Request } from '../request.js';
import { hasSize, modelFor } from '../request-values.js';
import { type PipelineContext, placeName, providerName } from './context.js';

export interface Candidate {
  provider: Provider;
  place: PlaceInfo;
  /** A comparison of models or billing modes: the one this candidate is priced for (absent: the request's). */
  model?: string;
  billing?: BillingMode;
}

export interface Plan {
  candidates: Candidate[];
  notes: string[];
  assumptions: string[];
}

export function plan(ctx: PipelineContext, req: Request): Plan {
  if (req.sides?.length) return planSides(ctx, req);
  const notes: string[] = [];
  const assumptions: string[] = [];
  const say = ctx.say(req.lang);
  const { catalog } = ctx.data;
  const providers = (req.providers.length ? req.providers : catalog.providers.map((p) => p.id))
    .map((id) => ctx.index.providers.get(id))
    .filter((p): p is Provider => Boolean(p));
  const named = req.locations.length > 0;
  const out: Candidate[] = [];
  // When a model API is asked for without a place, plan where that model is priced.
  const modelOnly = req.workload.model && !named && !req.workload.gpu && !req.workload.vcpu;
  // A named instance type without a place: plan where that type is priced, the provider's main regions first.
  const typeOnly = Boolean(req.workload.instanceType) && !named && !modelOnly && req.intent !== 'questions';
  let typeRegionsUsed = false;
  const audienceCities = req.signals.audience.filter((slug) => ctx.metros.has(slug));
  for (const provider of providers) {
    let wanted: string[] = [];
    if (named) {
      for (const slug of req.locations) {
        if (ctx.metros.has(slug)) wanted.push(slug);
        else {
          // An area: the provider's regions in it, one per location.
          const inArea = provider.regions
            .map((r) => ctx.locationBySlug.get(r.location))
            .filter((l) => l && l.area === slug)
            .map((l) => l?.slug as string);
          const first = [...new Set(inArea)].slice(0, slug === 'mainland-china' ? 1 : 2);
          wanted.push(...first);
        }
      }
    } else if (modelOnly) {
      wanted = [
        ...new Set(
          ctx.index
            .pricesForModel(provider.id, modelFor(req.workload, provider.id) as string)
            .flatMap((p) =>
              p.scope.locations
                ? p.scope.locations
                : firstIn(ctx, provider, p.scope.jurisdiction === 'mainland' ? 'mainland' : 'elsewhere'),
            ),
        ),
      ];
      // A named provider without a catalogued price for the model still gets an option: its gap says what to ask.
      if (wanted.length === 0 && req.providers.includes(provider.id as never))
        wanted = firstIn(ctx, provider, 'mainland');
    } else {
      const priced = typeOnly ? typeRegions(ctx, provider, req.workload.instanceType as string) : [];
      if (priced.length) typeRegionsUsed = true;
      const regions = provider.default_regions.flatMap((id) => provider.regions.filter((r) => r.id === id));
      // Where the users are ("players in Japan and Korea"), when the provider has a region there, before its main ones.
      wanted = priced.length ? priced : [...audienceCities, ...regions.map((r) => r.location)];
      // Vendor questions about one provider need one place, not three.
      if (req.intent === 'questions') wanted = wanted.slice(0, 1);
    }
    const before = out.length;
    const missed: string[] = [];
    for (const slug of [...new Set(wanted)]) {
      const regions = provider.regions.filter((r) => r.location === slug && !r.restricted);
      const loc = ctx.locationBySlug.get(slug);
      if (!loc) continue;
      if (regions.length === 0) {
        if (named && req.providers.includes(provider.id as never)) {
          missed.push(slug);
          continue;
        }
        if (named && (req.providers.length > 0 || providers.length <= 2))
          notes.push(
            say('plan.no-region', {
              provider: providerName(provider, req.lang),
              place: placeName(ctx, slug, req.lang),
            }),
          );
        continue;
      }
      out.push({
        provider,
        place: {
          location: slug,
          locationName: loc.name,
          jurisdiction: loc.jurisdiction,
          area: loc.area,
          regionIds: regions.map((r) => r.id),
        },
      });
    }
    // A provider the asker named with no region at the place named ("off Alibaba to UCloud" for a Hangzhou stack):
    // its main region in the same jurisdiction stands in, said in a note, rather than dropping the provider.
    for (const slug of missed) {
      const loc = ctx.locationBySlug.get(slug);
      const insteadSlug = out.length === before && loc ? firstIn(ctx, provider, loc.jurisdiction)[0] : undefined;
      const instead = insteadSlug ? ctx.locationBySlug.get(insteadSlug) : undefined;
      const regions = instead ? provider.regions.filter((r) => r.location === instead.slug && !r.restricted) : [];
      if (!instead || !regions.length) {
        notes.push(
          say('plan.no-region', { provider: providerName(provider, req.lang), place: placeName(ctx, slug, req.lang) }),
        );
        continue;
      }
      notes.push(
        say('plan.no-region-instead', {
          provider: providerName(provider, req.lang),
          place: placeName(ctx, slug, req.lang),
          instead: placeName(ctx, instead.slug, req.lang),
        }),
      );
      out.push({
        provider,
        place: {
          location: instead.slug,
          locationName: instead.name,
          jurisdiction: instead.jurisdiction,
          area: instead.area,
          regionIds: regions.map((r) => r.id),
        },
      });
    }
  }
  if (typeRegionsUsed) assumptions.push(say('plan.type-regions', { type: req.workload.instanceType as string }));
  else if (!named && !modelOnly && req.intent !== 'questions')
    assumptions.push(
      audienceCities.length
        ? say('plan.audience-regions', {
            places: audienceCities.map((slug) => placeName(ctx, slug, req.lang)).join(say('list.sep')),
          })
        : say('plan.default-regions'),
    );
  if (out.length === 0 && modelOnly) notes.push(say('plan.no-model-price', { model: req.workload.model ?? '' }));
  else if (out.length === 0) notes.push(say('plan.no-place'));
  // A placement asked without the workload ("best region for players in Manila and Jakarta") is read as a service its
  // users reach: say so, and how to get a closer answer.
  const wl = req.workload;
  if (req.intent === 'place' && !wl.kind && !wl.gpu && !wl.model && !hasSize(wl)) assumptions.push(say('plan.no-kind'));
  return { candidates: out, notes, assumptions };
}

function firstIn(ctx: PipelineContext, provider: Provider, jurisdiction: Jurisdiction): string[] {
  const defaults = provider.default_regions.flatMap((id) => provider.regions.filter((r) => r.id === id));
  for (const r of [...defaults, ...provider.regions]) {
    if (r.restricted) continue;
    const loc = ctx.locationBySlug.get(r.location);
    if (loc && loc.jurisdiction === jurisdiction) return [loc.slug];
  }
  return [];
}

/** The request as one side of a comparison of models prices it: that model everywhere. */
export function withModel(req: Request, model: string | undefined): Request {
  if (!model) return req;
  return { ...req, workload: { ...req.workload, model, models: [model], modelByProvider: null } };
}

/**
 * A comparison with sides: each side's own provider (any when it names none) at its own place, then both together.
 * Sides that set models or billing modes side by side keep the request's providers and places, and each candidate
 * carries its side's model or mode.
 */
function planSides(ctx: PipelineContext, req: Request): Plan {
  const out: Plan = { candidates: [], notes: [], assumptions: [] };
  const key = (c: Candidate) => `${c.provider.id}|${c.place.location}|${c.model ?? ''}|${c.billing ?? ''}`;
  for (const side of req.sides ?? []) {
    const own = Boolean(side.model || side.billing);
    const one = plan(ctx, {
      ...withModel(req, side.model ?? undefined),
      sides: null,
      providers: side.provider ? [side.provider] : own ? req.providers : [],
      locations: side.location ? [side.location] : req.locations,
    });
    for (const c of one.candidates) {
      if (side.model) c.model = side.model;
      if (side.billing) c.billing = side.billing;
      if (!out.candidates.some((x) => key(x) === key(c))) out.candidates.push(c);
    }
    for (const n of one.notes) if (!out.notes.includes(n)) out.notes.push(n);
    for (const a of one.assumptions) if (!out.assumptions.includes(a)) out.assumptions.push(a);
  }
  return out;
}

/** Where the provider prices this instance type: its main regions first, then the rest nearest first, at most three; none when it is priced nowhere. */
function typeRegions(ctx: PipelineContext, provider: Provider, type: string): string[] {
  const pricedAt = new Set(ctx.index.skuRows(provider.id, type).flatMap((p) => p.scope.locations ?? []));
  if (pricedAt.size === 0) return [];
  const defaults = provider.default_regions
    .flatMap((id) => provider.regions.filter((r) => r.id === id))
    .map((r) => r.location);
  const nearness = (slug: string) => AREA_ORDER.indexOf(ctx.locationBySlug.get(slug)?.area ?? '') >>> 0;
  const others = [...pricedAt].filter((l) => !defaults.includes(l)).sort((a, b) => nearness(a) - nearness(b));
  return [...defaults.filter((l) => pricedAt.has(l)), ...others].slice(0, 3);
}

/** Areas nearest the China and Asia-Pacific buyers this bot serves come first. */
const AREA_ORDER = ['mainland-china', 'asia-pacific', 'middle-east', 'europe', 'north-america'];
