/**
 * Names are found in the lower-cased question when that is the same as matching them case-insensitively
 * (src/domain/parse/entities.ts, FOLD_UNSAFE): the mentions are exactly those the case-insensitive pattern finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/catalog/load.js';
import { EntityIndex } from '../../src/domain/parse/entities.js';
import { REPO_ROOT } from '../helpers/project.js';

describe('finding names without the case-insensitive pattern', () => {
  const data = readProject(REPO_ROOT).data;
  if (!data) throw new Error('the shipped catalogue does not load');
  const index = new EntityIndex(data.catalog);
  const names = [
    ...data.catalog.providers.flatMap((p) => [p.name, p.id, ...p.aliases, ...p.names_zh]),
    ...data.catalog.locations.flatMap((l) => [l.name, l.slug, ...l.aliases, ...l.names_zh]),
    ...data.catalog.providers.flatMap((p) => p.regions.map((r) => r.id)),
    'GPUs',
    'for 3 months',
    '4x',
    '，',
    '多少钱',
    'Tencnet',
  ];
  // A character FOLD_UNSAFE names, far from the rest, makes find() use the case-insensitive pattern.
  const viaPattern = (text: string) => index.find(`${text}    ſ`).filter((m) => m.end <= text.length);

  it('finds in any casing what the case-insensitive pattern finds', () => {
    const word = fc
      .tuple(fc.constantFrom(...names), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }))
      .map(([w, upper]) => [...w].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(' ', ', ', '-', '/', ''),
        (ws, sep) => {
          const text = ws.join(sep);
          expect(index.find(text)).toEqual(viaPattern(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('still matches case-insensitively where lower case is not enough', () => {
    // "ſ" (long s) folds to "s" but does not lower-case to it.
    expect(index.find('ſhanghai').map((m) => m.id)).toEqual(index.find('Shanghai').map((m) => m.id));
  });
});
