/** Price change tracking: what changed, by how much, and when it was noticed. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeChange, diffSnapshots, snapshotOf, trackChanges } from '../../src/app/changes.js';
import { loadProject } from '../../src/catalog/load.js';
import { FileStore } from '../../src/store/file-store.js';
import { copyProject, editText, removeDir, tempDir } from '../helpers/project.js';

let root: string;
let dir: string;
let store: FileStore;

beforeEach(async () => {
  root = copyProject();
  dir = tempDir('procure-changes-');
  store = await FileStore.open(dir, { writer: false });
});
afterEach(async () => {
  await store.close();
  removeDir(root);
  removeDir(dir);
});

describe('price change tracking', () => {
  it('takes a snapshot the first time and records nothing', async () => {
    expect(await trackChanges(store, loadProject(root).catalog)).toEqual([]);
    expect(await store.priceSnapshot()).not.toBeNull();
    expect(await store.priceChanges()).toEqual([]);
  });

  it('records a repriced row with old and new price, once', async () => {
    await trackChanges(store, loadProject(root).catalog, new Date('2026-11-20T00:00:00Z'));
    editText(root, 'catalog/prices/aws.yaml', (t) => t.replace('price: 0.81\n', 'price: 0.9\n'));
    const changes = await trackChanges(store, loadProject(root).catalog, new Date('2026-11-23T10:00:00Z'));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'changed',
      old: 0.81,
      new: 0.9,
      currency: 'USD',
      at: '2026-11-23T10:00:00.000Z',
    });
    expect(describeChange(changes[0] as (typeof changes)[number])).toMatch(
      /USD 0\.81 → USD 0\.9 per instance-hour \(\+11\.1%\)/,
    );
    expect(await trackChanges(store, loadProject(root).catalog)).toEqual([]);
    expect(await store.priceChanges({ from: new Date('2026-11-23T00:00:00Z') })).toHaveLength(1);
  });

  it('reports added and removed rows', () => {
    const before = snapshotOf(loadProject(root).catalog);
    const after = { ...before };
    const [first] = Object.keys(after);
    if (first) delete after[first];
    after['new-row'] = {
      provider: 'aws',
      price: 1,
      currency: 'USD',
      unit: 'gb',
      asOf: '2026-11-23',
      source: 'quote:X',
    };
    const kinds = diffSnapshots(before, after, '2026-11-23T00:00:00Z')
      .map((c) => c.kind)
      .sort();
    expect(kinds).toEqual(['added', 'removed']);
  });
});
