/**
 * The look-ups by instance-type name (src/domain/catalog-index.ts), indexed per provider and kind on first use, give
 * exactly what a scan of the whole shipped catalogue gives: the same rows in catalogue order, and the providers of a
 * name in the order of their first row (an estimate takes the first one's shape for a type another provider sells).
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/catalog/load.js';
import type { Price } from '../../src/catalog/schema.js';
import { CatalogIndex } from '../../src/domain/catalog-index.js';
import { freshestPrices } from '../../src/domain/freshest.js';

const catalog = loadProject().catalog;
const rows = freshestPrices(catalog.prices);

/** Every name, and a few spelt in another case, with the rows of each provider for it, from one scan. */
function scanned() {
  const byName = new Map<string, Price[]>();
  for (const p of rows) {
    if (!p.sku) continue;
    const k = p.sku.toLowerCase();
    byName.set(k, [...(byName.get(k) ?? []), p]);
  }
  return byName;
}

describe('catalogue index: rows by instance-type name', () => {
  const byName = scanned();
  const names = [...byName.keys()];
  // Every 7th name keeps the test quick while covering every provider and kind; plus names in another case.
  const sample = [...names.filter((_, i) => i % 7 === 0), 'G5.2XLARGE', 'Ecs.Gn7i-C8g1.2xlarge', 'no-such.type'];

  it('gives a provider’s rows of a name, of any kind or of one kind, in catalogue order', () => {
    const index = new CatalogIndex(catalog);
    for (const name of sample) {
      const all = byName.get(name.toLowerCase()) ?? [];
      for (const provider of new Set(rows.map((p) => p.provider))) {
        const own = all.filter((p) => p.provider === provider);
        expect(index.skuRows(provider, name)).toEqual(own);
        for (const kind of ['compute', 'gpu-instance', 'storage'] as const)
          expect(index.skuRows(provider, name, kind)).toEqual(own.filter((p) => p.kind === kind));
      }
    }
  });

  it('names the providers of a name in the order of their first row', () => {
    const index = new CatalogIndex(catalog);
    for (const name of sample) {
      const expected = [...new Set((byName.get(name.toLowerCase()) ?? []).map((p) => p.provider))];
      expect(index.providersOfSku(name)).toEqual(expected);
    }
  });
});

describe('catalogue index: rows by provider, kind and place', () => {
  it('gives the rows of a place (its location, then its jurisdiction, then anywhere) in catalogue order', () => {
    const index = new CatalogIndex(catalog);
    const kinds = [...new Set(rows.map((p) => p.kind))];
    for (const provider of catalog.providers)
      for (const kind of kinds)
        for (const loc of catalog.locations) {
          const mine = rows.filter((p) => p.provider === provider.id && p.kind === kind);
          const wide = loc.jurisdiction === 'mainland' ? 'mainland' : 'outside-mainland';
          const expected = [
            ...mine.filter((p) => p.scope.locations?.includes(loc.slug)),
            ...mine.filter((p) => !p.scope.locations && p.scope.jurisdiction === wide),
            ...mine.filter(
              (p) =>
                !p.scope.locations &&
                p.scope.jurisdiction !== 'mainland' &&
                p.scope.jurisdiction !== 'outside-mainland',
            ),
          ];
          expect(index.pricesFor(provider.id, kind, loc.slug, loc.jurisdiction)).toEqual(expected);
        }
  });
});
