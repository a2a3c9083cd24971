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

  it('add() resolves once the line is in the file, readable by another reader, even while the fsync is slow', async () => {
    const a = FileInbox.open(dir);
    const real = io.fdatasync;
    const held: (() => void)[] = [];
    // A disk whose fdatasync takes as long as the test wants: nothing is flushed until released.
    io.fdatasync = (fd, cb) => held.push(() => real(fd, cb));
    try {
      expect(await a.add(entry('command:slow'))).toBe(true);
      expect(await a.add(entry('command:slow2'))).toBe(true);
      // Another reader (the next run, after a kill -9) sees both although no fdatasync has finished.
      const text = readFileSync(join(dir, 'inbox.jsonl'), 'utf8');
      expect(text).toContain('command:slow');
      expect(text).toContain('command:slow2');
      expect(
        text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).k),
      ).toEqual(['command:slow', 'command:slow2']);
      // The background fsync starts right after this turn of the event loop, one for both adds.
      await new Promise((r) => setImmediate(r));
      expect(held).toHaveLength(1);
      let flushed = false;
      const f = a.flushed().then(() => {
        flushed = true;
      });
      await new Promise((r) => setImmediate(r));
      expect(flushed).toBe(false);
      // Released: the first fsync ends, the second (covering the second line) starts and ends, flushed() resolves.
      while (!flushed) {
        held.shift()?.();
        await new Promise((r) => setTimeout(r, 5));
      }
      await f;
    } finally {
      io.fdatasync = real;
      for (const h of held) h();
    }
    await a.close();
  });

  it('keeps the body only until done: the file then holds the key and its time, not the response_url', async () => {
    const a = FileInbox.open(dir);
    const body = {
      command: '/procure',
      text: 'quote add secret-ish',
      response_url: 'https://hooks.slack.com/commands/T1/99/abc',
    };
    await a.add({ key: 'command:r1', at: new Date().toISOString(), body });
    await a.add({
      key: 'command:r2',
      at: new Date().toISOString(),
      body: { ...body, text: 'other', response_url: 'https://hooks/keep' },
    });
    expect(readFileSync(join(dir, 'inbox.jsonl'), 'utf8')).toContain('hooks.slack.com/commands/T1/99/abc');
    await a.done('command:r1');
    const text = readFileSync(join(dir, 'inbox.jsonl'), 'utf8');
    expect(text).not.toContain('hooks.slack.com');
    expect(text).not.toContain('secret-ish"');
    // Every line still reads as JSON; the one not done is intact.
    expect(
      text
        .trim()
        .split('\n')
        .every((l) => JSON.parse(l)),
    ).toBeTruthy();
    expect(text).toContain('https://hooks/keep');
    // After a restart: r1 is still a duplicate, r2 still undone with its body.
    const b = FileInbox.open(dir);
    expect(b.skippedLines).toBe(0);
    expect(await b.add({ key: 'command:r1', at: new Date().toISOString(), body })).toBe(false);
    expect(b.undone().map((e) => [e.key, e.body.response_url])).toEqual([['command:r2', 'https://hooks/keep']]);
    await a.close();
    await b.close();
  });

  it('blanks a finished entry also when it was laid out by the compaction at open', async () => {
    const a = FileInbox.open(dir);
    await a.add({ key: 'command:c1', at: new Date().toISOString(), body: { response_url: 'https://hooks/c1' } });
    await a.close();
    const b = FileInbox.open(dir);
    await b.done('command:c1');
    expect(readFileSync(join(dir, 'inbox.jsonl'), 'utf8')).not.toContain('hooks/c1');
    await b.close();
    expect(FileInbox.open(dir).undone()).toEqual([]);
  });
});
