/**
 * The front's Forwarder: what the answering worker is handed is bounded however large a burst is (at most
 * `maxOutstanding` acknowledged requests not yet answered), and requests reach it after their ack, together.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Forwarder, type Link, type LinkMessage, type RequestMessage } from '../../src/slack/link.js';
import { FileInbox } from '../../src/store/inbox.js';

/** The back's end of the link: keeps what it is sent; `say` sends the front a message (a `done`). */
function fakeBack() {
  const listeners: ((m: LinkMessage) => void)[] = [];
  const sent: LinkMessage[] = [];
  const link: Link = {
    postMessage: (m) => sent.push(m),
    on: (_e, l) => listeners.push(l),
    off: () => undefined,
  };
  const requests = () =>
    sent.flatMap((m) => (m.type === 'request' ? [m] : m.type === 'requests' ? m.items : [])) as RequestMessage[];
  return {
    link,
    sent,
    requests,
    say: (m: LinkMessage) => {
      for (const l of listeners) l(m);
    },
  };
}

const turn = () => new Promise((r) => setImmediate(r));
const command = (n: number) => ({
  command: '/procure',
  text: `q${n}`,
  trigger_id: `t.${n}`,
  response_url: `https://r/${n}`,
});

let dir: string;
let inbox: FileInbox;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'procure-forwarder-'));
  inbox = FileInbox.open(dir);
});
afterEach(async () => {
  await inbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Forwarder', () => {
  it('hands the back at most maxOutstanding unanswered requests; the rest of a burst is refused, not kept', async () => {
    const back = fakeBack();
    const f = new Forwarder(back.link, { acked: () => undefined, unacked: () => undefined }, inbox, undefined, {
      maxOutstanding: 50,
    });
    f.start();
    const results = await Promise.all(Array.from({ length: 2000 }, (_, i) => f.accept(command(i), {})));
    await turn();
    expect(results.filter((r) => r === 'accepted')).toHaveLength(50);
    expect(results.filter((r) => r === 'busy')).toHaveLength(1950);
    expect(back.requests()).toHaveLength(50);
    expect(f.outstandingCount).toBe(50);
    // Refused requests were not kept: a crash now replays only the 50 acknowledged ones.
    expect(inbox.undone()).toHaveLength(50);
    // As answers finish, room is made again.
    for (const r of back.requests().slice(0, 10)) back.say({ type: 'done', key: r.key as string });
    expect(f.outstandingCount).toBe(40);
    expect(await f.accept(command(5000), {})).toBe('accepted');
    expect(await f.accept(command(1), {})).toBe('duplicate');
    f.stop();
  });

  it('hands a burst to the back after the acks, in one message per event-loop turn, in order', async () => {
    const back = fakeBack();
    const f = new Forwarder(back.link, { acked: () => undefined, unacked: () => undefined }, inbox);
    f.start();
    await Promise.all(Array.from({ length: 20 }, (_, i) => f.accept(command(i), {})));
    expect(back.sent).toHaveLength(0);
    await turn();
    expect(back.sent.map((m) => m.type)).toEqual(['requests']);
    expect(back.requests().map((r) => r.body.text)).toEqual(Array.from({ length: 20 }, (_, i) => `q${i}`));
    f.stop();
  });
});
