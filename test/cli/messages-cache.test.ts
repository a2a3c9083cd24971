/** The command line's words kept parsed in the data directory: used while the template files are unchanged, never when stale or corrupt. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { shippedMessages } from '../../src/catalog/shipped-messages.js';
import { cachedShippedMessages, filesKey } from '../../src/cli/messages-cache.js';
import { defaultRoot } from '../../src/root.js';
import { writeCheckedFile } from '../../src/store/checked-file.js';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'procure-messages-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const cacheIn = (dir: string) => join(dir, readdirSync(dir).find((f) => f.startsWith('messages-cache-')) ?? 'none');

it('keeps the words it read, and gives the same words from the cache', () => {
  const dir = fresh();
  const first = cachedShippedMessages(dir);
  expect(first).toEqual(shippedMessages());
  expect(readFileSync(cacheIn(dir), 'utf8')).toContain('procure-messages-cache/1');
  expect(cachedShippedMessages(dir)).toEqual(first);
});

it('ignores a cache made for other template files, and one whose body was altered', () => {
  const dir = fresh();
  cachedShippedMessages(dir);
  const file = cacheIn(dir);
  const stale = { en: { 'cli.usage': 'STALE' }, zh: {} };
  writeCheckedFile(file, { format: 'procure-messages-cache/1', files: 'other files' }, JSON.stringify(stale));
  expect(cachedShippedMessages(dir)).toEqual(shippedMessages());
  const { key } = filesKey(defaultRoot());
  writeCheckedFile(file, { format: 'procure-messages-cache/1', files: key }, JSON.stringify(stale));
  writeFileSync(file, readFileSync(file, 'utf8').replace('STALE', 'ALTERED'));
  expect(cachedShippedMessages(dir)).toEqual(shippedMessages());
});
