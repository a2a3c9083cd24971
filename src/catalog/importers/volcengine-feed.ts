/**
 * Volcano Engine's price calculator feed: two answers of `https://www.volcengine.com/anonymous-api/trade/price`
 * for the ECS template `CLT7310571628986405164`.
 *
 * 1. `?Action=ListTemplate&Version=2020-01-01&TemplateCode=…` (GET): `{"Result": {"List": [{"Template": "<JSON text>"}]}}`.
 *    The template is nested; the objects read are those with `"Product": "ECS"`, a `ConfigurationCode`
 *    ("ecs.g3i.large", sometimes with ".month"), `AbilityAttrs` ([{"Ability": "vcpu", "Value": "2核"},
 *    {"Ability": "memory", "Value": "8GiB"}, …]) and a `Region`.
 * 2. `?Action=GetTable&Version=2020-01-01` (POST `{"TemplateCode": …}`): nested again; the objects read have
 *    `"Product": "ECS"`, the `ConfigurationCode`, a `ChargeItemCode` ending in `_<region>` and `PriceInfoList`
 *    ([{"Period": "hourly", "Times": 1, "Price": "0.42"}, {"Period": "monthly", "Times": 12, "Price": "1915.55"}]).
 *
 * Read here: hourly → pay-as-you-go; monthly × 1 → 1-month, monthly × 12n → n-year subscription (written per month).
 * These are the calculator's Linux prices, in CNY. Skipped, and counted: other products, periods of other lengths,
 * prices for types the template does not describe, regions not in catalog/providers.yaml, Windows variants, and GPU
 * types whose GPU model neither the feed nor the catalogue names.
 */
import type { Price } from '../schema.js';
import {
  type FeedBilling,
  FeedFormatError,
  type FeedInstanceType,
  type FeedOptions,
  type FeedResult,
  feedRow,
  feedWhat,
  type GpuSpec,
  gpuModelIn,
  isObject,
  leadingNumber,
  parseJson,
  priceValue,
  SkipLog,
  sortRows,
} from './feed-common.js';

export interface VolcengineFeedOptions extends FeedOptions {
  /** The GetTable answer. Without it, the text must hold both: {"ListTemplate": …, "GetTable": …}. */
  table?: string;
}

/** Families sold with GPUs (ecs.gni2, ecs.ini2, ecs.pni2…): never read as plain compute when the GPU is not named. */
const GPU_FAMILY = /^(gn|gni|ini|pni|hpcpni|hpcgni|g1v|gpu)/i;

function walk(v: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (isObject(v)) {
    visit(v);
    for (const x of Object.values(v)) walk(x, visit);
  }
}

const typeOf = (code: string) => code.replace(/\.month$/, '');

interface Spec {
  type: string;
  vcpu: number;
  memoryGiB: number;
  gpu?: GpuSpec;
  gpuUnknown: boolean;
  regions: Set<string>;
}

export function readVolcengineFeed(text: string, opts: VolcengineFeedOptions): FeedResult {
  let templateAnswer: unknown;
  let tableAnswer: unknown;
  if (opts.table === undefined) {
    const both = parseJson(text, 'volc-pair');
    if (!isObject(both) || !('ListTemplate' in both) || !('GetTable' in both))
      throw new FeedFormatError('import.feed.volc.pair');
    templateAnswer = both.ListTemplate;
    tableAnswer = both.GetTable;
  } else {
    templateAnswer = parseJson(text, 'volc-template');
    tableAnswer = parseJson(opts.table, 'volc-table');
  }
  const list = isObject(templateAnswer) && isObject(templateAnswer.Result) ? templateAnswer.Result.List : undefined;
  if (!Array.isArray(list) || !list.length) throw new FeedFormatError('import.feed.volc.no-list');
  const skipped = new SkipLog();
  const specs = new Map<string, Spec>();
  for (const [i, entry] of list.entries()) {
    const tpl = isObject(entry) ? entry.Template : undefined;
    let parsed: unknown = tpl;
    if (typeof tpl === 'string') {
      try {
        parsed = JSON.parse(tpl);
      } catch {
        throw new FeedFormatError('import.feed.volc.template-json', { at: `Result.List[${i}].Template` });
      }
    }
    if (!isObject(parsed) && !Array.isArray(parsed))
      throw new FeedFormatError('import.feed.volc.template', { at: `Result.List[${i}].Template` });
    walk(parsed, (o) => {
      if (o.Product !== 'ECS' || typeof o.ConfigurationCode !== 'string' || !Array.isArray(o.AbilityAttrs)) return;
      const type = typeOf(o.ConfigurationCode);
      if (!/^ecs\.[^.]+\.[^.]+/.test(type)) return;
      const region = typeof o.Region === 'string' ? o.Region : '';
      if (/windows/i.test(type)) return skipped.add('Windows variants', `${type} ${region}`);
      const ability = (name: RegExp) =>
        (o.AbilityAttrs as unknown[]).find((a) => isObject(a) && typeof a.Ability === 'string' && name.test(a.Ability));
      const value = (name: RegExp) => {
        const a = ability(name);
        return isObject(a) ? a.Value : undefined;
      };
      const vcpu = leadingNumber(value(/^vcpu$/i));
      const mem = leadingNumber(value(/^memory$/i));
      if (vcpu === undefined || mem === undefined)
        throw new FeedFormatError('import.feed.volc.vcpu-mem', {
          type,
          cpu: JSON.stringify(value(/^vcpu$/i)) ?? 'undefined',
          mem: JSON.stringify(value(/^memory$/i)) ?? 'undefined',
        });
      let spec = specs.get(type);
      if (!spec) {
        const gpuWords = value(/gpu/i);
        let gpu: GpuSpec | undefined;
        if (typeof gpuWords === 'string' && gpuWords.trim() && gpuWords.trim() !== '0') {
          const model = gpuModelIn(gpuWords, opts.gpuModels);
          const count = /^\s*(\d+)\s*[*x×]|[*x×]\s*(\d+)\s*$/i.exec(gpuWords);
          if (model) gpu = { model, count: Number(count?.[1] ?? count?.[2] ?? 1) };
        }
        gpu ??= opts.gpuOf?.(type);
        const family = type.split('.')[1] as string;
        spec = {
          type,
          vcpu,
          memoryGiB: mem,
          ...(gpu ? { gpu } : {}),
          gpuUnknown:
            !gpu &&
            (GPU_FAMILY.test(family) || (typeof gpuWords === 'string' && !!gpuWords.trim() && gpuWords.trim() !== '0')),
          regions: new Set(),
        };
        specs.set(type, spec);
      }
      if (region) spec.regions.add(region);
    });
  }
  if (!specs.size) throw new FeedFormatError('import.feed.volc.no-ecs');

  const result = isObject(tableAnswer) ? tableAnswer.Result : undefined;
  if (!isObject(result) && !Array.isArray(result))
    throw new FeedFormatError('import.feed.lacks', { what: feedWhat('volc-table'), field: 'Result' });
  const rows: Price[] = [];
  const ids = new Set<string>();
  let priceObjects = 0;
  const known = new Set(opts.locations.keys());
  walk(result, (o) => {
    if (!Array.isArray(o.PriceInfoList) || typeof o.ChargeItemCode !== 'string') return;
    priceObjects++;
    const code = typeof o.ConfigurationCode === 'string' ? typeOf(o.ConfigurationCode) : '';
    const example = `${code || '?'} ${o.ChargeItemCode}`;
    if (o.Product !== 'ECS') return skipped.add(`prices of other products (${String(o.Product ?? 'none')})`, example);
    if (/windows/i.test(`${code} ${o.ChargeItemCode}`)) return skipped.add('Windows variants', example);
    const spec = specs.get(code);
    if (!spec) return skipped.add('prices of types the template does not describe', example);
    // The region ends the charge item code ("ecs.g3i_large_cn-beijing"); a price object may also name it.
    const region =
      [...spec.regions, ...known]
        .sort((a, b) => b.length - a.length)
        .find((r) => (o.ChargeItemCode as string).endsWith(`_${r}`)) ??
      (typeof o.Region === 'string' && o.Region ? o.Region : undefined);
    if (!region || !opts.locations.has(region)) return skipped.add('in regions not in catalog/providers.yaml', example);
    if (spec.gpuUnknown) return skipped.add('GPU types whose GPU model is not named', example);
    let priced = 0;
    for (const [j, p] of (o.PriceInfoList as unknown[]).entries()) {
      const where = { key: 'import.feed.volc.where', vars: { type: code, region, j } };
      if (!isObject(p)) throw new FeedFormatError('import.feed.not-an-object', { at: where });
      const times = Number(p.Times ?? 1);
      let billing: FeedBilling | undefined;
      const period = String(p.Period ?? '').toLowerCase();
      if (period === 'hourly') billing = { mode: 'payg' };
      else if (period === 'monthly' && times === 1) billing = { mode: 'subscription', months: 1 };
      else if (period === 'monthly' && Number.isInteger(times) && times >= 12 && times % 12 === 0)
        billing = { mode: 'subscription', months: times };
      else if (period === 'yearly' && Number.isInteger(times) && times >= 1)
        billing = { mode: 'subscription', months: 12 * times };
      if (!billing) {
        skipped.add('periods of other lengths', `${example} ${String(p.Period)}×${String(p.Times)}`);
        continue;
      }
      const amount = priceValue(p.Price, { key: 'import.feed.field-of', vars: { at: where, field: 'Price' } });
      if (amount === undefined) continue;
      const row = feedRow(
        {
          provider: 'volcengine',
          service: 'ECS',
          instanceType: code,
          region,
          location: opts.locations.get(region) as string,
          billing,
          amount,
          currency: opts.currency ?? 'CNY',
          vcpu: spec.vcpu,
          memoryGiB: spec.memoryGiB,
          gpu: spec.gpu,
          quote: `GetTable ${o.ChargeItemCode} ${String(p.Period)} × ${times}: ${String(p.Price)}`,
        },
        opts,
      );
      if (ids.has(row.id)) {
        skipped.add('repeated prices (the first is read)', example);
        continue;
      }
      ids.add(row.id);
      priced++;
      rows.push(row);
    }
    if (!priced) skipped.add('without a price', example);
  });
  if (!priceObjects) throw new FeedFormatError('import.feed.volc.no-prices');
  const instanceTypes: FeedInstanceType[] = [...specs.values()]
    .filter((s) => !s.gpuUnknown)
    .map((s) => ({
      provider: 'volcengine' as const,
      type: s.type,
      family: `ecs.${s.type.split('.')[1] as string}`,
      vcpu: s.vcpu,
      memoryGiB: s.memoryGiB,
      gpu: s.gpu ?? null,
      arch: null,
    }));
  return {
    prices: sortRows(rows),
    instanceTypes,
    skipped: skipped.list(),
    regions: [...new Set(rows.map((r) => r.region as string))].sort(),
  };
}
