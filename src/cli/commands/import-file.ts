/** Reading a file an import command is given. */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../../errors.js';

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
