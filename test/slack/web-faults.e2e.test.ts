/**
 * Faults of Slack's side over real HTTP against the fake Slack: a response_url that hangs is given up after
 * its timeout and not posted twice; a 429 at response_url is waited out and the answer delivered; a
 * chat.postMessage that timed out after it was posted is found and not posted again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { SlackService } from '../../src/slack/service.js';
import { FakeSlack, sendSigned, slashCommand } from './fake-slack.js';

const SECRET = 'test-signing-secret-faults';
const TOKEN = 'xoxb-999-000-faultsfaultsfau';
let engine: Engine;
let fake: FakeSlack;
let slack: SlackApp;
let url: string;
const logLines: string[] = [];

beforeAll(async () => {
  engine = await loadEngine();
  fake = new FakeSlack();
  await fake.start();
  slack = createSlackApp({
    config: readConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
    }),
    service: new SlackService(engine, () => '2026-11-23'),
    logger: createLogger({ secrets: [TOKEN, SECRET], write: (l) => logLines.push(l) }),
    botId: 'BBOT',
    botUserId: 'UBOT',
    // Long enough for a loaded machine, short enough for a test.
    webTimeoutMs: 2_000,
    responseTimeoutMs: 1_500,
  });
  url = `http://127.0.0.1:${await slack.start()}/slack/events`;
});

afterAll(async () => {
  await slack.stop();
  await fake.stop();
});

const slash = (text: string, trigger: string) =>
  sendSigned(url, SECRET, slashCommand(fake.url, text, { trigger_id: trigger }), {
    contentType: 'application/x-www-form-urlencoded',
  });

describe('response_url', () => {
  it('a 429 is waited out and the answer delivered', async () => {
    fake.fail('response_url', { kind: 'ratelimit', retryAfter: 1 });
    const before = fake.responses.length;
    await slash('1x T4 on AWS in Hong Kong', 'trig-429');
    await fake.waitFor(() => fake.responses.length > before, 15_000, 'the answer after the 429');
    expect(JSON.stringify(fake.responses.at(-1)?.body)).toContain('T4');
    expect(String(fake.responses.at(-1)?.body.text)).not.toMatch(/^Sorry/);
  });

  it('one that hangs after taking the answer is given up after its timeout: not posted again, no apology', async () => {
    fake.fail('response_url', { kind: 'hang-after-effect' });
    const before = fake.responses.length;
    await slash('1x T4 on AWS in Singapore', 'trig-hang');
    await fake.waitFor(() => fake.responses.length > before, 15_000, 'the answer');
    await expect
      .poll(() => logLines.join('\n'), { timeout: 15_000 })
      .toMatch(/response_url did not answer within 1500 ms/);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.responses.length).toBe(before + 1);
  });
});

describe('chat.postMessage that times out', () => {
  it('after it was posted: found in the thread, not posted again', async () => {
    fake.fail('chat.postMessage', { kind: 'hang-after-effect' });
    const thread = '1700000400.000001';
    await sendSigned(
      url,
      SECRET,
      JSON.stringify({
        token: 'legacy',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: 'Ev-hang-posted',
        event_time: 1,
        event: { type: 'app_mention', user: 'U1', text: '<@UBOT> 1x T4 on AWS in Tokyo', ts: thread, channel: 'CPOST' },
      }),
    );
    await fake.waitFor(() => fake.callsOf('conversations.replies').length > 0, 15_000, 'the look-up');
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.posted.filter((m) => m.channel === 'CPOST')).toHaveLength(1);
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'CPOST')).toHaveLength(1);
  });
});
