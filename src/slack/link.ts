/**
 * The messages between the HTTP front (which receives Slack's requests and acknowledges them) and the back
 * (Bolt and the service, which answer). In production the back runs in a worker thread, so that answering,
 * and its garbage collection, never delay an acknowledgement; in tests both ends share one thread over a
 * MessageChannel. Either way every message is structured-cloned, so both paths behave the same.
 */
import { createHash } from 'node:crypto';
import type { AppLogger } from '../logger.js';
import type { Inbox } from '../store/types.js';

/** A verified, parsed Slack request. `acked`: the front already answered 200 with no body. */
export interface RequestMessage {
  type: 'request';
  id: number;
  body: Record<string, unknown>;
  retryNum?: number | undefined;
  retryReason?: string | undefined;
  acked: boolean;
  /** The request's key in the durable inbox: the back says `done` with it once the answer is delivered. */
  key?: string | undefined;
  /** Answered again after a restart: it was acknowledged by the last run, which did not finish it. */
  replayed?: boolean | undefined;
}

/** Several requests at once: those the front received within one turn of its event loop, in order. */
export interface RequestsMessage {
  type: 'requests';
  items: RequestMessage[];
}

/** From the back: the request with this inbox key is answered (delivered and recorded), or cannot be. */
export interface DoneMessage {
  type: 'done';
  key: string;
}

/** The back's acknowledgement of a request the front held open: a body (view errors…) or an HTTP status. */
export interface AckMessage {
  type: 'ack';
  id: number;
  body?: unknown;
  status?: number;
}

/** From a worker: it is ready for requests, or it could not start (one sentence), or it has stopped. */
export type LifecycleMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'stopped' }
  | { type: 'stop' };

export type LinkMessage = RequestMessage | RequestsMessage | AckMessage | DoneMessage | LifecycleMessage;

/** What both MessagePort and Worker offer. */
export interface Link {
  postMessage(message: LinkMessage): void;
  on(event: 'message', listener: (message: LinkMessage) => void): unknown;
  off(event: 'message', listener: (message: LinkMessage) => void): unknown;
}

/**
 * Slack requests the front acknowledges at once, with an empty 200, before the back sees them: their
 * listeners only ever ack() with no body. Everything else (view submissions, which may answer with
 * field errors; options; shortcuts) waits for the back's own ack.
 */
export function acksAtOnce(body: Record<string, unknown>): boolean {
  if (typeof body.command === 'string') return true;
  return body.type === 'event_callback' || body.type === 'block_actions' || body.type === 'view_closed';
}

/**
 * What identifies a request across Slack's deliveries of it: the event id, the trigger id of a command or
 * button click, or else the digest of the body.
 */
export function requestKey(body: Record<string, unknown>): string {
  if (typeof body.event_id === 'string' && body.event_id) return `event:${body.event_id}`;
  const kind = typeof body.command === 'string' ? 'command' : String(body.type ?? 'request');
  if (typeof body.trigger_id === 'string' && body.trigger_id) return `${kind}:${body.trigger_id}`;
  return `${kind}:${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}`;
}

/**
 * What the inbox keeps of a request: what answering it again after a crash needs (the command and its text,
 * who and where, its response_url and trigger, an event, a button's action and the message it sits on), not
 * the legacy verification `token` nor the blocks and text of the message a button sits on. Copies only what
 * it changes.
 */
export function replayBody(body: Record<string, unknown>): Record<string, unknown> {
  const { token: _token, ...kept } = body;
  const message = kept.message;
  if (message && typeof message === 'object') {
    const { blocks: _b, attachments: _a, text: _t, ...rest } = message as Record<string, unknown>;
    kept.message = rest;
  }
  return kept;
}

/** Slack's response_url (and a button's trigger) is good for 30 minutes: older undone requests are given up. */
export const ANSWER_WINDOW_MS = 30 * 60_000;

/**
 * At most this many acknowledged requests are with the back at once (handed over, not yet answered or turned
 * away): the answering worker's memory (Bolt's context for each, its place in the queue, its reply being
 * delivered) is bounded by it however large a burst is. Twice the queue's own bound (queue.ts), so the queue
 * still sheds by expected wait, with a "retry in N s" answer, before this applies; beyond it a request is not
 * acknowledged at all (HTTP 503: Slack retries an event later, a slash command shows Slack's error).
 */
export const MAX_OUTSTANDING = 5_000;

/** As Bolt: a request the back has not acknowledged after this long is given up on (Slack has by then). */
const UNACKED_AFTER_MS = 3001;

/**
 * What both fronts do with a checked request: number it, hand it to the back, and, unless the front acked
 * it already, hold its way of answering (`H`: an HTTP response, a socket ack) until the back's ack arrives
 * or 3 s have passed.
 */
export class Forwarder<H> {
  private nextId = 1;
  private readonly held = new Map<number, { answer: H; timer: NodeJS.Timeout }>();
  /** Inbox keys handed to the back and not done yet (at most `maxOutstanding`). */
  private readonly outstanding = new Set<string>();
  private readonly maxOutstanding: number;
  /** Requests refused as too many outstanding since the last log line (logged at most every 10 s). */
  private refused = 0;
  private refusedLoggedAt = 0;
  private listening = false;
  /**
   * Requests not yet handed to the back: they go after this turn of the event loop, together, so the
   * acknowledgements of this turn are written first and a burst costs the back one wake-up, not one each.
   */
  private outbox: RequestMessage[] = [];
  private readonly flush = () => {
    const items = this.outbox;
    this.outbox = [];
    if (items.length === 1) this.link.postMessage(items[0] as RequestMessage);
    else if (items.length) this.link.postMessage({ type: 'requests', items });
  };
  private readonly onMessage = (m: LinkMessage) => {
    if (m.type === 'done') {
      this.outstanding.delete(m.key);
      this.inbox
        ?.done(m.key)
        .catch((e: unknown) => this.logger?.error('could not mark a request done in the inbox:', (e as Error).message));
      return;
    }
    if (m.type !== 'ack') return;
    const held = this.held.get(m.id);
    if (!held) return;
    this.held.delete(m.id);
    clearTimeout(held.timer);
    this.events.acked(held.answer, m);
  };

  constructor(
    private readonly link: Link,
    private readonly events: {
      /** The back acknowledged a held request. */
      acked(answer: H, m: AckMessage): void;
      /** Nobody acknowledged it within 3 s. */
      unacked(answer: H): void;
    },
    /** Where acknowledged requests are kept until answered; without one they live in memory only. */
    private readonly inbox?: Inbox | undefined,
    private readonly logger?: AppLogger | undefined,
    opts: { maxOutstanding?: number } = {},
  ) {
    this.maxOutstanding = opts.maxOutstanding ?? MAX_OUTSTANDING;
  }

  /** Acknowledged requests with the back now (handed over, not yet answered or turned away). */
  get outstandingCount(): number {
    return this.outstanding.size;
  }

  start(): void {
    if (!this.listening) this.link.on('message', this.onMessage);
    this.listening = true;
  }

  /**
   * Stops holding requests; returns those still held, for the front to close. With an inbox it still
   * hears the back's `done` messages (answers finishing while the back stops) until close().
   */
  stop(): H[] {
    this.flush();
    if (!this.inbox) this.close();
    const open = [...this.held.values()].map((h) => {
      clearTimeout(h.timer);
      return h.answer;
    });
    this.held.clear();
    return open;
  }

  close(): void {
    this.link.off('message', this.onMessage);
    this.listening = false;
  }

  /**
   * A request the front acknowledges itself: kept in the inbox (resolves once its line is written to the
   * file, where a kill of the process cannot lose it, so the front acks after that) and handed to the back. A request whose key the inbox already holds is a Slack
   * retry or a duplicate: it is acknowledged and not answered again. If the inbox cannot be written (a full
   * disk) the request is still answered, from memory, and the failure logged. `busy`: the back holds
   * `maxOutstanding` requests already; this one is neither kept nor acknowledged.
   */
  async accept(
    body: Record<string, unknown>,
    retry: { num?: number; reason?: string },
  ): Promise<'accepted' | 'duplicate' | 'busy'> {
    const key = requestKey(body);
    if (this.inbox && this.outstanding.size >= this.maxOutstanding) {
      this.refused++;
      const now = Date.now();
      if (now - this.refusedLoggedAt >= 10_000) {
        this.logger?.warn(
          `refused ${this.refused} request(s) unacknowledged: ${this.outstanding.size} acknowledged ones are still being answered`,
        );
        this.refused = 0;
        this.refusedLoggedAt = now;
      }
      return 'busy';
    }
    // Its place is taken now, before the write, so requests arriving together cannot all pass the bound.
    const reserved = this.inbox !== undefined && !this.outstanding.has(key);
    if (reserved) this.outstanding.add(key);
    if (this.inbox) {
      let fresh = true;
      try {
        fresh = await this.inbox.add({
          key,
          at: new Date().toISOString(),
          body: replayBody(body),
          ...(retry.num !== undefined ? { retryNum: retry.num } : {}),
          ...(retry.reason !== undefined ? { retryReason: retry.reason } : {}),
        });
      } catch (err) {
        this.logger?.error(
          'could not keep a request in the inbox; answering it from memory only:',
          (err as Error).message,
        );
      }
      if (!fresh) {
        if (reserved) this.outstanding.delete(key);
        this.logger?.info(`duplicate delivery of ${key} ignored`);
        return 'duplicate';
      }
    }
    this.post(body, retry, null, key);
    return 'accepted';
  }

  /** `hold`: how to answer it later; null when the front has acknowledged it already. */
  forward(body: Record<string, unknown>, retry: { num?: number; reason?: string }, hold: H | null): void {
    this.post(body, retry, hold, undefined);
  }

  /**
   * After a restart: the requests the last run acknowledged but did not finish are answered, once; those
   * older than Slack's 30-minute response window are logged, counted and given up.
   */
  async recover(now = Date.now()): Promise<{ answered: number; expired: number }> {
    if (!this.inbox) return { answered: 0, expired: 0 };
    let answered = 0;
    const expired: string[] = [];
    for (const e of this.inbox.undone()) {
      if (now - Date.parse(e.at) > ANSWER_WINDOW_MS || !Number.isFinite(Date.parse(e.at))) {
        expired.push(`${e.key} (${e.at})`);
        await this.inbox.done(e.key).catch(() => undefined);
        continue;
      }
      answered++;
      this.post(e.body, { num: e.retryNum, reason: e.retryReason }, null, e.key, true);
    }
    if (answered) this.logger?.warn(`answering ${answered} request(s) the last run acknowledged but did not finish`);
    if (expired.length)
      this.logger?.error(
        `${expired.length} request(s) the last run acknowledged can no longer be answered (older than 30 minutes): ${expired.slice(0, 10).join(', ')}${expired.length > 10 ? ', …' : ''}`,
      );
    return { answered, expired: expired.length };
  }

  private post(
    body: Record<string, unknown>,
    retry: { num?: number | undefined; reason?: string | undefined },
    hold: H | null,
    key: string | undefined,
    replayed = false,
  ): void {
    const id = this.nextId++;
    if (hold !== null)
      this.held.set(id, {
        answer: hold,
        timer: setTimeout(() => {
          this.held.delete(id);
          this.events.unacked(hold);
        }, UNACKED_AFTER_MS),
      });
    if (key && this.inbox) this.outstanding.add(key);
    if (!this.outbox.length) setImmediate(this.flush);
    this.outbox.push({
      type: 'request',
      id,
      body,
      retryNum: retry.num,
      retryReason: retry.reason,
      acked: hold === null,
      ...(key && this.inbox ? { key } : {}),
      ...(replayed ? { replayed } : {}),
    });
  }
}
