/**
 * The per-user answer language over real signed HTTP requests, with the fake Slack Web API on loopback:
 * `/procure lang zh` is kept in the store, applies to that user's answers (and not to anyone else's), shows in
 * App Home, survives a restart, and `/procure lang auto` goes back to the question's language.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { refineModal } from '../../src/slack/blocks.js';
import { SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { removeDir, tempDir } from '../helpers/project.js';
import { FakeSlack, sendSigned, slashCommand } from './fake-slack.js';

const SECRET = 'test-signing-secret-0123456789';
const TOKEN = 'xoxb-111-222-abcdefghijklmnop';
const QUESTION = '2x T4 inference on AWS in Hong Kong for 6 months';
let engine: Engine;
let fake: FakeSlack;
let slack: SlackApp;
let url: string;
let dir: string;
let store: FileStore;

async function startApp(): Promise<void> {
  store = await FileStore.open(dir, { writer: true });
  const service = new SlackService(engine, () => '2026-11-23', { store });
  await service.loadQuotes();
  const config = readConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${fake.url}/api/`,
    PORT: '0',
  });
  slack = createSlackApp({
    config,
    service,
    logger: createLogger({ secrets: [TOKEN, SECRET], write: () => {} }),
    botId: 'BBOT',
    botUserId: 'UBOT',
  });
  const port = await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
}

async function stopApp(): Promise<void> {
  await slack.stop();
  await store.close();
}

beforeAll(async () => {
  engine = await loadEngine();
  fake = new FakeSlack();
  await fake.start();
  dir = tempDir('procure-slack-lang-');
  await startApp();
});

afterAll(async () => {
  await stopApp();
  await fake.stop();
  removeDir(dir);
});

afterEach(() => {
  fake.calls.length = 0;
  fake.responses.length = 0;
});

/** Sends `/procure <text>` as a user and returns what the bot posted to the response_url. */
async function command(text: string, user = 'U1'): Promise<{ text: string; blocks: string; type: string }> {
  const before = fake.responses.length;
  const res = await sendSigned(url, SECRET, slashCommand(fake.url, text, { user_id: user }), {
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(res.status).toBe(200);
  await fake.waitFor(() => fake.responses.length > before, 8000, `reply to "${text}"`);
  const body = fake.responses[before]?.body as { text: string; blocks: unknown[]; response_type: string };
  return { text: body.text, blocks: JSON.stringify(body.blocks), type: body.response_type };
}

async function home(user: string): Promise<string> {
  const before = fake.callsOf('views.publish').length;
  await sendSigned(
    url,
    SECRET,
    JSON.stringify({
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev-home-${user}-${Math.random().toString(36).slice(2)}`,
      event_time: 1,
      event: { type: 'app_home_opened', user, channel: 'D1', tab: 'home' },
    }),
  );
  await fake.waitFor(() => fake.callsOf('views.publish').length > before, 8000, 'views.publish');
  return JSON.stringify(fake.callsOf('views.publish')[before]?.args.view);
}

describe('per-user answer language in Slack', () => {
  it('an English question is answered in English before any setting', async () => {
    const reply = await command(QUESTION);
    expect(reply.blocks).toContain('Cost breakdown');
    expect(reply.blocks).toContain('USD 1,183');
    expect(reply.blocks).toContain('"Subscription"');
  });

  it('/procure lang zh is confirmed in Chinese, kept in the store, and shown in App Home', async () => {
    const reply = await command('lang zh');
    expect(reply.type).toBe('ephemeral');
    expect(reply.text).toContain('中文');
    expect((await store.settings()).userLang).toEqual({ U1: 'zh' });
    const view = await home('U1');
    expect(view).toContain('回答语言');
    expect(view).toContain('/procure lang auto');
    // Another user's App Home stays English and says answers follow the question.
    const other = await home('U2');
    expect(other).toContain('Answer language');
    expect(other).toContain('auto');
  });

  it('the same English question is then answered in Chinese for that user: headings, money, buttons, context', async () => {
    const reply = await command(QUESTION);
    expect(reply.blocks).toContain('费用明细');
    // A Chinese answer names no currency of its own: CNY, converted at the stated rate (US$1,183 ≈ ¥8,260).
    expect(reply.blocks).toContain('¥8,260/月');
    expect(reply.blocks).toContain('US$1,183（≈ ¥8,260）');
    expect(reply.blocks).not.toContain('Cost breakdown');
    expect(reply.blocks).not.toContain('USD 1,183');
    expect(reply.blocks).toContain('"全部供应商问题"');
    expect(reply.blocks).toContain('"导出 CSV"');
    expect(reply.blocks).toMatch(/价格(?:截至|日期) \d{4}年\d{1,2}月\d{1,2}日/);
    expect(reply.blocks).toContain('procure-bot · 2026年11月23日');
    expect(reply.blocks).toContain('亚马逊云科技');
  });

  it('does not change anyone else’s answers', async () => {
    const reply = await command(QUESTION, 'U2');
    expect(reply.blocks).toContain('Cost breakdown');
    expect(reply.blocks).not.toContain('费用明细');
  });

  it('survives a restart (read back from the store)', async () => {
    await stopApp();
    await startApp();
    const reply = await command(QUESTION);
    expect(reply.blocks).toContain('费用明细');
  });

  it('/procure lang with a word it does not know explains the choices and changes nothing', async () => {
    const reply = await command('lang fr');
    expect(reply.text).toContain('/procure lang auto');
    expect((await store.settings()).userLang).toEqual({ U1: 'zh' });
  });

  it('/procure lang auto goes back to the language of each question', async () => {
    const reply = await command('lang auto');
    expect(reply.type).toBe('ephemeral');
    expect((await store.settings()).userLang).toEqual({});
    expect((await command(QUESTION)).blocks).toContain('Cost breakdown');
    expect((await command('杭州 2张A10 推理 3个月 多少钱')).blocks).toContain('费用明细');
  });

  it('/procure lang en answers a Chinese question in English', async () => {
    await command('lang en');
    const reply = await command('杭州 2张A10 推理 3个月 多少钱');
    expect(reply.blocks).toContain('Cost breakdown');
    expect(reply.blocks).not.toContain('费用明细');
    await command('lang auto');
  });
});

describe('forms in the answer language', () => {
  it('the refine form of a Chinese request is labelled in Chinese, of an English one in English', () => {
    const zh = refineModal(engine.parse('杭州 2张A10 推理 3个月 多少钱'), {});
    expect(JSON.stringify(zh)).toContain('"调整估算条件"');
    expect(JSON.stringify(zh.blocks)).toContain('GPU 数量');
    expect(JSON.stringify(zh.blocks)).not.toContain('Billing mode');
    const en = refineModal(engine.parse(QUESTION), {});
    expect(JSON.stringify(en)).toContain('"Refine the estimate"');
    expect(JSON.stringify(en.blocks)).toContain('Billing mode');
  });
});
