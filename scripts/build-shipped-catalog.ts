/**
 * Builds the shipped price tables (catalog/prices/shipped-*.json, format price-table/1) and instance-type tables
 * (catalog/instance-types/*.json, format instance-types/1) from the dated public snapshots in /work/shared/datasets.
 * Every row cites the upstream file at its commit (as PROVENANCE.md gives it) and its as-of date; the caveats
 * PROVENANCE.md names are carried into notes, and the rows it names as wrong are left out (the note says so).
 *
 * Reproduce:  npx tsx scripts/build-shipped-catalog.ts [--datasets /work/shared/datasets] [--root .]
 * The output JSON is committed; this script only needs to run again when a snapshot changes.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type InstanceTypeHeader, type InstanceTypeRow, instanceTypesText } from '../src/catalog/instance-types.js';

const { values } = parseArgs({
  options: { datasets: { type: 'string' }, root: { type: 'string' } },
});
const DATASETS = values.datasets ?? '/work/shared/datasets';
const ROOT = values.root ?? join(import.meta.dirname, '..');

/** Writes a file whole: to a temporary name first, then renamed, so nothing half-written is left in catalog/. */
function writeWhole(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const summary: string[] = [];

// ---------------------------------------------------------------------------------------------------------------
// Sources (PROVENANCE.md, section per file).

export const SRC = {
  // Paths with spaces and Chinese characters are percent-encoded (the catalogue's sources are URLs without spaces).
  tencentGpuPage: encodeURI(
    'https://github.com/tencentyun/intlcloud-documents/blob/b7e17ea691c4ad7ae878e00e9d6dc37ff7ae1f1c/yehe_doc/计算/GPU 云服务器/购买指南/价格总览_intl_en.md',
  ),
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Tencent: the GPU price overview page (official docs, last edited 2023-06-30).

/** Rows of the markdown tables under each "### Computing <family>" heading, with the GPU model in the header. */
function tencentGpuPageTypes(text: string): InstanceTypeRow[] {
  const rows: InstanceTypeRow[] = [];
  let family = '';
  let model: string | null = null;
  for (const line of text.split('\n')) {
    const h = /^###\s+Computing\s+(\S+)/.exec(line);
    if (h?.[1]) {
      family = h[1];
      model = null;
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 6 || !family) continue;
    if (/^Instance Specification$/i.test(cells[0] ?? '')) {
      const m = /GPU \((?:Tesla |NVIDIA )?([^)]+)\)/.exec(cells[1] ?? '');
      model = m?.[1] ? tencentGpuModel(m[1]) : null;
      continue;
    }
    if (/^-+$/.test(cells[0] ?? '')) continue;
    const [type, gpus, , vcpu, mem] = cells;
    const count = /^\d+$/.test(gpus ?? '') ? Number(gpus) : null;
    const v = Number(/^(\d+)/.exec(vcpu ?? '')?.[1]);
    const m = Number(/^(\d+)/.exec(mem ?? '')?.[1]);
    if (!type || !v || !m) throw new Error(`tencent GPU page: cannot read the row "${line}"`);
    // "1/4 vGPU", "1/2 vGPU": a slice of a T4, not a GPU; listed with gpu null (the note says so).
    rows.push([type, family, 'gpu', v, m, count && model ? model : null, count && model ? count : null, null]);
  }
  return rows;
}

/** Upstream GPU names → catalogue models (gpus.yaml spelling). */
function tencentGpuModel(name: string): string {
  if (/^V100/.test(name)) return 'V100';
  return name.toUpperCase().replace(/\s+/g, '-');
}

function writeTypes(file: string, header: InstanceTypeHeader, rows: InstanceTypeRow[]): void {
  const dir = join(ROOT, 'catalog', 'instance-types');
  mkdirSync(dir, { recursive: true });
  rows.sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }));
  writeWhole(join(dir, file), instanceTypesText(header, rows));
  summary.push(`catalog/instance-types/${file}: ${rows.length} types`);
}

function main(): void {
  const gpuPage = readFileSync(join(DATASETS, 'tencent-docs', 'gpu-price-overview_intl_en.md'), 'utf8');
  writeTypes(
    'tencent-gpu-page.json',
    {
      provider: 'tencent',
      source: SRC.tencentGpuPage,
      as_of: '2023-06-30',
      dated: 'page',
      grade: 'official',
      note:
        "Tencent Cloud's GPU price overview page (international docs, last edited 2023-06-30): GPU model from each " +
        'table header, count, vCPU and memory per type. GN7.LARGE20 and GN7.2XLARGE40 are "1/4 vGPU" and "1/2 vGPU" ' +
        'slices of a T4, not a GPU: listed with no gpu. The page states no architecture (arch null).',
    },
    tencentGpuPageTypes(gpuPage),
  );
  for (const line of summary) console.log(line);
}

main();
