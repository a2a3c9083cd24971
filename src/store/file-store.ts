/**
 * The embedded store in PROCURE_DATA_DIR:
 *   history/<ISO week>.jsonl   one JSON line per answered request, appended and fsynced, so recording
 *                              costs the same however long the history is; a torn last line is skipped
 *   quotes.json, settings.json, summary-posts.json   small documents kept with lowdb (temp file, fsync, rename, fsync dir)
 *   procure.lock               the pid of the one process allowed to write quotes, settings and posts
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { cleanText } from '../domain/clean.js';
import { DurableJSONFile, io } from './durable-json.js';
import { checkedHistoryRecord } from './history-line.js';
import type { HistoryRecord, PriceChange, PriceSnapshot, Quote, RefreshRecord, Settings, Store } from './types.js';
import { isoWeekOf, WEEK_RE, weekStart } from './week.js';

/**
 * The store's zod schemas (./types.ts), loaded when there is something to check: `procure ask` on a store without
 * quotes or settings, which records with ./history-line.ts, never loads zod.
 */
let schemasLoading: Promise<typeof import('./types.js')> | undefined;
const schemas = () => {
  schemasLoading ??= import('./types.js');
  return schemasLoading;
};

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

interface QuotesDoc {
  quotes: Quote[];
}
interface PostsDoc {
  posts: { week: string; channel: string; at: string }[];
}

export class FileStore implements Store {
  private readonly historyDir: string;
  private readonly quotesDb: Low<QuotesDoc>;
  private readonly settingsDb: Low<Partial<Settings>>;
  private readonly postsDb: Low<PostsDoc>;
  private lockHeld = false;
  /** Lines in history files that could not be read (a torn write, a hand edit). */
  skippedLines = 0;
  /** History files that could not be read at all, each with why. */
  readonly unreadable = new Set<string>();

  private constructor(readonly dir: string) {
    this.historyDir = join(dir, 'history');
    this.quotesDb = new Low<QuotesDoc>(new DurableJSONFile(join(dir, 'quotes.json')), { quotes: [] });
    this.settingsDb = new Low<Partial<Settings>>(new DurableJSONFile(join(dir, 'settings.json')), {});
    this.postsDb = new Low<PostsDoc>(new DurableJSONFile(join(dir, 'summary-posts.json')), { posts: [] });
  }

  /**
   * Opens the data directory. `writer: true` takes the lock: a second process asking for it gets a
   * StoreError naming the process that holds it.
   */
  static async open(dir: string, opts: { writer: boolean }): Promise<FileStore> {
    try {
      mkdirSync(join(dir, 'history'), { recursive: true });
    } catch (err) {
      throw new StoreError(`Cannot use the data directory ${dir}: ${(err as Error).message}.`);
    }
    const store = new FileStore(dir);
    if (opts.writer) store.lock();
    try {
      await store.readDocs();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  private async readDocs(): Promise<void> {
    for (const [db, file] of [
      [this.quotesDb, 'quotes.json'],
      [this.settingsDb, 'settings.json'],
      [this.postsDb, 'summary-posts.json'],
    ] as const) {
      try {
        await db.read();
      } catch (err) {
        throw new StoreError(
          `${join(this.dir, file)} is not valid JSON (${(err as Error).message}); fix or move it — nothing was changed.`,
        );
      }
    }
    const quotes = this.quotesDb.data.quotes;
    if (!Array.isArray(quotes))
      throw new StoreError(`${join(this.dir, 'quotes.json')} has no "quotes" list; fix or move it.`);
    if (quotes.length) {
      const { QuoteSchema } = await schemas();
      for (const [i, q] of quotes.entries()) {
        const r = QuoteSchema.safeParse(q);
        if (!r.success)
          throw new StoreError(
            `${join(this.dir, 'quotes.json')}: quotes[${i}]: ${r.error.issues[0]?.message}; fix or remove that quote.`,
          );
      }
    }
    const settings = this.settingsDb.data;
    if (!settings || typeof settings !== 'object' || Array.isArray(settings))
      throw new StoreError(`${join(this.dir, 'settings.json')} is not a settings object; fix or move it.`);
    // No setting given: every one at its default, which the schema accepts; nothing to check.
    if (Object.keys(settings).length) {
      const { SettingsSchema } = await schemas();
      const s = SettingsSchema.safeParse(settings);
      if (!s.success) {
        const issue = s.error.issues[0];
        const field = issue?.path.join('.') ?? '';
        const value = (settings as Record<string, unknown>)[field];
        throw new StoreError(
          `${join(this.dir, 'settings.json')}: ${field}${typeof value === 'string' ? ` "${value.slice(0, 60)}"` : ''} ${issue?.code === 'custom' ? issue.message : `is wrong (${issue?.message})`}; fix or remove it.`,
        );
      }
    }
    const posts = this.postsDb.data?.posts;
    if (!Array.isArray(posts) || !posts.every((p) => p && typeof p.week === 'string' && typeof p.channel === 'string'))
      throw new StoreError(
        `${join(this.dir, 'summary-posts.json')} is not a list of summary posts ({"posts": [{"week", "channel", "at"}]}); fix or move it.`,
      );
  }

  private lockPath(): string {
    return join(this.dir, 'procure.lock');
  }

  private lock(): void {
    const path = this.lockPath();
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
        fsyncSync(fd);
        closeSync(fd);
        this.lockHeld = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
          throw new StoreError(`Cannot lock ${path}: ${(err as Error).message}.`);
        let text: string;
        try {
          text = readFileSync(path, 'utf8');
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EISDIR')
            throw new StoreError(`${path} is a directory, not a lock file; remove it and start again.`);
          throw new StoreError(`Cannot read the lock file ${path}: ${(e as Error).message}.`);
        }
        const pid = Number(text.split('\n')[0]);
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) && mayBeProcureBot(pid))
          throw new StoreError(
            `Another procure-bot process (pid ${pid}) is using the data directory ${this.dir}; stop it first, or give this one its own PROCURE_DATA_DIR.`,
          );
        rmSync(path, { force: true }); // left by a process that is gone
      }
    }
    throw new StoreError(`Cannot lock ${path}.`);
  }

  async recordRequest(rec: HistoryRecord): Promise<void> {
    const line = `${JSON.stringify(checkedHistoryRecord(rec))}\n`;
    const file = join(this.historyDir, `${isoWeekOf(new Date(rec.at))}.jsonl`);
    try {
      const fd = openSync(file, 'a+');
      try {
        // A crash can leave a torn last line; start on a fresh line so this record is not glued to it.
        const size = fstatSync(fd).size;
        const last = Buffer.alloc(1);
        const fresh = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
        io.writeSync(fd, Buffer.from(fresh ? `\n${line}` : line));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EISDIR')
        throw new StoreError(`${file} is a directory, not a history file; move it away.`);
      throw new StoreError(`Could not record the request in ${file} (${writeFailure(err)}).`);
    }
  }

  async history(range: { from?: Date; to?: Date } = {}): Promise<HistoryRecord[]> {
    const from = range.from?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = range.to?.getTime() ?? Number.POSITIVE_INFINITY;
    const weeks = existsSync(this.historyDir)
      ? readdirSync(this.historyDir)
          .filter((f) => f.endsWith('.jsonl') && WEEK_RE.test(f.slice(0, -6)))
          .map((f) => f.slice(0, -6))
          .sort()
      : [];
    const out: HistoryRecord[] = [];
    const seen = new Set<string>();
    const { HistoryRecordSchema } = await schemas();
    for (const week of weeks) {
      const start = weekStart(week).getTime();
      if (start >= to || start + 7 * 86_400_000 <= from) continue;
      let text: string;
      try {
        text = readFileSync(join(this.historyDir, `${week}.jsonl`), 'utf8');
      } catch (err) {
        // A week that cannot be read (a directory in its place, say) is named; the other weeks still count.
        this.unreadable.add(
          `${join(this.historyDir, `${week}.jsonl`)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
        continue;
      }
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const r = HistoryRecordSchema.safeParse(JSON.parse(line));
          if (!r.success) {
            this.skippedLines++;
            continue;
          }
          const t = Date.parse(r.data.at);
          // A request answered again after a crash is recorded again under the same id: keep one.
          if (seen.has(r.data.id)) continue;
          seen.add(r.data.id);
          // Text kept before it was cleaned on the way in is cleaned on the way out: nothing prints raw.
          if (t >= from && t < to) out.push({ ...r.data, text: cleanText(r.data.text), user: cleanText(r.data.user) });
        } catch {
          this.skippedLines++;
        }
      }
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  async quotes(): Promise<Quote[]> {
    const quotes = this.quotesDb.data.quotes;
    if (!quotes.length) return [];
    const { QuoteSchema } = await schemas();
    return quotes.map((q) => QuoteSchema.parse(q));
  }

  async addQuotes(quotes: Quote[]): Promise<void> {
    this.mustWrite();
    // A quote whose id is kept already is the same request delivered again: it is not added twice.
    const ids = new Set(this.quotesDb.data.quotes.map((q) => q.id));
    const fresh = quotes.filter((q) => !ids.has(q.id) && ids.add(q.id));
    if (!fresh.length) return;
    await this.commit(this.quotesDb, 'quotes.json', { quotes: [...this.quotesDb.data.quotes, ...fresh] });
  }

  async removeQuote(idOrReference: string): Promise<number> {
    this.mustWrite();
    const before = this.quotesDb.data.quotes;
    const after = before.filter((q) => q.id !== idOrReference && q.reference !== idOrReference);
    if (after.length !== before.length) await this.commit(this.quotesDb, 'quotes.json', { quotes: after });
    return before.length - after.length;
  }

  async settings(): Promise<Settings> {
    const { SettingsSchema } = await schemas();
    return SettingsSchema.parse(this.settingsDb.data);
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    this.mustWrite();
    const { SettingsSchema } = await schemas();
    const next = SettingsSchema.parse({ ...this.settingsDb.data, ...patch });
    await this.commit(this.settingsDb, 'settings.json', next);
    return next;
  }

  async claimSummaryPost(week: string, channel: string): Promise<boolean> {
    this.mustWrite();
    const posts = this.postsDb.data.posts;
    if (posts.some((p) => p.week === week && p.channel === channel)) return false;
    await this.commit(this.postsDb, 'summary-posts.json', {
      posts: [...posts, { week, channel, at: new Date().toISOString() }],
    });
    return true;
  }

  async releaseSummaryPost(week: string, channel: string): Promise<void> {
    this.mustWrite();
    const posts = this.postsDb.data.posts.filter((p) => !(p.week === week && p.channel === channel));
    await this.commit(this.postsDb, 'summary-posts.json', { posts });
  }

  /**
   * All or nothing: the document is written durably first and only then replaces the one in memory, so a
   * failed write (a full disk) leaves memory and disk as they were, and the caller says it did not happen.
   */
  private async commit<T>(db: Low<T>, file: string, next: T): Promise<void> {
    try {
      await db.adapter.write(next);
    } catch (err) {
      throw new StoreError(`Could not save ${file} (${writeFailure(err)}); nothing was changed.`);
    }
    db.data = next;
  }

  async summaryPosts(): Promise<{ week: string; channel: string; at: string }[]> {
    return [...this.postsDb.data.posts];
  }

  async priceSnapshot(): Promise<PriceSnapshot | null> {
    const file = join(this.dir, 'price-snapshot.json');
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError(`${file} is not valid JSON; move it away and a new snapshot is taken.`);
    }
    const { PriceSnapshotSchema } = await schemas();
    const r = PriceSnapshotSchema.safeParse(data);
    if (!r.success || Array.isArray(data))
      throw new StoreError(
        `${file} is not a price snapshot (an object of catalogue rows and their prices); move it away and a new snapshot is taken.`,
      );
    return r.data as PriceSnapshot;
  }

  async savePriceSnapshot(snapshot: PriceSnapshot): Promise<void> {
    await new DurableJSONFile<PriceSnapshot>(join(this.dir, 'price-snapshot.json')).write(snapshot);
  }

  async recordPriceChanges(changes: PriceChange[]): Promise<void> {
    this.appendLines('price-changes.jsonl', changes);
  }

  async priceChanges(range: { from?: Date; to?: Date } = {}): Promise<PriceChange[]> {
    return this.readLines<PriceChange>('price-changes.jsonl', range);
  }

  async recordRefresh(rec: RefreshRecord): Promise<void> {
    this.appendLines('refreshes.jsonl', [rec]);
  }

  async refreshes(range: { from?: Date; to?: Date } = {}): Promise<RefreshRecord[]> {
    return this.readLines<RefreshRecord>('refreshes.jsonl', range);
  }

  /** Appends JSON lines in one write and fsyncs: a crash leaves at most a torn last line, which reads skip. */
  private appendLines(file: string, items: unknown[]): void {
    if (!items.length) return;
    const fd = openSync(join(this.dir, file), 'a');
    try {
      io.writeSync(fd, items.map((c) => `${JSON.stringify(c)}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Lines of a JSON-lines log whose `at` is in [from, to). */
  private readLines<T extends { at: string }>(file: string, range: { from?: Date; to?: Date }): T[] {
    let text = '';
    try {
      text = readFileSync(join(this.dir, file), 'utf8');
    } catch {
      return [];
    }
    const from = range.from?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = range.to?.getTime() ?? Number.POSITIVE_INFINITY;
    const out: T[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const c = JSON.parse(line) as T;
        const t = Date.parse(c.at);
        if (t >= from && t < to) out.push(c);
      } catch {
        this.skippedLines++;
      }
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.lockHeld) {
      rmSync(this.lockPath(), { force: true });
      this.lockHeld = false;
    }
  }

  private mustWrite(): void {
    if (!this.lockHeld) throw new StoreError('This store was opened read-only.');
  }
}

function writeFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'the data directory cannot be written';
  return (err as Error).message ?? String(err);
}

/**
 * Whether a live pid could be a procure-bot (a node process): a lock left by a crash names a pid that the
 * system may have given since to something else. Where /proc cannot tell, it is assumed to be one.
 */
function mayBeProcureBot(pid: number): boolean {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true;
  }
  return /node|procure|tsx|bun|deno/i.test(cmdline);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
