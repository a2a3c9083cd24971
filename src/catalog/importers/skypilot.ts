/**
 * SkyPilot-format catalogues (`catalogs/v8/<cloud>/vms.csv` in skypilot-org/skypilot-catalog and forks such as
 * sugarlxn/skypilot-catalog): one row per instance type and availability zone, columns
 * InstanceType, AcceleratorName, AcceleratorCount, vCPUs, MemoryGiB, GpuInfo, Price, SpotPrice, Region,
 * AvailabilityZone[, Generation], Arch — read by header name, in any order.
 *
 * Per (type, region): one pay-as-you-go row (the on-demand price is per region; the zones repeat it) and, where the
 * zones have usable spot prices, one spot row at the lowest zone's price (the note gives the range and the count).
 * Rows without a price are skipped and counted; so are regions the catalogue does not know and vGPU slices (a
 * fraction of a GPU is not a GPU). A file of another shape or a row that does not parse is refused in one sentence
 * naming the file and the row: nothing is imported from it.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { ImportError } from '../aws-offer.js';
import type { Catalog } from '../load.js';
import type { InstanceType, Price, ProviderSlug } from '../schema.js';
import { archOf, categoryOf, familyOf, type GpuReading, gpuOf } from './families.js';

export { ImportError };

export const SKYPILOT_COLUMNS = [
  'InstanceType',
  'AcceleratorName',
  'AcceleratorCount',
  'vCPUs',
  'MemoryGiB',
  'Price',
  'SpotPrice',
  'Region',
  'AvailabilityZone',
] as const;

export interface ImportSkip {
  reason: string;
  count: number;
}

export interface ImportResult {
  prices: Price[];
  instanceTypes: InstanceType[];
  skipped: ImportSkip[];
}

/** One upstream row, as read. */
export interface SkypilotRow {
  line: number;
  type: string;
  acceleratorName: string;
  acceleratorCount: number;
  gpuInfo: string;
  vcpu: number | undefined;
  memoryGiB: number | undefined;
  price: number | undefined;
  spot: number | undefined;
  region: string;
  zone: string;
  arch: string;
}

export interface SkypilotOptions {
  provider: ProviderSlug;
  /** Region ids → location slugs (providers.yaml), and GPU models (gpus.yaml). */
  catalog: Pick<Catalog, 'providers' | 'gpus'>;
  /** The file's name, for messages. */
  file: string;
  /** Where the rows came from: the file's URL (at its commit) — every row cites it. */
  source: string;
  as_of: string;
  dated?: 'page' | 'retrieved';
  grade?: 'official' | 'second-hand';
  currency?: 'USD' | 'CNY';
  /**
   * The file's prices are CNY multiplied by this fixed rate (sugarlxn's fetch scripts write CNY × 0.138 as "USD"):
   * each price is divided back to the CNY the provider quoted (to 5 decimals) and the rows are in CNY.
   */
  cnyTimes?: number;
  /** The provider's product name; defaults to ECS, CVM, EC2 or "<provider> instances". */
  service?: string;
  /** Row ids start with this (default "<provider>-sky"); ids must be unique across the catalogue. */
  idPrefix?: string;
  /** Added to every row's note (the source's caveats). */
  note?: string;
  /** Added to the spot rows' notes. */
  spotNote?: string;
  /**
   * `note` and `spotNote` in Chinese, for Chinese answers. The rows get a Chinese note (`note_zh`) only when every
   * caveat given in English has its Chinese text, so a Chinese answer never drops a caveat.
   */
  note_zh?: string;
  spotNote_zh?: string;
  /** Leaves a row out: return the reason (counted), or null to keep it. */
  skipRow?: (row: SkypilotRow) => string | null;
  /** Refuses one zone's spot price: return the reason (counted), or null to keep it. Empty spot is always refused. */
  skipSpot?: (row: SkypilotRow) => string | null;
  /** The row's GPU, when the upstream name needs more than `gpuOf` (e.g. a slice told by its memory). */
  gpu?: (row: SkypilotRow) => GpuReading;
}

const SERVICE: Partial<Record<ProviderSlug, string>> = { alibaba: 'ECS', tencent: 'CVM', aws: 'EC2' };

/** An id-safe lower-case form of a type or region. */
export function idPart(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Counts reasons in insertion order. */
export class SkipCounter {
  private readonly counts = new Map<string, number>();
  add(reason: string, n = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + n);
  }
  list(): ImportSkip[] {
    return [...this.counts].map(([reason, count]) => ({ reason, count }));
  }
}

/** The rows of a SkyPilot vms.csv, checked: a missing column or a cell that does not parse is an ImportError. */
export function parseSkypilotCsv(text: string, file: string): SkypilotRow[] {
  let header: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  // Bytes that are not text (NUL, invalid UTF-8) are named, never echoed back as a header.
  if (text.includes('\u0000') || text.includes('\uFFFD')) throw new ImportError('import.skypilot.binary', { file });
  try {
    records = parseCsv(text, {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim());
        return header;
      },
      skip_empty_lines: true,
      info: true,
      bom: true,
      trim: true,
    }) as typeof records;
  } catch (err) {
    throw new ImportError('import.skypilot.csv', {
      file,
      line: (err as { lines?: number }).lines ?? '?',
      detail: (err as Error).message.replace(/\.$/, ''),
    });
  }
  const missing = SKYPILOT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ImportError(text.trim() ? 'import.skypilot.header' : 'import.skypilot.empty', {
      file,
      missing: missing.join(', '),
      columns: SKYPILOT_COLUMNS.join(', '),
    });
  const rows: SkypilotRow[] = [];
  for (const { record: r, info } of records) {
    const line = info.lines;
    const num = (col: string, required: boolean): number | undefined => {
      const v = (r[col] ?? '').trim();
      if (v === '') {
        if (required) throw new ImportError('import.skypilot.cell-empty', { file, line, col });
        return undefined;
      }
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new ImportError('import.skypilot.cell-nan', { file, line, col, said: v });
      return n;
    };
    const type = (r.InstanceType ?? '').trim();
    if (!type) throw new ImportError('import.skypilot.cell-empty', { file, line, col: 'InstanceType' });
    const region = (r.Region ?? '').trim();
    if (!region) throw new ImportError('import.skypilot.cell-empty', { file, line, col: 'Region' });
    rows.push({
      line,
      type,
      acceleratorName: (r.AcceleratorName ?? '').trim(),
      acceleratorCount: num('AcceleratorCount', false) ?? 0,
      gpuInfo: (r.GpuInfo ?? '').trim(),
      vcpu: num('vCPUs', false),
      memoryGiB: num('MemoryGiB', false),
      price: num('Price', false),
      spot: num('SpotPrice', false),
      region,
      zone: (r.AvailabilityZone ?? '').trim(),
      arch: (r.Arch ?? '').trim(),
    });
  }
  return rows;
}

const round = (n: number) => Math.round(n * 1e8) / 1e8;

/** Price rows and instance types from a SkyPilot vms.csv (see the module comment). */
export function readSkypilotCsv(text: string, opts: SkypilotOptions): ImportResult {
  const rows = parseSkypilotCsv(text, opts.file);
  const provider = opts.catalog.providers.find((p) => p.id === opts.provider);
  if (!provider) throw new ImportError('import.no-provider', { provider: opts.provider });
  const skipped = new SkipCounter();
  const unknownRegions = new Set<string>();
  let unknownRegionRows = 0;
  /** (type, region) → the zones' rows, in file order. */
  const groups = new Map<string, SkypilotRow[]>();
  const types = new Map<string, InstanceType>();
  const gpuFor = new Map<string, GpuReading>();
  for (const row of rows) {
    const why = opts.skipRow?.(row);
    if (why) {
      skipped.add(why);
      continue;
    }
    if (row.price === undefined || row.price <= 0) {
      skipped.add('no on-demand price in the row');
      continue;
    }
    if (!provider.regions.some((r) => r.id === row.region)) {
      unknownRegions.add(row.region);
      unknownRegionRows++;
      continue;
    }
    const gpu = opts.gpu ? opts.gpu(row) : gpuOf(row.acceleratorName, row.acceleratorCount, opts.catalog.gpus);
    if (gpu === 'slice') {
      skipped.add('fractional GPU (a vGPU slice is not a GPU)');
      gpuFor.set(row.type, gpu);
      continue;
    }
    gpuFor.set(row.type, gpu);
    const key = `${row.type}\u0000${row.region}`;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  // Instance types: every type with its shape, slices included (with no GPU).
  for (const row of rows) {
    if (types.has(row.type) || !row.vcpu || !row.memoryGiB || !gpuFor.has(row.type)) continue;
    const gpu = gpuFor.get(row.type);
    const family = familyOf(opts.provider, row.type);
    types.set(row.type, {
      provider: opts.provider,
      type: row.type,
      family,
      category: gpu && gpu !== 'slice' ? 'gpu' : categoryOf(opts.provider, family),
      vcpu: row.vcpu,
      memoryGiB: row.memoryGiB,
      gpu: gpu && gpu !== 'slice' ? gpu : null,
      arch: archOf(row.arch),
      source: opts.source,
      as_of: opts.as_of,
      dated: opts.dated ?? 'retrieved',
      grade: opts.grade ?? 'second-hand',
    });
  }

  const prices: Price[] = [];
  // Chinese notes only when every English caveat given has its Chinese text.
  const hasZh = (!opts.note || Boolean(opts.note_zh)) && (!opts.spotNote || Boolean(opts.spotNote_zh));
  const service = opts.service ?? SERVICE[opts.provider] ?? `${provider.name} instances`;
  const prefix = opts.idPrefix ?? `${opts.provider}-sky`;
  for (const zones of groups.values()) {
    const first = zones[0] as SkypilotRow;
    const location = provider.regions.find((r) => r.id === first.region)?.location as string;
    const gpu = gpuFor.get(first.type) as Exclude<GpuReading, 'slice'>;
    const base = {
      provider: opts.provider,
      kind: gpu ? ('gpu-instance' as const) : ('compute' as const),
      service,
      sku: first.type,
      scope: { locations: [location] },
      region: first.region,
      unit: 'instance-hour' as const,
      currency: opts.cnyTimes ? 'CNY' : (opts.currency ?? 'USD'),
      ...(first.vcpu ? { vcpu: first.vcpu } : {}),
      ...(first.memoryGiB ? { memoryGiB: first.memoryGiB } : {}),
      ...(gpu ? { gpu } : {}),
      source: opts.source,
      as_of: opts.as_of,
      dated: opts.dated ?? 'retrieved',
      grade: opts.grade ?? 'second-hand',
    };
    const onDemand = Math.min(...zones.map((z) => z.price as number));
    // Back to what the provider quoted when the file multiplied it by a fixed rate.
    const money = (n: number) => (opts.cnyTimes ? Math.round((n / opts.cnyTimes) * 1e5) / 1e5 : round(n));
    const odNotes = [opts.note].filter(Boolean) as string[];
    const odNotesZh = [opts.note_zh].filter(Boolean) as string[];
    const distinct = new Set(zones.map((z) => z.price));
    if (distinct.size > 1) {
      const each = [...distinct].map((n) => money(n as number));
      odNotes.push(`the zones disagree (${each.join(', ')}); the lowest is shown`);
      odNotesZh.push(`各可用区价格不一（${each.join('、')}），显示最低价`);
    }
    prices.push({
      id: `${prefix}-${idPart(first.region)}-${idPart(first.type)}`,
      ...base,
      billing: 'payg',
      price: money(onDemand),
      ...(odNotes.length ? { note: odNotes.join('; ') } : {}),
      ...(odNotesZh.length && hasZh ? { note_zh: odNotesZh.join('；') } : {}),
    } as Price);
    // Spot: the zones whose spot price is usable; the lowest of them.
    const spots: { zone: string; spot: number }[] = [];
    for (const z of zones) {
      if (z.spot === undefined || z.spot <= 0) {
        skipped.add('zone without a spot price');
        continue;
      }
      if (z.spot >= (z.price as number)) {
        skipped.add('zone spot price not below on-demand (spot effectively unavailable)');
        continue;
      }
      const why = opts.skipSpot?.(z);
      if (why) {
        skipped.add(why);
        continue;
      }
      spots.push({ zone: z.zone, spot: z.spot });
    }
    if (!spots.length) continue;
    spots.sort((a, b) => a.spot - b.spot);
    const low = spots[0] as { zone: string; spot: number };
    const high = spots[spots.length - 1] as { zone: string; spot: number };
    const spotNotes = [
      spots.length > 1
        ? `spot at fetch time, lowest of ${spots.length} zones (${money(low.spot)}–${money(high.spot)}); it moves with demand`
        : `spot at fetch time in ${low.zone}; it moves with demand`,
      opts.spotNote,
      opts.note,
    ].filter(Boolean);
    const spotNotesZh = [
      spots.length > 1
        ? `抓取时的抢占式价格，${spots.length} 个可用区中最低（${money(low.spot)}–${money(high.spot)}），随需求变动`
        : `抓取时 ${low.zone} 的抢占式价格，随需求变动`,
      opts.spotNote_zh,
      opts.note_zh,
    ].filter(Boolean);
    prices.push({
      id: `${prefix}-${idPart(first.region)}-${idPart(first.type)}-spot`,
      ...base,
      billing: 'spot',
      price: money(low.spot),
      note: spotNotes.join('; '),
      ...(hasZh ? { note_zh: spotNotesZh.join('；') } : {}),
    } as Price);
  }
  if (unknownRegions.size)
    skipped.add(`region not in catalog/providers.yaml (${[...unknownRegions].sort().join(', ')})`, unknownRegionRows);
  return { prices, instanceTypes: [...types.values()], skipped: skipped.list() };
}
