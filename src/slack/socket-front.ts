/**
 * The Socket Mode front: holds the WebSocket to Slack (@slack/socket-mode, as Bolt's own SocketModeReceiver
 * does), acknowledges over it at once the envelopes whose ack carries nothing, and hands every envelope to
 * the back over a Link, as the HTTP front does. View submissions wait for the back's own ack.
 */
import type { Logger } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { AppLogger } from '../logger.js';
import type { Inbox } from '../store/types.js';
import { acksAtOnce, Forwarder, type Link } from './link.js';
import { payloadProblem } from './payload-shape.js';

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
  inbox?: Inbox | undefined;
}): SocketFront {
  const { logger, link } = opts;
  const client = new SocketModeClient({
    appToken: opts.appToken,
    logger: logger as unknown as Logger,
    clientOptions: opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {},
  });
  const sendAck = (ack: Ack, response?: unknown) =>
    ack(response && typeof response === 'object' ? (response as Record<string, unknown>) : undefined).catch(
      (err: Error) => logger.error('could not acknowledge over the socket:', err.message),
    );

  const forwarder = new Forwarder<Ack>(
    link,
    {
      // A status (the back failed before acking) has no socket equivalent: an empty ack, and Slack shows nothing.
      acked: (ack, m) => void sendAck(ack, m.status ? undefined : m.body),
      // Slack retries an envelope nobody acknowledged.
      unacked: () => logger.error('An incoming request was not acknowledged within 3 seconds.'),
    },
    opts.inbox,
    logger,
  );

  client.on('slack_event', (event: { ack: Ack; body?: unknown; retry_num?: number; retry_reason?: string }) => {
    const body = event.body;
    if (!body || typeof body !== 'object') {
      void sendAck(event.ack);
      return;
    }
    const problem = payloadProblem(body as Record<string, unknown>);
    if (problem) {
      logger.warn(`refused a malformed Slack request: ${problem}`);
      void sendAck(event.ack);
      return;
    }
    const retry = { num: event.retry_num, reason: event.retry_reason };
    // Acknowledged once kept in the inbox, as over HTTP.
    if (acksAtOnce(body as Record<string, unknown>))
      // Too many still being answered ('busy'): not acknowledged, so Slack delivers it again later.
      void forwarder
        .accept(body as Record<string, unknown>, retry)
        .catch(() => 'accepted' as const)
        .then((kept) => (kept === 'busy' ? undefined : sendAck(event.ack)));
    else forwarder.forward(body as Record<string, unknown>, retry, event.ack);
  });

  return {
    start: async () => {
      forwarder.start();
      await forwarder.recover();
      await client.start();
      logger.info('procure-bot connected to Slack in Socket Mode');
      return null;
    },
    stop: async () => {
      forwarder.stop();
      await client.disconnect();
    },
  };
}
