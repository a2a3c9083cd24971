/** The durable inbox: what is kept survives a reopen, keys de-duplicate across restarts, a torn line is skipped. */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from '../../src/store/durable-json.js';
import { DEDUP_MS, FileInbox } from '../../src/store/inbox.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'procure-inbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (key: string, at = new Date().toISOString()) => ({ key, at, body: { command: '/procure', text: key } });

describe('FileInbox', () => {
  it('keeps what is added until it is done, across a reopen', async () => {
    const a = FileInbox.open(dir);
    expect(await a.add(entry('command:1'))).toBe(true);
    expect(await a.add(entry('command:2'))).toBe(true);
    await a.done('command:1');
    // No close: as after kill -9.
    const b = FileInbox.open(dir);
    expect(b.undone().map((e) => e.key)).toEqual(['command:2']);
    expect(b.undone()[0]?.body).toEqual({ command: '/procure', text: 'command:2' });
    await a.close();
    await b.close();
  });

  it('refuses a key it holds, also after a restart (a Slack retry is not answered twice)', async () => {
    const a = FileInbox.open(dir);
    await a.add(entry('event:Ev1'));
    await a.done('event:Ev1');
    expect(await a.add(entry('event:Ev1'))).toBe(false);
    await a.close();
    const b = FileInbox.open(dir);
    expect(await b.add(entry('event:Ev1'))).toBe(false);
    expect(b.undone()).toEqual([]);
    await b.close();
  });

  it('forgets finished keys after an hour, so the file does not grow across restarts', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const a = FileInbox.open(dir, { now: () => now });
    for (let i = 0; i < 50; i++) {
      await a.add(entry(`event:${i}`, new Date(now).toISOString()));
      await a.done(`event:${i}`);
    }
    await a.close();
    now += DEDUP_MS + 1;
    const b = FileInbox.open(dir, { now: () => now });
    expect(readFileSync(join(dir, 'inbox.jsonl'), 'utf8')).toBe('');
    expect(await b.add(entry('event:1'))).toBe(true);
    await b.close();
  });

  it('skips a torn last line (a crash mid-write) and keeps the rest', async () => {
    const a = FileInbox.open(dir);
    await a.add(entry('command:ok'));
    await a.close();
    appendFileSync(join(dir, 'inbox.jsonl'), '{"k":"command:torn","e":{"key":"command:t');
    const b = FileInbox.open(dir);
    expect(b.undone().map((e) => e.key)).toEqual(['command:ok']);
    expect(b.skippedLines).toBe(1);
    await b.close();
  });

  it('a failed write (a full disk) keeps nothing, and the next write starts on a fresh line', async () => {
    const a = FileInbox.open(dir);
    const real = io.writeSync;
    io.writeSync = (fd, data) => {
      real(fd, Buffer.from(String(data)).subarray(0, 7));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    try {
      await expect(a.add(entry('command:lost'))).rejects.toThrow(/ENOSPC/);
    } finally {
      io.writeSync = real;
    }
    expect(await a.add(entry('command:lost'))).toBe(true);
    await a.close();
    const b = FileInbox.open(dir);
    expect(b.undone().map((e) => e.key)).toEqual(['command:lost']);
    await b.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('many adds at once all resolve (their fsyncs are shared)', async () => {
    const a = FileInbox.open(dir);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => a.add(entry(`command:${i}`))));
    expect(results.every(Boolean)).toBe(true);
    await a.close();
    expect(FileInbox.open(dir).undone()).toHaveLength(200);
  });
});
