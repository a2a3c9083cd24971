/**
 * Slack HTTP mode under load: signed /procure commands over loopback against procure-bot's app and a bare
 * Bolt app that only acks the same command, side by side. Requests are bounded in number and time.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../src/config/env.js';
import type { Engine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { SlackService } from '../src/slack/service.js';
import { FakeSlack, form, sign } from '../test/slack/fake-slack.js';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-0000';

async function load(url: string, requests: number, concurrency: number, responseUrl: string) {
  const times: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < requests) {
      next++;
      const body = form({ team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/procure', text: '2x T4 on AWS in Hong Kong', response_url: responseUrl, trigger_id: `bench.${next}.${Math.random()}` });
      const ts = Math.floor(Date.now() / 1000);
      const t = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SECRET, ts, body) },
        body,
      });
      await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { p50: q(0.5), p99: q(0.99), rps: times.length / seconds };
}

export async function benchSlack(engine: Engine, requests = 2000, concurrency = 8) {
  const fake = new FakeSlack();
  await fake.start();
  // Bare Bolt: the same receiver kind, a listener that only acks.
  const bareReceiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const bare = new App({ token: TOKEN, receiver: bareReceiver, botId: 'B', botUserId: 'U', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: `${fake.url}/api/` } });
  bare.command('/procure', async ({ ack }) => {
    await ack();
  });
  const bareServer: Server = createServer(bareReceiver.requestListener);
  await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;

  const config = readConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/`, PORT: '0' });
  const logger = createLogger({ level: 'error', write: () => undefined });
  const ours = createSlackApp({ config, service: new SlackService(engine), logger, botId: 'B', botUserId: 'U' });
  const port = await ours.start();
  const oursUrl = `http://127.0.0.1:${port}/slack/events`;
  const responseUrl = `${fake.url}/response/bench`;
  try {
    await load(bareUrl, 200, concurrency, responseUrl); // warm up both
    await load(oursUrl, 200, concurrency, responseUrl);
    const b = await load(bareUrl, requests, concurrency, responseUrl);
    const o = await load(oursUrl, requests, concurrency, responseUrl);
    return {
      rows: [
        { name: 'bare Bolt (ack only)', requests, concurrency, ...b },
        { name: 'procure-bot (ack, then answer via response_url)', requests, concurrency, ...o },
      ],
      ratio: o.p99 / b.p99,
    };
  } finally {
    await ours.stop();
    bareServer.closeAllConnections();
    await new Promise<void>((r) => bareServer.close(() => r()));
    await fake.stop();
  }
}
