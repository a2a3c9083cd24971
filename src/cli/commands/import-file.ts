/** What every import command shares: reading the file it is given, and putting its tables in place safely. */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { trackChanges } from '../../app/changes.js';
import { formatProblem, readProject } from '../../catalog/load.js';
import { InputError } from '../../errors.js';
import { writeFileDurably } from '../../store/durable-json.js';
import { FileStore } from '../../store/file-store.js';
import { dataDir, type Io } from '../shared.js';

/** Largest quote file accepted. */
const MAX_IMPORT_BYTES = 5_000_000;

/** Reads a file given to an import command: one sentence when it is missing, unreadable or too large. */
export function readImportFile(file: string, maxBytes = MAX_IMPORT_BYTES): string {
  try {
    if (statSync(file).size > maxBytes) throw new InputError(`${file} is larger than ${maxBytes / 1e6} MB; split it.`);
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InputError(`Cannot read ${file}: ${why}.`);
  }
}

/**
 * Puts an import's files in place (path → new text; null removes the file) and keeps them only while the catalogue
 * still loads: when it does not, every file is put back as it was, the problems are printed and false is returned.
 * `check: false` (an import written outside the catalogue) writes the files and checks nothing. A kept import has its
 * price changes recorded, as every import does. An import never loses a price and never leaves a half-written catalogue.
 */
export async function installImport(io: Io, files: Map<string, string | null>, check = true): Promise<boolean> {
  const before = new Map<string, string | null>();
  for (const f of files.keys()) before.set(f, existsSync(f) ? readFileSync(f, 'utf8') : null);
  const putBack = () => {
    for (const [f, old] of before) {
      if (old === null) rmSync(f, { force: true });
      else writeFileDurably(f, old);
    }
  };
  try {
    for (const [f, text] of files) {
      if (text === null) rmSync(f, { force: true });
      else {
        mkdirSync(dirname(f), { recursive: true });
        writeFileDurably(f, text);
      }
    }
  } catch (err) {
    putBack();
    throw new InputError(`Cannot write the imported rows: ${(err as Error).message}. Nothing was changed.`);
  }
  if (!check) return true;
  const after = readProject(io.root);
  if (!after.data) {
    putBack();
    for (const p of after.problems) io.err(`${formatProblem(p)}\n`);
    const [only] = before;
    io.err(
      `The imported rows clash with the catalogue (above); ${
        before.size === 1 && only
          ? `${only[0]} was ${only[1] === null ? 'not kept' : 'put back as it was'}`
          : 'the catalogue was put back as it was'
      }.\n`,
    );
    return false;
  }
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    await trackChanges(store, after.data.catalog);
  } finally {
    await store.close();
  }
  return true;
}
