/**
 * The durable inbox in PROCURE_DATA_DIR/inbox.jsonl: one JSON line per acknowledged request
 * (`{"k": key, "e": entry}`) and one per finished one (`{"k": key, "d": 1}`). Lines are appended with one
 * write each; the fsync is shared: every add waiting while an fsync runs is covered by the next one
 * (group commit), so a burst of requests costs a few fsyncs, not one each. A crash can tear the last line
 * only; reading skips it. On open the file is rewritten with what still matters (requests not done, and the
 * keys of the last hour for de-duplication), so it does not grow across restarts.
 */
import { closeSync, fdatasync, fstatSync, openSync, readFileSync } from 'node:fs';
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
}

export class FileInbox implements Inbox {
  private fd: number;
  private readonly slots = new Map<string, Slot>();
  private syncing = false;
  private waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private bytes = 0;
  private adds = 0;
  private closed = false;
  private torn = false;
  /** Lines that could not be read when it was opened (a torn last line). */
  skippedLines = 0;

  private constructor(
    readonly file: string,
    private readonly now: () => number,
  ) {
    this.fd = -1;
  }

  static open(dir: string, opts: { now?: () => number } = {}): FileInbox {
    const inbox = new FileInbox(join(dir, 'inbox.jsonl'), opts.now ?? Date.now);
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
        const l = JSON.parse(line) as { k?: unknown; e?: InboxEntry; d?: unknown; at?: unknown };
        if (typeof l.k !== 'string') throw new Error('no key');
        if (l.d) {
          const s = this.slots.get(l.k);
          this.slots.set(l.k, { at: s?.at ?? (typeof l.at === 'number' ? l.at : this.now()), entry: null });
        } else if (l.e && typeof l.e === 'object' && l.e.body && typeof l.e.body === 'object') {
          if (!this.slots.has(l.k)) this.slots.set(l.k, { at: Date.parse(l.e.at) || this.now(), entry: l.e });
        } else throw new Error('neither an entry nor done');
      } catch {
        this.skippedLines++;
      }
    }
  }

  /** Rewrites the file with the undone entries and the recent keys; opens it for appending. */
  private compact(): void {
    this.prune();
    const lines: string[] = [];
    for (const [k, s] of this.slots) lines.push(JSON.stringify(s.entry ? { k, e: s.entry } : { k, d: 1, at: s.at }));
    if (this.fd >= 0) closeSync(this.fd);
    writeFileDurably(this.file, lines.length ? `${lines.join('\n')}\n` : '');
    this.fd = openSync(this.file, 'a');
    this.bytes = fstatSync(this.fd).size;
  }

  /** Forgets the keys of finished requests older than the de-duplication window. */
  private prune(): void {
    const cutoff = this.now() - DEDUP_MS;
    for (const [k, s] of this.slots) if (!s.entry && s.at < cutoff) this.slots.delete(k);
  }

  async add(entry: InboxEntry): Promise<boolean> {
    if (this.closed) throw new Error('the inbox is closed');
    if (this.slots.has(entry.key)) return false;
    this.append(`${JSON.stringify({ k: entry.key, e: entry })}\n`);
    this.slots.set(entry.key, { at: this.now(), entry });
    if (++this.adds % 1000 === 0) this.prune();
    await this.sync();
    return true;
  }

  async done(key: string): Promise<void> {
    const s = this.slots.get(key);
    if (!s?.entry || this.closed) return;
    this.append(`${JSON.stringify({ k: key, d: 1, at: s.at })}\n`);
    s.entry = null;
    await this.sync();
  }

  undone(): InboxEntry[] {
    return [...this.slots.values()].flatMap((s) => (s.entry ? [s.entry] : [])).sort((a, b) => a.at.localeCompare(b.at));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.syncing || this.waiting.length) await this.sync().catch(() => undefined);
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** One write of whole lines: a failure (a full disk) leaves nothing in memory, at most a torn line on disk. */
  private append(text: string): void {
    if (!this.syncing && this.bytes > COMPACT_BYTES) this.compact();
    // After a failed write the file may end in a torn line: start on a fresh one.
    const buf = Buffer.from(this.torn ? `\n${text}` : text);
    let n = 0;
    try {
      n = io.writeSync(this.fd, buf);
    } catch (err) {
      this.torn = true;
      throw err;
    }
    this.bytes += n;
    this.torn = n < buf.length;
    if (this.torn) throw new Error(`${this.file}: only ${n} of ${buf.length} bytes could be written`);
  }

  /** Resolves when everything written so far is on disk: one fdatasync for all who wait together. */
  private sync(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    if (this.syncing || !this.waiting.length) return;
    this.syncing = true;
    const batch = this.waiting;
    this.waiting = [];
    fdatasync(this.fd, (err) => {
      this.syncing = false;
      for (const w of batch) err ? w.reject(err) : w.resolve();
      this.flush();
    });
  }
}
