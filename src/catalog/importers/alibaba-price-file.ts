/**
 * Alibaba Cloud's public ECS price file (`instancePrice.json`, linked as a download from the official price page;
 * China site in CNY at g.alicdn.com/aliyun/ecs-price-info/<version>/…, international site in USD at
 * …/ecs-price-info-intl/<version>/…):
 *
 *   {"currency": "CNY", "version": "2.0.421", "pricingInfo": {
 *     "<region>::<instance type>::<network>::<os>::<io>": {
 *       "hours": [{"price": "0.39", "period": "1"}],
 *       "months": [{"price": "190.4", "period": "1"}, …], "years": [{"price": "1942", "period": "1"}, …]}}}
 *
 * Kept: Linux, VPC, I/O-optimised keys. Pay-as-you-go from `hours`; subscription from `months` (term = period
 * months) and `years` (term = 12 × period months), written per month (the period's price ÷ its months, the note
 * says so). Classic network, Windows, non-optimised I/O, empty prices, regions the catalogue does not know and
 * entries in another currency are skipped and counted. The file has no shapes: vCPU, memory and GPU come from the
 * catalogue's instance types (catalog/instance-types/); a GPU type not among them is skipped (its GPU is unknown).
 * A file of another shape, or an entry whose price is not a number, is refused in one sentence naming the file and
 * the entry: nothing is imported from it.
 */

import { ImportError } from '../aws-offer.js';
import type { Catalog } from '../load.js';
import { jsonWhy } from '../said.js';
import type { Currency, InstanceType, Price } from '../schema.js';
import { categoryOf, familyOf } from './families.js';
import { bilingualNote, type GivenNote } from './notes.js';
import { type ImportResult, idPart, SkipCounter } from './skypilot.js';

export interface AlibabaPriceFileOptions {
  catalog: Pick<Catalog, 'providers' | 'instanceTypes'>;
  /** The file's name, for messages. */
  file: string;
  /** The URL the file was read from; by default the price page's download URL for the file's version. */
  source?: string;
  /** The file states no date: the day it was downloaded (dated: retrieved), unless the caller knows better. */
  as_of: string;
  dated?: 'page' | 'retrieved';
  grade?: 'official' | 'second-hand';
  /** Row ids start with this (default "alibaba-pf"). */
  idPrefix?: string;
  /** A caveat for every row, and its Chinese (without it the rows carry no Chinese note). */
  note?: string;
  note_zh?: string;
}

interface Period {
  price?: unknown;
  period?: unknown;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The download URL of a price file version, as the price page links it. */
export function alibabaPriceFileUrl(version: string, currency: Currency): string {
  return `https://g.alicdn.com/aliyun/${currency === 'USD' ? 'ecs-price-info-intl' : 'ecs-price-info'}/${version}/price/download/instancePrice.json`;
}

/** Price rows (and no instance types: the file has no shapes) from an Alibaba instancePrice.json's text. */
export function readAlibabaPriceFile(text: string, opts: AlibabaPriceFileOptions): ImportResult {
  const { file } = opts;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ImportError('import.alibaba.not-json', { file, why: jsonWhy(text, err) });
  }
  const doc = raw as { currency?: unknown; version?: unknown; pricingInfo?: unknown };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !doc.pricingInfo || typeof doc.pricingInfo !== 'object')
    throw new ImportError('import.alibaba.shape', { file });
  const fileCurrency = typeof doc.currency === 'string' ? doc.currency.toUpperCase() : '';
  if (fileCurrency !== 'CNY' && fileCurrency !== 'USD')
    throw new ImportError(fileCurrency ? 'import.alibaba.currency' : 'import.alibaba.no-currency', {
      file,
      said: String(doc.currency),
    });
  const version = typeof doc.version === 'string' && doc.version ? doc.version : 'unknown';
  const source = opts.source ?? alibabaPriceFileUrl(version, fileCurrency);
  const provider = opts.catalog.providers.find((p) => p.id === 'alibaba');
  if (!provider) throw new ImportError('import.no-provider', { provider: 'alibaba' });
  const shapes = new Map<string, InstanceType>();
  for (const t of opts.catalog.instanceTypes ?? []) if (t.provider === 'alibaba') shapes.set(t.type, t);

  const skipped = new SkipCounter();
  const unknownRegions = new Set<string>();
  let unknownRegionEntries = 0;
  const prices: Price[] = [];
  const prefix = opts.idPrefix ?? 'alibaba-pf';
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(doc.pricingInfo as Record<string, unknown>)) {
    const parts = key.split('::');
    if (parts.length !== 5 || parts.some((p) => !p.trim())) throw new ImportError('import.alibaba.key', { file, key });
    const [region, type, network, os, io] = parts.map((p) => p.trim()) as [string, string, string, string, string];
    if (network.toLowerCase() !== 'vpc') {
      skipped.add(`network "${network}" (only VPC is kept)`);
      continue;
    }
    if (os.toLowerCase() !== 'linux') {
      skipped.add(`OS "${os}" (only Linux is kept)`);
      continue;
    }
    if (io.toLowerCase() !== 'optimized') {
      skipped.add(`I/O "${io}" (only I/O-optimised is kept)`);
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new ImportError('import.alibaba.entry', { file, key });
    const entry = value as { hours?: unknown; months?: unknown; years?: unknown; currency?: unknown };
    const currency = typeof entry.currency === 'string' ? entry.currency.toUpperCase() : fileCurrency;
    if (currency !== 'CNY' && currency !== 'USD') {
      skipped.add(`entry priced in another currency (${String(entry.currency)})`);
      continue;
    }
    const location = provider.regions.find((r) => r.id === region)?.location;
    if (!location) {
      unknownRegions.add(region);
      unknownRegionEntries++;
      continue;
    }
    const shape = shapes.get(type);
    const family = familyOf('alibaba', type);
    if (!shape && categoryOf('alibaba', family) === 'gpu') {
      skipped.add('GPU type not in catalog/instance-types (its GPU model is unknown)');
      continue;
    }
    const base = {
      provider: 'alibaba' as const,
      kind: shape?.gpu ? ('gpu-instance' as const) : ('compute' as const),
      service: 'ECS',
      sku: type,
      scope: { locations: [location] },
      region,
      currency: currency as Currency,
      ...(shape ? { vcpu: shape.vcpu, memoryGiB: shape.memoryGiB } : {}),
      ...(shape?.gpu ? { gpu: shape.gpu } : {}),
      source,
      as_of: opts.as_of,
      dated: opts.dated ?? ('retrieved' as const),
      grade: opts.grade ?? ('official' as const),
    };
    const idBase = `${prefix}-${idPart(region)}-${idPart(type)}`;
    const push = (row: Price) => {
      if (seen.has(row.id)) throw new ImportError('import.alibaba.repeat', { file, key });
      seen.add(row.id);
      prices.push(row);
    };
    const read = (list: unknown, what: 'hours' | 'months' | 'years'): { price: number; period: number }[] => {
      if (list === undefined) return [];
      if (!Array.isArray(list)) throw new ImportError('import.alibaba.list', { file, key, what });
      const out: { price: number; period: number }[] = [];
      for (const p of list as Period[]) {
        const priceText = typeof p?.price === 'number' ? String(p.price) : typeof p?.price === 'string' ? p.price : '';
        if (priceText.trim() === '') {
          skipped.add('empty price');
          continue;
        }
        const price = Number(priceText);
        const period = Number(p?.period ?? 1);
        if (!Number.isFinite(price) || price < 0)
          throw new ImportError('import.alibaba.price', { file, key, what, said: priceText });
        if (!Number.isInteger(period) || period < 1)
          throw new ImportError('import.alibaba.period', { file, key, what, said: String(p?.period) });
        if (price === 0) {
          skipped.add('zero price');
          continue;
        }
        out.push({ price, period });
      }
      return out;
    };
    const note: GivenNote[] = opts.note ? [{ en: opts.note, zh: opts.note_zh }] : [];
    const hours = read(entry.hours, 'hours');
    const hour = hours.find((h) => h.period === 1) ?? hours[0];
    if (hour)
      push({
        id: idBase,
        ...base,
        billing: 'payg',
        unit: 'instance-hour',
        price: round(hour.price / hour.period),
        ...bilingualNote([
          ...(hour.period !== 1 ? [{ key: 'import.note.hour-period', vars: { n: hour.period } }] : []),
          ...note,
        ]),
      } as Price);
    for (const [what, months] of [
      ['months', 1],
      ['years', 12],
    ] as const) {
      for (const p of read(entry[what], what)) {
        const term = p.period * months;
        push({
          id: `${idBase}-sub-${term}m`,
          ...base,
          billing: 'subscription',
          term_months: term,
          unit: 'month',
          price: round(p.price / term),
          ...bilingualNote([
            term === 1
              ? { key: 'import.note.sub-1m' }
              : {
                  key: what === 'years' ? 'import.note.sub-years' : 'import.note.sub-months',
                  vars: { period: p.period, currency, price: p.price, term },
                },
            ...note,
          ]),
        } as Price);
      }
    }
    if (!hour && !(entry.months as unknown[] | undefined)?.length && !(entry.years as unknown[] | undefined)?.length)
      skipped.add('entry without prices');
  }
  if (unknownRegions.size)
    skipped.add(
      `region not in catalog/providers.yaml (${[...unknownRegions].sort().join(', ')})`,
      unknownRegionEntries,
    );
  return { prices, instanceTypes: [], skipped: skipped.list() };
}
