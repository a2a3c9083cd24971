/**
 * The shipped words (templates/<lang>/*.yaml) for the command line's own sentences — help, usage, errors — kept parsed
 * in the data directory while the files are unchanged, so `procure help` and an error do not parse every YAML file
 * each run. The key is each file's name, size and modification time; a file modified within RACY_MS of the cache
 * being written is not trusted to the clock (no cache is written), as with the catalogue cache. Never throws: a
 * missing, stale or corrupt cache means the files are read as before.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shippedMessages } from '../catalog/shipped-messages.js';
import type { Messages } from '../domain/say.js';
import { defaultRoot } from '../root.js';
import { readCheckedFile, writeCheckedFile } from '../store/checked-file.js';

const FORMAT = 'procure-messages-cache/1';
const RACY_MS = 2_000;

interface Header {
  format: string;
  files: string;
}

/** name:size:mtime of every template file, in a stable order. */
export function filesKey(root: string): { key: string; newest: number } {
  let newest = 0;
  const parts: string[] = [];
  for (const lang of ['en', 'zh']) {
    const dir = join(root, 'templates', lang);
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.yaml')) continue;
      const st = statSync(join(dir, f));
      newest = Math.max(newest, st.mtimeMs);
      parts.push(`${lang}/${f}:${st.size}:${st.mtimeMs}`);
    }
  }
  return { key: parts.join('|'), newest };
}

export function cachedShippedMessages(dataDir: string): Messages {
  try {
    const root = defaultRoot();
    const digest = createHash('sha1').update(resolve(root)).digest('hex').slice(0, 12);
    const file = join(dataDir, `messages-cache-${digest}.json`);
    const { key, newest } = filesKey(root);
    const hit = readCheckedFile<Header>(file, (h) => h.format === FORMAT && h.files === key);
    if (hit) return JSON.parse(hit.body.toString('utf8')) as Messages;
    const messages = shippedMessages();
    if (Date.now() - newest > RACY_MS) {
      try {
        writeCheckedFile(file, { format: FORMAT, files: key }, JSON.stringify(messages));
      } catch {
        // A read-only data directory: the words were read, only not kept.
      }
    }
    return messages;
  } catch {
    return shippedMessages();
  }
}
