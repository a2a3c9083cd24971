/**
 * Gaps that point somewhere: when a named GPU or model is not priced at the place asked, what the catalogue does
 * price for that provider — the regions where the GPU is priced (with one reference price and its date), or the
 * models the provider prices (a "did you mean" when the name is the family of exactly one). Never a substitute:
 * the asked thing stays unpriced, the sentence only tells the asker what to ask again or ask the vendor for.
 */
import type { Price, Provider } from '../catalog/schema.js';
import { normModel, type PriceIndex } from './catalog-index.js';
import { fmtFor } from './format.js';
import type { Say } from './say.js';

/** At most this many names in a list: a gap sentence, not a catalogue dump. */
export const MAX_NAMES = 5;

/**
 * The city a region id stands for, in the answer's language: "Tokyo" from "Asia Pacific (Tokyo)" in English; the
 * catalogued Chinese name of the region's location (东京) in Chinese. '' when the catalogue has no name.
 */
function cityOf(index: PriceIndex, provider: Provider, region: string, say: Say): string {
  const r = provider.regions.find((x) => x.id === region);
  if (!r) return '';
  if (say.lang === 'zh') return index.catalog.locations.find((l) => l.slug === r.location)?.names_zh[0] ?? '';
  if (!r.name) return '';
  return /\(([^)]+)\)\s*$/.exec(r.name)?.[1] ?? r.name;
}

function regionWords(index: PriceIndex, provider: Provider, region: string, say: Say): string {
  const city = cityOf(index, provider, region, say);
  if (!city || city === region) return region;
  return say.lang === 'zh' ? `${region}（${city}）` : `${region} (${city})`;
}

/** Up to MAX_NAMES regions, in the order given, with their cities and how many more there are. */
export function regionList(index: PriceIndex, provider: Provider, regions: readonly string[], say: Say): string {
  const shown = regions.slice(0, MAX_NAMES).map((r) => regionWords(index, provider, r, say));
  return (
    shown.join(say('estimate.list.sep')) +
    (regions.length > MAX_NAMES ? say('elsewhere.more', { count: regions.length - MAX_NAMES }) : '')
  );
}

function regionOf(provider: Provider, p: Price): string | undefined {
  if (p.region) return p.region;
  const loc = p.scope.locations?.[0];
  return loc ? (provider.regions.find((r) => r.location === loc && !r.restricted)?.id ?? loc) : undefined;
}

/**
 * Where the provider prices a GPU model (pay-as-you-go, per instance-hour), as a sentence to add to the gap: up to
 * five regions, cheapest first, and the cheapest type with the asked count (or the nearest count) as a reference
 * price with its date. '' when the provider prices the model nowhere.
 */
export function gpuElsewhere(
  index: PriceIndex,
  provider: Provider,
  model: string,
  count: number,
  here: (p: Price) => boolean,
  say: Say,
): string {
  const models = new Set([model, ...index.variantsOf(model)]);
  const rows: Price[] = [];
  for (const kind of ['gpu-instance', 'compute'] as const)
    for (const p of index.pricesAnywhere(provider.id, kind))
      if (p.gpu && models.has(p.gpu.model) && p.billing === 'payg' && p.unit === 'instance-hour' && !here(p))
        rows.push(p);
  if (rows.length === 0) return '';
  // Prices compared within one currency only: the provider's usual one (the first row's).
  const currency = rows[0]?.currency;
  const inCurrency = rows.filter((r) => r.currency === currency && regionOf(provider, r));
  // A list price is the better reference: one account's transaction price only when there is no list price.
  const listed = inCurrency.filter((r) => r.price_basis !== 'account');
  const pool = listed.length ? listed : inCurrency;
  if (pool.length === 0) return '';
  // The reference: the asked GPU count if some type has it, else the nearest count above, else the largest.
  const counts = [...new Set(pool.map((r) => r.gpu?.count ?? 0))].sort((a, b) => a - b);
  const want = counts.includes(count) ? count : (counts.find((c) => c > count) ?? counts[counts.length - 1]);
  const sameCount = pool.filter((r) => r.gpu?.count === want);
  const ref = sameCount.reduce((a, b) => (b.price < a.price ? b : a));
  // Regions cheapest first (by their cheapest type of that count, then any type).
  const best = new Map<string, number>();
  for (const r of [...sameCount, ...pool]) {
    const region = regionOf(provider, r) as string;
    if (!best.has(region)) best.set(region, r.price);
    else if (sameCount.includes(r)) best.set(region, Math.min(best.get(region) as number, r.price));
  }
  const regions = [...best.entries()].sort((a, b) => a[1] - b[1]).map(([r]) => r);
  const where = regionList(index, provider, regions, say);
  const g = ref.gpu as { model: string; count: number };
  return say('elsewhere.gpu', {
    model,
    provider: (say.lang === 'zh' && provider.names_zh[0]) || provider.name,
    where,
    type: ref.sku ?? ref.service,
    count: g.count,
    refModel: g.model,
    price: fmtFor(say.lang).unitPrice(ref.price, ref.currency),
    region: regionWords(index, provider, regionOf(provider, ref) as string, say),
    asOf: ref.as_of,
    account: ref.price_basis === 'account' ? say('elsewhere.account') : '',
  });
}

/**
 * Where the provider prices internet egress per GB when it has no price at the place asked ("the catalogue prices
 * Alibaba Cloud egress in cn-shanghai (Shanghai): USD 0.123 per GB, Internet Shared Bandwidth, as of …"): a reference
 * only, never the asked place's price. '' when the provider prices egress nowhere.
 */
export function egressElsewhere(index: PriceIndex, provider: Provider, here: (p: Price) => boolean, say: Say): string {
  const rows = index
    .pricesAnywhere(provider.id, 'egress')
    .filter((p) => p.billing === 'payg' && p.unit === 'gb' && !p.tier && !here(p) && regionOf(provider, p));
  if (rows.length === 0) return '';
  const ref = rows.reduce((a, b) => (b.price < a.price ? b : a));
  const regions = [...new Set(rows.map((r) => regionOf(provider, r) as string))];
  return say(regions.length === 1 ? 'elsewhere.egress.one' : 'elsewhere.egress.many', {
    provider: (say.lang === 'zh' && provider.names_zh[0]) || provider.name,
    where: regionList(index, provider, regions, say),
    price: fmtFor(say.lang).unitPrice(ref.price, ref.currency),
    service: ref.service,
    region: regionWords(index, provider, regionOf(provider, ref) as string, say),
    asOf: ref.as_of,
  });
}

/** Words of a model name: "doubao-seed-2.0-pro" → doubao, seed, 2.0, pro. */
function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[\s_/-]+/)
    .filter(Boolean);
}

/**
 * The priced models an asked name could mean: every word of the name is a word of the model ("doubao-pro" →
 * doubao-seed-2.0-pro, doubao-1.5-pro-32k), or the name is the start of the model's ("deepseek" → deepseek-v4-pro).
 */
export function familyMatches(asked: string, priced: readonly string[]): string[] {
  const a = words(asked);
  const n = normModel(asked);
  if (!n) return [];
  // Names that start with the one asked ("qwen" → qwen-plus) before names that only contain it
  // (deepseek-r1-distill-qwen-14b).
  const starts = priced.filter((m) => normModel(m).startsWith(n));
  const contains = priced.filter((m) => !starts.includes(m) && a.length > 0 && a.every((x) => words(m).includes(x)));
  return [...starts, ...contains];
}

/** The model names a provider prices (pay-as-you-go tokens), in catalogue order, once each. */
export function pricedModels(rows: readonly Price[]): string[] {
  const out: string[] = [];
  for (const p of rows)
    if (p.kind === 'model-tokens' && p.billing === 'payg' && p.model && !out.includes(p.model)) out.push(p.model);
  return out;
}

/** Up to five names, the closest first, with "and N more". */
export function nameList(names: readonly string[], say: Say, first: readonly string[] = []): string {
  const ordered = [...first, ...names.filter((n) => !first.includes(n))];
  const shown = ordered.slice(0, MAX_NAMES);
  return (
    shown.join(say('estimate.list.sep')) +
    (ordered.length > MAX_NAMES ? say('elsewhere.more', { count: ordered.length - MAX_NAMES }) : '')
  );
}

/**
 * What to add to a model's token gap: where else the provider prices that exact model (with a reference input price
 * and its date); else "did you mean X" when the name is the family of exactly one model priced here; else the models
 * priced here, to ask again with. '' when the provider prices no model at all.
 */
export function modelElsewhere(
  index: PriceIndex,
  provider: Provider,
  model: string,
  hereRows: readonly Price[],
  here: (p: Price) => boolean,
  say: Say,
): string {
  const name = (say.lang === 'zh' && provider.names_zh[0]) || provider.name;
  const elsewhere = index.pricesForModel(provider.id, model).filter((p) => p.billing === 'payg' && !here(p));
  if (elsewhere.length) {
    const regions = [...new Set(elsewhere.map((p) => placeWord(provider, p, say)))];
    const input = elsewhere.filter((p) => p.direction === 'input');
    const ref = (input.length ? input : elsewhere).reduce((a, b) => (b.price < a.price ? b : a));
    return say('elsewhere.model.regions', {
      model,
      provider: name,
      where: nameList(regions, say),
      direction: say(`lines.tokens.${ref.direction ?? 'input'}`),
      price: fmtFor(say.lang).unitPrice(ref.price, ref.currency),
      region: placeWord(provider, ref, say),
      asOf: ref.as_of,
    });
  }
  const pricedHere = pricedModels(hereRows);
  // None priced here: the provider's models priced anywhere, and where (an ask again must name that place too).
  const anywhere = pricedHere.length ? [] : index.pricesAnywhere(provider.id, 'model-tokens');
  const priced = pricedHere.length ? pricedHere : pricedModels(anywhere);
  if (priced.length === 0) return '';
  const family = familyMatches(model, priced);
  const where = anywhere.length ? placesOf(provider, anywhere, say) : '';
  if (family.length === 1)
    return say(where ? 'elsewhere.model.did-you-mean-there' : 'elsewhere.model.did-you-mean', {
      model,
      match: family[0] as string,
      provider: name,
      where,
    });
  return say(where ? 'elsewhere.model.list-there' : 'elsewhere.model.list', {
    provider: name,
    list: nameList(priced, say, family),
    where,
  });
}

function placeWord(provider: Provider, p: Price, say: Say): string {
  return (
    regionOf(provider, p) ??
    (p.scope.jurisdiction === 'mainland' ? say('estimate.where.mainland') : say('estimate.where.outside'))
  );
}

/** Where rows are priced: region ids, or "outside the mainland" / "the mainland" for rows scoped so. */
function placesOf(provider: Provider, rows: readonly Price[], say: Say): string {
  const out: string[] = [];
  for (const p of rows) {
    const w = placeWord(provider, p, say);
    if (!out.includes(w)) out.push(w);
  }
  return nameList(out, say);
}
