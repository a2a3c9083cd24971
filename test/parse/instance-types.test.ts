/** Instance-type names: the catalogue first, then each provider's naming scheme from intents/lexicon.yaml. */
import { describe, expect, it } from 'vitest';
import { InstanceTypeIndex } from '../../src/domain/parse/instance-types.js';
import { loadEngine } from '../../src/engine.js';

const engine = await loadEngine();
const { catalog, lexicon } = engine.data;
const index = new InstanceTypeIndex(catalog, lexicon);

describe('instance-type naming schemes', () => {
  for (const scheme of lexicon.instance_types)
    it.each(scheme.examples)(`${scheme.provider}: %s`, (example) => {
      const hit = index.lookup(example);
      expect(hit?.providers).toEqual([scheme.provider]);
      expect(hit?.type).toBe(scheme.case === 'upper' ? example.toUpperCase() : example.toLowerCase());
    });

  it.each([
    'ap-east-1',
    'cn-hangzhou',
    'ap-southeast-1',
    '4c16g',
    'qwen-plus',
    'deepseek-v3',
    'A100-80G',
    'qwen2.5-72b',
  ])('%s is not an instance type', (token) => {
    expect(index.lookup(token)).toBeNull();
  });

  it('a type with a priced SKU gives its shape from the catalogue', () => {
    const priced = catalog.prices.find((p) => p.sku === 'g4dn.xlarge');
    expect(priced).toBeDefined();
    expect(index.lookup('G4DN.XLARGE')).toMatchObject({
      type: 'g4dn.xlarge',
      providers: ['aws'],
      shape: { vcpu: priced?.vcpu ?? null, gpu: priced?.gpu ?? null },
    });
  });

  it('the provider named in the question settles an Alibaba/Volcano Engine look-alike', () => {
    expect(index.lookup('ecs.g7.large')?.providers).toEqual(['alibaba']);
    expect(index.lookup('ecs.g3i.large')?.providers).toEqual(['volcengine']);
    // A type the naming scheme alone cannot place goes to the provider the question names…
    expect(index.lookup('ecs.zz9.large')?.providers).toEqual(['alibaba']);
    expect(index.lookup('ecs.zz9.large', new Set(['volcengine']))?.providers).toEqual(['volcengine']);
    // …but a type the catalogue lists stays its provider's.
    if (catalog.instanceTypes.some((t) => t.type === 'ecs.g7.large' && t.provider === 'alibaba'))
      expect(index.lookup('ecs.g7.large', new Set(['volcengine']))?.providers).toEqual(['alibaba']);
  });

  it('long single tokens are scanned once (no backtracking blow-up)', { timeout: 30_000 }, () => {
    for (const token of ['a'.repeat(4000), `ecs.${'g'.repeat(4000)}`, 'a.'.repeat(2000), 'a-1'.repeat(1300)]) {
      expect(index.find(token)).toEqual([]);
      expect(engine.domain.parse(token).request.workload.instanceType).toBeNull();
    }
  });
});
