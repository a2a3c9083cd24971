/**
 * Builds the Slack app: Socket Mode (bot + app token) or HTTP mode (bot token + signing secret, everything
 * at /slack/events), the Web API at SLACK_API_URL when set. The only module that constructs Bolt.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config/env.js';
import type { AppLogger } from '../logger.js';
import { registerActions, registerCommands, registerEvents, registerGuards, registerViews } from './listeners.js';
import type { SlackService } from './service.js';
import { TtlMap } from './state.js';

/** Slack's replay window: requests signed more than 5 minutes away from now, either way, are refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** Largest request body accepted (Slack's own payloads are far smaller). */
export const MAX_BODY_BYTES = 1024 * 1024;

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
}

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { config, service, logger } = opts;
  const boltLogger = logger as unknown as Logger;
  const clientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // Rate-limited calls wait for Retry-After and try again; other failures retry a few times.
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5000 },
    timeout: opts.webTimeoutMs ?? 10_000,
  };
  const deps = { service, logger };
  const now = opts.now ?? Date.now;
  const build = (receiver: HTTPReceiver | SocketModeReceiver): App => {
    const app = new App({
      token: config.botToken,
      receiver,
      logger: boltLogger,
      clientOptions,
      deferInitialization: true,
      ...ids(opts),
    });
    register(app, deps);
    return app;
  };

  if (config.mode === 'socket') {
    const app = build(new SocketModeReceiver({ appToken: config.appToken as string, logger: boltLogger }));
    return {
      app,
      start: async () => {
        await init(app);
        await app.start();
        logger.info('procure-bot connected to Slack in Socket Mode');
        return null;
      },
      stop: () => app.stop() as Promise<void>,
    };
  }

  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret as string,
    endpoints: '/slack/events',
    logger: boltLogger,
    processBeforeResponse: false,
    bodyLimit: MAX_BODY_BYTES,
  });
  const app = build(receiver);
  let server: Server | null = null;
  // A signature already seen within the replay window is a replay: refused like a forged one.
  const seenSignatures = new TtlMap<true>(2 * MAX_CLOCK_SKEW_SECONDS * 1000, 100_000);
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // Bolt refuses old timestamps; a request signed in the future is refused here, before Bolt reads it.
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts > now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
      logger.warn('refused a request whose timestamp is more than 5 minutes in the future');
      res.writeHead(401).end();
      return;
    }
    const signature = req.headers['x-slack-signature'];
    // Slack's own retries of events may repeat a signature; those are de-duplicated by event_id instead.
    const retry = req.headers['x-slack-retry-num'] !== undefined;
    if (!retry && typeof signature === 'string' && signature && !seenSignatures.claim(signature, true)) {
      logger.warn('refused a replayed request (a signature already seen)');
      res.writeHead(401).end();
      return;
    }
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > MAX_BODY_BYTES) {
      logger.warn(`refused a request body of ${length} bytes`);
      res.writeHead(413).end();
      return;
    }
    receiver.requestListener(req, res);
  };
  return {
    app,
    start: async () => {
      await init(app);
      return new Promise<number>((resolve, reject) => {
        const srv = createServer(listener);
        server = srv;
        srv.once('error', reject);
        srv.listen(config.port, () => {
          const port = (srv.address() as AddressInfo).port;
          logger.info(`procure-bot listening for Slack on port ${port} at /slack/events`);
          resolve(port);
        });
      });
    },
    stop: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

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

function ids(opts: SlackAppOptions) {
  return opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId } : {};
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
