/**
 * The catalogue cache also keeps which rows a fresher row replaces (src/domain/freshest.ts), so a start from the
 * cache does not work it out again: what it gives is what working it out gives, and a wrong list is not trusted.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFile, readProjectCached } from '../../src/catalog/cache.js';
import { readProject } from '../../src/catalog/load.js';
import { freshestPrices } from '../../src/domain/freshest.js';
import { REPO_ROOT, removeDir, tempDir } from '../helpers/project.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

describe('replaced rows in the catalogue cache', () => {
  it('a hit gives the rows working them out gives', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const fresh = readProject(REPO_ROOT).data;
    if (!fresh) throw new Error('the shipped catalogue does not load');
    const expected = freshestPrices(fresh.catalog.prices).map((p) => p.id);
    expect(expected.length).toBeLessThan(fresh.catalog.prices.length); // the shipped catalogue has replaced rows
    expect((await readProjectCached(REPO_ROOT, dataDir)).cache).toBe('rebuilt');
    const hit = await readProjectCached(REPO_ROOT, dataDir);
    expect(hit.cache).toBe('hit');
    expect(freshestPrices(hit.data?.catalog.prices ?? []).map((p) => p.id)).toEqual(expected);
  });

  it('a list naming rows that do not exist makes the cache untrusted, and it is rebuilt', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    await readProjectCached(REPO_ROOT, dataDir);
    const file = cacheFile(dataDir, REPO_ROOT);
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    const body = JSON.parse(text.slice(nl + 1));
    body.replaced = [1e9];
    const bodyText = JSON.stringify(body);
    const header = JSON.parse(text.slice(0, nl));
    header.body = createHash('sha1').update(bodyText).digest('hex');
    writeFileSync(file, `${JSON.stringify(header)}\n${bodyText}`);
    expect((await readProjectCached(REPO_ROOT, dataDir)).cache).toBe('rebuilt');
  });
});
