/**
 * Socket Mode end to end: the app connects to the fake Slack's WebSocket (apps.connections.open gives its
 * URL), gets envelopes as Slack sends them, acks over the socket and answers through the fake Web API.
 * Both the in-thread app (createSlackApp) and `npm start`'s shape (the answering worker, startBot).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { startBot } from '../../src/slack/bot.js';
import { SlackService } from '../../src/slack/service.js';
import { FakeSlack, viewSubmissionPayload } from './fake-slack.js';

const BOT = 'xoxb-555-666-socketsocketsock';
const APP = 'xapp-1-A1-777-socketappsocketapp';
let fake: FakeSlack;
let slack: SlackApp;
const logLines: string[] = [];
const logger = createLogger({ secrets: [BOT, APP], write: (l) => logLines.push(l) });
const env = () => ({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: `${fake.url}/api/` });
/** `npm start`'s shape (front + answering worker) with its store in `dir`. */
const startIn = (dir: string) => {
  const e = { ...env(), PROCURE_DATA_DIR: dir, PROCURE_ADMINS: 'UADMIN' };
  return startBot({ config: readConfig(e), env: e, engineOptions: {}, logger, botId: 'BBOT', botUserId: 'UBOT' });
};

const command = (text: string) => ({
  team_id: 'T1',
  channel_id: 'C1',
  user_id: 'U1',
  command: '/procure',
  text,
  response_url: `${fake.url}/response/${Math.random().toString(36).slice(2)}`,
  trigger_id: '123.456.abc',
});

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  slack = createSlackApp({
    config: readConfig(env()),
    service: new SlackService(await loadEngine(), () => '2026-11-23'),
    logger,
    botId: 'BBOT',
    botUserId: 'UBOT',
  });
  await slack.start();
});

afterAll(async () => {
  await slack.stop();
  await fake.stop();
});

describe('Socket Mode', () => {
  it('opens the connection with the app token and is connected when Slack says hello', () => {
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
    expect(fake.socketCount).toBe(1);
    expect(logLines.join('\n')).toContain('connected to Slack in Socket Mode');
  });

  it('acks a slash command with an empty payload at once, then answers at response_url', async () => {
    const before = fake.responses.length;
    const ack = await fake.envelope(
      'slash_commands',
      command('2x A10 inference in Hangzhou or Singapore for 3 months'),
    );
    expect(ack).toEqual({});
    await fake.waitFor(() => fake.responses.length > before, 8000, 'the answer');
    expect(JSON.stringify(fake.responses.at(-1)?.body)).toContain('2x A10 (inference), 3 months');
  });

  it("answers a view submission's ack with its field errors", async () => {
    const ack = await fake.envelope(
      'interactive',
      viewSubmissionPayload({
        callbackId: 'procure_refine_submit',
        values: { vcpu: { value: { type: 'plain_text_input', value: '-3' } } },
        privateMetadata: JSON.stringify({ channel: 'C1' }),
      }),
    );
    expect(ack.response_action).toBe('errors');
    expect((ack.errors as Record<string, string>).vcpu).toMatch(/above 0/);
  });

  it('answers a mention in its thread', async () => {
    await fake.envelope('events_api', {
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'Ev-socket-1',
      event_time: 1,
      event: {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> 1x T4 on AWS in Hong Kong',
        ts: '1700000111.000001',
        channel: 'CSOCK',
      },
    });
    await fake.waitFor(
      () => fake.callsOf('chat.postMessage').some((c) => c.args.channel === 'CSOCK'),
      8000,
      'the threaded answer',
    );
    const post = fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'CSOCK');
    expect(post?.args.thread_ts).toBe('1700000111.000001');
    expect(logLines.join('\n')).not.toContain(APP);
  });
});

describe('Socket Mode with the answering worker (npm start)', () => {
  it('does not start when Slack refuses the app token: one sentence, and the worker has closed its store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-socket-'));
    try {
      fake.fail('apps.connections.open', { kind: 'refuse', error: 'invalid_auth' });
      const err = await startIn(dir).catch((x) => x);
      expect((err as Error).message).toMatch(/^Could not connect to Slack in Socket Mode: .*invalid_auth/);
      expect((err as Error).message.split('\n')).toHaveLength(1);
      expect(existsSync(join(dir, 'procure.lock'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('connects, answers a slash command from the worker, and stops with its store closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-socket-'));
    const opened = fake.callsOf('apps.connections.open').length;
    try {
      const bot = await startIn(dir);
      try {
        expect(bot.port).toBeNull();
        expect(fake.callsOf('apps.connections.open')).toHaveLength(opened + 1);
        const before = fake.responses.length;
        // Both apps are connected now, and both get this envelope: each answers it once.
        expect(await fake.envelope('slash_commands', command('1x T4 on AWS in Hong Kong'))).toEqual({});
        await fake.waitFor(() => fake.responses.length >= before + 2, 15_000, 'both answers');
        expect(JSON.stringify(fake.responses.at(-1)?.body)).toContain('T4');
      } finally {
        await bot.stop();
      }
      // Its socket is closed, and the worker closed its store (the lock file is gone).
      expect(fake.socketCount).toBe(1);
      expect(existsSync(join(dir, 'procure.lock'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
