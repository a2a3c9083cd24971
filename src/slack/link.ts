/**
 * The messages between the HTTP front (which receives Slack's requests and acknowledges them) and the back
 * (Bolt and the service, which answer). In production the back runs in a worker thread, so that answering,
 * and its garbage collection, never delay an acknowledgement; in tests both ends share one thread over a
 * MessageChannel. Either way every message is structured-cloned, so both paths behave the same.
 */

/** A verified, parsed Slack request. `acked`: the front already answered 200 with no body. */
export interface RequestMessage {
  type: 'request';
  id: number;
  body: Record<string, unknown>;
  retryNum?: number | undefined;
  retryReason?: string | undefined;
  acked: boolean;
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

export type LinkMessage = RequestMessage | AckMessage | LifecycleMessage;

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
  private readonly onMessage = (m: LinkMessage) => {
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
  ) {}

  start(): void {
    this.link.on('message', this.onMessage);
  }

  /** Stops listening; returns the requests still held, for the front to close. */
  stop(): H[] {
    this.link.off('message', this.onMessage);
    const open = [...this.held.values()].map((h) => {
      clearTimeout(h.timer);
      return h.answer;
    });
    this.held.clear();
    return open;
  }

  /** `hold`: how to answer it later; null when the front has acknowledged it already. */
  forward(body: Record<string, unknown>, retry: { num?: number; reason?: string }, hold: H | null): void {
    const id = this.nextId++;
    if (hold !== null)
      this.held.set(id, {
        answer: hold,
        timer: setTimeout(() => {
          this.held.delete(id);
          this.events.unacked(hold);
        }, UNACKED_AFTER_MS),
      });
    this.link.postMessage({
      type: 'request',
      id,
      body,
      retryNum: retry.num,
      retryReason: retry.reason,
      acked: hold === null,
    });
  }
}
