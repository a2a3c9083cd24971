/**
 * The durable inbox in PROCURE_DATA_DIR/inbox.jsonl: one JSON line per acknowledged request
 * (`{"k": key, "e": entry}`) and one per finished one (`{"k": key, "d": 1, "at": ms}`).
 *
 * Durability, and what it trades (as Redis's `appendonly` with `appendfsync everysec`, but with a window of
 * milliseconds, not a second): add() returns once the request's line has been handed to the kernel with one
 * synchronous write(2) on the append descriptor, and the front acknowledges Slack then. From that moment the
 * line is in the page cache, so a crash of the process (kill -9, an uncaught error, an out-of-memory kill)
 * loses nothing: the next start reads it and answers it. The fdatasync follows in the background right after
 * (at the end of the event-loop turn that wrote it), group-committed: one fdatasync covers every line written
 * before it starts, and lines written while it runs are covered by the next one, started as soon as it ends.
 * So only a power loss or an OS crash within that window (about two fdatasyncs, a few milliseconds) can lose
 * a request that was acknowledged. Waiting for the fdatasync before acking would close that window, but put a
 * disk flush in every acknowledgement (its p99 was then 3.8× bare Bolt's).
 *
 * A finished request keeps only its key and time (for de-duplication): its entry (the request body with
 * its response_url) is blanked in place, `"e":null` padded with spaces, right after the done line is written.
 * A crash can tear the last line only; reading skips it. On open the file is rewritten with what still
 * matters (requests not done, and the keys of the last hour for de-duplication), so it does not grow across
 * restarts.
 */
import { closeSync, fstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { io, writeFileDurably } from './durable-json.js';
import type { Inbox, InboxEntry } from './types.js';

/** How long a key is remembered: Slack retries an event for up to about an hour. */
export const DEDUP_MS = 60 * 60_000;
/** The file is compacted at run time when it grows past this. */
const COMPACT_BYTES = 64 * 1024 * 1024;

interface Slot {
  at: number;
  entry: InboxEntry | null;
  /** Where the entry's JSON sits in the file and its length in bytes, to blank it once done (-1: unknown). */
  pos: number;
  len: number;
}

export interface InboxOptions {
  now?: () => number;
  /** A background fdatasync failed (the lines stay written, but may not survive a power loss). */
  onSyncError?: (err: Error) => void;
}

export class FileInbox implements Inbox {
  private fd = -1;
  /** A second, non-append descriptor: on Linux a positioned write through an O_APPEND one appends. */
  private rfd = -1;
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;
  private adds = 0;
  private closed = false;
  private torn = false;
  /** Writes made so far, and how many of them the last finished fdatasync covers. */
  private written = 0;
  private synced = 0;
  private syncing = false;
  private kickScheduled = false;
  private waiting: { upTo: number; resolve: () => void }[] = [];
  /** Lines that could not be read when it was opened (a torn last line). */
  skippedLines = 0;

  private constructor(
    readonly file: string,
    private readonly now: () => number,
    private readonly onSyncError: ((err: Error) => void) | undefined,
  ) {}

  static open(dir: string, opts: InboxOptions = {}): FileInbox {
    const inbox = new FileInbox(join(dir, 'inbox.jsonl'), opts.now ?? Date.now, opts.onSyncError);
    inbox.load();
    inbox.compact();
    return inbox;
  }

  private load(): void {
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new Error(`Cannot read ${this.file}: ${(err as Error).message}.`);
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const l = JSON.parse(line) as { k?: unknown; e?: Omit<InboxEntry, 'key'> | null; d?: unknown; at?: unknown };
        if (typeof l.k !== 'string') throw new Error('no key');
        const s = this.slots.get(l.k);
        if (l.d) {
          this.slots.set(l.k, this.slot(typeof l.at === 'number' ? l.at : (s?.at ?? this.now()), null));
        } else if (l.e === null) {
          // A finished request whose entry was blanked; its done line (with its time) is written before it.
          if (!s) this.slots.set(l.k, this.slot(this.now(), null));
        } else if (l.e && typeof l.e === 'object' && l.e.body && typeof l.e.body === 'object') {
          if (!s) this.slots.set(l.k, this.slot(Date.parse(l.e.at) || this.now(), { ...l.e, key: l.k }));
        } else throw new Error('neither an entry nor done');
      } catch {
        this.skippedLines++;
      }
    }
  }

  private slot(at: number, entry: InboxEntry | null): Slot {
    return { at, entry, pos: -1, len: 0 };
  }

  /** Rewrites the file with the undone entries and the recent keys; opens it for appending. */
  private compact(): void {
    this.prune();
    const lines: string[] = [];
    let offset = 0;
    for (const [k, s] of this.slots) {
      const line = s.entry
        ? entryLine(k, s.entry)
        : { text: `${JSON.stringify({ k, d: 1, at: s.at })}\n`, at: 0, len: 0 };
      s.pos = s.entry ? offset + line.at : -1;
      s.len = line.len;
      offset += Buffer.byteLength(line.text);
      lines.push(line.text);
    }
    this.closeFds();
    writeFileDurably(this.file, lines.join(''));
    this.fd = openSync(this.file, 'a');
    this.rfd = openSync(this.file, 'r+');
    this.bytes = fstatSync(this.fd).size;
    // The rewritten file was fsynced whole.
    this.synced = this.written;
  }

  /** Forgets the keys of finished requests older than the de-duplication window. */
  private prune(): void {
    const cutoff = this.now() - DEDUP_MS;
    for (const [k, s] of this.slots) if (!s.entry && s.at < cutoff) this.slots.delete(k);
  }

  /**
   * Keeps the request: resolves once its line is written to the file (in the kernel, so it survives the
   * process being killed); the fdatasync follows in the background (see the header).
   */
  async add(entry: InboxEntry): Promise<boolean> {
    if (this.closed) throw new Error('the inbox is closed');
    if (this.slots.has(entry.key)) return false;
    const line = entryLine(entry.key, entry);
    const start = this.append(line.text);
    this.slots.set(entry.key, { at: this.now(), entry, pos: start + line.at, len: line.len });
    if (++this.adds % 1000 === 0) this.prune();
    this.kickSoon();
    return true;
  }

  /** Marks the request finished, then blanks its entry (body, response_url) in the file. */
  async done(key: string): Promise<void> {
    const s = this.slots.get(key);
    if (!s?.entry || this.closed) return;
    this.append(`${JSON.stringify({ k: key, d: 1, at: s.at })}\n`);
    s.entry = null;
    if (s.pos >= 0 && s.len >= 4) {
      try {
        io.pwriteSync(this.rfd, Buffer.from('null'.padEnd(s.len, ' ')), s.pos);
      } catch {
        // The done line is written: the entry goes at the next compaction instead.
      }
    }
    s.pos = -1;
    this.kickSoon();
  }

  undone(): InboxEntry[] {
    return [...this.slots.values()].flatMap((s) => (s.entry ? [s.entry] : [])).sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Resolves once everything written so far is on disk (fdatasynced). */
  flushed(): Promise<void> {
    if (this.synced >= this.written || this.fd < 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiting.push({ upTo: this.written, resolve });
      this.kick();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushed();
    while (this.syncing) await new Promise<void>((r) => this.waiting.push({ upTo: 0, resolve: r }));
    this.closeFds();
  }

  private closeFds(): void {
    if (this.fd >= 0) closeSync(this.fd);
    if (this.rfd >= 0) closeSync(this.rfd);
    this.fd = -1;
    this.rfd = -1;
  }

  /**
   * One write of whole lines; returns the file offset `text` starts at. A failure (a full disk) leaves nothing
   * in memory, at most a torn line on disk.
   */
  private append(text: string): number {
    if (!this.syncing && this.bytes > COMPACT_BYTES) this.compact();
    // After a failed write the file may end in a torn line: start on a fresh one.
    const buf = Buffer.from(this.torn ? `\n${text}` : text);
    const start = this.bytes + (this.torn ? 1 : 0);
    let n = 0;
    try {
      n = io.writeSync(this.fd, buf);
    } catch (err) {
      this.torn = true;
      throw err;
    }
    this.bytes += n;
    this.written++;
    this.torn = n < buf.length;
    if (this.torn) throw new Error(`${this.file}: only ${n} of ${buf.length} bytes could be written`);
    return start;
  }

  /** Starts the fdatasync after this turn of the event loop: the acknowledgement goes out first, and writes of the same turn share it. */
  private kickSoon(): void {
    if (this.kickScheduled || this.syncing) return;
    this.kickScheduled = true;
    setImmediate(() => {
      this.kickScheduled = false;
      this.kick();
    });
  }

  /**
   * Group commit in the background: one fdatasync covers every write made before it starts; writes made while
   * it runs are covered by the next, started as soon as it ends. Nothing waits for it but flushed()/close().
   */
  private kick(): void {
    if (this.syncing || this.synced >= this.written || this.fd < 0) return;
    this.syncing = true;
    const upTo = this.written;
    io.fdatasync(this.fd, (err) => {
      this.syncing = false;
      // A failed fdatasync is not retried (Linux may have dropped the dirty pages' error already): it is reported.
      if (err) this.onSyncError?.(err);
      this.synced = Math.max(this.synced, upTo);
      const ready = this.waiting.filter((w) => w.upTo <= this.synced);
      this.waiting = this.waiting.filter((w) => w.upTo > this.synced);
      for (const w of ready) w.resolve();
      this.kick();
    });
  }
}

/**
 * An entry's line, `{"k":<key>,"e":<entry>}`, with where its entry JSON starts (`at`, in bytes from the line's
 * start) and its byte length, so it can be blanked in place once done.
 */
function entryLine(key: string, entry: InboxEntry): { text: string; at: number; len: number } {
  const { key: _key, ...rest } = entry;
  const e = JSON.stringify(rest);
  const prefix = `{"k":${JSON.stringify(key)},"e":`;
  return { text: `${prefix}${e}}\n`, at: Buffer.byteLength(prefix), len: Buffer.byteLength(e) };
}

/**
 * Removes the data directory's lock (procure.lock, see file-store.ts) when this process holds it: for a store
 * whose worker thread was ended before it could close (stopped while starting). Here rather than in
 * file-store.ts so the main thread does not load the store to do it.
 */
export function releaseLockOfThisProcess(dir: string): void {
  const path = join(dir, 'procure.lock');
  try {
    if (Number(readFileSync(path, 'utf8').split('\n')[0]) === process.pid) rmSync(path, { force: true });
  } catch {
    // no lock, or not ours to read
  }
}
