/**
 * Tencent Cloud's CVM purchase-page configuration feed, one region's answer to
 * `https://workbench.cloud.tencent.com/cgi/api?i=cvm/DescribeZoneInstanceConfigInfos&uin=&region=<region>`:
 *
 *   {"code": 0, "data": {"Response": {"InstanceTypeQuotaSet": [
 *     {"Zone": "ap-guangzhou-3", "InstanceType": "S5.LARGE8", "InstanceFamily": "S5", "InstanceChargeType": "POSTPAID_BY_HOUR",
 *      "Status": "SELL", "Cpu": 4, "Memory": 8, "Gpu": 0, "GpuCount": 0, "TypeName": "标准型S5",
 *      "Price": {"UnitPrice": 0.76, "UnitPriceDiscount": 0.76, "ChargeUnit": "HOUR", …}}, …]}}}
 *
 * One item per zone, instance type and charge type. Read here: POSTPAID_BY_HOUR → pay-as-you-go per hour
 * (`Price.UnitPrice`, the list price); PREPAID → 1-month (`Price.OriginalPrice`), 1-, 3- and 5-year subscriptions
 * (`OriginalPriceOneYear`, `…ThreeYears`, `…FiveYears`); SPOTPAID → spot per hour (`Price.UnitPriceDiscount`).
 * `Status` (SELL / SOLD_OUT) is kept per zone on the row (`zones`). Zones of a region priced differently: the lowest
 * price of a zone on sale. Skipped, and counted: other charge types, items without a price, regions not in
 * catalog/providers.yaml, fractional (vGPU) types and GPU types whose model neither the feed nor the catalogue names.
 * The feed answers for Linux images (the purchase page asks with Platform LINUX); prices are CNY on the China site.
 */

import type { ZoneStatus } from '../schema.js';
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
  parseJson,
  priceValue,
  SkipLog,
  sortRows,
} from './feed-common.js';
import type { NoteLine } from './notes.js';

/** What the answer is: templates/<lang>/import.yaml, import.what.tencent-quota. */
const WHAT = 'tencent-quota';

/** The region of a zone: "ap-guangzhou-3" → "ap-guangzhou", "ap-shanghai-fsi-1" → "ap-shanghai-fsi". */
export function tencentRegionOfZone(zone: string): string {
  return zone.replace(/-\d+$/, '');
}

/** The list of items, from the wrapped answer ({code, data: {Response}}) or the API's own ({Response}). */
function quotaSet(raw: unknown): unknown[] {
  if (!isObject(raw)) throw new FeedFormatError('import.feed.not-object', { what: feedWhat(WHAT) });
  if (typeof raw.code === 'number' && raw.code !== 0)
    throw new FeedFormatError(typeof raw.msg === 'string' ? 'import.feed.code-msg' : 'import.feed.code', {
      code: raw.code,
      msg: String(raw.msg),
    });
  const response = isObject(raw.data) ? raw.data.Response : raw.Response;
  if (!isObject(response))
    throw new FeedFormatError('import.feed.lacks', { what: feedWhat(WHAT), field: 'data.Response' });
  if (isObject(response.Error))
    throw new FeedFormatError(response.Error.Message ? 'import.feed.error-msg' : 'import.feed.error', {
      code: String(response.Error.Code ?? '?'),
      msg: String(response.Error.Message ?? ''),
    });
  const set = response.InstanceTypeQuotaSet;
  if (!Array.isArray(set))
    throw new FeedFormatError('import.feed.no-list', {
      what: feedWhat(WHAT),
      field: 'data.Response.InstanceTypeQuotaSet',
    });
  return set;
}

interface Offer {
  zone: string;
  status: ZoneStatus['status'] | undefined;
  amount: number | undefined;
  field: string;
  chargeType: string;
}

const PREPAID_TERMS: { months: number; fields: string[] }[] = [
  { months: 1, fields: ['OriginalPrice'] },
  { months: 12, fields: ['OriginalPriceOneYear'] },
  { months: 36, fields: ['OriginalPriceThreeYears', 'OriginalPriceThreeYear'] },
  { months: 60, fields: ['OriginalPriceFiveYears', 'OriginalPriceFiveYear'] },
];

export function readTencentFeed(text: string, opts: FeedOptions): FeedResult {
  const items = quotaSet(parseJson(text, WHAT));
  const skipped = new SkipLog();
  const types = new Map<string, FeedInstanceType>();
  /** (type, region, billing) → the zones' offers. */
  const offers = new Map<string, { type: string; region: string; billing: FeedBilling; list: Offer[] }>();
  const add = (type: string, region: string, billing: FeedBilling, offer: Offer) => {
    const key = `${type}|${region}|${billing.mode}|${billing.mode === 'subscription' ? billing.months : ''}`;
    let o = offers.get(key);
    if (!o) {
      o = { type, region, billing, list: [] };
      offers.set(key, o);
    }
    o.list.push(offer);
  };

  for (const [i, item] of items.entries()) {
    if (!isObject(item)) throw new FeedFormatError('import.feed.not-an-object', { at: `InstanceTypeQuotaSet[${i}]` });
    const type = item.InstanceType;
    const at = `InstanceTypeQuotaSet[${i}]${typeof type === 'string' ? ` (${type})` : ''}`;
    if (typeof type !== 'string' || !type.trim())
      throw new FeedFormatError('import.feed.has-no', { at, field: 'InstanceType' });
    const zone = item.Zone;
    if (typeof zone !== 'string' && opts.region === undefined)
      throw new FeedFormatError('import.feed.has-no', { at, field: 'Zone' });
    const region = typeof zone === 'string' ? tencentRegionOfZone(zone) : (opts.region as string);
    const zoneName = typeof zone === 'string' ? zone : region;
    // Numbers, or numbers written as text ("8"): anything else is a row that does not parse.
    const cpu = typeof item.Cpu === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(item.Cpu) ? Number(item.Cpu) : item.Cpu;
    const mem =
      typeof item.Memory === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(item.Memory) ? Number(item.Memory) : item.Memory;
    if (typeof cpu !== 'number' || typeof mem !== 'number' || !Number.isFinite(cpu) || !Number.isFinite(mem))
      throw new FeedFormatError('import.feed.tencent.cpu-mem', {
        at,
        cpu: JSON.stringify(cpu) ?? 'undefined',
        mem: JSON.stringify(mem) ?? 'undefined',
      });
    if (!isObject(item.Price) && item.Price !== undefined && item.Price !== null)
      throw new FeedFormatError('import.feed.field-not-object', { at, field: 'Price' });
    const price = (isObject(item.Price) ? item.Price : {}) as Record<string, unknown>;
    const chargeType = String(item.InstanceChargeType ?? '').toUpperCase();
    const example = `${type} ${zoneName} ${chargeType}`;

    const location = opts.locations.get(region);
    if (!location) {
      skipped.add(`in regions not in catalog/providers.yaml`, example);
      continue;
    }
    if (cpu <= 0 || mem <= 0) {
      skipped.add('without vCPU or memory', example);
      continue;
    }

    // GPUs: the count is in the feed; the model comes from the feed's words or the catalogue.
    const gpuCount = Number(item.GpuCount) > 0 ? Number(item.GpuCount) : Number(item.Gpu) || 0;
    let gpu: GpuSpec | undefined;
    if (gpuCount > 0) {
      if (!Number.isInteger(gpuCount)) {
        skipped.add('fractional-GPU (vGPU) types', example);
        continue;
      }
      const words = [item.TypeName, item.Remark, item.GpuDesc].filter((w) => typeof w === 'string').join(' ');
      const model = gpuModelIn(words, opts.gpuModels) ?? opts.gpuOf?.(type)?.model;
      if (!model) {
        skipped.add('GPU types whose GPU model is not named', example);
        continue;
      }
      gpu = { model, count: gpuCount };
    }
    if (!types.has(type))
      types.set(type, {
        provider: 'tencent',
        type,
        family:
          typeof item.InstanceFamily === 'string' && item.InstanceFamily
            ? item.InstanceFamily
            : (type.split('.')[0] as string),
        vcpu: cpu,
        memoryGiB: mem,
        gpu: gpu ?? null,
        arch: /arm|ampere|kunpeng|yitian/i.test(`${item.Architecture ?? ''} ${item.CpuType ?? ''}`)
          ? 'arm64'
          : /x86|intel|amd/i.test(`${item.Architecture ?? ''} ${item.CpuType ?? ''}`)
            ? 'x86_64'
            : null,
      });

    const status =
      item.Status === 'SELL' ? ('sell' as const) : item.Status === 'SOLD_OUT' ? ('sold-out' as const) : undefined;
    const read = (field: string) => priceValue(price[field], `${at}.Price.${field}`);
    if (chargeType === 'POSTPAID_BY_HOUR') {
      // The list price is UnitPrice; only when the feed gives none is the page's own discounted price read.
      const field =
        price.UnitPrice === undefined && price.UnitPriceDiscount !== undefined ? 'UnitPriceDiscount' : 'UnitPrice';
      const amount = read(field);
      if (amount === undefined) skipped.add('without a price', example);
      add(type, region, { mode: 'payg' }, { zone: zoneName, status, amount, field: `Price.${field}`, chargeType });
    } else if (chargeType === 'SPOTPAID') {
      const field = price.UnitPriceDiscount !== undefined ? 'UnitPriceDiscount' : 'UnitPrice';
      const amount = read(field);
      if (amount === undefined) skipped.add('without a price', example);
      add(type, region, { mode: 'spot' }, { zone: zoneName, status, amount, field: `Price.${field}`, chargeType });
    } else if (chargeType === 'PREPAID') {
      let any = false;
      for (const term of PREPAID_TERMS) {
        const field = term.fields.find((f) => price[f] !== undefined) ?? (term.fields[0] as string);
        const amount = read(field);
        if (amount !== undefined) any = true;
        add(
          type,
          region,
          { mode: 'subscription', months: term.months },
          { zone: zoneName, status, amount, field: `Price.${field}`, chargeType },
        );
      }
      if (!any) skipped.add('without a price', example);
    } else skipped.add(`of other charge types (${chargeType || 'none'})`, example);
  }

  const rows = [];
  for (const o of offers.values()) {
    const priced = o.list.filter((x) => x.amount !== undefined);
    if (!priced.length) continue;
    const onSale = priced.filter((x) => x.status !== 'sold-out');
    const pool = onSale.length ? onSale : priced;
    const best = pool.reduce((a, b) => ((b.amount as number) < (a.amount as number) ? b : a));
    const amounts = priced.map((x) => x.amount as number);
    const lo = Math.min(...amounts);
    const hi = Math.max(...amounts);
    const zones = new Map<string, ZoneStatus['status']>();
    for (const x of o.list) if (x.status) zones.set(x.zone, zones.get(x.zone) === 'sell' ? 'sell' : x.status);
    const t = types.get(o.type) as FeedInstanceType;
    const notes: NoteLine[] = [];
    if (lo !== hi) notes.push({ key: 'import.note.zones-range', vars: { lo, hi } });
    if (!onSale.length) notes.push({ key: 'import.note.sold-out' });
    rows.push(
      feedRow(
        {
          provider: 'tencent',
          service: 'CVM',
          instanceType: o.type,
          region: o.region,
          location: opts.locations.get(o.region) as string,
          billing: o.billing,
          amount: best.amount as number,
          currency: opts.currency ?? 'CNY',
          vcpu: t.vcpu,
          memoryGiB: t.memoryGiB,
          gpu: t.gpu ?? undefined,
          quote: `DescribeZoneInstanceConfigInfos ${best.zone} ${o.type} ${best.chargeType} ${best.field} ${best.amount}`,
          notes,
          zones: [...zones].map(([zone, status]) => ({ zone, status })).sort((a, b) => a.zone.localeCompare(b.zone)),
        },
        opts,
      ),
    );
  }
  return {
    prices: sortRows(rows),
    instanceTypes: [...types.values()],
    skipped: skipped.list(),
    regions: [...new Set(rows.map((r) => r.region as string))].sort(),
  };
}
