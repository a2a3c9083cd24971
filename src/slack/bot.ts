/**
 * The bot as `npm start` runs it with Slack credentials: the front in this thread (HTTP: ./front.ts; Socket
 * Mode: ./socket-front.ts), the back (Bolt, the service, the store and the schedules) in a worker thread.
 * Acknowledgements then never wait behind an answer being built, nor behind the garbage collection that
 * building answers causes, because the worker has a heap of its own.
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/env.js';
import type { PipelineOptions } from '../domain/pipeline/index.js';
import type { AppLogger } from '../logger.js';
import { defaultRoot } from '../root.js';
import { FileInbox, releaseLockOfThisProcess } from '../store/inbox.js';
import type { Link, LinkMessage } from './link.js';
import { StartupError } from './startup-error.js';
import type { WorkerData } from './worker.js';

export interface Bot {
  /** HTTP mode: the port listened on; Socket Mode: null. */
  port: number | null;
  /** Resolves when the worker has stopped on its own (it crashed): the process should exit and be restarted. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** The bot could not start (the worker's reason, or the port): one sentence, shown without a stack. */
export class WorkerStartError extends StartupError {}

/** startBot was told to stop (SIGTERM, SIGINT) before the bot was ready. */
export class StartAbortedError extends Error {
  constructor() {
    super('procure-bot was stopped while it was starting');
    this.name = 'StartAbortedError';
  }
}

export async function startBot(opts: {
  config: Config;
  env: Record<string, string | undefined>;
  engineOptions: Partial<PipelineOptions>;
  /** The project directory; the repository's own by default. */
  root?: string;
  logger: AppLogger;
  botId?: string;
  botUserId?: string;
  /** Aborted (SIGTERM while starting): the worker is ended and startBot rejects with a StartAbortedError. */
  signal?: AbortSignal;
}): Promise<Bot> {
  const { config, logger } = opts;
  const data: WorkerData = {
    env: opts.env,
    engineOptions: opts.engineOptions,
    root: opts.root ?? defaultRoot(),
    ...(opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId } : {}),
  };
  // Built (dist/slack/bot.js): the compiled worker. From the sources (tsx): worker-boot.mjs registers tsx first.
  const entry = import.meta.url.endsWith('.js') ? './worker.js' : './worker-boot.mjs';
  // Only the front of the mode in use is loaded (Socket Mode's client, or the HTTP server), while the worker starts.
  const socketFront = config.mode === 'socket' ? import('./socket-front.js') : null;
  const httpFront = config.mode === 'socket' ? null : import('./front.js');
  socketFront?.catch(() => undefined);
  httpFront?.catch(() => undefined);
  const worker = new Worker(new URL(entry, import.meta.url), { workerData: data });
  const link = worker as unknown as Link;
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      if (!stopping)
        logger.error(`the answering worker stopped (exit code ${code}); procure-bot stops so it can be restarted`);
      resolve();
    });
  });
  worker.on('error', (err) => logger.error('the answering worker failed:', err.message));
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: LinkMessage) => {
      if (m.type === 'ready') done(resolve);
      else if (m.type === 'failed') done(() => reject(new WorkerStartError(m.message)));
    };
    const onExit = () => done(() => reject(new WorkerStartError('The answering worker stopped before it was ready.')));
    let settled = false;
    const done = (then: () => void) => {
      if (settled) return;
      settled = true;
      link.off('message', onMessage);
      worker.off('exit', onExit);
      opts.signal?.removeEventListener('abort', onAbort);
      then();
    };
    // Stopped while starting (a hung auth.test, a data directory that does not answer): end the worker.
    const onAbort = () =>
      done(() => {
        void worker.terminate();
        reject(new StartAbortedError());
      });
    link.on('message', onMessage);
    worker.once('exit', onExit);
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
  }).catch(async (err) => {
    stopping = true;
    await exited;
    // A worker ended while starting could not close its store: its lock (this process's) goes too.
    if (err instanceof StartAbortedError) releaseLockOfThisProcess(config.dataDir);
    throw err;
  });
  const stopWorker = async () => {
    stopping = true;
    // The worker closes the store itself; if it has not finished within 10 s it is ended.
    link.postMessage({ type: 'stop' });
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
    // Answers finishing while the worker stopped have said `done` by now.
    await inbox?.close().catch(() => undefined);
  };
  // The worker holds the data directory's lock now: the inbox beside the store is this process's.
  let inbox: FileInbox | null = null;
  try {
    inbox = FileInbox.open(config.dataDir, {
      onSyncError: (err) => logger.error('the inbox could not be flushed to disk (fdatasync):', err.message),
    });
  } catch (err) {
    await stopWorker();
    throw new WorkerStartError(`Could not open the inbox in ${config.dataDir}: ${(err as Error).message}`);
  }
  const front =
    config.mode === 'socket'
      ? (await (socketFront as Promise<typeof import('./socket-front.js')>)).createSocketFront({
          appToken: config.appToken as string,
          slackApiUrl: config.slackApiUrl,
          logger,
          link,
          inbox,
        })
      : (await (httpFront as Promise<typeof import('./front.js')>)).createFront({
          signingSecret: config.signingSecret as string,
          port: config.port,
          logger,
          link,
          inbox,
        });
  let port: number | null;
  try {
    port = await front.start();
  } catch (err) {
    await front.stop().catch(() => undefined);
    await stopWorker();
    throw new WorkerStartError(frontFailure(config, err));
  }
  return {
    port,
    exited,
    stop: async () => {
      if (stopping) return exited;
      await front.stop();
      await stopWorker();
    },
  };
}

function frontFailure(config: Config, err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (config.mode === 'socket')
    return `Could not connect to Slack in Socket Mode: Slack did not accept SLACK_APP_TOKEN or could not be reached (${e.message ?? String(err)}).`;
  return e.code === 'EADDRINUSE'
    ? `Port ${config.port} is already in use; stop what is listening there, or set PORT to a free one.`
    : `Could not listen on port ${config.port}: ${e.message ?? String(err)}.`;
}
