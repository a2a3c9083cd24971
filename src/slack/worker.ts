/**
 * The answering worker (HTTP mode): Bolt, the service, the store and the schedules, fed by the HTTP front
 * in the main thread over `parentPort`. Its heap and its garbage collection are its own, so building
 * answers never pauses the thread that acknowledges Slack's requests.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { readProjectCached } from '../catalog/cache.js';
import { readConfig } from '../config/env.js';
import type { PipelineOptions } from '../domain/pipeline/index.js';
import { Engine } from '../engine.js';
import { createBackApp } from './app.js';
import { botLogger, openBackend } from './backend.js';
import type { Link, LinkMessage } from './link.js';

export interface WorkerData {
  env: Record<string, string | undefined>;
  engineOptions: Partial<PipelineOptions>;
  /** The project directory (catalogue, intents, templates). */
  root: string;
  /** Tests: skip auth.test. */
  botId?: string;
  botUserId?: string;
}

const link = parentPort as unknown as Link & { close(): void };
const data = workerData as WorkerData;

/**
 * Acknowledgements before answers: this thread (not the process) runs at a lower CPU priority (nice +10,
 * Linux; elsewhere unchanged), so when the CPUs are busy the front's thread is scheduled first and an ack
 * never waits behind an answer being built. Answers have minutes (a response_url lasts 30), acks 3 s.
 */
export const WORKER_NICE = 10;
function yieldToTheFront(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + WORKER_NICE));
  } catch {
    // not Linux, or not allowed: the same priority as the front
  }
}

async function main(): Promise<void> {
  yieldToTheFront();
  const config = readConfig(data.env);
  const logger = botLogger(config, data.env);
  // The checked catalogue from the data directory's cache while the files are unchanged (src/catalog/cache.ts).
  const { data: project, problems } = await readProjectCached(data.root, config.dataDir);
  if (!project) {
    const { formatProblem } = await import('../catalog/load.js');
    throw new Error(`The catalogue has problems: ${problems.slice(0, 3).map(formatProblem).join('; ')}`);
  }
  const backend = await openBackend(config, new Engine(project, data.engineOptions), logger, data.root);
  const slack = createBackApp({
    config,
    service: backend.service,
    logger,
    link,
    ...(data.botId && data.botUserId ? { botId: data.botId, botUserId: data.botUserId } : {}),
  });
  try {
    await slack.start();
    await backend.attach(slack.app);
  } catch (err) {
    await backend.stop();
    throw err;
  }
  // A failure in one conversation must not stop the bot for everyone: log it and carry on.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection:', reason instanceof Error ? reason.message : String(reason)),
  );
  const onStop = (m: LinkMessage) => {
    if (m.type !== 'stop') return;
    link.off('message', onStop);
    void (async () => {
      await slack.stop().catch(() => undefined);
      await backend.stop().catch((e) => logger.error('closing the store failed:', (e as Error).message));
      link.postMessage({ type: 'stopped' });
      link.close();
    })();
  };
  link.on('message', onStop);
  link.postMessage({ type: 'ready' });
}

main().catch((err: unknown) => {
  link.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  link.close();
});
