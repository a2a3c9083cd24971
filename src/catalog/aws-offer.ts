/**
 * Imports an AWS Price List bulk offer file (the public EC2 offer JSON) into catalogue price rows:
 * on-demand, Linux, shared tenancy, used capacity, no pre-installed software instance prices, and data
 * transfer out to the internet with its tiers, for one region. The file is hundreds of megabytes, so it
 * is streamed twice (products, then on-demand terms) and only the matching SKUs are kept in memory.
 * Source of each row: the offer file's URL; as-of: its publication date.
 */

import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// stream-json is CommonJS: default imports work under Node's ESM loader and bundlers alike.
import streamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamObject from 'stream-json/streamers/StreamObject.js';
import { bilingualNote } from './importers/notes.js';

const { parser } = streamJson;
const { pick } = Pick;
const { streamObject } = StreamObject;

import type { Catalog } from './load.js';
import { jsonWhy, SaidError, type SaidVars } from './said.js';
import type { Price } from './schema.js';

/**
 * GPU model by EC2 instance family, from AWS's instance-type pages (the offer file gives the GPU count,
 * not the model): https://aws.amazon.com/ec2/instance-types/ (accelerated computing).
 */
export const AWS_GPU_FAMILIES: Record<string, string> = {
  g4dn: 'T4',
  g5: 'A10G',
  g6: 'L4',
  g6e: 'L40S',
  p4d: 'A100',
  p4de: 'A100',
  p5: 'H100',
  p5e: 'H200',
};

interface KeptProduct {
  kind: 'instance' | 'transfer';
  instanceType?: string;
  vcpu?: number;
  memoryGiB?: number;
  gpuCount?: number;
}

export interface ImportReport {
  rows: Price[];
  offerCode: string;
  version: string;
  publicationDate: string;
  sourceUrl: string;
  productsSeen: number;
  productsKept: number;
  skipped: { reason: string; count: number }[];
}

/** A file that is not what its importer reads: one sentence naming the file (and the row), said by key (./said.ts). */
export class ImportError extends SaidError {
  constructor(key: string, vars: SaidVars = {}) {
    super(key, vars);
    this.name = 'ImportError';
  }
}

/** Reads the top-level header fields (they come first in the file) without reading the rest. */
async function header(file: string): Promise<{ offerCode: string; version: string; publicationDate: string }> {
  const out: Record<string, string> = {};
  const stream = createReadStream(file, { start: 0, end: 64 * 1024 - 1, encoding: 'utf8' });
  let text = '';
  for await (const chunk of stream) text += chunk;
  for (const key of ['offerCode', 'version', 'publicationDate']) {
    const m = new RegExp(`"${key}"\\s*:\\s*"([^"]*)"`).exec(text);
    if (m?.[1]) out[key] = m[1];
  }
  if (!out.offerCode || !out.publicationDate) throw new ImportError('import.aws.not-offer', { file });
  return { offerCode: out.offerCode, version: out.version ?? 'current', publicationDate: out.publicationDate };
}

/** Streams `path` (e.g. "products") of the file, calling `fn` for each key/value of that object. */
async function streamEntries(file: string, path: string, fn: (key: string, value: unknown) => void): Promise<void> {
  const sink = new Writable({
    objectMode: true,
    write(chunk: { key: string; value: unknown }, _enc, done) {
      fn(chunk.key, chunk.value);
      done();
    },
  });
  try {
    await pipeline(createReadStream(file), parser(), pick({ filter: path }), streamObject(), sink);
  } catch (err) {
    throw new ImportError('import.aws.not-json', { file, why: jsonWhy(undefined, err) });
  }
}

function memoryGiB(text: string | undefined): number | undefined {
  const m = /([\d.,]+)\s*GiB/i.exec(text ?? '');
  return m?.[1] ? Number(m[1].replace(/,/g, '')) : undefined;
}

export async function importAwsOffer(
  file: string,
  region: string,
  catalog: Catalog,
  opts: { sourceUrl?: string } = {},
): Promise<ImportReport> {
  const aws = catalog.providers.find((p) => p.id === 'aws');
  const location = aws?.regions.find((r) => r.id === region)?.location;
  if (!location)
    throw new ImportError('import.aws.region', { region, list: aws?.regions.map((r) => r.id).join(', ') ?? '' });
  const head = await header(file);
  const sourceUrl =
    opts.sourceUrl ??
    `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${head.offerCode}/${head.version}/${region}/index.json`;
  const asOf = head.publicationDate.slice(0, 10);
  const kept = new Map<string, KeptProduct>();
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  let productsSeen = 0;

  await streamEntries(file, 'products', (sku, value) => {
    productsSeen++;
    const p = value as { productFamily?: string; attributes?: Record<string, string> };
    const a = p.attributes ?? {};
    if (p.productFamily === 'Compute Instance') {
      if (a.regionCode !== region) return skip('other region');
      if (a.operatingSystem !== 'Linux') return skip('not Linux');
      if (a.tenancy !== 'Shared') return skip('not shared tenancy');
      if (a.capacitystatus !== 'Used') return skip('capacity reservation (unused/allocated)');
      if (a.preInstalledSw && a.preInstalledSw !== 'NA') return skip('pre-installed software');
      if (a.licenseModel && a.licenseModel !== 'No License required') return skip('licence included');
      const gpus = Number(a.gpu ?? 0);
      kept.set(sku, {
        kind: 'instance',
        instanceType: a.instanceType,
        vcpu: Number(a.vcpu) || undefined,
        memoryGiB: memoryGiB(a.memory),
        gpuCount: Number.isFinite(gpus) && gpus > 0 ? gpus : undefined,
      });
      return;
    }
    if (p.productFamily === 'Data Transfer') {
      if ((a.fromRegionCode ?? '') !== region) return skip('other region');
      if (a.transferType !== 'AWS Outbound' || a.toLocation !== 'External')
        return skip('not transfer out to the internet');
      kept.set(sku, { kind: 'transfer' });
      return;
    }
    skip('other product family');
  });

  const rows: Price[] = [];
  await streamEntries(file, 'terms.OnDemand', (sku, value) => {
    const product = kept.get(sku);
    if (!product) return;
    for (const term of Object.values(value as Record<string, { priceDimensions?: Record<string, Dim> }>)) {
      for (const dim of Object.values(term.priceDimensions ?? {})) {
        const usd = Number(dim.pricePerUnit?.USD);
        if (!Number.isFinite(usd)) continue;
        if (product.kind === 'instance') {
          if (dim.unit !== 'Hrs' || usd === 0) continue;
          const family = product.instanceType?.split('.')[0] ?? '';
          const gpuModel = AWS_GPU_FAMILIES[family];
          const base = {
            id: `aws-${region}-${product.instanceType}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-'),
            provider: 'aws' as const,
            service: 'EC2',
            sku: product.instanceType,
            scope: { locations: [location] },
            billing: 'payg' as const,
            unit: 'instance-hour' as const,
            price: usd,
            currency: 'USD' as const,
            ...(product.vcpu ? { vcpu: product.vcpu } : {}),
            ...(product.memoryGiB ? { memoryGiB: product.memoryGiB } : {}),
            source: sourceUrl,
            as_of: asOf,
            dated: 'page' as const,
            quote: dim.description,
            grade: 'official' as const,
            ...bilingualNote([{ key: 'import.note.aws-ec2', vars: { offer: head.offerCode, version: head.version } }]),
          };
          if (product.gpuCount && gpuModel)
            rows.push({ ...base, kind: 'gpu-instance', gpu: { model: gpuModel, count: product.gpuCount } });
          else if (product.gpuCount) skip('GPU family not mapped to a model');
          else rows.push({ ...base, kind: 'compute' });
        } else {
          if (dim.unit !== 'GB') continue;
          const from = Number(dim.beginRange ?? 0);
          const to = dim.endRange === 'Inf' || dim.endRange === undefined ? null : Number(dim.endRange);
          rows.push({
            id: `aws-${region}-egress-${from}`,
            provider: 'aws',
            kind: 'egress',
            service: 'Data transfer out to the internet',
            scope: { locations: [location] },
            billing: 'payg',
            unit: 'gb',
            price: usd,
            currency: 'USD',
            tier: { from_gb: from, to_gb: to },
            source: sourceUrl,
            as_of: asOf,
            dated: 'page',
            quote: dim.description,
            grade: 'official',
            ...bilingualNote([
              { key: 'import.note.aws-egress', vars: { offer: head.offerCode, version: head.version } },
            ]),
          });
        }
      }
    }
  });
  const unique = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: [...unique.values()].sort((a, b) => a.id.localeCompare(b.id)),
    offerCode: head.offerCode,
    version: head.version,
    publicationDate: head.publicationDate,
    sourceUrl,
    productsSeen,
    productsKept: kept.size,
    skipped: [...skipped.entries()].map(([reason, count]) => ({ reason, count })),
  };
}

interface Dim {
  unit?: string;
  description?: string;
  beginRange?: string;
  endRange?: string;
  pricePerUnit?: { USD?: string };
}
