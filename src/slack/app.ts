/**
 * Builds the Slack app: Socket Mode (bot + app token) or HTTP mode (bot token + signing secret, everything
 * at /slack/events), the Web API at SLACK_API_URL when set. The only module that constructs Bolt.
 *
 * Two halves joined by a Link (./link.ts): the front receives and acknowledges (./front.ts over HTTP,
 * ./socket-front.ts over Socket Mode's WebSocket); the back (Bolt with a LinkReceiver, the listeners and the
 * service) answers. `npm start` runs the back in a worker thread (./bot.ts); createSlackApp joins both in one
 * thread, for tests and embedding, over a MessageChannel, so messages are cloned exactly as between threads.
 */
import { MessageChannel } from 'node:worker_threads';
import { App, type Logger, type Receiver } from '@slack/bolt';
import type { Config } from '../config/env.js';
import type { AppLogger } from '../logger.js';
import type { Inbox } from '../store/types.js';
import { LinkReceiver } from './back.js';
import { slackFetch } from './fetch.js';
import { createFront } from './front.js';
import type { Link } from './link.js';
import { registerActions, registerCommands, registerEvents, registerGuards, registerViews } from './listeners.js';
import type { SlackService } from './service.js';
import { createSocketFront } from './socket-front.js';
import { StartupError } from './startup-error.js';

export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the port in HTTP mode. */
  start(): Promise<number | null>;
  stop(): Promise<void>;
}

export interface SlackAppOptions {
  config: Config;
  service: SlackService;
  logger: AppLogger;
  /** Known in tests: skips the auth.test call Bolt would make at the first request. */
  botId?: string;
  botUserId?: string;
  now?: () => number;
  /** How long one Web API call may take before it is abandoned and retried (default 10 s). */
  webTimeoutMs?: number;
  /** How long one response_url attempt may take (default 10 s). */
  responseTimeoutMs?: number;
  /** The durable inbox the front keeps acknowledged requests in (npm start: PROCURE_DATA_DIR/inbox.jsonl). */
  inbox?: Inbox;
}

function buildApp(opts: SlackAppOptions, receiver: Receiver): App {
  const { config, service, logger } = opts;
  const app = new App({
    token: config.botToken,
    receiver,
    logger: logger as unknown as Logger,
    clientOptions: {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      // Rate-limited calls wait for Retry-After and try again; other failures retry a few times.
      rejectRateLimitedCalls: false,
      retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5000 },
      timeout: opts.webTimeoutMs ?? 10_000,
      // response_url gets a timeout and 429 retries; a post that timed out is looked for before it is sent again.
      fetch: slackFetch({
        apiUrl: config.slackApiUrl ?? 'https://slack.com/api/',
        logger,
        ...(opts.responseTimeoutMs ? { responseTimeoutMs: opts.responseTimeoutMs } : {}),
      }),
    },
    deferInitialization: true,
    ...(opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId } : {}),
  });
  register(app, { service, logger });
  return app;
}

/** The back half of HTTP mode: Bolt fed by the front over `link`. start() checks the token (auth.test). */
export function createBackApp(opts: SlackAppOptions & { link: Link }): SlackApp {
  const app = buildApp(opts, new LinkReceiver(opts.link, opts.logger));
  return {
    app,
    start: async () => {
      await init(app);
      await app.start();
      return null;
    },
    stop: () => app.stop() as Promise<void>,
  };
}

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { config, logger } = opts;
  const { port1, port2 } = new MessageChannel();
  const back = createBackApp({ ...opts, link: port2 as unknown as Link });
  const link = port1 as unknown as Link;
  const front =
    config.mode === 'socket'
      ? createSocketFront({
          appToken: config.appToken as string,
          slackApiUrl: config.slackApiUrl,
          logger,
          link,
          inbox: opts.inbox,
        })
      : createFront({
          signingSecret: config.signingSecret as string,
          port: config.port,
          logger,
          link,
          inbox: opts.inbox,
          ...(opts.now ? { now: opts.now } : {}),
        });
  return {
    app: back.app,
    start: async () => {
      await back.start();
      return front.start();
    },
    stop: async () => {
      await front.stop();
      await back.stop();
      port1.close();
      port2.close();
    },
  };
}

export { StartupError };

/** Bolt checks the bot token with auth.test here; a refused token or an unreachable API is one sentence. */
async function init(app: App): Promise<void> {
  try {
    await app.init();
  } catch (err) {
    const e = err as { data?: { error?: string }; message?: string };
    const why = e.data?.error ?? e.message ?? String(err);
    throw new StartupError(
      `Could not start the Slack app: Slack did not accept SLACK_BOT_TOKEN or could not be reached (${why}).`,
    );
  }
}

function register(app: App, deps: { service: SlackService; logger: AppLogger }): void {
  registerGuards(app, deps);
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  app.error(async (err) => {
    deps.logger.error('unhandled error in a listener:', err instanceof Error ? err.message : String(err));
  });
}
