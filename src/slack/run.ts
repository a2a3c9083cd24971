/** Runs the Slack app until SIGINT or SIGTERM, with the store, the quotes and the weekly summary schedule. */
import { SummarySchedule } from '../app/schedule.js';
import type { Config } from '../config/env.js';
import { type Engine, isoToday } from '../engine.js';
import { createLogger } from '../logger.js';
import { FileStore } from '../store/file-store.js';
import { createSlackApp } from './app.js';
import { SlackService } from './service.js';
import { summaryPoster } from './summary-post.js';

export async function runSlack(config: Config, engine: Engine): Promise<number> {
  const secrets = [config.botToken, config.appToken, config.signingSecret].filter((s): s is string => Boolean(s));
  const logger = createLogger({ secrets });
  // Only one bot process may write a data directory: a second one stops here with one sentence.
  const store = await FileStore.open(config.dataDir, { writer: true });
  let schedule: SummarySchedule | null = null;
  const service = new SlackService(engine, () => isoToday(), {
    store,
    admins: config.admins,
    logger,
    onSettingsChanged: async () => {
      await schedule?.reschedule();
      await schedule?.catchUp(new Date());
    },
  });
  await service.loadQuotes();
  const slack = createSlackApp({ config, service, logger });
  // A failure in one conversation must not stop the bot for everyone: log it and carry on.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection:', reason instanceof Error ? reason.message : String(reason)),
  );
  try {
    await slack.start();
    schedule = new SummarySchedule(
      store,
      summaryPoster({ client: slack.app.client, engine, store, logger, today: () => isoToday() }),
      logger,
    );
    await schedule.start();
    if (!config.admins.length) logger.warn('PROCURE_ADMINS is empty: nobody can change quotes or settings from Slack.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    logger.info('procure-bot stopping');
  } finally {
    schedule?.stop();
    await slack.stop().catch(() => undefined);
    await store.close();
  }
  return 0;
}
