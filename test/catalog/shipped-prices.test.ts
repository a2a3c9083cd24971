/**
 * The shipped price tables (catalog/prices/shipped-*.json, from scripts/build-shipped-catalog.ts): enough rows per
 * provider for the questions the issue names, every row sourced at an upstream commit and dated, and the rows the
 * provenance names as wrong or unreliable left out.
 */
import { describe, expect, it } from 'vitest';
import { coverage } from '../../src/app/coverage.js';
import { loadProject } from '../../src/catalog/load.js';
import type { Price } from '../../src/catalog/schema.js';
import { REPO_ROOT } from '../helpers/project.js';

const { catalog } = loadProject(REPO_ROOT);
const shipped = catalog.prices.filter((p) =>
  /^(alibaba-ecs|alibaba-sugar|tencent-cvm|tencent-sugar|aws-sky|aws-cn-north-1)-/.test(p.id),
);
const bySource = (part: string) => shipped.filter((p) => p.source.includes(part));

describe('the shipped prices', () => {
  it('cover Alibaba, Tencent and AWS compute and GPUs at least as far as the issue asks', () => {
    const c = Object.fromEntries(coverage(catalog).map((r) => [r.provider, r.counts]));
    expect(c.alibaba?.compute).toBeGreaterThanOrEqual(1000);
    expect(c.alibaba?.gpu).toBeGreaterThanOrEqual(100);
    expect(c.tencent?.compute).toBeGreaterThanOrEqual(100);
    expect(c.tencent?.gpu).toBeGreaterThanOrEqual(50);
    expect(c.aws?.compute).toBeGreaterThanOrEqual(100);
    expect(c.aws?.gpu).toBeGreaterThanOrEqual(100);
  });

  it('cite the upstream file at a commit, with an as-of date, a grade and the region', () => {
    expect(shipped.length).toBeGreaterThan(8000);
    for (const p of shipped) {
      expect(p.source, p.id).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
      expect(p.as_of, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['official', 'second-hand'], p.id).toContain(p.grade);
      expect(p.region, p.id).toBeTruthy();
      expect(p.unit, p.id).toBe('instance-hour');
      if (p.kind === 'gpu-instance') expect(Number.isInteger(p.gpu?.count), p.id).toBe(true);
    }
    // Official: the providers' own documents and repositories; second-hand: copies.
    for (const p of bySource('tencentyun/intlcloud-documents')) expect(p.grade).toBe('official');
    for (const p of bySource('aws/karpenter-provider-aws')) expect(p.grade).toBe('official');
    for (const part of ['cloudpilot-ai/priceserver', 'sugarlxn/skypilot-catalog', 'skypilot-org/skypilot-catalog'])
      for (const p of bySource(part)) expect(p.grade).toBe('second-hand');
  });

  it('leave out the rows the provenance names as wrong, and unreliable spot prices', () => {
    const sugar = bySource('sugarlxn/skypilot-catalog/blob/b3e23ad8');
    expect(sugar.some((p) => p.sku === 'ecs.gn5i-c12g1.6xlarge' && p.price < 0.02)).toBe(false);
    // Spot against the same file's pay-as-you-go row (where the list price replaced it, the comparison was made
    // by the generator before the drop).
    const payg = new Map<string, Price>();
    for (const p of shipped) if (p.billing === 'payg') payg.set(p.id, p);
    let compared = 0;
    for (const spot of shipped.filter((p) => p.billing === 'spot')) {
      const od = payg.get(spot.id.replace(/-spot$/, ''));
      expect(spot.note, spot.id).toMatch(/spot at fetch time/);
      if (!od) continue;
      compared++;
      expect(spot.price, spot.id).toBeLessThan(od.price);
      if (spot.provider === 'alibaba') expect(spot.price, spot.id).toBeLessThanOrEqual(0.85 * od.price);
      if (spot.provider === 'aws') expect(Math.abs(spot.price / od.price - 0.1), spot.id).toBeGreaterThan(0.0005);
    }
    expect(compared).toBeGreaterThan(500);
    // No zero prices (the priceserver file has twelve: they mean "no price").
    expect(shipped.filter((p) => p.price <= 0)).toEqual([]);
  });

  it('keep the list price where an account-discounted copy prices the same type, region and billing', () => {
    const list = new Set(
      bySource('cloudpilot-ai/priceserver')
        .concat(bySource('tencentyun/intlcloud-documents'))
        .map((p) => `${p.provider} ${p.region} ${p.sku} ${p.billing}`),
    );
    for (const p of bySource('sugarlxn/skypilot-catalog'))
      expect(list.has(`${p.provider} ${p.region} ${p.sku} ${p.billing}`), p.id).toBe(false);
  });

  it('never call a vGPU slice a GPU', () => {
    const type = (name: string) => catalog.instanceTypes.find((t) => t.type === name);
    for (const slice of [
      'ecs.sgn7i-vws-m2.xlarge', // A10*1/12
      'ecs.sgn6i-vws-m2.xlarge', // T4/8
      'ecs.vgn7i-vws-m4.xlarge', // A10*1/6
      'ecs.sgn8ia-m2.xlarge', // v8-2G
      'ecs.sgn8ga-wy-8g-m2.xlarge', // RTX 5880 2GB
      'GN7.LARGE20', // 1/4 vGPU of a T4
      'g6f.large', // 0.125 of an L4
    ]) {
      expect(type(slice), slice).toBeDefined();
      expect(type(slice)?.gpu, slice).toBeNull();
      expect(
        shipped.some((p) => p.sku === slice),
        slice,
      ).toBe(false);
    }
    // Whole cards sold as vGPU instances stay GPUs.
    expect(type('ecs.vgn7i-vws-m24.7xlarge')?.gpu).toEqual({ model: 'A10', count: 1 });
    expect(type('ecs.sgn8ga-wy-128g-x1.16xlarge')?.gpu).toEqual({ model: 'RTX-5880', count: 1 });
  });
});
