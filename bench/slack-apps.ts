/**
 * Child process for bench/slack.ts: serves the bare Bolt app and procure-bot's app on loopback, pointed at
 * the fake Web API whose URL is argv[2]; prints their URLs as JSON, then runs until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { loadProject } from '../src/catalog/load.js';
import { readConfig } from '../src/config/env.js';
import { Engine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { SlackService } from '../src/slack/service.js';

export const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-0000';
const api = process.argv[2] as string;

const bareReceiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const bare = new App({ token: TOKEN, receiver: bareReceiver, botId: 'B', botUserId: 'U', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: api } });
bare.command('/procure', async ({ ack }) => {
  await ack();
});
const bareServer = createServer(bareReceiver.requestListener);
await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));

const config = readConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api, PORT: '0' });
const ours = createSlackApp({
  config,
  service: new SlackService(new Engine(loadProject())),
  logger: createLogger({ level: 'error', write: () => undefined }),
  botId: 'B',
  botUserId: 'U',
});
const port = await ours.start();
console.log(
  JSON.stringify({
    bare: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`,
    ours: `http://127.0.0.1:${port}/slack/events`,
  }),
);
