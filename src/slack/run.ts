/**
 * Runs the Slack app until SIGINT or SIGTERM: the front (HTTP or Socket Mode) in this thread, the answering
 * worker beside it with Bolt, the service, the store and the schedules (./bot.ts, ./worker.ts).
 */
import type { Config } from '../config/env.js';
import type { PipelineOptions } from '../domain/pipeline/index.js';
import { botLogger } from './bot-logger.js';
import { StartAbortedError, startBot } from './bot.js';

/** Until SIGINT or SIGTERM (0), or until the answering worker stops on its own (1). */
export async function runSlack(config: Config, engineOptions: Partial<PipelineOptions>, root: string): Promise<number> {
  const logger = botLogger(config);
  // A failure in one conversation must not stop the bot for everyone: log it and carry on.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection:', reason instanceof Error ? reason.message : String(reason)),
  );
  // SIGTERM or SIGINT at any time, starting included: a start that hangs is abandoned, exit code 0.
  const stopping = new AbortController();
  const signal = new Promise<number>((resolve) => {
    const stop = () => {
      stopping.abort();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot({ config, env: process.env, engineOptions, root, logger, signal: stopping.signal });
  } catch (err) {
    if (err instanceof StartAbortedError) {
      logger.info('procure-bot stopping (it was still starting)');
      return 0;
    }
    throw err;
  }
  const code = await Promise.race([signal, bot.exited.then(() => 1)]);
  logger.info('procure-bot stopping');
  await bot.stop();
  return code;
}
