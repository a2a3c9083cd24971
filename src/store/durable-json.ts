/**
 * A lowdb adapter that survives a crash at any moment: write a temporary file, fsync it, rename it over
 * the document, fsync the directory. A reader sees the old document or the new one, never half of one; a
 * failed write (a full disk) leaves the old document and no temporary file.
 */
import { closeSync, fdatasync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * The writes the store makes; tests replace `writeSync` to simulate a full disk (ENOSPC), and `fdatasync` to
 * simulate a slow disk.
 */
export const io = {
  writeSync: (fd: number, data: Buffer | string): number =>
    typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data),
  /** Writes at a position (the inbox's redaction of a finished request's body, through a non-append fd). */
  pwriteSync: (fd: number, data: Buffer, position: number): number => writeSync(fd, data, 0, data.length, position),
  fdatasync: (fd: number, cb: (err: NodeJS.ErrnoException | null) => void): void => fdatasync(fd, cb),
};

export class DurableJSONFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    writeFileDurably(this.file, JSON.stringify(data, null, 2));
  }
}

/** Writes a file so that a crash at any moment leaves the old content or the new, never half of one. */
export function writeFileDurably(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      const buf = Buffer.from(text);
      for (let off = 0; off < buf.length; ) {
        const n = io.writeSync(fd, buf.subarray(off));
        if (n <= 0) throw new Error(`could not write ${file}`);
        off += n;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
