/**
 * Everything the bot keeps besides the Slack connection: the store, the service, the weekly summary
 * schedule, the optional price refresh schedule and the catalogue watcher. It runs where Bolt runs: in the
 * answering worker in HTTP mode, in the main thread in Socket Mode.
 */
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { Cron } from 'croner';
import { trackChanges } from '../app/changes.js';
import { SummarySchedule } from '../app/schedule.js';
import { watchDirs } from '../app/watch.js';
import { readProjectCached } from '../catalog/cache.js';
import type { Config } from '../config/env.js';
import { Engine, isoToday } from '../engine.js';
import type { AppLogger } from '../logger.js';
import { defaultRoot } from '../root.js';
import { FileStore } from '../store/file-store.js';
import { botLogger } from './bot-logger.js';
import { SlackService } from './service.js';
import { summaryPoster } from './summary-post.js';

export { botLogger };

export interface Backend {
  service: SlackService;
  /** Starts the schedules and the catalogue watcher once the Slack app can post. */
  attach(app: App): Promise<void>;
  stop(): Promise<void>;
}

/** `root`: the project directory whose catalogue is reloaded, watched and refreshed. */
export async function openBackend(
  config: Config,
  engine: Engine,
  logger: AppLogger,
  root: string = defaultRoot(),
): Promise<Backend> {
  // Only one bot process may write a data directory: a second one stops here with one sentence.
  const store = await FileStore.open(config.dataDir, { writer: true });
  let app: App | null = null;
  let schedule: SummarySchedule | null = null;
  let stopWatching: () => void = () => undefined;
  const tellAdmins = async (text: string) => {
    for (const admin of config.admins)
      await app?.client.chat
        .postMessage({ channel: admin, text })
        .catch((e) => logger.error('could not tell an admin:', e instanceof Error ? e.message : String(e)));
  };
  const service = new SlackService(engine, () => isoToday(), {
    store,
    admins: config.admins,
    logger,
    reload: async () => {
      const { data, problems } = await readProjectCached(root, config.dataDir);
      if (data) return { engine: new Engine(data, engine.pipeline.options) };
      const { formatProblem } = await import('../catalog/load.js');
      return { problems: problems.map(formatProblem) };
    },
    // The price-API SDKs load when a refresh runs, not when the bot starts.
    refresh: async ({ providers, dryRun, by, say }) => {
      const [{ runRefresh }, { PRICE_SOURCES }] = await Promise.all([
        import('../app/refresh.js'),
        import('../refresh/providers/index.js'),
      ]);
      return (await runRefresh({ root, providers, dryRun, env: process.env, factories: PRICE_SOURCES, store, by, say }))
        .text;
    },
    // The public feeds' readers load when a public refresh runs.
    refreshPublic: async ({ providers, dryRun, by, say }) => {
      const { runPublicRefresh } = await import('../app/refresh.js');
      return (await runPublicRefresh({ root, providers, dryRun, env: process.env, store, by, say })).text;
    },
    notify: async (user, text) => {
      await app?.client.chat.postMessage({ channel: user, text });
    },
    onSettingsChanged: async () => {
      await schedule?.reschedule();
      await schedule?.catchUp(new Date());
    },
  });
  try {
    await service.loadQuotes();
    await trackChanges(store, engine.data.catalog);
  } catch (err) {
    await store.close();
    throw err;
  }
  // The optional price refresh (public feeds, then the price APIs with credentials): the admins get its report by DM.
  const refreshJob = config.refreshCron
    ? new Cron(config.refreshCron, { timezone: 'UTC', protect: true, paused: true }, () => service.scheduledRefresh())
    : null;
  return {
    service,
    async attach(slackApp) {
      app = slackApp;
      schedule = new SummarySchedule(
        store,
        summaryPoster({
          client: slackApp.client,
          engine: () => service.engine,
          store,
          logger,
          today: () => isoToday(),
        }),
        logger,
      );
      await schedule.start();
      refreshJob?.resume();
      if (!config.admins.length)
        logger.warn('PROCURE_ADMINS is empty: nobody can change quotes or settings from Slack.');
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
            await tellAdmins(
              `A catalogue change was refused; the last good catalogue stays in use.\n${r.problems.slice(0, 15).join('\n')}`,
            );
          });
        },
      );
    },
    async stop() {
      schedule?.stop();
      refreshJob?.stop();
      stopWatching();
      await store.close();
    },
  };
}
