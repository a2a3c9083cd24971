/**
 * Runs the Slack app until SIGINT or SIGTERM. HTTP mode: the front here, the answering worker beside it
 * (./http-bot.ts). Socket Mode: one thread, with the store, the quotes and the schedules (./backend.ts).
 */
import type { Config } from '../config/env.js';
import type { DomainOptions } from '../domain/engine.js';
import type { Engine } from '../engine.js';
import type { AppLogger } from '../logger.js';
import { createSlackApp } from './app.js';
import { botLogger, openBackend } from './backend.js';
import { startHttpBot } from './http-bot.js';

/** Until SIGINT or SIGTERM (0), or until the answering worker stops on its own (1). */
export async function runSlackHttp(
  config: Config,
  engineOptions: Partial<DomainOptions>,
  root: string,
): Promise<number> {
  const logger = started(config);
  const bot = await startHttpBot({ config, env: process.env, engineOptions, root, logger });
  const code = await Promise.race([signal(), bot.exited.then(() => 1)]);
  logger.info('procure-bot stopping');
  await bot.stop();
  return code;
}

/** Socket Mode, in this thread, until SIGINT or SIGTERM. */
export async function runSlack(config: Config, engine: Engine, root: string): Promise<number> {
  const logger = started(config);
  const backend = await openBackend(config, engine, logger, root);
  const slack = createSlackApp({ config, service: backend.service, logger });
  try {
    await slack.start();
    await backend.attach(slack.app);
    await signal();
    logger.info('procure-bot stopping');
  } finally {
    await slack.stop().catch(() => undefined);
    await backend.stop();
  }
  return 0;
}

function started(config: Config): AppLogger {
  const logger = botLogger(config);
  // A failure in one conversation must not stop the bot for everyone: log it and carry on.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection:', reason instanceof Error ? reason.message : String(reason)),
  );
  return logger;
}

const signal = () =>
  new Promise<number>((resolve) => {
    process.once('SIGINT', () => resolve(0));
    process.once('SIGTERM', () => resolve(0));
  });
