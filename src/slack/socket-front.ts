/**
 * The Socket Mode front: holds the WebSocket to Slack (@slack/socket-mode, as Bolt's own SocketModeReceiver
 * does), acknowledges over it at once the envelopes whose ack carries nothing, and hands every envelope to
 * the back over a Link, as the HTTP front does. View submissions wait for the back's own ack.
 */
import type { Logger } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { AppLogger } from '../logger.js';
import { acksAtOnce, type Link, type LinkMessage } from './link.js';

/** As Bolt: an envelope the back has not acknowledged after this long is logged (Slack will retry it). */
const UNACKED_AFTER_MS = 3001;

type Ack = (response?: Record<string, unknown>) => Promise<void>;

export interface SocketFront {
  start(): Promise<null>;
  stop(): Promise<void>;
}

export function createSocketFront(opts: {
  appToken: string;
  slackApiUrl?: string | undefined;
  logger: AppLogger;
  link: Link;
}): SocketFront {
  const { logger, link } = opts;
  const client = new SocketModeClient({
    appToken: opts.appToken,
    logger: logger as unknown as Logger,
    clientOptions: opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {},
  });
  const waiting = new Map<number, { ack: Ack; timer: NodeJS.Timeout }>();
  let nextId = 1;

  const sendAck = (ack: Ack, response?: unknown) =>
    ack(response && typeof response === 'object' ? (response as Record<string, unknown>) : undefined).catch(
      (err: Error) => logger.error('could not acknowledge over the socket:', err.message),
    );

  const onMessage = (m: LinkMessage) => {
    if (m.type !== 'ack') return;
    const held = waiting.get(m.id);
    if (!held) return;
    waiting.delete(m.id);
    clearTimeout(held.timer);
    // A status (the back failed before acking) has no socket equivalent: an empty ack, and Slack shows nothing.
    void sendAck(held.ack, m.status ? undefined : m.body);
  };

  client.on('slack_event', (event: { ack: Ack; body?: unknown; retry_num?: number; retry_reason?: string }) => {
    const body = event.body;
    if (!body || typeof body !== 'object') {
      void sendAck(event.ack);
      return;
    }
    const id = nextId++;
    const acked = acksAtOnce(body as Record<string, unknown>);
    if (acked) void sendAck(event.ack);
    else
      waiting.set(id, {
        ack: event.ack,
        timer: setTimeout(() => {
          waiting.delete(id);
          logger.error('An incoming request was not acknowledged within 3 seconds.');
        }, UNACKED_AFTER_MS),
      });
    link.postMessage({
      type: 'request',
      id,
      body: body as Record<string, unknown>,
      retryNum: event.retry_num,
      retryReason: event.retry_reason,
      acked,
    });
  });

  return {
    start: async () => {
      link.on('message', onMessage);
      await client.start();
      logger.info('procure-bot connected to Slack in Socket Mode');
      return null;
    },
    stop: async () => {
      link.off('message', onMessage);
      for (const held of waiting.values()) clearTimeout(held.timer);
      waiting.clear();
      await client.disconnect();
    },
  };
}
