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
