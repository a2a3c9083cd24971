/** Runs the Slack app until SIGINT or SIGTERM, with the store, the quotes and the weekly summary schedule. */
import { join } from 'node:path';
import { Cron } from 'croner';
import { trackChanges } from '../app/changes.js';
import { runRefresh } from '../app/refresh.js';
import { SummarySchedule } from '../app/schedule.js';
import { watchDirs } from '../app/watch.js';
import { defaultRoot, formatProblem, readProject } from '../catalog/load.js';
import type { Config } from '../config/env.js';
import { Engine, isoToday } from '../engine.js';
import { createLogger } from '../logger.js';
import { PRICE_SOURCES } from '../refresh/providers/index.js';
import { FileStore } from '../store/file-store.js';
import { createSlackApp } from './app.js';
import { SlackService } from './service.js';
import { summaryPoster } from './summary-post.js';

export async function runSlack(config: Config, engine: Engine): Promise<number> {
  // Provider price-API secrets too: a refresh error must never print one.
  const providerSecrets = Object.values(PRICE_SOURCES).flatMap((f) => f.credentialVars.map((v) => process.env[v]));
  const secrets = [config.botToken, config.appToken, config.signingSecret, ...providerSecrets].filter(
    (s): s is string => Boolean(s),
  );
  const logger = createLogger({ secrets });
  // Only one bot process may write a data directory: a second one stops here with one sentence.
  const store = await FileStore.open(config.dataDir, { writer: true });
  let schedule: SummarySchedule | null = null;
  let stopWatching: () => void = () => undefined;
  const root = defaultRoot();
  const service = new SlackService(engine, () => isoToday(), {
    store,
    admins: config.admins,
    logger,
    reload: async () => {
      const { data, problems } = readProject(root);
      return data ? { engine: new Engine(data, engine.domain.options) } : { problems: problems.map(formatProblem) };
    },
    refresh: async ({ providers, dryRun, by }) =>
      (await runRefresh({ root, providers, dryRun, env: process.env, factories: PRICE_SOURCES, store, by })).text,
    notify: async (user, text) => {
      await slack.app.client.chat.postMessage({ channel: user, text });
    },
    onSettingsChanged: async () => {
      await schedule?.reschedule();
      await schedule?.catchUp(new Date());
    },
  });
  await service.loadQuotes();
  await trackChanges(store, engine.data.catalog);
  const slack = createSlackApp({ config, service, logger });
  // The optional weekly price refresh: the admins get its report by DM.
  const refreshJob = config.refreshCron
    ? new Cron(config.refreshCron, { timezone: 'UTC', protect: true, paused: true }, () => service.scheduledRefresh())
    : null;
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
    refreshJob?.resume();
    if (!config.admins.length) logger.warn('PROCURE_ADMINS is empty: nobody can change quotes or settings from Slack.');
    // An edited catalogue is validated and swapped in; a bad edit keeps the last good one and the admins are told.
    stopWatching = watchDirs(
      ['catalog', 'intents', 'templates'].map((d) => join(root, d)),
      () => {
        void service.reloadCatalogue().then(async (r) => {
          if (r.ok) {
            logger.info(`catalogue reloaded after a file change: ${r.summary}`);
            await trackChanges(store, service.engine.data.catalog).catch((e) =>
              logger.error('change tracking failed:', e instanceof Error ? e.message : String(e)),
            );
            return;
          }
          logger.error(
            `catalogue change refused, the last good catalogue stays in use: ${r.problems.slice(0, 5).join('; ')}`,
          );
          for (const admin of config.admins)
            await slack.app.client.chat
              .postMessage({
                channel: admin,
                text: `A catalogue change was refused; the last good catalogue stays in use.\n${r.problems.slice(0, 15).join('\n')}`,
              })
              .catch((e) => logger.error('could not tell an admin:', e instanceof Error ? e.message : String(e)));
        });
      },
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    logger.info('procure-bot stopping');
  } finally {
    schedule?.stop();
    refreshJob?.stop();
    stopWatching();
    await slack.stop().catch(() => undefined);
    await store.close();
  }
  return 0;
}
