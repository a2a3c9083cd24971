/**
 * The back's Bolt receiver: takes the requests the HTTP front forwards over a Link and feeds them to
 * Bolt. An ack() for a request the front already acknowledged does nothing; any other ack goes back to
 * the front, which writes it as the HTTP response (view submissions' field errors, for instance).
 */
import type { App, Receiver } from '@slack/bolt';
import type { AppLogger } from '../logger.js';
import type { Link, LinkMessage, RequestMessage } from './link.js';

export class LinkReceiver implements Receiver {
  private app: App | null = null;
  private readonly onMessage = (m: LinkMessage) => {
    if (m.type === 'request') this.dispatch(m);
    else if (m.type === 'requests') for (const r of m.items) this.dispatch(r);
  };

  constructor(
    private readonly link: Link,
    private readonly logger: AppLogger,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    this.link.on('message', this.onMessage);
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.link.off('message', this.onMessage);
    return Promise.resolve();
  }

  private dispatch(m: RequestMessage): void {
    const app = this.app;
    if (!app) return;
    let acked = m.acked;
    // Tells the front the request is answered, once.
    let doneSent = false;
    const done = () => {
      if (doneSent || !m.key) return;
      doneSent = true;
      this.link.postMessage({ type: 'done', key: m.key });
    };
    const reply = (ack: { body?: unknown; status?: number }) =>
      this.link.postMessage({ type: 'ack', id: m.id, ...ack });
    const ack = async (response?: unknown) => {
      if (acked) {
        // The front answered already; a listener's own ack() is then a no-op, a second one an error.
        if (m.acked) return;
        throw new Error('ack() was called twice for one request');
      }
      acked = true;
      reply({ body: response });
    };
    app
      .processEvent({
        body: m.body,
        ack,
        ...(m.retryNum !== undefined ? { retryNum: m.retryNum } : {}),
        ...(m.retryReason !== undefined ? { retryReason: m.retryReason } : {}),
        // The listeners record the answer under the inbox key, so an answer given again after a crash is one record.
        // delivered(): the listener says its answer's first message is out (and recorded), so a crash after it
        // does not answer the request again (only parts after the first could then be missing, never doubled).
        customProperties: m.key ? { requestKey: m.key, delivered: done } : {},
      })
      .catch((err: unknown) => {
        const e = err as { code?: string; message?: string };
        this.logger.error('An unhandled error occurred while Bolt processed a request:', e.message ?? String(err));
        if (acked) return;
        acked = true;
        // As Bolt's HTTPReceiver: an authorization failure is 401, anything else 500.
        reply({ status: e.code === 'slack_bolt_authorization_error' ? 401 : 500 });
      })
      // Delivered and recorded (or failed with the user told): the inbox can let go of it.
      .finally(done);
  }
}
