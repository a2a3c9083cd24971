/**
 * A cache file that checks itself: one JSON header line, whose `body` field is the SHA-1 of everything after it, then
 * the body. Used by the catalogue cache (src/catalog/cache.ts) and the template cache (src/cli/template-cache.ts).
 * Reading gives null for a missing, truncated, corrupt or unaccepted file; writing goes to a temporary file renamed
 * into place, so a reader never sees half of one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

/**
 * The header and body of `file` when `accept` takes the header (checked before the body is hashed, so a stale file
 * costs no hashing) and the body matches its checksum; otherwise null. Never throws.
 */
export function readCheckedFile<H extends object>(
  file: string,
  accept: (header: Partial<H> & Record<string, unknown>) => boolean,
): { header: H; body: Buffer } | null {
  try {
    const bytes = readFileSync(file);
    const nl = bytes.indexOf(10);
    if (nl < 0) return null;
    const header = JSON.parse(bytes.toString('utf8', 0, nl)) as unknown;
    if (!header || typeof header !== 'object' || Array.isArray(header)) return null;
    if (!accept(header as Partial<H> & Record<string, unknown>)) return null;
    const body = bytes.subarray(nl + 1);
    if (sha1(body) !== (header as { body?: unknown }).body) return null;
    return { header: header as H, body };
  } catch {
    return null;
  }
}

/** Writes `header` (with the body's checksum added) and `body`; throws when the file cannot be written. */
export function writeCheckedFile(file: string, header: object, body: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify({ ...header, body: sha1(body) })}\n${body}`);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
