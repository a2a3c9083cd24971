/** What every import command shares: reading the file it is given, and putting its tables in place safely. */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { trackChanges } from '../../app/changes.js';
import { readProject } from '../../catalog/load.js';
import { problemIn } from '../../catalog/problem-words.js';
import { InputError, inputError } from '../../errors.js';
import { writeFileDurably } from '../../store/durable-json.js';
import { FileStore } from '../../store/file-store.js';
import { cliSay, dataDir, type Io } from '../shared.js';

/** Largest quote file accepted. */
const MAX_IMPORT_BYTES = 5_000_000;

/** Reads a file given to an import command: one sentence when it is missing, unreadable or too large. */
export function readImportFile(file: string, maxBytes = MAX_IMPORT_BYTES): string {
  try {
    if (statSync(file).size > maxBytes) throw inputError('cli.err.file-too-large', { file, mb: maxBytes / 1e6 });
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw inputError('cli.err.file-missing', { file });
    if (code === 'EACCES' || code === 'EPERM') throw inputError('cli.err.file-denied', { file });
    if (code === 'EISDIR') throw inputError('cli.err.file-directory', { file });
    throw inputError('cli.err.file-unreadable', { file, why: (err as Error).message });
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
    throw inputError('cli.err.cannot-write', { why: (err as Error).message });
  }
  if (!check) return true;
  const after = readProject(io.root);
  if (!after.data) {
    putBack();
    const say = await cliSay();
    for (const p of after.problems) io.err(`${problemIn(say, p)}\n`);
    const [only] = before;
    io.err(
      `${
        before.size === 1 && only
          ? say(only[1] === null ? 'cli.import.clash.one-new' : 'cli.import.clash.one-old', { file: only[0] })
          : say('cli.import.clash.many')
      }\n`,
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
