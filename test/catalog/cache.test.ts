/**
 * The checked-catalogue cache (src/catalog/cache.ts): a hit gives exactly what a full validation gives, and a
 * changed catalogue file, a changed or corrupt cache, or a bad catalogue file never gets a stale or wrong answer.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFile, readProjectCached } from '../../src/catalog/cache.js';
import { readProject } from '../../src/catalog/load.js';
import { priceTableText } from '../../src/catalog/price-table.js';
import type { Price } from '../../src/catalog/schema.js';
import { Engine } from '../../src/engine.js';
import { runCli } from '../helpers/cli.js';
import { copyProject, editYaml, REPO_ROOT, readYamlValue, removeDir, tempDir } from '../helpers/project.js';

const dirs: string[] = [];
const track = (d: string) => {
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

const QUESTIONS = [
  '4 A10 GPUs in Shanghai for 3 months',
  '2x T4 on AWS in Hong Kong',
  'compare alibaba and tencent for 8 vCPU 32 GB in Singapore',
  '杭州 2台 A10 推理 3个月',
];

/** A copy of the project with a machine-written price table added, so the cache holds both file formats. */
function projectWithTable(): string {
  const root = track(copyProject());
  const base = readProject(root).data?.catalog.prices[0] as Price;
  const rows = Array.from({ length: 50 }, (_, i) => ({
    ...base,
    id: `cache-test-${i}`,
    price: 1 + i / 100,
    note: i % 2 ? 'odd row' : undefined,
  }));
  writeFileSync(join(root, 'catalog', 'prices', 'zz-cache-test.json'), priceTableText(rows as Price[]));
  return root;
}

/** Rewrites the cache body and its checksum, as a cache that is well-formed but not what was written. */
function rewriteBody(file: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n')));
  header.body = createHash('sha1').update(body).digest('hex');
  writeFileSync(file, `${JSON.stringify(header)}\n${body}`);
}

describe('catalogue cache', () => {
  it('a hit gives the same project data, and the same answers, as a full validation', async () => {
    for (const root of [REPO_ROOT, projectWithTable()]) {
      const dataDir = track(tempDir());
      const fresh = readProject(root);
      expect(fresh.problems).toEqual([]);
      const first = await readProjectCached(root, dataDir);
      expect(first.cache).toBe('rebuilt');
      const hit = await readProjectCached(root, dataDir);
      expect(hit.cache).toBe('hit');
      expect(hit.data).toStrictEqual(fresh.data);
      const a = new Engine(fresh.data as NonNullable<typeof fresh.data>);
      const b = new Engine(hit.data as NonNullable<typeof hit.data>);
      for (const q of QUESTIONS)
        expect(b.text(b.ask(q, '2026-11-23').answer)).toBe(a.text(a.ask(q, '2026-11-23').answer));
    }
  });

  it('is rebuilt when a catalogue file changes, even to the same size at once', async () => {
    const root = track(copyProject());
    const dataDir = track(tempDir());
    await readProjectCached(root, dataDir);
    const file = 'catalog/prices/aws.yaml';
    const price = readYamlValue(root, file, ['prices', 0, 'price']) as number;
    // One digit changed: same size, same second. Only the content hash can tell.
    const text = readFileSync(join(root, file), 'utf8');
    const digits = String(price);
    const changed = digits.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
    writeFileSync(join(root, file), text.replace(`price: ${digits}`, `price: ${changed}`));
    const after = await readProjectCached(root, dataDir);
    expect(after.cache).toBe('rebuilt');
    expect(after.data).toStrictEqual(readProject(root).data);
    expect(after.data?.catalog.prices.find((p) => p.provider === 'aws')?.price).toBe(Number(changed));
    expect((await readProjectCached(root, dataDir)).cache).toBe('hit');
  });

  it('is rebuilt when a file is added or removed', async () => {
    const root = projectWithTable();
    const dataDir = track(tempDir());
    await readProjectCached(root, dataDir);
    rmSync(join(root, 'catalog', 'prices', 'zz-cache-test.json'));
    const removed = await readProjectCached(root, dataDir);
    expect(removed.cache).toBe('rebuilt');
    expect(removed.data?.catalog.prices.some((p) => p.id.startsWith('cache-test-'))).toBe(false);
    writeFileSync(join(root, 'intents', 'zz-notes.txt'), 'not an intent');
    expect((await readProjectCached(root, dataDir)).cache).toBe('rebuilt');
  });

  it('ignores and rebuilds a corrupt, truncated or wrongly shaped cache', async () => {
    const root = REPO_ROOT;
    const dataDir = track(tempDir());
    const fresh = readProject(root).data;
    await readProjectCached(root, dataDir);
    const file = cacheFile(dataDir, root);
    const good = readFileSync(file);
    const corruptions: [string, () => void][] = [
      ['empty', () => writeFileSync(file, '')],
      ['not JSON', () => writeFileSync(file, 'hello\nworld')],
      ['truncated', () => writeFileSync(file, good.subarray(0, Math.floor(good.length * 0.7)))],
      [
        'one byte changed',
        () => {
          const b = Buffer.from(good);
          const at = b.length - 100;
          b[at] = b[at] === 0x31 ? 0x32 : 0x31;
          writeFileSync(file, b);
        },
      ],
      ['a header of another format', () => writeFileSync(file, `{"format":"other"}\n{}`)],
      [
        'a body of the wrong shape',
        () => rewriteBody(file, JSON.stringify({ catalog: { prices: { packed: { groups: 'x' } } }, rest: {} })),
      ],
      [
        'rows that do not fit their group',
        () => {
          const text = good.toString('utf8');
          const body = JSON.parse(text.slice(text.indexOf('\n') + 1));
          body.catalog.prices.packed.order.push(0);
          rewriteBody(file, JSON.stringify(body));
        },
      ],
      [
        'cue needs of the wrong shape',
        () => {
          const text = good.toString('utf8');
          const body = JSON.parse(text.slice(text.indexOf('\n') + 1));
          body.rest.cueNeeds = { cheapest: 'cheapest' };
          rewriteBody(file, JSON.stringify(body));
        },
      ],
      ['missing', () => rmSync(file)],
    ];
    for (const [what, corrupt] of corruptions) {
      corrupt();
      const r = await readProjectCached(root, dataDir);
      expect(r.cache, what).toBe('rebuilt');
      expect(r.data, what).toStrictEqual(fresh);
      expect((await readProjectCached(root, dataDir)).cache, what).toBe('hit');
    }
  });

  it('still refuses a bad catalogue file when a cache of the good one is present', async () => {
    const root = track(copyProject());
    const dataDir = track(tempDir());
    expect((await readProjectCached(root, dataDir)).cache).toBe('rebuilt');
    editYaml(root, 'catalog/prices/aws.yaml', (doc) => doc.setIn(['prices', 0, 'price'], -5));
    const bad = await readProjectCached(root, dataDir);
    expect(bad.cache).toBe('invalid');
    expect(bad.data).toBeNull();
    expect(bad.problems).toEqual(readProject(root).problems);
    expect(bad.problems.length).toBeGreaterThan(0);
    // The CLI says so in one sentence and exits 1, as without a cache.
    const prev = process.env.PROCURE_DATA_DIR;
    process.env.PROCURE_DATA_DIR = dataDir;
    try {
      const r = await runCli(['ask', '--no-record', '2x T4 on AWS in Hong Kong'], { root });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^The project data has a problem: catalog\/prices\/aws\.yaml: prices\[0\]/);
      expect(r.out).toBe('');
    } finally {
      process.env.PROCURE_DATA_DIR = prev;
    }
  });

  it('works without a writable data directory (validates each time)', async () => {
    const dataDir = track(tempDir());
    const blocked = join(dataDir, 'file-not-dir');
    writeFileSync(blocked, '');
    const a = await readProjectCached(REPO_ROOT, blocked);
    const b = await readProjectCached(REPO_ROOT, blocked);
    expect(a.data).toStrictEqual(readProject(REPO_ROOT).data);
    expect(b.cache).toBe('rebuilt');
    if (process.getuid?.() !== 0) {
      const ro = track(tempDir());
      chmodSync(ro, 0o500);
      expect((await readProjectCached(REPO_ROOT, ro)).data).not.toBeNull();
      chmodSync(ro, 0o700);
    }
    expect(existsSync(cacheFile(blocked, REPO_ROOT))).toBe(false);
  });
});
