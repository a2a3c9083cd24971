/**
 * Child process for bench/slack.ts: serves the bare Bolt app and procure-bot on loopback, pointed at the
 * fake Web API whose URL is argv[2]; prints their URLs as JSON, then runs until killed. procure-bot runs as
 * `npm start` runs it in HTTP mode: the front here, the answering worker beside it, and a store (in a
 * temporary data directory) that records every answered request, as in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { loadProject } from '../src/catalog/load.js';
import { readConfig } from '../src/config/env.js';
import { Engine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { openBackend } from '../src/slack/backend.js';
import { startBot } from '../src/slack/bot.js';

export const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-0000';
const api = process.argv[2] as string;
/** `bare` or `ours`: serve only that app (each in a process of its own); both when absent. */
const only = process.argv[3];

const bareReceiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const bare = new App({ token: TOKEN, receiver: bareReceiver, botId: 'B', botUserId: 'U', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: api } });
bare.command('/procure', async ({ ack }) => {
  await ack();
});
const bareServer = createServer(bareReceiver.requestListener);
if (only !== 'ours') await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));

const dataDir = mkdtempSync(join(tmpdir(), 'procure-bench-'));
const env = {
  SLACK_BOT_TOKEN: TOKEN,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: api,
  PORT: '0',
  PROCURE_DATA_DIR: dataDir,
  PROCURE_ADMINS: 'UADMIN',
};
const config = readConfig(env);
const logger = createLogger({ level: 'error' });
/**
 * BENCH_SLACK_ONE_THREAD=1 measures the same app with both halves in one thread (as the tests run it, and as
 * HTTP mode ran before the answering worker), for comparison.
 */
const ours =
  only === 'bare'
    ? { port: 0, stop: async () => undefined }
    : process.env.BENCH_SLACK_ONE_THREAD === '1'
      ? await oneThread()
      : await startBot({ config, env, engineOptions: {}, logger, botId: 'B', botUserId: 'U' });

async function oneThread(): Promise<{ port: number; stop(): Promise<void> }> {
  const backend = await openBackend(config, new Engine(loadProject()), logger);
  const slack = createSlackApp({ config, service: backend.service, logger, botId: 'B', botUserId: 'U' });
  const port = (await slack.start()) as number;
  await backend.attach(slack.app);
  return {
    port,
    stop: async () => {
      await slack.stop();
      await backend.stop();
    },
  };
}
const stop = async () => {
  await ours.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
console.log(
  JSON.stringify({
    bare: only === 'ours' ? '' : `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`,
    ours: only === 'bare' ? '' : `http://127.0.0.1:${ours.port}/slack/events`,
  }),
);
