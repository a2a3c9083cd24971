/**
 * The durable inbox over real signed HTTP against the fake Slack: a Slack retry after a restart is not
 * answered twice; what a crashed run acknowledged but did not answer is answered once at the next start;
 * what is older than Slack's 30-minute window is logged and counted instead.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp } from '../../src/slack/app.js';
import { SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { FileInbox } from '../../src/store/inbox.js';
import { FakeSlack, sendSigned, slashCommand } from './fake-slack.js';

const SECRET = 'test-signing-secret-inbox';
const TOKEN = 'xoxb-555-666-inboxinboxinbox';
let engine: Engine;
let fake: FakeSlack;

beforeAll(async () => {
  engine = await loadEngine();
  fake = new FakeSlack();
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});

/** One run of the bot on `dir`: its store, its inbox, its HTTP front. */
async function run(dir: string, logLines: string[] = []) {
  const store = await FileStore.open(dir, { writer: true });
  const inbox = FileInbox.open(dir);
  const slack = createSlackApp({
    config: readConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
    }),
    service: new SlackService(engine, () => '2026-11-23', { store }),
    logger: createLogger({ secrets: [TOKEN, SECRET], write: (l) => logLines.push(l) }),
    botId: 'BBOT',
    botUserId: 'UBOT',
    inbox,
  });
  const port = await slack.start();
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    store,
    inbox,
    stop: async () => {
      await slack.stop();
      await inbox.close();
      await store.close();
    },
  };
}

const mention = (eventId: string, text: string, ts: string) =>
  JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, ts, channel: 'C1', event_ts: ts },
  });

const postsIn = (thread: string) =>
  fake
    .callsOf('chat.postMessage')
    .filter((c) => c.args.thread_ts === thread && !c.args.text?.toString().startsWith('x'));

describe('durable inbox', () => {
  it('a Slack retry of an event answered before a restart is acknowledged and not answered again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-inbox-e2e-'));
    try {
      const first = await run(dir);
      const body = mention('EvRestart1', '1x T4 on AWS in Hong Kong', '1700000100.000001');
      expect((await sendSigned(first.url, SECRET, body)).status).toBe(200);
      await fake.waitFor(() => postsIn('1700000100.000001').length > 0, 15_000, 'the answer');
      await expect.poll(() => first.inbox.undone().length, { timeout: 10_000 }).toBe(0);
      await first.stop();

      const second = await run(dir);
      // Slack retries it (a new signature and timestamp, the same event id).
      const retry = await sendSigned(second.url, SECRET, body, {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
      // Something after it, to know the retry has been through.
      const later = mention('EvRestart2', '1x T4 on AWS in Singapore', '1700000100.000002');
      await sendSigned(second.url, SECRET, later);
      await fake.waitFor(() => postsIn('1700000100.000002').length > 0, 15_000, 'the later answer');
      expect(postsIn('1700000100.000001')).toHaveLength(1);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('answers once, at the next start, what a crashed run acknowledged but did not answer; gives up what is over 30 minutes old', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-inbox-e2e-'));
    try {
      // What a run killed right after its acks leaves: two acknowledged slash commands, none done.
      const now = Date.now();
      const command = (id: string, text: string) =>
        Object.fromEntries(new URLSearchParams(slashCommand(fake.url, text, { trigger_id: id })));
      const fresh = command('trig-fresh', '2x A10 inference in Hangzhou');
      const stale = command('trig-stale', '1x T4 on AWS in Tokyo');
      writeFileSync(
        join(dir, 'inbox.jsonl'),
        [
          {
            k: 'command:trig-stale',
            e: { key: 'command:trig-stale', at: new Date(now - 31 * 60_000).toISOString(), body: stale },
          },
          {
            k: 'command:trig-fresh',
            e: { key: 'command:trig-fresh', at: new Date(now - 60_000).toISOString(), body: fresh },
          },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
      const logLines: string[] = [];
      const bot = await run(dir, logLines);
      await fake.waitFor(
        () => fake.responses.some((r) => r.path === new URL(String(fresh.response_url)).pathname),
        15_000,
        'the recovered answer',
      );
      expect(
        JSON.stringify(
          fake.responses.find((r) => r.path.endsWith(String(fresh.response_url).split('/').pop() as string))?.body,
        ),
      ).toContain('A10');
      expect(fake.responses.some((r) => r.path === new URL(String(stale.response_url)).pathname)).toBe(false);
      expect(logLines.join('\n')).toMatch(
        /1 request\(s\) the last run acknowledged can no longer be answered.*command:trig-stale/,
      );
      await expect.poll(() => bot.inbox.undone().length, { timeout: 10_000 }).toBe(0);
      // Recorded in the history under the request's key.
      await expect
        .poll(async () => (await bot.store.history()).map((r) => r.id), { timeout: 10_000 })
        .toContain('slack:command:trig-fresh');
      await bot.stop();

      // A second restart answers nothing again.
      const before = fake.responses.length;
      const again = await run(dir);
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.responses.length).toBe(before);
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('an answer recorded and then answered again after a crash is one history record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-inbox-e2e-'));
    try {
      const bot = await run(dir);
      const body = slashCommand(fake.url, '1x T4 on AWS in Hong Kong', { trigger_id: 'trig-twice' });
      await sendSigned(bot.url, SECRET, body, { contentType: 'application/x-www-form-urlencoded' });
      await expect.poll(async () => (await bot.store.history()).length, { timeout: 15_000 }).toBe(1);
      const rec = (await bot.store.history())[0];
      // The same record written again (the crash came between recording and the done mark).
      if (rec) await bot.store.recordRequest(rec);
      expect(await bot.store.history()).toHaveLength(1);
      await bot.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
