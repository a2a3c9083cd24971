/**
 * Mutated Slack payloads of every kind, signed and posted over real HTTP to the app (fake Slack Web API): none is
 * answered 500, none reaches Bolt in a shape it throws on, and no listener fails on a field it assumed.
 * `npx tsx scripts/slack-fuzz.ts [cases]` is the long run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { payloadProblem } from '../../src/slack/payload-shape.js';
import { SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { FakeSlack, sendSigned } from '../slack/fake-slack.js';
import { slackPayload } from './slack-payloads.js';

const SECRET = 'fuzz-secret';
const TOKEN = 'xoxb-1-2-fuzzfuzzfuzz';
const errors: string[] = [];
let fake: FakeSlack;
let slack: SlackApp;
let store: FileStore;
let dir: string;
let url: string;

beforeAll(async () => {
  const engine = await loadEngine();
  fake = new FakeSlack();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'procure-slack-fuzz-'));
  store = await FileStore.open(dir, { writer: true });
  const service = new SlackService(engine, () => '2026-11-23', { store, admins: ['U1'] });
  await service.loadQuotes();
  slack = createSlackApp({
    config: readConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
    }),
    service,
    logger: createLogger({
      secrets: [TOKEN, SECRET],
      write: (line) => void (line.includes('"level":"error"') && errors.push(line)),
    }),
    botId: 'BBOT',
    botUserId: 'UBOT',
  });
  url = `http://127.0.0.1:${await slack.start()}/slack/events`;
});

afterAll(async () => {
  await slack.stop();
  await store.close();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Errors that mean a shape got through that should not have: Bolt's own, or a listener's unguarded read. */
const UNGUARDED =
  /unhandled error|is not a function|is not iterable|Cannot read properties|Cannot use 'in'|Failed to parse URL/;

it('100 mutated payloads: no 500, nothing thrown inside Bolt or a listener', async () => {
  const statuses: number[] = [];
  for (const { body, contentType } of fc.sample(slackPayload(fake.url), { numRuns: 100, seed: 20261206 })) {
    statuses.push((await sendSigned(url, SECRET, body, { contentType })).status);
  }
  // Listeners answer after the ack: give the last ones a moment (a slow machine only makes this check weaker).
  await new Promise((r) => setTimeout(r, 1000));
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(0);
  expect(errors.filter((e) => UNGUARDED.test(e))).toEqual([]);
}, 120_000);

it('says which field is wrong, in one sentence', () => {
  expect(payloadProblem({ type: 'block_actions', user: { id: 'U1' }, actions: 'x' })).toBe(
    'a block_actions request whose `actions` is not a list',
  );
  expect(payloadProblem({ type: 'view_submission', user: { id: 'U1' } })).toBe(
    'a view_submission request without `view`',
  );
  expect(payloadProblem({ command: '/procure', user_id: 'U1', response_url: 'not a url' })).toBe(
    'a command request whose `response_url` is not an http(s) address',
  );
  expect(
    payloadProblem({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'a' }, { action_id: 7 }] }),
  ).toBe('a block_actions request whose `actions[1].action_id` is not text');
  expect(
    payloadProblem({ type: 'event_callback', event: { type: 'app_mention', text: 'hi', channel: 'C1' } }),
  ).toBeNull();
});
