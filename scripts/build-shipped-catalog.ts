/**
 * Builds the shipped price tables (catalog/prices/shipped-*.json, format price-table/1) and instance-type tables
 * (catalog/instance-types/*.json, format instance-types/1) from the dated public snapshots in /work/shared/datasets.
 * Every row cites the upstream file at its commit (as PROVENANCE.md gives it) and its as-of date; the caveats
 * PROVENANCE.md names are carried into notes, and the rows it names as wrong are left out (the note says so).
 *
 * Reproduce:  npx tsx scripts/build-shipped-catalog.ts [--datasets /work/shared/datasets] [--root .]
 * The output JSON is committed; this script only needs to run again when a snapshot changes.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { archOf, categoryOf, familyOf, type GpuReading, gpuOf } from '../src/catalog/importers/families.js';
import {
  isPriced,
  litellmPricing,
  modelsDevPricing,
  type TokenPricing,
  type TokenTarget,
  tierNotes,
  tokenRows,
  volcengineModelName,
} from '../src/catalog/importers/model-tokens.js';
import {
  idPart,
  parseSkypilotCsv,
  readSkypilotCsv,
  SkipCounter,
  type SkypilotRow,
} from '../src/catalog/importers/skypilot.js';
import {
  type InstanceTypeHeader,
  type InstanceTypeRow,
  instanceTypeRow,
  instanceTypesText,
} from '../src/catalog/instance-types.js';
import { priceTableText } from '../src/catalog/price-table.js';
import {
  type Gpu,
  GpusFile,
  type InstanceCategory,
  type InstanceType,
  type Price,
  PriceSchema,
  type Provider,
  ProvidersFile,
} from '../src/catalog/schema.js';

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
// Sources (PROVENANCE.md, one section per file). Paths with spaces or Chinese characters are percent-encoded.

const SRC = {
  alibabaEcs:
    'https://github.com/cloudpilot-ai/priceserver/blob/93dab418095a0191a4a1e166c287307629c98c50/pkg/client/builtin-data/alibabacloud_price.json',
  alibabaGpu:
    'https://github.com/sugarlxn/skypilot-catalog/blob/b3e23ad8db7826fdd4b8009b5fe3e36012056653/catalogs/v8/alicloud/vms.csv',
  tencentGpu:
    'https://github.com/sugarlxn/skypilot-catalog/blob/319364519647e37c5ee585be5338b02b10f744be/catalogs/v8/tencentcloud/vms.csv',
  tencentCvm: encodeURI(
    'https://github.com/tencentyun/intlcloud-documents/blob/b7e17ea691c4ad7ae878e00e9d6dc37ff7ae1f1c/yehe_doc/计算/云服务器/购买指南/云服务器价格(Linux)_intl_en.md',
  ),
  tencentGpuPage: encodeURI(
    'https://github.com/tencentyun/intlcloud-documents/blob/b7e17ea691c4ad7ae878e00e9d6dc37ff7ae1f1c/yehe_doc/计算/GPU 云服务器/购买指南/价格总览_intl_en.md',
  ),
  awsApac:
    'https://github.com/skypilot-org/skypilot-catalog/blob/e385a0d348eda9cefd9806423e7725944dc249e4/catalogs/v8/aws/vms.csv',
  awsCn:
    'https://github.com/aws/karpenter-provider-aws/blob/655d4733d635e2b633333373c969b1327deb7a81/pkg/providers/pricing/zz_generated.pricing_aws_cn.go',
  modelsDevAlibabaCn:
    'https://github.com/anomalyco/models.dev/blob/f3fc692299671838c7c65fd8126bf84d81a2e817/providers/alibaba-cn/models',
  modelsDevAlibaba:
    'https://github.com/anomalyco/models.dev/blob/f3fc692299671838c7c65fd8126bf84d81a2e817/providers/alibaba/models',
  litellm:
    'https://github.com/RoCry/llm-api-price/blob/8442b939a6ead479f7995b5d74d8dce488bd0966/model_prices_and_context_window.json',
} as const;

/**
 * The upstream files with no date of their own (sugarlxn's and SkyPilot's catalogues: PROVENANCE.md says "unknown")
 * are dated by the day their snapshot was placed in shared/datasets, with `dated: retrieved`; the notes say the
 * numbers may be older than that.
 */
const SNAPSHOT_DAY = '2026-12-06';
const UNDATED =
  `the upstream file has no date (PROVENANCE.md: commit date unknown); as_of is the day the snapshot was placed in ` +
  `shared/datasets (${SNAPSHOT_DAY}) and the numbers may be older`;

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

interface Catalogue {
  providers: Provider[];
  gpus: Gpu[];
}

function readCatalogue(): Catalogue {
  const providers = ProvidersFile.parse(parseYaml(readFileSync(join(ROOT, 'catalog', 'providers.yaml'), 'utf8')));
  const gpus = GpusFile.parse(parseYaml(readFileSync(join(ROOT, 'catalog', 'gpus.yaml'), 'utf8')));
  return { providers: providers.providers, gpus: gpus.gpus };
}

function writeTypes(file: string, header: InstanceTypeHeader, rows: InstanceTypeRow[]): void {
  const dir = join(ROOT, 'catalog', 'instance-types');
  mkdirSync(dir, { recursive: true });
  rows.sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }));
  writeWhole(join(dir, file), instanceTypesText(header, rows));
  summary.push(`catalog/instance-types/${file}: ${rows.length} types`);
}

function writePrices(file: string, rows: Price[], why: string[]): void {
  const dir = join(ROOT, 'catalog', 'prices');
  const ids = new Set<string>();
  for (const r of rows) {
    if (ids.has(r.id)) throw new Error(`${file}: id ${r.id} twice`);
    ids.add(r.id);
    const ok = PriceSchema.safeParse(r);
    if (!ok.success)
      throw new Error(`${file}: ${r.id}: ${ok.error.issues[0]?.path.join('.')}: ${ok.error.issues[0]?.message}`);
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeWhole(join(dir, file), priceTableText(rows));
  const regions = new Set(rows.map((r) => r.region));
  summary.push(`catalog/prices/${file}: ${rows.length} rows, ${regions.size} regions`);
  for (const w of why) summary.push(`  - ${w}`);
}

/** A row read from an account's price API (sugarlxn's TradePrice / UnitPriceDiscount), not a public list. */
const accountPrice = (p: Price): Price => ({ ...p, price_basis: 'account' });
const typeRow = (t: InstanceType): InstanceTypeRow => instanceTypeRow(t);
const skips = (list: { reason: string; count: number }[]) => list.map((s) => `left out ${s.count}: ${s.reason}`);

// ---------------------------------------------------------------------------------------------------------------
// Alibaba GPUs: the upstream GPUSpec names, slices and the one bad price.

/** GPU of an Alibaba row of sugarlxn's catalogue (PROVENANCE.md §1(g)): vGPU slices told by name and memory. */
function alibabaGpu(row: SkypilotRow, gpus: Gpu[]): GpuReading {
  const name = row.acceleratorName;
  // sgn8ia "v8-2G" … "v8-48G": vGPU slices of one card (the name gives the slice's memory).
  if (/^v8-\d+G$/i.test(name)) return 'slice';
  // RTX 5880 is a 48 GB card: a row with less GPU memory (sgn8ga "RTX 5880 2GB" …) is a slice of one.
  const mem = Number(/\s(\d+)GB$/.exec(row.gpuInfo)?.[1]);
  if (/RTX 5880/i.test(name) && mem && mem < 48) return 'slice';
  return gpuOf(name, row.acceleratorCount, gpus);
}

/** Per-row notes are short (answers show them under the price); the tables' notes and the README tell the rest. */
const ALIBABA_GPU_NOTE =
  "an account's TradePrice (may carry that account's discounts; not the list price), including a 40 GiB ESSD " +
  "system disk; the file's USD (CNY × a fixed 0.138) turned back into the CNY Alibaba quoted (÷ 0.138); upstream undated " +
  '(as_of: snapshot day)';
/** The same caveats in Chinese, for Chinese answers (each shipped note has its Chinese text beside it). */
const ALIBABA_GPU_NOTE_ZH =
  '某个账号的成交价（TradePrice，可能含该账号的折扣，并非目录价），含 40 GiB ESSD 系统盘；文件中的美元价（人民币 × 固定汇率 0.138）' +
  '已还原为阿里云报出的人民币价（÷ 0.138）；上游文件未注明日期（as_of 为快照日期）';

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

// ---------------------------------------------------------------------------------------------------------------
// Tencent CVM: the Linux price page (markdown tables per region).

const TENCENT_REGION_OF: Record<string, string> = {
  Guangzhou: 'ap-guangzhou',
  Shanghai: 'ap-shanghai',
  Nanjing: 'ap-nanjing',
  Beijing: 'ap-beijing',
  Chengdu: 'ap-chengdu',
  Chongqing: 'ap-chongqing',
  'Hongkong,China': 'ap-hongkong',
  Singapore: 'ap-singapore',
  Bangkok: 'ap-bangkok',
  Mumbai: 'ap-mumbai',
  Seoul: 'ap-seoul',
  Tokyo: 'ap-tokyo',
  'Silicon Valley': 'na-siliconvalley',
  Virginia: 'na-ashburn',
  Toronto: 'na-toronto',
  Frankfurt: 'eu-frankfurt',
};

const TENCENT_CATEGORY_OF: Record<string, InstanceCategory> = {
  Standard: 'general',
  Compute: 'compute',
  'MEM-optimized': 'memory',
  'High IO': 'storage',
  'Big Data': 'storage',
  'GPU Compute': 'gpu',
};

interface CvmCell {
  heading: string;
  model: string;
  type: string;
  vcpu: number;
  memoryGiB: number;
  processor: string;
  price: number;
  line: number;
}

function tencentCvmRows(text: string): CvmCell[] {
  const out: CvmCell[] = [];
  let heading = '';
  text.split('\n').forEach((line, i) => {
    const h = /^###\s+(.+?)\s*$/.exec(line);
    if (h?.[1]) {
      heading = h[1];
      return;
    }
    if (!line.startsWith('|')) return;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.replace(/\\/g, '').trim());
    if (cells.length !== 6 || cells[0] === 'Model' || /^-+$/.test(cells[0] ?? '')) return;
    const [model, type, vcpu, mem, processor, fee] = cells as [string, string, string, string, string, string];
    const v = /^(\d+)-core$/.exec(vcpu);
    const m = /^([\d.]+)GB$/.exec(mem);
    const f = /^([\d.]+)USD\/hr$/.exec(fee);
    if (!v?.[1] || !m?.[1] || !f?.[1] || !type)
      throw new Error(`tencent CVM page line ${i + 1}: cannot read "${line}"`);
    out.push({
      heading,
      model,
      type,
      vcpu: Number(v[1]),
      memoryGiB: Number(m[1]),
      processor,
      price: Number(f[1]),
      line: i + 1,
    });
  });
  return out;
}

/** "Standard Network-optimized SN3ne" → general; "GPU Compute GN7" → gpu. */
function tencentCategory(model: string): InstanceCategory {
  for (const [words, cat] of Object.entries(TENCENT_CATEGORY_OF)) if (model.startsWith(words)) return cat;
  throw new Error(`tencent CVM page: unknown model class "${model}"`);
}

// ---------------------------------------------------------------------------------------------------------------

function main(): void {
  const cat = readCatalogue();
  const provider = (id: string) => cat.providers.find((p) => p.id === id) as Provider;
  const locationOf = (p: string, region: string) => provider(p).regions.find((r) => r.id === region)?.location;

  // --- Tencent: the GPU price page (types only; its prices are the CVM page's Guangzhou rows) -----------------
  const gpuPage = tencentGpuPageTypes(
    readFileSync(join(DATASETS, 'tencent-docs', 'gpu-price-overview_intl_en.md'), 'utf8'),
  );
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
    gpuPage,
  );
  const tencentGpuOfType = new Map(gpuPage.map((r) => [r[0], r]));

  // --- Alibaba: sugarlxn GPU catalogue (read first: it names the GPU models of the priceserver's GPU types) ----
  const aliGpuText = readFileSync(join(DATASETS, 'alibaba-gpu-sugarlxn.csv'), 'utf8');
  const aliGpu = readSkypilotCsv(aliGpuText, {
    provider: 'alibaba',
    catalog: cat,
    file: 'alibaba-gpu-sugarlxn.csv',
    source: SRC.alibabaGpu,
    as_of: SNAPSHOT_DAY,
    dated: 'retrieved',
    grade: 'second-hand',
    idPrefix: 'alibaba-sugar',
    cnyTimes: 0.138,
    note: ALIBABA_GPU_NOTE,
    note_zh: ALIBABA_GPU_NOTE_ZH,
    spotNote: 'SpotAsPriceGo quote',
    spotNote_zh: 'SpotAsPriceGo 报价',
    skipRow: (r) =>
      r.type === 'ecs.gn5i-c12g1.6xlarge' && r.price === 0.011592
        ? 'ecs.gn5i-c12g1.6xlarge at 0.011592 (PROVENANCE.md §1(d): obviously wrong)'
        : null,
    skipSpot: (r) =>
      (r.spot as number) > 0.85 * (r.price as number)
        ? 'zone spot price above 85% of on-demand (PROVENANCE.md §1(f): SpotAsPriceGo quotes near the cap; unreliable)'
        : null,
    gpu: (r) => alibabaGpu(r, cat.gpus),
  });
  // The GPU of each sugarlxn type, and of each family when all its types agree on the model.
  const sugarRows = parseSkypilotCsv(aliGpuText, 'alibaba-gpu-sugarlxn.csv');
  const aliGpuOfType = new Map<string, GpuReading>();
  const aliModelOfFamily = new Map<string, Set<string>>();
  for (const r of sugarRows) {
    const g = alibabaGpu(r, cat.gpus);
    aliGpuOfType.set(r.type, g);
    if (g && g !== 'slice') {
      const f = familyOf('alibaba', r.type);
      const set = aliModelOfFamily.get(f) ?? new Set<string>();
      set.add(g.model);
      aliModelOfFamily.set(f, set);
    }
  }

  const aliArchOfType = new Map(sugarRows.map((r) => [r.type, archOf(r.arch)]));
  /** See the alibaba-ecs.json note: priceserver's arch field is "amd64" for every type, so it is not used. */
  const aliArch = (type: string, family: string): string => {
    const known = aliArchOfType.get(type);
    if (known) return known;
    return /^ecs\.(ebm)?[gcr]\d+y$|^ecs\.[gc]6r$/.test(family) ? 'arm64' : 'x86_64';
  };

  // --- Alibaba: priceserver ECS file (public list price, CNY, every family and region) ------------------------
  const ps = JSON.parse(readFileSync(join(DATASETS, 'alibaba-ecs-priceserver.json'), 'utf8')) as Record<
    string,
    {
      instanceTypePrices: Record<
        string,
        { arch: string; vcpu: number; memory: number; gpu: number; onDemandPricePerHour: number }
      >;
    }
  >;
  const aliTypes = new Map<string, InstanceType>();
  const aliEcsPrices: Price[] = [];
  const aliEcsSkip = new SkipCounter();
  const aliSkippedTypes = new Set<string>();
  const ECS_NOTE =
    'public list price (China-site price file), Linux, instance only (no disk or bandwidth), CNY also overseas; ' +
    'copied 2024-10-09: check the current price';
  const ECS_NOTE_ZH =
    '公开目录价（中国站价格文件），Linux，仅实例（不含磁盘和带宽），海外地域也以人民币计价；' +
    '抄录于 2024年10月9日：请核对当前价格';
  for (const [region, { instanceTypePrices }] of Object.entries(ps)) {
    const location = locationOf('alibaba', region);
    if (!location) throw new Error(`alibaba region ${region} is not in providers.yaml`);
    for (const [type, s] of Object.entries(instanceTypePrices)) {
      const family = familyOf('alibaba', type);
      let gpu: InstanceType['gpu'] = null;
      if (s.gpu > 0) {
        const g = aliGpuOfType.get(type);
        const fam = aliModelOfFamily.get(family);
        if (g === 'slice') {
          aliEcsSkip.add('vGPU slice types (a fraction of a GPU is not a GPU; listed as types without gpu)');
          if (!aliTypes.has(type))
            aliTypes.set(type, shapeOf('alibaba', type, family, 'gpu', s.vcpu, s.memory, null, aliArch(type, family)));
          continue;
        }
        if (g) gpu = { model: g.model, count: s.gpu };
        else if (fam?.size === 1) gpu = { model: [...fam][0] as string, count: s.gpu };
        else {
          aliEcsSkip.add('GPU types whose GPU model no shipped file names (left out of prices and types)');
          aliSkippedTypes.add(type);
          continue;
        }
      }
      if (!aliTypes.has(type))
        aliTypes.set(
          type,
          shapeOf(
            'alibaba',
            type,
            family,
            gpu ? 'gpu' : categoryOf('alibaba', family),
            s.vcpu,
            s.memory,
            gpu,
            aliArch(type, family),
          ),
        );
      if (!(s.onDemandPricePerHour > 0)) {
        aliEcsSkip.add('entries with onDemandPricePerHour 0 (PROVENANCE.md §3(b): the type has no price in the file)');
        continue;
      }
      aliEcsPrices.push({
        id: `alibaba-ecs-${idPart(region)}-${idPart(type)}`,
        provider: 'alibaba',
        kind: gpu ? 'gpu-instance' : 'compute',
        service: 'ECS',
        sku: type,
        scope: { locations: [location] },
        region,
        billing: 'payg',
        unit: 'instance-hour',
        price: s.onDemandPricePerHour,
        currency: 'CNY',
        vcpu: s.vcpu,
        memoryGiB: s.memory,
        ...(gpu ? { gpu } : {}),
        source: SRC.alibabaEcs,
        as_of: '2024-10-09',
        dated: 'page',
        grade: 'second-hand',
        note: ECS_NOTE,
        note_zh: ECS_NOTE_ZH,
      } as Price);
    }
  }
  writePrices('shipped-alibaba-ecs.json', aliEcsPrices, [
    ...skips(aliEcsSkip.list()),
    `GPU types left out: ${[...aliSkippedTypes].sort().join(', ') || 'none'}`,
  ]);
  writeTypes(
    'alibaba-ecs.json',
    {
      provider: 'alibaba',
      source: SRC.alibabaEcs,
      as_of: '2024-10-09',
      dated: 'page',
      grade: 'second-hand',
      note:
        'vCPU, memory (GiB) and GPU count per type as the ECS API (DescribeInstanceTypes) gave them to ' +
        'cloudpilot-ai/priceserver, whose file carries them next to the prices (nothing is derived from the names). ' +
        'Architecture: the file says "amd64" for every type, ARM families included (the copying code turns the API\'s ' +
        'CpuArchitecture into "amd64" by default), so it is not used: arm64 where sugarlxn\'s catalogue says ARM for ' +
        'the type, and for the families Alibaba names with a "y" (Yitian: g8y, c8y, r8y, ebmg8y) or "6r" (Ampere: ' +
        'g6r, c6r); x86_64 for the rest. ' +
        'GPU model: from sugarlxn/skypilot-catalog alicloud vms.csv (Alibaba GPUSpec names: code names such as H, ' +
        'H-E, G39, G49, G59, L20N are upstream names, not retail ones) for the same type, else for the family when ' +
        'all its types there name one model (gn5 P100, gn5i P4); types whose model no shipped file names are left ' +
        `out (${[...aliSkippedTypes].sort().join(', ') || 'none'}). vGPU slices (sgn*/vgn* fractions of a T4 or A10) ` +
        'are listed with no gpu. Category from the family letters (src/catalog/importers/families.ts).',
    },
    [...aliTypes.values()].map(typeRow),
  );

  // sugarlxn: pay-as-you-go rows the public list already prices are dropped (the list price wins over an account's
  // discounted TradePrice); its spot rows stay (the list file has none).
  const listed = new Set(aliEcsPrices.map((p) => `${p.region}\u0000${p.sku}`));
  let aliDropped = 0;
  const aliGpuPrices = aliGpu.prices.filter((p) => {
    if (p.billing === 'payg' && listed.has(`${p.region}\u0000${p.sku}`)) {
      aliDropped++;
      return false;
    }
    return true;
  });
  // Every row of the file is one account's TradePrice (its spot rows too): marked so, for comparisons to say it.
  writePrices('shipped-alibaba-gpu.json', aliGpuPrices.map(accountPrice), [
    ...skips(aliGpu.skipped),
    `dropped ${aliDropped} pay-as-you-go rows that shipped-alibaba-ecs.json prices from the public list (list price kept, account TradePrice dropped)`,
  ]);
  writeTypes(
    'alibaba-gpu.json',
    {
      provider: 'alibaba',
      source: SRC.alibabaGpu,
      as_of: SNAPSHOT_DAY,
      dated: 'retrieved',
      grade: 'second-hand',
      note:
        'GPU types of sugarlxn/skypilot-catalog alicloud vms.csv that alibaba-ecs.json does not list: vCPUs, ' +
        'MemoryGiB and Arch as DescribeInstanceTypes gave them; GPU model from the GPUSpec name (code names such as ' +
        'H, H-E, G39, G49, G59, L20N, A910X, GA107, VG1000 are upstream names, not retail names; "A100 80G" is an ' +
        'A100). vGPU slices (T4/8, A10*1/12, RTX 5880 with under 48 GB, v8-*G) have no gpu. ' +
        UNDATED,
    },
    aliGpu.instanceTypes
      .filter((t) => !aliTypes.has(t.type))
      .map((t) => {
        // The importer marks slices with gpu null; keep its reading.
        return typeRow(t);
      }),
  );

  // --- Tencent: CVM price page (official, 2023-06-30) ----------------------------------------------------------
  const cvm = tencentCvmRows(readFileSync(join(DATASETS, 'tencent-docs', 'cvm-price-linux_intl_en.md'), 'utf8'));
  const tcSkip = new SkipCounter();
  const tcPrices = new Map<string, Price>();
  const tcTypes = new Map<string, InstanceType>();
  const CVM_NOTE =
    'Tencent\'s reference price ("rates of your final order shall prevail"), pay-as-you-go, rounded to cents; ' +
    'page last edited 2023-06-30: check current families and prices';
  const CVM_NOTE_ZH =
    '腾讯云参考价（原文："rates of your final order shall prevail"），按量付费，四舍五入到分；' +
    '页面最后编辑于 2023年6月30日：请核对当前的规格族和价格';
  for (const c of cvm) {
    const region = TENCENT_REGION_OF[c.heading];
    if (!region) throw new Error(`tencent CVM page: unknown region heading "${c.heading}"`);
    const location = locationOf('tencent', region);
    if (!location) {
      tcSkip.add(
        `rows for ${c.heading} (${region}: not in catalog/providers.yaml — absent from Tencent's 2026 CVM region list)`,
      );
      continue;
    }
    const family = c.type.split('.')[0] as string;
    const category = tencentCategory(c.model);
    let gpu: InstanceType['gpu'] = null;
    if (category === 'gpu') {
      const t = tencentGpuOfType.get(c.type);
      if (!t || t[5] === null) {
        tcSkip.add('GPU rows that are vGPU slices or whose GPU the GPU price page does not give');
        continue;
      }
      gpu = { model: t[5], count: t[6] as number };
    }
    if (!tencentGpuOfType.has(c.type) && !tcTypes.has(c.type))
      tcTypes.set(c.type, {
        ...shapeOf(
          'tencent',
          c.type,
          family,
          category,
          c.vcpu,
          c.memoryGiB,
          gpu,
          /Intel|AMD/.test(c.processor) ? 'x86_64' : '',
        ),
        source: SRC.tencentCvm,
        as_of: '2023-06-30',
        dated: 'page',
        grade: 'official',
      });
    const id = `tencent-cvm-${idPart(region)}-${idPart(c.type)}`;
    const seen = tcPrices.get(id);
    if (seen) {
      tcSkip.add(
        seen.price === c.price ? 'repeated rows (same price)' : 'repeated rows with another price (first kept)',
      );
      continue;
    }
    tcPrices.set(id, {
      id,
      provider: 'tencent',
      kind: gpu ? 'gpu-instance' : 'compute',
      service: 'CVM',
      sku: c.type,
      scope: { locations: [location] },
      region,
      billing: 'payg',
      unit: 'instance-hour',
      price: c.price,
      currency: 'USD',
      vcpu: c.vcpu,
      memoryGiB: c.memoryGiB,
      ...(gpu ? { gpu } : {}),
      source: SRC.tencentCvm,
      as_of: '2023-06-30',
      dated: 'page',
      grade: 'official',
      quote: `${c.heading}: ${c.model} | ${c.type} | ${c.vcpu}-core | ${c.memoryGiB}GB | ${c.price}USD/hr`,
      note: CVM_NOTE,
      note_zh: CVM_NOTE_ZH,
    } as Price);
  }
  writePrices('shipped-tencent-cvm.json', [...tcPrices.values()], skips(tcSkip.list()));
  writeTypes(
    'tencent-cvm.json',
    {
      provider: 'tencent',
      source: SRC.tencentCvm,
      as_of: '2023-06-30',
      dated: 'page',
      grade: 'official',
      note:
        "Types on Tencent Cloud's CVM Linux price page (last edited 2023-06-30) that tencent-gpu-page.json does not " +
        'list: vCPU ("N-core") and memory ("N GB", taken as GiB) from the page; family = the name before the dot; ' +
        "category from the page's class words (Standard general, Compute compute, MEM-optimized memory, High IO and " +
        'Big Data storage, GPU Compute gpu); arch x86_64 where the page names an Intel or AMD processor.',
    },
    [...tcTypes.values()].map(typeRow),
  );

  // --- Tencent: sugarlxn GPU catalogue -------------------------------------------------------------------------
  const tcGpu = readSkypilotCsv(readFileSync(join(DATASETS, 'tencent-gpu-sugarlxn.csv'), 'utf8'), {
    provider: 'tencent',
    catalog: cat,
    file: 'tencent-gpu-sugarlxn.csv',
    source: SRC.tencentGpu,
    as_of: SNAPSHOT_DAY,
    dated: 'retrieved',
    grade: 'second-hand',
    idPrefix: 'tencent-sugar',
    cnyTimes: 0.138,
    note:
      "an account's discount price (UnitPriceDiscount; not the list price), instance only; the file's USD (CNY × a " +
      "fixed 0.138) turned back into the CNY Tencent quoted (÷ 0.138); GPU model from the fetch script's family map; " +
      'upstream undated (as_of: snapshot day)',
    note_zh:
      '某个账号的折扣价（UnitPriceDiscount，并非目录价），仅实例；文件中的美元价（人民币 × 固定汇率 0.138）已还原为腾讯云报出的人民币价（÷ 0.138）；' +
      'GPU 型号来自抓取脚本的规格族对照表；上游文件未注明日期（as_of 为快照日期）',
    // GNV4: the API's "GPU" count is 16 on the 192-vCPU size, where PNV4 (whole A10s) has 8 on 224 vCPU: GNV4 counts
    // vGPU slices of an A10, not cards.
    gpu: (r) => (/^GNV4\./i.test(r.type) ? 'slice' : gpuOf(r.acceleratorName, r.acceleratorCount, cat.gpus)),
  });
  const tcListed = new Set([...tcPrices.values()].map((p) => `${p.region}\u0000${p.sku}`));
  let tcDropped = 0;
  const tcGpuPrices = tcGpu.prices.filter((p) => {
    if (tcListed.has(`${p.region}\u0000${p.sku}`)) {
      tcDropped++;
      return false;
    }
    return true;
  });
  writePrices('shipped-tencent-gpu.json', tcGpuPrices.map(accountPrice), [
    ...skips(tcGpu.skipped),
    `dropped ${tcDropped} rows that the official CVM price page prices (list price kept, account discount price dropped)`,
  ]);
  writeTypes(
    'tencent-gpu.json',
    {
      provider: 'tencent',
      source: SRC.tencentGpu,
      as_of: SNAPSHOT_DAY,
      dated: 'retrieved',
      grade: 'second-hand',
      note:
        'GPU types of sugarlxn/skypilot-catalog tencentcloud vms.csv that the Tencent docs tables do not list: vCPUs ' +
        "and MemoryGiB from DescribeInstanceTypeConfigs; GPU model from the fetch script's hand-kept family map " +
        '(GN7/GN7vi/GI3X T4, GN6/GN6S P4, GN8 P40, GN10X/GN10Xp V100, PNV4 A10, GT4 A100, GI1 Intel SG1, PTX1 ' +
        'Tencent Zixiao C100). GNV4 is listed with no gpu: its count is of vGPU slices of an A10 (16 on the ' +
        '192-vCPU size), not of cards. Arch is empty upstream (null). ' +
        UNDATED,
    },
    tcGpu.instanceTypes.filter((t) => !tencentGpuOfType.has(t.type) && !tcTypes.has(t.type)).map(typeRow),
  );

  // --- AWS: SkyPilot catalogue, Asia-Pacific and us-east-1 -----------------------------------------------------
  const aws = readSkypilotCsv(readFileSync(join(DATASETS, 'aws-apac-skypilot.csv'), 'utf8'), {
    provider: 'aws',
    catalog: cat,
    file: 'aws-apac-skypilot.csv',
    source: SRC.awsApac,
    as_of: SNAPSHOT_DAY,
    dated: 'retrieved',
    grade: 'second-hand',
    idPrefix: 'aws-sky',
    note:
      "AWS on-demand list price (Linux, shared tenancy; no EBS or data transfer) via SkyPilot's catalogue; " +
      'upstream undated (as_of: snapshot day)',
    note_zh:
      'AWS 按需目录价（Linux，共享租期；不含 EBS 和数据传输），来自 SkyPilot 的价格目录；' +
      '上游文件未注明日期（as_of 为快照日期）',
    skipSpot: (r) =>
      Math.abs((r.spot as number) - 0.1 * (r.price as number)) <= 0.0005 * (r.price as number) + 0.00001
        ? 'zone spot price ≈ 10% of on-demand (PROVENANCE.md §2b(f): a placeholder floor, not a market price)'
        : null,
  });
  writePrices('shipped-aws-apac.json', aws.prices, skips(aws.skipped));
  writeTypes(
    'aws.json',
    {
      provider: 'aws',
      source: SRC.awsApac,
      as_of: SNAPSHOT_DAY,
      dated: 'retrieved',
      grade: 'second-hand',
      note:
        "Types in the extract of SkyPilot's AWS catalogue (PROVENANCE.md §2b: accelerator families and a few others; " +
        'most general-purpose, compute and memory families are not in the extract): vCPUs, MemoryGiB, accelerator ' +
        'name and count from DescribeInstanceTypes; category from the family letters. g6f/gr6f fractional-GPU ' +
        'types (0.125–0.5 of an L4) are listed with no gpu. Non-GPU accelerators keep their names (INFERENTIA2, ' +
        `TRAINIUM, GAUDI-HL-205, FPGA names). ${UNDATED}`,
    },
    aws.instanceTypes.map(typeRow),
  );

  // --- AWS: cn-north-1 from Karpenter's generated price file (official AWS Price List API) --------------------
  const awsShape = new Map(aws.instanceTypes.map((t) => [t.type, t]));
  const cnText = readFileSync(join(DATASETS, 'aws-cn-north-1-karpenter.csv'), 'utf8');
  const cnSkip = new SkipCounter();
  const cnPrices: Price[] = [];
  const cnLocation = locationOf('aws', 'cn-north-1') as string;
  for (const [i, line] of cnText.trim().split('\n').slice(1).entries()) {
    const [type, priceText] = line.split(',');
    const price = Number(priceText);
    if (!type || !Number.isFinite(price) || price <= 0) throw new Error(`aws-cn-north-1-karpenter.csv line ${i + 2}`);
    const shape = awsShape.get(type);
    const family = familyOf('aws', type);
    if (!shape && categoryOf('aws', family) === 'gpu') {
      cnSkip.add('accelerated types whose GPU no shipped file names (g3, g3s, p2)');
      continue;
    }
    cnPrices.push({
      id: `aws-cn-north-1-${idPart(type)}`,
      provider: 'aws',
      kind: shape?.gpu ? 'gpu-instance' : 'compute',
      service: 'EC2',
      sku: type,
      scope: { locations: [cnLocation] },
      region: 'cn-north-1',
      billing: 'payg',
      unit: 'instance-hour',
      price,
      currency: 'CNY',
      ...(shape ? { vcpu: shape.vcpu, memoryGiB: shape.memoryGiB } : {}),
      ...(shape?.gpu ? { gpu: shape.gpu } : {}),
      source: SRC.awsCn,
      as_of: '2024-11-06',
      dated: 'page',
      grade: 'official',
      note:
        'AWS China (Beijing, operated by Sinnet) Linux on-demand price from the AWS Price List API, generated ' +
        '2024-11-06 (Karpenter): check before committing' +
        (shape ? '' : '; the source gives no vCPU or memory for this type'),
      note_zh:
        'AWS 中国（北京，由光环新网运营）Linux 按需价格，来自 AWS Price List API，生成于 2024年11月6日' +
        '（Karpenter）：签约前请核实' +
        (shape ? '' : '；来源未给出该规格的 vCPU 和内存'),
    } as Price);
  }
  writePrices('shipped-aws-cn-north-1.json', cnPrices, skips(cnSkip.list()));

  // --- Alibaba Model Studio (China): models.dev's alibaba-cn folder (PROVENANCE.md §7) ---------------------------
  const modelDir = join(DATASETS, 'models-dev', 'providers', 'alibaba-cn', 'models');
  const modelRows: Price[] = [];
  const cnSkipModels = new SkipCounter();
  for (const file of readdirSync(modelDir)
    .filter((f) => f.endsWith('.toml'))
    .sort()) {
    const pricing = modelsDevPricing(file, readFileSync(join(modelDir, file), 'utf8'));
    const model = file.replace(/\.toml$/, '');
    if ('skip' in pricing) {
      cnSkipModels.add(pricing.skip);
      continue;
    }
    if (!isPriced(pricing)) {
      cnSkipModels.add('models priced 0 (PROVENANCE.md §7(b): free or not a per-token price)');
      continue;
    }
    for (const direction of ['input', 'output'] as const) {
      const tier = tierNotes(pricing, direction);
      modelRows.push({
        id: `alibaba-cn-${idSafe(model)}-${direction}`,
        provider: 'alibaba',
        kind: 'model-tokens',
        service: 'Model Studio (China)',
        model,
        direction,
        scope: { jurisdiction: 'mainland' },
        billing: 'payg',
        unit: 'million-tokens',
        price: (pricing.tiers[0] as { input: number; output: number })[direction],
        currency: 'USD',
        source: `${SRC.modelsDevAlibabaCn}/${encodeURIComponent(file)}`,
        as_of: '2026-06-27',
        dated: 'page',
        grade: 'second-hand',
        note:
          "models.dev's hand-kept copy of Alibaba's China-site Model Studio price, in USD converted from the CNY list " +
          'price at a rate the file does not give (PROVENANCE.md §7(a)); the lowest tier; check before committing' +
          (tier.en ? `; ${tier.en}` : ''),
        note_zh:
          'models.dev 手工整理的阿里云百炼（中国站）价格，由人民币目录价按未注明的汇率换算为美元（PROVENANCE.md §7(a)）；' +
          '为最低阶梯价格；下单前请核实' +
          (tier.zh ? `；${tier.zh}` : ''),
      } as Price);
    }
  }
  writePrices('shipped-alibaba-models.json', modelRows, [
    ...skips(cnSkipModels.list()),
    'not read: the sub-folders siliconflow/, kimi/, MiniMax/ (third-party-namespaced model ids on Model Studio; not checked)',
  ]);

  tokenImports(cat);

  for (const line of summary) console.log(line);
}

// ---------------------------------------------------------------------------------------------------------------
// Model-API token prices: litellm (PROVENANCE.md §6) and models.dev's international folders (§7).

/** Model names compare without case, spaces, dashes or underscores (as the estimate compares them). */
const sameName = (a: string, b: string) =>
  a.toLowerCase().replace(/[\s_-]+/g, '') === b.toLowerCase().replace(/[\s_-]+/g, '');

function tokenImports(cat: Catalogue): void {
  const litellm = JSON.parse(readFileSync(join(DATASETS, 'llm-token-prices-litellm.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const entries = Object.entries(litellm).filter(
    (e): e is [string, Record<string, unknown>] => e[0] !== 'last_updated' && typeof e[1] === 'object',
  );
  const LITELLM_AS_OF = String(litellm.last_updated).slice(0, 10);
  const providerIds = new Set<string>(cat.providers.map((p) => p.id));
  const cite = (e: Record<string, unknown>) => (typeof e.source === 'string' ? e.source : null);

  // Official rows already in the hand-kept YAML (alibaba.yaml's Singapore Model Studio prices): the official row is
  // kept and the second-hand copy of the same model and place is dropped, as for instance types.
  const officialAt = (provider: string, location: string) =>
    (
      (parseYaml(readFileSync(join(ROOT, 'catalog', 'prices', `${provider}.yaml`), 'utf8')) as { prices?: Price[] })
        .prices ?? []
    ).filter(
      (p) =>
        p.kind === 'model-tokens' && (p.grade ?? 'official') === 'official' && p.scope.locations?.includes(location),
    );

  // --- Volcano Engine (Ark): litellm volcengine/* ------------------------------------------------------------------
  {
    const rows: Price[] = [];
    const skip = new SkipCounter();
    for (const [key, e] of entries.filter(([k]) => k.startsWith('volcengine/'))) {
      const p = litellmPricing(key, e);
      if ('skip' in p || !isPriced(p)) {
        skip.add('skip' in p ? p.skip : 'entries priced 0');
        continue;
      }
      const apiId = key.slice('volcengine/'.length);
      const model = volcengineModelName(apiId);
      const page = cite(e) ?? 'no page';
      rows.push(
        ...tokenRows(
          {
            provider: 'volcengine',
            service: 'Ark (火山方舟) model API',
            scope: { locations: ['beijing'] },
            idPrefix: 'volcengine-litellm',
            source: SRC.litellm,
            as_of: LITELLM_AS_OF,
            dated: 'retrieved',
            note:
              `litellm's hand-kept copy of Volcano Engine's Ark price, API model id ${apiId}; USD as ` +
              `litellm lists it, while the page it cites (${page}) is Volcano Engine's China-site document: litellm ` +
              'records no CNY price or conversion rate, so check the CNY list price there before committing; as_of is ' +
              'the day the copy was made (2026-07-24); the Ark API endpoint is in Beijing (cn-beijing)',
            note_zh:
              `litellm 手工整理的火山方舟价格，API 模型 ID 为 ${apiId}；美元价为 litellm 所列，而其引用的页面` +
              `（${page}）是火山引擎中国站文档：litellm 未记录人民币价格或换算汇率，签约前请在该页面核对人民币目录价；` +
              'as_of 为复制数据的日期（2026年7月24日）；火山方舟 API 的接入点在北京（cn-beijing）',
          },
          model,
          p,
        ),
      );
    }
    writePrices('shipped-volcengine-models.json', rows, skips(skip.list()));
  }

  // --- Tencent Cloud TokenHub: litellm tencent/* (DeepSeek models hosted by Tencent, not Hunyuan) -----------------
  {
    const rows: Price[] = [];
    const skip = new SkipCounter();
    const deepseekOwn = new Map(entries.filter(([k]) => k.startsWith('deepseek/')).map(([k, e]) => [k.slice(9), e]));
    for (const [key, e] of entries.filter(([k]) => k.startsWith('tencent/'))) {
      const p = litellmPricing(key, e);
      if ('skip' in p || !isPriced(p)) {
        skip.add('skip' in p ? p.skip : 'entries priced 0');
        continue;
      }
      const model = key.slice('tencent/'.length);
      const own = deepseekOwn.get(model);
      const ownP = own ? litellmPricing(`deepseek/${model}`, own) : null;
      const same =
        ownP &&
        !('skip' in ownP) &&
        ownP.tiers[0]?.input === p.tiers[0]?.input &&
        ownP.tiers[0]?.output === p.tiers[0]?.output;
      const page = cite(e) ?? 'no page';
      rows.push(
        ...tokenRows(
          {
            provider: 'tencent',
            service: 'TokenHub (DeepSeek models hosted by Tencent Cloud)',
            scope: { jurisdiction: 'outside-mainland' },
            idPrefix: 'tencent-litellm',
            source: SRC.litellm,
            as_of: LITELLM_AS_OF,
            dated: 'retrieved',
            note:
              `a DeepSeek model hosted by Tencent Cloud TokenHub, not Tencent's own Hunyuan (PROVENANCE.md §6(d)); ` +
              `litellm's hand-kept copy of the international-site price it cites (${page}), in USD; the ` +
              'China site (cloud.tencent.com) prices in CNY and may differ; as_of is the day the copy was made ' +
              `(2026-07-24)${same ? "; the same figures as DeepSeek's own API price in litellm" : ''}`,
            note_zh:
              `由腾讯云 TokenHub 托管的 DeepSeek 模型，并非腾讯自研的混元（PROVENANCE.md §6(d)）；litellm 手工整理的国际站价格` +
              `（引用页面 ${page}），以美元计；中国站（cloud.tencent.com）以人民币计价，可能不同；as_of 为复制数据的日期` +
              `（2026年7月24日）${same ? '；与 litellm 所列 DeepSeek 官方 API 价格相同' : ''}`,
          },
          model,
          p,
        ),
      );
    }
    // models.dev's Tencent folders: every model is priced 0 (PROVENANCE.md §7(b)); a priced one would need a row here.
    for (const folder of ['tencent-tokenhub', 'tencent-coding-plan']) {
      const dir = join(DATASETS, 'models-dev', 'providers', folder, 'models');
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.toml'))) {
        const p = modelsDevPricing(file, readFileSync(join(dir, file), 'utf8'));
        if (!('skip' in p) && isPriced(p)) throw new Error(`models.dev ${folder}/${file} is priced: import it`);
        skip.add(
          folder === 'tencent-coding-plan'
            ? 'models.dev tencent-coding-plan: priced 0 (a subscription plan, not a per-token price; PROVENANCE.md §7(b))'
            : 'models.dev tencent-tokenhub: priced 0 (hy3-preview, a free preview; PROVENANCE.md §7(b))',
        );
      }
    }
    writePrices('shipped-tencent-models.json', rows, skips(skip.list()));
  }

  // --- Alibaba Model Studio, international (Singapore): litellm dashscope/* and models.dev alibaba ----------------
  {
    const rows: Price[] = [];
    const skip = new SkipCounter();
    const official = officialAt('alibaba', 'singapore');
    const isOfficial = (model: string) => official.some((o) => o.model && sameName(o.model, model));
    const dropped: string[] = [];
    const agreed: string[] = [];
    const disagreed: string[] = [];
    const mdDir = join(DATASETS, 'models-dev', 'providers', 'alibaba', 'models');
    const md = new Map<string, { file: string; pricing: TokenPricing | { skip: string } }>();
    for (const file of readdirSync(mdDir)
      .filter((f) => f.endsWith('.toml'))
      .sort())
      md.set(file.replace(/\.toml$/, ''), {
        file,
        pricing: modelsDevPricing(file, readFileSync(join(mdDir, file), 'utf8')),
      });
    const mdUrl = (file: string) => `${SRC.modelsDevAlibaba}/${encodeURIComponent(file)}`;
    const INTL = (from: string) =>
      `${from} of Alibaba Cloud Model Studio's international (Singapore) price, in USD (PROVENANCE.md §6(c)); ` +
      'mainland China prices are in CNY and differ (the Model Studio (China) rows)';
    const INTL_ZH = (from: string) =>
      `${from}阿里云百炼国际站（新加坡）价格，以美元计（PROVENANCE.md §6(c)）；中国内地价格以人民币计且不同（见百炼中国站的价格行）`;
    const target = (
      id: string,
      source: string,
      as_of: string,
      dated: 'page' | 'retrieved',
      note: string,
      note_zh: string,
    ): TokenTarget => ({
      provider: 'alibaba',
      service: 'Model Studio (International)',
      scope: { locations: ['singapore'] },
      idPrefix: id,
      source,
      as_of,
      dated,
      note,
      note_zh,
    });
    const litellmTarget = (page: string) =>
      target(
        'alibaba-intl',
        SRC.litellm,
        LITELLM_AS_OF,
        'retrieved',
        `${INTL("litellm's hand-kept copy")}; litellm cites ${page}; as_of is the day the copy was made (2026-07-24)`,
        `${INTL_ZH('litellm 手工整理的')}；litellm 引用页面 ${page}；as_of 为复制数据的日期（2026年7月24日）`,
      );
    const mdTarget = (file: string) =>
      target(
        'alibaba-intl',
        mdUrl(file),
        '2026-06-27',
        'page',
        INTL("models.dev's hand-kept copy"),
        INTL_ZH('models.dev 手工整理的'),
      );
    const seen = new Set<string>();
    for (const [key, e] of entries.filter(([k]) => k.startsWith('dashscope/'))) {
      const model = key.slice('dashscope/'.length);
      seen.add(model);
      const p = litellmPricing(key, e);
      if ('skip' in p) {
        skip.add(`litellm: ${p.skip} (PROVENANCE.md §6(a))`);
        continue;
      }
      if (!isPriced(p)) {
        skip.add('litellm: entries priced 0');
        continue;
      }
      if (isOfficial(model)) {
        dropped.push(model);
        continue;
      }
      const page = cite(e) ?? 'no page';
      const other = md.get(model);
      const mp = other && !('skip' in other.pricing) ? other.pricing : null;
      const a = p.tiers[0] as { input: number; output: number };
      const b = mp?.tiers[0];
      if (!mp || !b || (b.input === a.input && b.output === a.output)) {
        if (mp && other) agreed.push(model);
        const t = litellmTarget(page);
        if (mp && other) {
          t.note += `; models.dev (alibaba, 2026-06-27) gives the same figures`;
          t.note_zh += '；models.dev（alibaba，2026年6月27日）的数字相同';
        }
        const r = tokenRows(t, model, p);
        if (mp && other) for (const x of r) x.also_sources = [mdUrl(other.file)];
        rows.push(...r);
        continue;
      }
      // The two copies disagree (PROVENANCE.md §6(e) warns they do). Neither is the vendor's page and PROVENANCE.md
      // names neither as closer to it, so the higher figures are shipped — a budget should not rest on the lower of
      // two unchecked copies — and the note names the other copy's figures and says to check the vendor page.
      disagreed.push(model);
      const mdHigher = b.input >= a.input && b.output >= a.output;
      const liHigher = a.input >= b.input && a.output >= b.output;
      if (!mdHigher && !liHigher)
        throw new Error(`dashscope/${model}: litellm and models.dev disagree both ways; decide by hand`);
      const why =
        'litellm and models.dev disagree on this model: the higher figures are used (neither copy is the vendor page ' +
        'and PROVENANCE.md names neither as closer to it; a budget should not rest on the lower unchecked figure)';
      const whyZh =
        'litellm 与 models.dev 对此模型的价格不一致：此处采用较高的价格（两者都不是厂商页面，PROVENANCE.md 也未指明哪一个更接近厂商页面；' +
        '预算不应建立在未经核实的较低价格上）';
      if (mdHigher && other) {
        const t = mdTarget(other.file);
        t.note += `; ${why}; litellm (2026-07-24, citing ${page}) lists input USD ${a.input}, output USD ${a.output} per million tokens: check the vendor page`;
        t.note_zh += `；${whyZh}；litellm（2026年7月24日，引用 ${page}）所列为每百万 token 输入 ${a.input} 美元、输出 ${a.output} 美元：请核对厂商页面`;
        const r = tokenRows(t, model, mp);
        for (const x of r) x.also_sources = [SRC.litellm];
        rows.push(...r);
      } else {
        const t = litellmTarget(page);
        t.note += `; ${why}; models.dev (2026-06-27) lists input USD ${b.input}, output USD ${b.output} per million tokens: check the vendor page`;
        t.note_zh += `；${whyZh}；models.dev（2026年6月27日）所列为每百万 token 输入 ${b.input} 美元、输出 ${b.output} 美元：请核对厂商页面`;
        const r = tokenRows(t, model, p);
        if (other) for (const x of r) x.also_sources = [mdUrl(other.file)];
        rows.push(...r);
      }
    }
    for (const [model, { file, pricing }] of md) {
      if (seen.has(model)) continue;
      if ('skip' in pricing) {
        skip.add(`models.dev: ${pricing.skip}`);
        continue;
      }
      if (!isPriced(pricing)) {
        skip.add('models.dev: models priced 0 (PROVENANCE.md §7(b))');
        continue;
      }
      if (isOfficial(model)) {
        dropped.push(model);
        continue;
      }
      rows.push(...tokenRows(mdTarget(file), model, pricing));
    }
    writePrices('shipped-alibaba-intl-models.json', rows, [
      ...skips(skip.list()),
      `dropped ${dropped.length} models that catalog/prices/alibaba.yaml prices from Alibaba's own page for Singapore (official row kept): ${[...new Set(dropped)].sort().join(', ')}`,
      `litellm and models.dev agree on ${agreed.length} models (litellm row shipped, models.dev in also_sources)`,
      `litellm and models.dev disagree on ${disagreed.length}: ${disagreed.join(', ')} (higher figures shipped; the note names the other copy's)`,
    ]);
  }

  // --- Not shipped: DeepSeek's own API ------------------------------------------------------------------------------
  if (!providerIds.has('deepseek'))
    summary.push(
      'not shipped: litellm deepseek/* (8) and models.dev deepseek (4) — DeepSeek is not a provider in catalog/providers.yaml',
    );
}

const idSafe = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]+/g, '-');

function shapeOf(
  provider: 'alibaba' | 'tencent' | 'aws',
  type: string,
  family: string,
  category: InstanceCategory,
  vcpu: number,
  memoryGiB: number,
  gpu: InstanceType['gpu'],
  arch: string,
): InstanceType {
  return {
    provider,
    type,
    family,
    category,
    vcpu,
    memoryGiB,
    gpu,
    arch: archOf(arch),
    source: '',
    as_of: '',
    dated: 'page',
    grade: 'official',
  };
}

main();
