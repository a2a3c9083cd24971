/** Runs the Slack app until SIGINT or SIGTERM. */
import type { Config } from '../config/env.js';
import type { Engine } from '../engine.js';
import { createLogger } from '../logger.js';
import { createSlackApp } from './app.js';
import { SlackService } from './service.js';

export async function runSlack(config: Config, engine: Engine): Promise<number> {
  const secrets = [config.botToken, config.appToken, config.signingSecret].filter((s): s is string => Boolean(s));
  const logger = createLogger({ secrets });
  const slack = createSlackApp({ config, service: new SlackService(engine), logger });
  // A failure in one conversation must not stop the bot for everyone: log it and carry on.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection:', reason instanceof Error ? reason.message : String(reason)),
  );
  await slack.start();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  logger.info('procure-bot stopping');
  await slack.stop();
  return 0;
}
