/**
 * The checked project data, remembered between runs: start-up reads one cache file instead of parsing and
 * validating every catalogue file again, so it does not grow with the catalogue's validation cost.
 *
 * - Kept in the data directory (PROCURE_DATA_DIR), one file per project root: `catalog-cache-<root digest>.json`.
 * - Keyed by every file under catalog/, intents/ and templates/ (path, size, modification and change times, and
 *   the SHA-1 of its content) and by the code that validates them (this file, the loader and the schemas; in dist/,
 *   the build's stamp), so a changed, added or removed file, or a new version of procure, rebuilds it. A file's times are trusted only when
 *   they are older than the validation by more than a file system's time granularity; otherwise (and whenever size
 *   or times differ) its content is hashed and compared.
 * - Never trusted blindly: a checksum over its body, a version and a shape check; an unreadable, truncated,
 *   corrupt or wrongly shaped cache is ignored and rebuilt. Written to a temporary file and renamed into place.
 * - Only a project that validated without a problem is cached; `procure catalog lint` never uses the cache.
 *
 * This module loads only Node built-ins: on a cache hit the YAML parser and the schemas are never loaded.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { freshestPrices, rememberFreshest } from '../domain/freshest.js';
import { readCheckedFile, writeCheckedFile } from '../store/checked-file.js';
import type { LoadResult, ProjectData } from './load.js';
import type { Price } from './schema.js';

/** Bumped when the cache's own layout changes. */
const CACHE_FORMAT = 'procure-catalog-cache/3';
/** Times within this of the validation are not trusted (coarse file system clocks): the content is hashed. */
const RACY_MS = 2_000;
/** The input directories of readProject. */
const INPUT_DIRS = ['catalog', 'intents', 'templates'];
/** The modules whose code decides what a validated project is, relative to this file (extension added). */
const CODE = [
  './cache',
  './load',
  './schema',
  './price-table',
  '../intents/schema',
  '../domain/request',
  '../domain/rules',
  '../domain/say',
  '../domain/freshest',
  '../domain/parse/intent-model',
  '../domain/parse/literal-gate',
  '../domain/parse/traditional',
];

interface FileKey {
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  sha1: string;
}

interface Header {
  format: string;
  code: string;
  root: string;
  validatedAt: number;
  files: FileKey[];
  /** SHA-1 of the body (everything after the header line). */
  body: string;
}

/**
 * A list of objects, packed by shape and column. Objects with the same keys (in the same order) form a group; each
 * group keeps its values column by column, and a column whose values repeat (providers, units, sources, dates…)
 * keeps each distinct value once in `dict` and an index per object in `idx`. `order` gives each object's group,
 * in list order. A catalogue of 100,000 rows repeats most values, so this parses many times faster than the
 * objects themselves, and equal values are shared.
 */
interface Packed {
  groups: { keys: string[]; n: number; cols: Column[] }[];
  order: number[];
}

type Column = { values: unknown[] } | { dict: unknown[]; idx: number[] };

export type CacheOutcome = 'hit' | 'rebuilt' | 'invalid';

export interface CachedLoad extends LoadResult {
  /** hit: read from the cache; rebuilt: validated and written; invalid: validated, had problems, nothing written. */
  cache: CacheOutcome;
}

export function cacheFile(dataDir: string, root: string): string {
  const digest = createHash('sha1').update(resolve(root)).digest('hex').slice(0, 12);
  return join(dataDir, `catalog-cache-${digest}.json`);
}

/**
 * The project under `root`, from the cache in `dataDir` when it matches the files, else validated in full (and
 * cached when it has no problem). Never throws for bad data or a bad cache.
 */
export async function readProjectCached(root: string, dataDir: string): Promise<CachedLoad> {
  const file = cacheFile(dataDir, root);
  const code = codeDigest();
  const hit = readCache(file, root, code);
  // Warnings (rules and intents without Chinese text) are for `catalog lint`, which never reads the cache.
  if (hit) return { data: hit, problems: [], warnings: [], cache: 'hit' };
  // The files' keys are taken before they are read: a file changed meanwhile no longer matches its key.
  const validatedAt = Date.now();
  let files: FileKey[] | null;
  try {
    files = inputFiles(root).map((p) => keyOf(root, p));
  } catch {
    files = null;
  }
  const { readProject } = await import('./load.js');
  const result = readProject(root);
  if (!result.data) return { ...result, cache: 'invalid' };
  if (files) writeCache(file, root, code, validatedAt, files, result.data);
  return { ...result, cache: 'rebuilt' };
}

// ---------------------------------------------------------------------------------------------------------------
// Keys.

let codeDigestMemo: string | undefined;
function codeDigest(): string {
  if (codeDigestMemo) return codeDigestMemo;
  const ext = extname(new URL(import.meta.url).pathname) || '.js';
  const h = createHash('sha1').update(CACHE_FORMAT);
  // Built (dist/): the build's own stamp names the code (scripts/build.mjs writes it at every build). This module is
  // dist/catalog/cache.js when compiled, or part of a chunk in dist/ itself when bundled (scripts/bundle.mjs).
  if (ext === '.js')
    for (const stamp of ['./.build.json', '../.build.json']) {
      try {
        codeDigestMemo = h.update(readFileSync(new URL(stamp, import.meta.url))).digest('hex');
        return codeDigestMemo;
      } catch {
        // Not here; without a stamp, the modules themselves are hashed, as for the sources.
      }
    }
  for (const m of CODE) {
    try {
      h.update(readFileSync(new URL(`${m}${ext}`, import.meta.url)));
    } catch {
      h.update(`missing ${m}`);
    }
  }
  codeDigestMemo = h.digest('hex');
  return codeDigestMemo;
}

/** Every file readProject may read, sorted, as paths relative to the root. */
function inputFiles(root: string): string[] {
  const out: string[] = [];
  for (const d of INPUT_DIRS) {
    const dir = join(root, d);
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
      if (e.isFile()) out.push(relative(root, join(e.parentPath, e.name)));
  }
  return out.sort();
}

function sha1Of(path: string): string {
  return createHash('sha1').update(readFileSync(path)).digest('hex');
}

function keyOf(root: string, path: string): FileKey {
  const full = join(root, path);
  const s = statSync(full);
  return { path, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, sha1: sha1Of(full) };
}

/** Do the files under root still match the keys? Hashes only what its times cannot vouch for. */
function filesMatch(root: string, keys: FileKey[], validatedAt: number): boolean {
  const now = inputFiles(root);
  if (now.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as FileKey;
    if (now[i] !== k.path) return false;
    const full = join(root, k.path);
    let s: ReturnType<typeof statSync>;
    try {
      s = statSync(full);
    } catch {
      return false;
    }
    if (s.size !== k.size) return false;
    const settled = k.mtimeMs < validatedAt - RACY_MS && k.ctimeMs < validatedAt - RACY_MS;
    if (settled && s.mtimeMs === k.mtimeMs && s.ctimeMs === k.ctimeMs) continue;
    try {
      if (sha1Of(full) !== k.sha1) return false;
    } catch {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

function readCache(file: string, root: string, code: string): ProjectData | null {
  const read = readCheckedFile<Header>(
    file,
    (h) =>
      h.format === CACHE_FORMAT &&
      h.code === code &&
      h.root === resolve(root) &&
      typeof h.validatedAt === 'number' &&
      Array.isArray(h.files) &&
      h.files.every(isFileKey) &&
      filesMatch(root, h.files, h.validatedAt),
  );
  if (!read) return null;
  try {
    // Written as ASCII (asciiJson): read as Latin-1, which Node decodes many times faster than UTF-8.
    return unpackProject(JSON.parse(read.body.toString(isAscii(read.body) ? 'latin1' : 'utf8')));
  } catch {
    return null;
  }
}

function isFileKey(k: unknown): k is FileKey {
  if (!k || typeof k !== 'object') return false;
  const f = k as Record<string, unknown>;
  return (
    typeof f.path === 'string' &&
    typeof f.size === 'number' &&
    typeof f.mtimeMs === 'number' &&
    typeof f.ctimeMs === 'number' &&
    typeof f.sha1 === 'string'
  );
}

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** The phrasings' index as indexPhrasings writes it: five lists, one entry per phrasing or per feature. */
function phrasingIndexShaped(index: unknown): boolean {
  if (!isRecord(index)) return false;
  const { intents, features, docs, idf, lengths } = index;
  if (![intents, features, docs, idf, lengths].every(Array.isArray)) return false;
  const [i, f, d, w, l] = [intents, features, docs, idf, lengths] as unknown[][];
  return (
    d?.length === i?.length && l?.length === d?.length && w?.length === f?.length && Boolean(d?.every(Array.isArray))
  );
}

/** The cue patterns' needs as literal-gate.ts reads them: by source, a list of texts or null. */
function cueNeedsShaped(needs: unknown): boolean {
  return (
    isRecord(needs) &&
    Object.values(needs).every((n) => n === null || (Array.isArray(n) && n.every((s) => typeof s === 'string')))
  );
}

/**
 * The project from the cache body, or null when its shape is not the one written. Every list of the catalogue is
 * packed (so a list added to the catalogue is cached without a change here); the rest is kept as it is.
 */
function unpackProject(body: unknown): ProjectData | null {
  if (!isRecord(body) || !isRecord(body.catalog) || !isRecord(body.rest)) return null;
  const { intents, lexicon, phrasings, templates, messages } = body.rest;
  if (!Array.isArray(intents) || !intents.every(isRecord) || !isRecord(lexicon)) return null;
  if (!isRecord(phrasings) || !isRecord(phrasings.phrasings) || typeof phrasings.weight !== 'number') return null;
  if (!phrasingIndexShaped(phrasings.index)) return null;
  if (!cueNeedsShaped(body.rest.cueNeeds)) return null;
  // Templates by language, then by name (templates/<lang>/<name>.hbs).
  if (
    !isRecord(templates) ||
    !Object.values(templates).every(
      (byName) => isRecord(byName) && Object.values(byName).every((t) => typeof t === 'string'),
    )
  )
    return null;
  if (!isRecord(messages) || !Object.values(messages).every(isRecord)) return null;
  const catalog: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(body.catalog)) {
    if (!isRecord(entry)) return null;
    if ('raw' in entry) catalog[name] = entry.raw;
    else {
      const list = unpack(entry.packed);
      if (!list) return null;
      catalog[name] = list;
    }
  }
  if (!Array.isArray(catalog.prices) || !Array.isArray(catalog.providers)) return null;
  // Which rows a fresher row replaces (src/domain/freshest.ts), worked out when the cache was written.
  const replaced = body.replaced;
  const prices = catalog.prices as Price[];
  if (!Array.isArray(replaced) || !indexesFit(replaced, prices.length)) return null;
  if (replaced.length) {
    const drop = new Set(replaced as number[]);
    rememberFreshest(
      prices,
      prices.filter((_, i) => !drop.has(i)),
    );
  } else rememberFreshest(prices, prices);
  return { ...body.rest, catalog } as unknown as ProjectData;
}

/** Makes one object of a group from its columns (`cols`, see unpack) and its place in the group. */
type Builder = (cols: unknown[][], at: number) => Record<string, unknown>;

/** True when every entry of `idx` is an index into a list of `length` entries. */
function indexesFit(idx: unknown[], length: number): boolean {
  for (let i = 0; i < idx.length; i++) {
    const x = idx[i];
    if (typeof x !== 'number' || !(x >= 0 && x < length) || Math.floor(x) !== x) return false;
  }
  return true;
}

/**
 * Objects from a packed list, or null when it is not shaped as written. Each group gets a builder made from an
 * object literal that reads the group's columns itself, so its objects share one compact hidden class, as the
 * loader's own do (src/catalog/price-table.ts), and making one costs a read per field and nothing else.
 */
function unpack(p: unknown): Record<string, unknown>[] | null {
  if (!isRecord(p) || !Array.isArray(p.groups) || !Array.isArray(p.order)) return null;
  // Each group's columns as arrays: a column of values is cols[2c]; a column of distinct values is cols[2c] with
  // each object's index into it in cols[2c + 1].
  const groups: { build: Builder; n: number; cols: unknown[][] }[] = [];
  for (const g of p.groups as unknown[]) {
    if (!isRecord(g) || !Array.isArray(g.keys) || !Array.isArray(g.cols) || typeof g.n !== 'number') return null;
    const keys = g.keys as unknown[];
    const n = g.n;
    // "__proto__" in a literal would set the prototype, not a key: validated data never has one.
    if (!keys.every((k) => typeof k === 'string' && k !== '__proto__') || g.cols.length !== keys.length) return null;
    const cols: unknown[][] = [];
    const reads: string[] = [];
    for (const [c, col] of (g.cols as unknown[]).entries()) {
      if (!isRecord(col)) return null;
      if (Array.isArray(col.values) && col.values.length === n) {
        cols.push(col.values, []);
        reads.push(`c[${2 * c}][i]`);
      } else if (Array.isArray(col.dict) && Array.isArray(col.idx) && col.idx.length === n) {
        if (!indexesFit(col.idx, col.dict.length)) return null;
        cols.push(col.dict, col.idx);
        reads.push(`c[${2 * c}][c[${2 * c + 1}][i]]`);
      } else return null;
    }
    const props = (keys as string[]).map((k, c) => `${JSON.stringify(k)}: ${reads[c]}`);
    groups.push({ build: new Function('c', 'i', `return { ${props.join(', ')} };`) as Builder, n, cols });
  }
  const order = p.order as unknown[];
  const seen = new Array<number>(groups.length).fill(0);
  const out: Record<string, unknown>[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const gi = order[i] as number;
    const g = groups[gi];
    if (!g) return null;
    const at = seen[gi] as number;
    if (at >= g.n) return null;
    seen[gi] = at + 1;
    out[i] = g.build(g.cols, at);
  }
  if (groups.some((g, gi) => seen[gi] !== g.n)) return null;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

function pack(list: readonly object[]): Packed {
  const byShape = new Map<string, number>();
  const groups: { keys: string[]; rows: Record<string, unknown>[] }[] = [];
  const order: number[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const o = list[i] as Record<string, unknown>;
    // Absent and undefined fields are left out alike, as JSON would.
    const keys = Object.keys(o).filter((k) => o[k] !== undefined);
    const sig = keys.join('\u0000');
    let g = byShape.get(sig);
    if (g === undefined) {
      g = groups.length;
      groups.push({ keys, rows: [] });
      byShape.set(sig, g);
    }
    groups[g]?.rows.push(o);
    order[i] = g;
  }
  return {
    order,
    groups: groups.map(({ keys, rows }) => ({
      keys,
      n: rows.length,
      cols: keys.map((k): Column => {
        const index = new Map<string, number>();
        const dict: unknown[] = [];
        const idx = rows.map((r) => {
          const key = JSON.stringify(r[k]);
          let at = index.get(key);
          if (at === undefined) {
            at = dict.length;
            dict.push(r[k]);
            index.set(key, at);
          }
          return at;
        });
        return dict.length * 2 <= rows.length ? { dict, idx } : { values: rows.map((r) => r[k]) };
      }),
    })),
  };
}

function writeCache(
  file: string,
  root: string,
  code: string,
  validatedAt: number,
  files: FileKey[],
  data: ProjectData,
): void {
  try {
    const catalog: Record<string, { packed: Packed } | { raw: unknown }> = {};
    for (const [name, value] of Object.entries(data.catalog))
      catalog[name] =
        Array.isArray(value) && value.every((x) => isRecord(x) && Object.getPrototypeOf(x) === Object.prototype)
          ? { packed: pack(value) }
          : { raw: value };
    const { catalog: _catalog, ...rest } = data;
    const kept = new Set(freshestPrices(data.catalog.prices));
    const replaced: number[] = [];
    for (const [i, p] of data.catalog.prices.entries()) if (!kept.has(p)) replaced.push(i);
    writeCheckedFile(
      file,
      { format: CACHE_FORMAT, code, root: resolve(root), validatedAt, files },
      asciiJson(JSON.stringify({ catalog, rest, replaced })),
    );
  } catch {
    // A cache that cannot be written (read-only data directory, full disk) only means the next start validates again.
  }
}

/**
 * JSON text with every character beyond ASCII written as its \u escape: the same JSON, read back to the same values,
 * but a one-byte string that decodes and parses faster than the UTF-8 of the catalogue's Chinese text.
 */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
