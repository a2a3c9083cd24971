/**
 * The embedded file store (src/store/file-store.ts) and ISO weeks (src/store/week.ts): round trips, history
 * partitioned by week, torn lines, the writer lock, read-only stores and corrupt documents.
 * Every test works in its own temporary directory.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from '../../src/store/durable-json.js';
import { FileStore, StoreError } from '../../src/store/file-store.js';
import type { HistoryRecord, Quote } from '../../src/store/types.js';
import { addWeeks, isoWeekOf, isValidWeek, weekStart } from '../../src/store/week.js';
import { REPO_ROOT, removeDir, tempDir } from '../helpers/project.js';
import { testQuote } from '../helpers/quote.js';

function record(at: string, text = `question at ${at}`): HistoryRecord {
  return {
    id: `rec-${at}`,
    at,
    surface: 'cli',
    user: 'tester',
    channel: null,
    text,
    intent: 'estimate',
    request: { intent: 'estimate' },
    top: { provider: 'aws', location: 'hong-kong', region: 'ap-east-1' },
    monthly: 1182.6,
    currency: 'USD',
    providers: ['aws'],
    locations: ['hong-kong'],
    gaps: 0,
    questions: ['Is capacity guaranteed?'],
  };
}

function quote(id: string, reference: string, overrides: Partial<Quote> = {}): Quote {
  return testQuote({ id, reference, ...overrides });
}

let dir: string;
const open: FileStore[] = [];

async function openStore(writer = true): Promise<FileStore> {
  const store = await FileStore.open(dir, { writer });
  open.push(store);
  return store;
}

beforeEach(() => {
  dir = tempDir('procure-store-');
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  removeDir(dir);
});

describe('round trips', () => {
  it('a recorded request comes back from history', async () => {
    const store = await openStore();
    const rec = record('2026-11-24T10:00:00.000Z');
    await store.recordRequest(rec);
    expect(await store.history()).toEqual([rec]);
    expect(store.skippedLines).toBe(0);
  });

  it('history survives reopening the directory', async () => {
    const store = await openStore();
    await store.recordRequest(record('2026-11-24T10:00:00.000Z'));
    await store.close();
    const again = await openStore(false);
    expect((await again.history()).map((r) => r.id)).toEqual(['rec-2026-11-24T10:00:00.000Z']);
  });

  it('quotes are added, then removed by id and by reference', async () => {
    const store = await openStore();
    expect(await store.quotes()).toEqual([]);
    const a = quote('aaaa1111', 'ALI-2026-017');
    const b = quote('bbbb2222', 'AWS-PPA-9', { provider: 'aws', location: 'hong-kong', currency: 'USD', price: 0.65 });
    const c = quote('cccc3333', 'ALI-2026-018');
    await store.addQuotes([a, b, c]);
    expect(await store.quotes()).toEqual([a, b, c]);

    expect(await store.removeQuote('bbbb2222')).toBe(1);
    expect((await store.quotes()).map((q) => q.id)).toEqual(['aaaa1111', 'cccc3333']);
    expect(await store.removeQuote('ALI-2026-018')).toBe(1);
    expect((await store.quotes()).map((q) => q.id)).toEqual(['aaaa1111']);
    expect(await store.removeQuote('NO-SUCH-QUOTE')).toBe(0);

    await store.close();
    const again = await openStore(false);
    expect(await again.quotes()).toEqual([a]);
  });

  it('removing by a reference shared by two quotes removes both', async () => {
    const store = await openStore();
    await store.addQuotes([quote('aaaa1111', 'ALI-2026-017'), quote('bbbb2222', 'ALI-2026-017')]);
    expect(await store.removeQuote('ALI-2026-017')).toBe(2);
    expect(await store.quotes()).toEqual([]);
  });

  it('settings have defaults, and an update survives reopening', async () => {
    const store = await openStore();
    expect(await store.settings()).toEqual({
      summaryChannel: null,
      summaryTimeZone: 'UTC',
      summaryCron: '0 9 * * 1',
      userLang: {},
      summaryLang: null,
    });
    const next = await store.updateSettings({ summaryChannel: 'C123' });
    expect(next.summaryChannel).toBe('C123');
    await store.updateSettings({ summaryTimeZone: 'Asia/Shanghai', userLang: { U1: 'zh' } });
    await store.close();

    const again = await openStore(false);
    expect(await again.settings()).toEqual({
      summaryChannel: 'C123',
      summaryTimeZone: 'Asia/Shanghai',
      summaryCron: '0 9 * * 1',
      userLang: { U1: 'zh' },
      summaryLang: null,
    });
  });

  it('a summary post is claimed once, listed, released, and can then be claimed again', async () => {
    const store = await openStore();
    expect(await store.claimSummaryPost('2026-W47', 'C123')).toBe(true);
    expect(await store.claimSummaryPost('2026-W47', 'C123')).toBe(false);
    expect(await store.claimSummaryPost('2026-W47', 'C999')).toBe(true);
    expect(await store.claimSummaryPost('2026-W48', 'C123')).toBe(true);
    const posts = await store.summaryPosts();
    expect(posts.map((p) => `${p.week} ${p.channel}`)).toEqual(['2026-W47 C123', '2026-W47 C999', '2026-W48 C123']);
    for (const p of posts) expect(Number.isNaN(Date.parse(p.at))).toBe(false);

    await store.releaseSummaryPost('2026-W47', 'C123');
    expect((await store.summaryPosts()).map((p) => `${p.week} ${p.channel}`)).toEqual([
      '2026-W47 C999',
      '2026-W48 C123',
    ]);
    await store.close();

    const again = await openStore();
    expect(await again.claimSummaryPost('2026-W48', 'C123')).toBe(false);
    expect(await again.claimSummaryPost('2026-W47', 'C123')).toBe(true);
  });
});

describe('history partitioned by ISO week', () => {
  const AT = [
    '2026-11-17T08:00:00.000Z',
    '2026-11-24T09:00:00.000Z',
    '2026-11-25T12:00:00.000Z',
    '2026-12-01T23:59:00.000Z',
  ];

  async function seeded(): Promise<FileStore> {
    const store = await openStore();
    // Written out of order: history() still returns them oldest first.
    for (const at of [AT[2], AT[0], AT[3], AT[1]]) await store.recordRequest(record(at as string));
    return store;
  }

  it('records in three weeks land in three files named YYYY-Www.jsonl', async () => {
    await seeded();
    expect(readdirSync(join(dir, 'history')).sort()).toEqual(['2026-W47.jsonl', '2026-W48.jsonl', '2026-W49.jsonl']);
    const w48 = readFileSync(join(dir, 'history', '2026-W48.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(w48.map((l) => (JSON.parse(l) as HistoryRecord).at)).toEqual([AT[2], AT[1]]);
  });

  it('a record dated in the last days of December goes to the next ISO year', async () => {
    const store = await openStore();
    await store.recordRequest(record('2024-12-30T10:00:00.000Z'));
    expect(readdirSync(join(dir, 'history'))).toEqual(['2025-W01.jsonl']);
    expect(await store.history({ from: weekStart('2025-W01'), to: weekStart('2025-W02') })).toHaveLength(1);
  });

  it('history() with no range returns every record, oldest first', async () => {
    const store = await seeded();
    expect((await store.history()).map((r) => r.at)).toEqual(AT);
  });

  it('history({from, to}) returns only [from, to), oldest first', async () => {
    const store = await seeded();
    const w48 = await store.history({ from: weekStart('2026-W48'), to: weekStart('2026-W49') });
    expect(w48.map((r) => r.at)).toEqual([AT[1], AT[2]]);

    const exact = await store.history({ from: new Date(AT[1] as string), to: new Date(AT[2] as string) });
    expect(exact.map((r) => r.at)).toEqual([AT[1]]);

    const fromOnly = await store.history({ from: new Date('2026-11-25T00:00:00Z') });
    expect(fromOnly.map((r) => r.at)).toEqual([AT[2], AT[3]]);

    const toOnly = await store.history({ to: new Date('2026-11-24T09:00:00Z') });
    expect(toOnly.map((r) => r.at)).toEqual([AT[0]]);

    expect(await store.history({ from: new Date('2027-01-01T00:00:00Z') })).toEqual([]);
  });

  it('files that are not week files are ignored', async () => {
    const store = await seeded();
    writeFileSync(join(dir, 'history', 'notes.jsonl'), `${JSON.stringify(record('2026-11-24T10:00:00.000Z'))}\n`);
    writeFileSync(join(dir, 'history', '2026-W48.jsonl.bak'), 'junk\n');
    expect(await store.history()).toHaveLength(4);
    expect(store.skippedLines).toBe(0);
  });

  it('a torn last line is skipped and counted, and the other records are returned', async () => {
    const store = await seeded();
    const whole = JSON.stringify(record('2026-11-26T10:00:00.000Z'));
    appendFileSync(join(dir, 'history', '2026-W48.jsonl'), whole.slice(0, Math.floor(whole.length / 2)));
    const all = await store.history();
    expect(all.map((r) => r.at)).toEqual(AT);
    expect(store.skippedLines).toBe(1);
  });

  it('a line that is JSON but not a record is skipped and counted too', async () => {
    const store = await seeded();
    appendFileSync(join(dir, 'history', '2026-W47.jsonl'), '{"id":"x"}\n');
    expect(await store.history()).toHaveLength(4);
    expect(store.skippedLines).toBe(1);
  });

  it('a record appended after a torn line is still read', async () => {
    const store = await seeded();
    appendFileSync(join(dir, 'history', '2026-W48.jsonl'), '{"id":"torn","at":"2026-11-2');
    await store.recordRequest(record('2026-11-27T10:00:00.000Z'));
    const ats = (await store.history()).map((r) => r.at);
    expect(ats).toContain('2026-11-27T10:00:00.000Z');
    expect(ats).toHaveLength(5);
    expect(store.skippedLines).toBe(1);
  });
});

describe('the writer lock', () => {
  let child: ChildProcess | null = null;

  afterEach(() => {
    if (child && child.exitCode === null) child.kill();
    child = null;
  });

  /** Starts another Node process that opens the store as the writer and holds it until its stdin closes. */
  async function otherWriter(): Promise<number> {
    const code = [
      "const { FileStore } = await import('./src/store/file-store.ts');",
      `const store = await FileStore.open(${JSON.stringify(dir)}, { writer: true });`,
      "process.stdout.write('ready\\n');",
      'process.stdin.resume();',
      "process.stdin.on('end', async () => { await store.close(); process.exit(0); });",
    ].join('\n');
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = proc;
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      proc.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve();
      });
      proc.on('exit', (code) => reject(new Error(`the other writer exited with ${code}: ${err}`)));
    });
    return proc.pid as number;
  }

  it('a second writer from another process gets a StoreError naming the pid that holds the lock', async () => {
    const pid = await otherWriter();
    expect(readFileSync(join(dir, 'procure.lock'), 'utf8').split('\n')[0]).toBe(String(pid));
    const attempt = FileStore.open(dir, { writer: true });
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toThrow(`pid ${pid}`);
    // A reader is still welcome while another process writes.
    const reader = await openStore(false);
    expect(await reader.quotes()).toEqual([]);
    // The lock is still the other process's.
    expect(readFileSync(join(dir, 'procure.lock'), 'utf8').split('\n')[0]).toBe(String(pid));
  }, 60_000);

  it('a stale lock left by a dead process (pid 999999) is taken over', async () => {
    writeFileSync(join(dir, 'procure.lock'), '999999\n2026-01-01T00:00:00.000Z\n');
    const store = await openStore();
    expect(readFileSync(join(dir, 'procure.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
    await store.addQuotes([quote('aaaa1111', 'ALI-2026-017')]);
    expect(await store.quotes()).toHaveLength(1);
  });

  it('the lock file is written on open and removed on close', async () => {
    const store = await openStore();
    expect(existsSync(join(dir, 'procure.lock'))).toBe(true);
    await store.close();
    expect(existsSync(join(dir, 'procure.lock'))).toBe(false);
  });

  it('a reader takes no lock', async () => {
    await openStore(false);
    expect(existsSync(join(dir, 'procure.lock'))).toBe(false);
  });
});

describe('a read-only store', () => {
  it('refuses to change quotes, settings and summary posts', async () => {
    const writer = await openStore();
    await writer.addQuotes([quote('aaaa1111', 'ALI-2026-017')]);
    await writer.close();

    const store = await openStore(false);
    await expect(store.addQuotes([quote('bbbb2222', 'ALI-2026-018')])).rejects.toThrow(StoreError);
    await expect(store.removeQuote('aaaa1111')).rejects.toThrow(/read-only/);
    await expect(store.updateSettings({ summaryChannel: 'C123' })).rejects.toThrow(StoreError);
    await expect(store.claimSummaryPost('2026-W47', 'C123')).rejects.toThrow(StoreError);
    await expect(store.releaseSummaryPost('2026-W47', 'C123')).rejects.toThrow(StoreError);

    expect((await store.quotes()).map((q) => q.id)).toEqual(['aaaa1111']);
    expect((await store.settings()).summaryChannel).toBeNull();
    expect(await store.summaryPosts()).toEqual([]);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
    expect(existsSync(join(dir, 'summary-posts.json'))).toBe(false);
  });

  it('still appends history (the command line records questions without taking the lock)', async () => {
    const store = await openStore(false);
    await store.recordRequest(record('2026-11-24T10:00:00.000Z'));
    expect(await store.history()).toHaveLength(1);
  });
});

describe('corrupt documents', () => {
  const cases: { file: string; content: string; what: string }[] = [
    { file: 'quotes.json', content: '{"quotes": [ {"id": "a", ', what: 'not JSON' },
    { file: 'quotes.json', content: '{"quotes": 3}', what: 'no quotes list' },
    { file: 'quotes.json', content: '{"quotes": [{"id": "a", "provider": "nosuch"}]}', what: 'a bad quote' },
    { file: 'settings.json', content: '{"summaryChannel": ', what: 'not JSON' },
    { file: 'settings.json', content: '{"summaryChannel": 42}', what: 'a bad value' },
    { file: 'summary-posts.json', content: '[[[', what: 'not JSON' },
  ];

  for (const { file, content, what } of cases) {
    for (const writer of [true, false]) {
      it(`${file} (${what}) gives a StoreError naming the file, and nothing is overwritten (${writer ? 'writer' : 'reader'})`, async () => {
        writeFileSync(join(dir, file), content);
        const attempt = FileStore.open(dir, { writer });
        await expect(attempt).rejects.toBeInstanceOf(StoreError);
        await expect(attempt).rejects.toThrow(join(dir, file));
        expect(readFileSync(join(dir, file), 'utf8')).toBe(content);
        for (const other of ['quotes.json', 'settings.json', 'summary-posts.json'])
          if (other !== file) expect(existsSync(join(dir, other)), other).toBe(false);
      });
    }
  }
});

describe('ISO weeks (week.ts)', () => {
  it.each([
    ['2026-01-01T12:00:00Z', '2026-W01'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2026-11-23T09:00:00Z', '2026-W48'],
    ['2026-11-22T23:59:59Z', '2026-W47'],
    ['2026-11-29T23:59:59Z', '2026-W48'],
    ['2026-12-31T12:00:00Z', '2026-W53'],
    ['2027-01-03T12:00:00Z', '2026-W53'],
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
  ])('isoWeekOf(%s) is %s', (iso, week) => {
    expect(isoWeekOf(new Date(iso))).toBe(week);
  });

  it('weekStart is the Monday 00:00 UTC of the week, and isoWeekOf inverts it', () => {
    expect(weekStart('2026-W48').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(weekStart('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(weekStart('2025-W01').toISOString()).toBe('2024-12-30T00:00:00.000Z');
    for (const week of ['2020-W53', '2025-W01', '2026-W01', '2026-W47', '2026-W48', '2026-W53', '2027-W52']) {
      const start = weekStart(week);
      expect(start.getUTCDay(), week).toBe(1);
      expect(isoWeekOf(start), week).toBe(week);
      expect(isoWeekOf(new Date(start.getTime() + 7 * 86_400_000 - 1)), week).toBe(week);
      expect(isoWeekOf(new Date(start.getTime() - 1)), week).not.toBe(week);
    }
  });

  it('weekStart refuses text that is not an ISO week, or a week that does not exist', () => {
    expect(() => weekStart('2026-48')).toThrow(/ISO week/);
    expect(() => weekStart('2026-W99')).toThrow(/does not exist/);
    expect(() => weekStart('2025-W53')).toThrow(/does not exist/);
  });

  it('addWeeks crosses years in both directions', () => {
    expect(addWeeks('2026-W48', 1)).toBe('2026-W49');
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W52', 2)).toBe('2027-W01');
    expect(addWeeks('2025-W52', 1)).toBe('2026-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2026-W03', -7)).toBe('2025-W48');
    expect(addWeeks('2026-W48', 0)).toBe('2026-W48');
  });

  it('isValidWeek knows which years have a week 53', () => {
    // ISO years with 53 weeks start on a Thursday (or on a Wednesday in a leap year):
    // 2020 (Wednesday, leap), 2015 and 2026 (Thursday). 2025 and 2027 have 52.
    expect(isValidWeek('2020-W53')).toBe(true);
    expect(isValidWeek('2015-W53')).toBe(true);
    expect(isValidWeek('2026-W53')).toBe(true);
    expect(isValidWeek('2025-W53')).toBe(false);
    expect(isValidWeek('2027-W53')).toBe(false);
    expect(isValidWeek('2026-W00')).toBe(false);
    expect(isValidWeek('2026-W99')).toBe(false);
    expect(isValidWeek('2026-w48')).toBe(false);
    expect(isValidWeek('')).toBe(false);
    expect(isValidWeek('2026-W48')).toBe(true);
  });
});

describe('a full disk (ENOSPC): all or nothing', () => {
  /** Runs `fn` with every store write failing as a full disk does (after writing a few bytes). */
  async function withFullDisk<T>(fn: () => Promise<T>): Promise<T> {
    const real = io.writeSync;
    io.writeSync = (fd, data) => {
      real(fd, Buffer.from(typeof data === 'string' ? data : data).subarray(0, 3));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    try {
      return await fn();
    } finally {
      io.writeSync = real;
    }
  }
  const tempFiles = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  it('a quote that could not be written is not listed, not written later, and leaves no temp file', async () => {
    const store = await openStore();
    await store.addQuotes([quote('q1', 'REF-1')]);
    await expect(withFullDisk(() => store.addQuotes([quote('q2', 'REF-2')]))).rejects.toThrow(
      /Could not save quotes.json \(the disk is full\); nothing was changed/,
    );
    expect((await store.quotes()).map((q) => q.id)).toEqual(['q1']);
    // A later write does not carry the failed one along.
    await store.addQuotes([quote('q3', 'REF-3')]);
    expect((await store.quotes()).map((q) => q.id)).toEqual(['q1', 'q3']);
    const reopened = await FileStore.open(dir, { writer: false });
    expect((await reopened.quotes()).map((q) => q.id)).toEqual(['q1', 'q3']);
    expect(tempFiles()).toEqual([]);
  });

  it('a removal that could not be written did not happen, in memory or on disk', async () => {
    const store = await openStore();
    await store.addQuotes([quote('q1', 'REF-1')]);
    await expect(withFullDisk(() => store.removeQuote('REF-1'))).rejects.toBeInstanceOf(StoreError);
    expect((await store.quotes()).map((q) => q.id)).toEqual(['q1']);
    expect(JSON.parse(readFileSync(join(dir, 'quotes.json'), 'utf8')).quotes).toHaveLength(1);
    expect(tempFiles()).toEqual([]);
  });

  it('settings and summary posts are unchanged by a failed write', async () => {
    const store = await openStore();
    await expect(withFullDisk(() => store.updateSettings({ summaryChannel: 'C9' }))).rejects.toBeInstanceOf(StoreError);
    expect((await store.settings()).summaryChannel).toBeNull();
    await expect(withFullDisk(() => store.claimSummaryPost('2026-W48', 'C9'))).rejects.toBeInstanceOf(StoreError);
    expect(await store.summaryPosts()).toEqual([]);
    expect(await store.claimSummaryPost('2026-W48', 'C9')).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('a history record that could not be written is a StoreError, and the next one is still read', async () => {
    const store = await openStore();
    await expect(withFullDisk(() => store.recordRequest(record('2026-11-23T10:00:00.000Z')))).rejects.toThrow(
      /Could not record the request .*the disk is full/,
    );
    await store.recordRequest(record('2026-11-23T11:00:00.000Z'));
    expect((await store.history()).map((r) => r.at)).toEqual(['2026-11-23T11:00:00.000Z']);
  });
});

describe('data files of the wrong shape are named in one sentence', () => {
  it.each([
    ['summary-posts.json', '{}', /summary-posts\.json is not a list of summary posts/],
    ['summary-posts.json', '{"posts": [1]}', /summary-posts\.json is not a list of summary posts/],
    ['settings.json', '{"summaryTimeZone": "Mars/Olympus"}', /summaryTimeZone "Mars\/Olympus" is not a time zone/],
    ['settings.json', '{"summaryCron": "every monday"}', /summaryCron "every monday" is not a cron pattern/],
    ['settings.json', '[1,2]', /settings\.json is not a settings object/],
  ])('%s = %s', async (file, content, message) => {
    writeFileSync(join(dir, file), content);
    const err = await FileStore.open(dir, { writer: true }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'procure.lock'))).toBe(false);
  });

  it('procure.lock that is a directory', async () => {
    mkdirSync(join(dir, 'procure.lock'));
    const err = await FileStore.open(dir, { writer: true }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toBe(
      `${join(dir, 'procure.lock')} is a directory, not a lock file; remove it and start again.`,
    );
  });

  it('price-snapshot.json = [1,2,3] is refused, not read as a snapshot', async () => {
    const store = await openStore();
    writeFileSync(join(dir, 'price-snapshot.json'), '[1,2,3]');
    await expect(store.priceSnapshot()).rejects.toThrow(/price-snapshot\.json is not a price snapshot/);
    writeFileSync(join(dir, 'price-snapshot.json'), '{"a": {"provider": "aws"}}');
    await expect(store.priceSnapshot()).rejects.toThrow(/is not a price snapshot/);
  });

  it('a history week file that is a directory is named; the other weeks are still read', async () => {
    const store = await openStore();
    await store.recordRequest(record('2026-11-16T10:00:00.000Z'));
    mkdirSync(join(dir, 'history', '2026-W48.jsonl'));
    expect((await store.history()).map((r) => r.at)).toEqual(['2026-11-16T10:00:00.000Z']);
    expect([...store.unreadable].join()).toContain('2026-W48.jsonl: EISDIR');
    await expect(store.recordRequest(record('2026-11-23T10:00:00.000Z'))).rejects.toThrow(
      /2026-W48\.jsonl is a directory, not a history file; move it away/,
    );
  });

  it('a lock holding a live pid that is not a procure-bot (a reused pid) is taken over', async () => {
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'procure.lock'), `${sleeper.pid}\n2026-11-01T00:00:00.000Z\n`);
      const store = await openStore();
      expect(readFileSync(join(dir, 'procure.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
      await store.close();
    } finally {
      sleeper.kill();
    }
  });
});
