/**
 * What an instance type's name says, per provider's naming scheme: its family, its coarse category, and how an
 * upstream accelerator name maps onto the catalogue's GPU models. Shared by the importers and the shipped-catalogue
 * generator (scripts/build-shipped-catalog.ts), so a type is described the same way whichever file it came from.
 */
import type { Gpu, InstanceArch, InstanceCategory, ProviderSlug } from '../schema.js';

/**
 * The family of a type: "ecs.g7" for ecs.g7.large and ecs.gn7i for ecs.gn7i-c8g1.2xlarge (Alibaba: "ecs." and the
 * second part up to its first dash), "g5" for g5.2xlarge (AWS: before the dot), "SA2" for SA2.MEDIUM4 (Tencent).
 */
export function familyOf(provider: ProviderSlug | string, type: string): string {
  const parts = type.split('.');
  if (provider === 'alibaba' && parts[0] === 'ecs' && parts[1]) return `ecs.${parts[1].split('-')[0]}`;
  return parts[0] ?? type;
}

/**
 * Alibaba ECS families by their name's letters (Alibaba's instance-family pages group them the same way):
 * g general, c compute, r/re/se memory, hfg/hfc/hfr high-frequency general/compute/memory, ebm* the bare-metal
 * kind of each, d/i big-data and local-SSD storage, gn/vgn/sgn/ga/gi/gp/f/av accelerators (GPU, vGPU, FPGA,
 * NPU, video), t5/t6 burstable. Generation-1 and shared families (c1, c2, m1, m2, n1, n2, n4, mn4, s2, s3, t1,
 * e3, e4, the economy "e" and "u0") are "other": their letters do not mean what the current ones do.
 */
const ALIBABA_OTHER = new Set([
  'c1',
  'c2',
  'm1',
  'm2',
  'n1',
  'n2',
  'n4',
  'mn4',
  's2',
  's3',
  't1',
  'e3',
  'e4',
  'e',
  'u0',
]);

function alibabaCategory(family: string): InstanceCategory {
  const f = family.replace(/^ecs\./, '');
  if (ALIBABA_OTHER.has(f)) return 'other';
  if (/^(ebm|sc)?(gn|vgn|sgn|ga\d|gi\d|gp\d|f\d|av\d)/.test(f)) return 'gpu';
  if (/^t\d/.test(f)) return 'burstable';
  if (/^(ebm)?(hf)?g\d/.test(f) || /^sn2/.test(f) || /^u1$/.test(f)) return 'general';
  if (/^(ebm)?(hf)?c\d/.test(f) || /^sn1/.test(f) || /^hpc/.test(f) || /^ic\d/.test(f)) return 'compute';
  if (/^(ebm)?(hf)?r\d/.test(f) || /^(ebm)?re\d/.test(f) || /^se\d/.test(f) || /^ebmhfr/.test(f)) return 'memory';
  if (/^(d|i)\d/.test(f)) return 'storage';
  return 'other';
}

/**
 * AWS families by the first letters of the name (AWS's instance-type naming): t burstable, m/a general,
 * c/hpc compute, r/x/u/z memory, i/d/h/im/is storage, g/gr/p/inf/trn/dl/f/vt accelerated, mac other.
 */
function awsCategory(family: string): InstanceCategory {
  if (/^mac/.test(family)) return 'other';
  if (/^(p\d|g\d|gr\d|inf\d|trn\d|dl\d|f\d|vt\d)/.test(family)) return 'gpu';
  if (/^t\d/.test(family)) return 'burstable';
  if (/^(m\d|a\d)/.test(family)) return 'general';
  if (/^(c\d|hpc)/.test(family)) return 'compute';
  if (/^(r\d|x\d|u-|u\d|z\d)/.test(family)) return 'memory';
  if (/^(i\d|d\d|h\d|im\d|is\d)/.test(family)) return 'storage';
  return 'other';
}

/**
 * Tencent CVM families (Tencent's instance-type pages): S/SA/SN standard, C/CN compute, M memory, I/IT high-I/O,
 * D big data, GN/GI/GT/PNV/GNV/PTX GPU and other accelerators.
 */
function tencentCategory(family: string): InstanceCategory {
  const f = family.toUpperCase();
  if (/^(GN|GI|GT|PNV|GNV|PTX|VC|VI)/.test(f)) return 'gpu';
  if (/^(S|SA|SN|SR)\d/.test(f)) return 'general';
  if (/^(C|CN|CA)\d/.test(f)) return 'compute';
  if (/^(M|MA)\d/.test(f)) return 'memory';
  if (/^(I|IT|D)\d/.test(f)) return 'storage';
  return 'other';
}

export function categoryOf(provider: ProviderSlug | string, family: string): InstanceCategory {
  if (provider === 'alibaba') return alibabaCategory(family);
  if (provider === 'aws') return awsCategory(family);
  if (provider === 'tencent') return tencentCategory(family);
  return 'other';
}

/** An upstream architecture word ("X86", "amd64", "arm64_mac", "ARM") as the catalogue spells it; null if unknown. */
export function archOf(text: string | undefined): InstanceArch | null {
  const a = (text ?? '').trim().toLowerCase();
  if (/^(x86|x86_64|amd64)/.test(a)) return 'x86_64';
  if (/^(arm|arm64|aarch64)/.test(a)) return 'arm64';
  return null;
}

/** A whole accelerator ({model, count}), a fractional slice of one, or none. */
export type GpuReading = { model: string; count: number } | 'slice' | null;

/**
 * An upstream accelerator name and count as a catalogue GPU: "A100-80GB" and "A100 80G" are an A100, "NVIDIA A10"
 * an A10; a name found among gpus.yaml's models or aliases takes that model; others are upper-cased with dashes
 * ("Radeon Pro V520" → "RADEON-PRO-V520"). A fractional count (0.25) or a fraction in the name ("T4/8",
 * "A10*1/12") is a vGPU slice, not a GPU.
 */
export function gpuOf(name: string | undefined, count: number, gpus: readonly Gpu[] = []): GpuReading {
  const raw = (name ?? '').trim();
  if (!raw) return null;
  if (!Number.isFinite(count) || count <= 0) return null;
  if (!Number.isInteger(count) || /\/\d/.test(raw) || /\*\s*1\s*\//.test(raw)) return 'slice';
  const base = raw
    .replace(/\*\s*1$/, '') // "A10*1": one whole card
    .replace(/^(nvidia\s+)?(tesla\s+)?/i, '')
    .replace(/[\s-]+\d+\s*GB?$/i, '') // memory suffix: "A100-80GB", "A100 80G", "V100-32GB"
    .trim();
  const wanted = base.toLowerCase();
  for (const g of gpus)
    if (g.model.toLowerCase() === wanted || g.aliases.some((a) => a.toLowerCase() === wanted))
      return { model: g.model, count };
  const model = base
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return model ? { model, count } : null;
}
