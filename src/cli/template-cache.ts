/**
 * The answer templates' precompiled forms (src/render/hbs.ts), kept in the data directory between runs so that
 * `procure ask` evaluates them with Handlebars' runtime instead of compiling them again:
 * `<PROCURE_DATA_DIR>/template-cache.json`.
 *
 * - Keyed by each template's exact text and compile options (and the file by the Handlebars version): a changed
 *   template, rule text or language is simply a new key, compiled on its first use and added on exit.
 * - A header line with a format, the Handlebars version and a checksum of the body; an unreadable, truncated, corrupt
 *   or wrongly shaped file is ignored (and replaced when this run compiles something). Written to a temporary file
 *   and renamed into place; a data directory that cannot be written only means compiling again next time.
 * - Bounded: when it holds more than MAX_ENTRIES, only what this run used is kept.
 */
import { join } from 'node:path';
import { HANDLEBARS_VERSION, newSpecs, rememberSpecs, usedSpecKeys } from '../render/hbs.js';
import { readCheckedFile, writeCheckedFile } from '../store/checked-file.js';

const FORMAT = 'procure-template-cache/1';
const MAX_ENTRIES = 2_000;

interface Header {
  format: string;
  handlebars: string;
  /** SHA-1 of the body (everything after the header line). */
  body: string;
}

export function templateCacheFile(dataDir: string): string {
  return join(dataDir, 'template-cache.json');
}

/** The cached specs in the file, or an empty list when it is missing or not one this version wrote intact. */
export function readTemplateCache(file: string): [string, string][] {
  const read = readCheckedFile<Header>(file, (h) => h.format === FORMAT && h.handlebars === HANDLEBARS_VERSION);
  if (!read) return [];
  try {
    const entries = JSON.parse(read.body.toString('utf8')) as unknown;
    if (!Array.isArray(entries)) return [];
    return entries.filter(
      (e): e is [string, string] =>
        Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string',
    );
  } catch {
    return [];
  }
}

/** Writes the known specs and this run's new ones; never throws. */
export function writeTemplateCache(file: string, known: [string, string][]): void {
  const added = newSpecs();
  if (added.size === 0) return;
  try {
    const merged = new Map(known);
    for (const [k, v] of added) merged.set(k, v);
    let entries = [...merged];
    if (entries.length > MAX_ENTRIES) {
      const used = usedSpecKeys();
      entries = entries.filter(([k]) => used.has(k));
    }
    writeCheckedFile(file, { format: FORMAT, handlebars: HANDLEBARS_VERSION }, JSON.stringify(entries));
  } catch {
    // Compiling again next time is all a failed write costs.
  }
}

/**
 * Uses the data directory's template cache in this process: its specs are remembered now; the function returned
 * writes back whatever this run compiled (src/cli/main.ts calls it when the command ends).
 */
export function useTemplateCache(dataDir: string): () => void {
  const file = templateCacheFile(dataDir);
  const known = readTemplateCache(file);
  rememberSpecs(known);
  return () => writeTemplateCache(file, known);
}
