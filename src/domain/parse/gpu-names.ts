/** The catalogue's GPU models and their aliases, as one pattern ("8xA100", "H100 SXM", "A100-SXM4-80G", "nvidia t4"). */
import type { Catalog } from '../../catalog/load.js';

/** Memory sizes GPUs are sold with ("A100 80GB", "H20 96G"): read as part of the card, not as a size. */
const GPU_MEMORIES = '16|20|24|32|40|48|64|80|94|96|141|192';
const NOT_GPU_MEMORY = 'storage|disk|ssd|egress|traffic|ram|memory|mem\\b|内存|存储|硬盘|流量|云盘';

export class GpuNames {
  /** Every GPU name (global): group 1 the name said, group 2 a memory size said with it. */
  readonly re: RegExp;
  /** The GPU pattern anchored at the start of a string: "is a GPU named here?". */
  readonly start: RegExp;
  private readonly byName = new Map<string, string>();

  constructor(catalog: Catalog) {
    const names: string[] = [];
    for (const g of catalog.gpus) {
      for (const n of [g.model, ...g.aliases]) {
        this.byName.set(n.toLowerCase().replace(/[\s-]+/g, ''), g.model);
        names.push(n);
      }
    }
    const alts = names
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]?'));
    // "A100 80GB", "H100 SXM", "A100-SXM4-80G": the form factor and memory of the card belong to the model, not to the size.
    // "8xA100", "H100x8": an x and a count may touch the name.
    const form = '(?:[\\s-]*(?:sxm\\d?|pcie|nvl|hgx))?';
    const mem = `(?:[\\s-]*(${GPU_MEMORIES})\\s*g(?:b|ib)?(?![A-Za-z0-9])(?!\\s*(?:of\\s+)?(?:${NOT_GPU_MEMORY})))?`;
    this.re = new RegExp(
      `(?<![0-9a-wyz])(?<!(?<![0-9])x)(?:nvidia\\s+|tesla\\s+|geforce\\s+)?(${alts.join('|')})${form}${mem}${form}(?:s|'s)?(?!(?!x\\d)[A-Za-z0-9])`,
      'giu',
    );
    this.start = new RegExp(`^${this.re.source}`, 'iu');
  }

  /** The catalogue's model for a name as said ("a10g" → "A10G", "4090" → "RTX4090"). */
  model(said: string): string {
    return this.byName.get(said.toLowerCase().replace(/[\s-]+/g, '')) ?? said.toUpperCase();
  }
}
