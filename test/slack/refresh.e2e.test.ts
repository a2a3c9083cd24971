/**
 * `/procure admin refresh` over real signed HTTP against the fake Slack Web API: the command is acked at
 * once, the admin is told the refresh is running, and the report arrives by DM (chat.postMessage to the
 * admin) once the scripted price API has answered. Nothing here reaches the internet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRefresh } from '../../src/app/refresh.js';
import { formatProblem, readProject } from '../../src/catalog/load.js';
import { readConfig } from '../../src/config/env.js';
import { Engine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { fakeFactories, projectWithWatchlist, reading } from '../helpers/fake-price-source.js';
import { removeDir, tempDir } from '../helpers/project.js';
import { FakeSlack, sendSigned, slashCommand } from './fake-slack.js';

const SECRET = 'test-signing-secret-0123456789';
const TOKEN = 'xoxb-111-222-abcdefghijklmnop';
const PRICE_KEY = 'price-api-secret-value';
const WATCH = `provider: tencent
watch:
  - instance_type: GN7.2XLARGE32
    kind: gpu-instance
    vcpu: 8
    memoryGiB: 32
    gpu: { model: T4, count: 1 }
    regions: [ap-guangzhou]
    billing: [payg]
    source: https://www.tencentcloud.com/document/product/560/19701
    as_of: 2026-11-23
`;

let fake: FakeSlack;
let slack: SlackApp;
let url: string;
let root: string;
let dataDir: string;
let store: FileStore;
const logLines: string[] = [];

beforeAll(async () => {
  root = projectWithWatchlist('tencent', WATCH);
  dataDir = tempDir('procure-refresh-e2e-');
  store = await FileStore.open(dataDir, { writer: true });
  fake = new FakeSlack();
  await fake.start();
  const config = readConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${fake.url}/api/`,
    PORT: '0',
  });
  const logger = createLogger({ secrets: [TOKEN, SECRET, PRICE_KEY], write: (l) => logLines.push(l) });
  const load = () => {
    const { data, problems } = readProject(root);
    return data ? { engine: new Engine(data, {}) } : { problems: problems.map(formatProblem) };
  };
  const factories = fakeFactories({ 'GN7.2XLARGE32|ap-guangzhou|payg': [reading(8.6)] }, [], { delayMs: 300 });
  const service = new SlackService(new Engine(readProject(root).data as never, {}), () => '2026-11-23', {
    store,
    admins: ['U1'],
    logger,
    reload: async () => load(),
    refresh: async ({ providers, dryRun, by }) =>
      (await runRefresh({ root, providers, dryRun, env: { FAKE_TENCENT_KEY: PRICE_KEY }, factories, store, by })).text,
    notify: async (user, text) => {
      await slack.app.client.chat.postMessage({ channel: user, text });
    },
    refreshReplyWithinMs: 50,
  });
  slack = createSlackApp({ config, service, logger, botId: 'BBOT', botUserId: 'UBOT' });
  const port = await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  await slack.stop();
  await fake.stop();
  await store.close();
  removeDir(root);
  removeDir(dataDir);
});

const slash = (text: string, user: string) => slashCommand(fake.url, text, { user_id: user });

describe('/procure admin refresh over HTTP', () => {
  it('acks, says it is running, and DMs the admin the report when the price API has answered', async () => {
    const res = await sendSigned(url, SECRET, slash('admin refresh tencent', 'U1'), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'response_url post');
    expect(fake.responses[0]?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(fake.responses[0]?.body)).toContain('send you the report in a DM');
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0, 8000, 'report DM');
    const dm = fake.callsOf('chat.postMessage')[0]?.args as { channel: string; text: string };
    expect(dm.channel).toBe('U1');
    expect(dm.text).toContain('Price refresh done:');
    expect(dm.text).toContain('GN7.2XLARGE32 in ap-guangzhou, pay-as-you-go');
    expect(dm.text).toContain('CNY 8.6 per instance-hour');
  });

  it('refuses a non-admin without calling the price API, and never logs the price-API secret', async () => {
    fake.responses.length = 0;
    await sendSigned(url, SECRET, slash('admin refresh', 'U2'), { contentType: 'application/x-www-form-urlencoded' });
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'response_url post');
    expect(JSON.stringify(fake.responses[0]?.body)).toContain('Only procure-bot admins');
    expect(logLines.join('\n')).not.toContain(PRICE_KEY);
  });
});
