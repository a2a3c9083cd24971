/**
 * The real app in HTTP mode on loopback, driven by real signed requests, talking to a local fake
 * Slack Web API through SLACK_API_URL. Nothing here reaches the internet.
 */
import { isValidSlackRequest } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { SlackService } from '../../src/slack/service.js';
import { FakeSlack, form, sendSigned, sign, slashCommand, viewSubmission } from './fake-slack.js';

const SECRET = 'test-signing-secret-0123456789';
const TOKEN = 'xoxb-111-222-abcdefghijklmnop';
let engine: Engine;
let fake: FakeSlack;
let slack: SlackApp;
let url: string;
const logLines: string[] = [];

beforeAll(async () => {
  engine = await loadEngine();
  fake = new FakeSlack();
  await fake.start();
  const config = readConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${fake.url}/api/`,
    PORT: '0',
  });
  const logger = createLogger({ secrets: [TOKEN, SECRET], write: (l) => logLines.push(l) });
  slack = createSlackApp({
    config,
    service: new SlackService(engine, () => '2026-11-23'),
    logger,
    botId: 'BBOT',
    botUserId: 'UBOT',
  });
  const port = await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  await slack.stop();
  await fake.stop();
});

afterEach(() => {
  fake.calls.length = 0;
  fake.responses.length = 0;
  fake.uploads.length = 0;
});

const slash = (text: string, extra: Record<string, string> = {}) => slashCommand(fake.url, text, extra);

const eventBody = (event: Record<string, unknown>, eventId: string) =>
  JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event,
  });

const blockAction = (actionId: string, value: string, extra: Record<string, unknown> = {}) =>
  form({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      api_app_id: 'A1',
      trigger_id: '999.888.trigger',
      response_url: `${fake.url}/response/action`,
      channel: { id: 'C1' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: false },
      message: { ts: '1700000000.000100', text: 'x' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'procure_actions', value, action_ts: '1' }],
      ...extra,
    }),
  });

describe('request signing', () => {
  it("verifies Slack's documented signing example", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const expected = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    expect(sign(secret, 1531420618, body)).toBe(expected);
    expect(
      isValidSlackRequest({
        signingSecret: secret,
        body,
        headers: { 'x-slack-signature': expected, 'x-slack-request-timestamp': 1531420618 },
        nowMilliseconds: 1531420618 * 1000 + 1000,
      }),
    ).toBe(true);
  });

  it.each([
    ['a forged signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['a timestamp 10 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['a timestamp 10 minutes in the future', { timestamp: Math.floor(Date.now() / 1000) + 600 }],
  ])('refuses %s with 401 and runs no listener', async (_name, opts) => {
    const res = await sendSigned(url, SECRET, slash('2x T4 on AWS in Hong Kong'), {
      contentType: 'application/x-www-form-urlencoded',
      ...opts,
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls).toHaveLength(0);
    expect(fake.responses).toHaveLength(0);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await sendSigned(
      url,
      SECRET,
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('abc123');
  });
});

describe('surfaces', () => {
  it('slash command: acks at once, then posts the answer as blocks to response_url', async () => {
    const res = await sendSigned(url, SECRET, slash('2x T4 inference on AWS in Hong Kong for 6 months'), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'response_url post');
    const body = fake.responses[0]?.body as {
      blocks: { type: string; text?: { text: string } }[];
      response_type: string;
    };
    expect(body.response_type).toBe('in_channel');
    expect(body.blocks[0]?.type).toBe('header');
    const all = JSON.stringify(body.blocks);
    expect(all).toContain('g4dn.xlarge');
    expect(all).toContain('source:');
    expect(body.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(body.blocks.length).toBeLessThanOrEqual(50);
  });

  it('slash command help is shown only to the asker', async () => {
    await sendSigned(url, SECRET, slash('help'), { contentType: 'application/x-www-form-urlencoded' });
    await fake.waitFor(() => fake.responses.length > 0);
    expect(fake.responses[0]?.body.response_type).toBe('ephemeral');
  });

  it('mention: answers in a thread under the message', async () => {
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'app_mention',
          user: 'U1',
          text: '<@UBOT> 2x T4 on AWS in Singapore',
          ts: '1700000001.000001',
          channel: 'C9',
          event_ts: '1',
        },
        'Ev-mention-1',
      ),
    );
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0);
    const post = fake.callsOf('chat.postMessage')[0];
    expect(post?.args.channel).toBe('C9');
    expect(post?.args.thread_ts).toBe('1700000001.000001');
    expect(JSON.stringify(post?.args.blocks)).toContain('ap-southeast-1');
  });

  it('mention with a missing detail asks in the thread, and the reply in the thread continues the request', async () => {
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'app_mention',
          user: 'U1',
          text: '<@UBOT> how much for GPUs on AWS in Hong Kong?',
          ts: '1700000002.000001',
          channel: 'C9',
        },
        'Ev-fu-1',
      ),
    );
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0);
    expect(JSON.stringify(fake.callsOf('chat.postMessage')[0]?.args.blocks)).toContain('Which GPU model');
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'app_mention',
          user: 'U1',
          text: '<@UBOT> 2x T4',
          ts: '1700000002.000009',
          thread_ts: '1700000002.000001',
          channel: 'C9',
        },
        'Ev-fu-2',
      ),
    );
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 1);
    const second = fake.callsOf('chat.postMessage')[1];
    expect(second?.args.thread_ts).toBe('1700000002.000001');
    expect(JSON.stringify(second?.args.blocks)).toContain('g4dn.xlarge');
  });

  it('direct message: answers in the DM', async () => {
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'message',
          channel_type: 'im',
          user: 'U1',
          text: 'what are the ICP filing rules?',
          ts: '1700000003.000001',
          channel: 'D1',
        },
        'Ev-dm-1',
      ),
    );
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0);
    expect(fake.callsOf('chat.postMessage')[0]?.args.channel).toBe('D1');
    expect(JSON.stringify(fake.callsOf('chat.postMessage')[0]?.args.blocks)).toContain('ICP');
  });

  it('ignores the bot’s own messages in DMs', async () => {
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'message',
          channel_type: 'im',
          bot_id: 'BBOT',
          user: 'UBOT',
          text: 'an answer',
          ts: '1700000004.000001',
          channel: 'D1',
        },
        'Ev-dm-bot',
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('a retried event (same event_id, X-Slack-Retry-Num) is answered once', async () => {
    const body = eventBody(
      {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> 1x T4 on AWS in Hong Kong',
        ts: '1700000005.000001',
        channel: 'C9',
      },
      'Ev-retry-1',
    );
    const ts = Math.floor(Date.now() / 1000);
    await sendSigned(url, SECRET, body, { timestamp: ts });
    // Slack signs each retry anew, at the time it sends it.
    const retry = await sendSigned(url, SECRET, body, {
      timestamp: ts + 3,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('a 429 from chat.postMessage is waited out (Retry-After) and the answer is posted once', async () => {
    fake.fail('chat.postMessage', { kind: 'ratelimit', retryAfter: 1 });
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'app_mention',
          user: 'U1',
          text: '<@UBOT> 1x T4 on AWS in Singapore',
          ts: '1700000006.000001',
          channel: 'C9',
        },
        'Ev-429-1',
      ),
    );
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length >= 2, 10_000, 'retried post');
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('App Home shows examples and the catalogue’s freshness', async () => {
    await sendSigned(
      url,
      SECRET,
      eventBody({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' }, 'Ev-home-1'),
    );
    await fake.waitFor(() => fake.callsOf('views.publish').length > 0);
    const view = JSON.stringify(fake.callsOf('views.publish')[0]?.args.view);
    expect(view).toContain('/procure');
    expect(view).toContain('Catalogue:');
  });
});

describe('buttons and the modal', () => {
  const request = () => engine.ask('2x T4 inference on AWS in Hong Kong', '2026-11-23').request;

  it('a billing-mode button posts the estimate for that mode in the thread', async () => {
    const value = JSON.stringify({ r: { ...request(), billing: 'spot' } });
    const res = await sendSigned(url, SECRET, blockAction('procure_billing_spot', value), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0);
    const post = fake.callsOf('chat.postMessage')[0];
    expect(post?.args.thread_ts).toBe('1700000000.000100');
    expect(JSON.stringify(post?.args.blocks)).toMatch(/spot/);
  });

  it('"All vendor questions" posts every question, grouped', async () => {
    await sendSigned(url, SECRET, blockAction('procure_all_questions', JSON.stringify({ r: request() })), {
      contentType: 'application/x-www-form-urlencoded',
    });
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0);
    // Grouped: a heading per group (the SLA/failover group now only for production or resilience questions).
    const blocks = JSON.stringify(fake.callsOf('chat.postMessage')[0]?.args.blocks);
    expect(blocks).toContain('Capacity &amp; quota');
    expect(blocks).toContain('Pricing &amp; renewal');
  });

  it('"Export CSV" uploads a CSV file to the thread', async () => {
    await sendSigned(url, SECRET, blockAction('procure_export_csv', JSON.stringify({ r: request() })), {
      contentType: 'application/x-www-form-urlencoded',
    });
    await fake.waitFor(() => fake.callsOf('files.completeUploadExternal').length > 0);
    expect(fake.uploads[0]?.body).toContain('g4dn.xlarge');
    expect(fake.callsOf('files.completeUploadExternal')[0]?.args.channel_id).toBe('C1');
  });

  it('"Refine" opens the modal with the trigger_id, prefilled from the request', async () => {
    await sendSigned(url, SECRET, blockAction('procure_refine', JSON.stringify({ r: request() })), {
      contentType: 'application/x-www-form-urlencoded',
    });
    await fake.waitFor(() => fake.callsOf('views.open').length > 0);
    const call = fake.callsOf('views.open')[0];
    expect(call?.args.trigger_id).toBe('999.888.trigger');
    expect(JSON.stringify(call?.args.view)).toContain('"initial_value":"T4"');
  });

  it('a button whose value is not a request gets a friendly message, not a crash', async () => {
    await sendSigned(url, SECRET, blockAction('procure_all_questions', 'garbage'), {
      contentType: 'application/x-www-form-urlencoded',
    });
    await fake.waitFor(() => fake.responses.length > 0);
    expect(JSON.stringify(fake.responses[0]?.body)).toContain('ask the question again');
  });

  const submission = (values: Record<string, unknown>) =>
    viewSubmission({
      callbackId: 'procure_refine_submit',
      values,
      privateMetadata: JSON.stringify({ channel: 'C1', thread: '1700000000.000100' }),
    });
  const v = (value: string) => ({ value: { type: 'plain_text_input', value } });

  it('modal submit with bad input returns inline errors and posts nothing', async () => {
    const res = await sendSigned(url, SECRET, submission({ vcpu: v('-3'), gpu_model: v('Z999') }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.vcpu).toMatch(/above 0/);
    expect(body.errors.gpu_model).toMatch(/Z999/);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('modal submit with good input runs the engine and posts in the thread', async () => {
    const res = await sendSigned(
      url,
      SECRET,
      submission({
        gpu_model: v('T4'),
        gpu_count: v('2'),
        locations: v('Hong Kong'),
        providers: v('AWS'),
        months: v('6'),
      }),
      { contentType: 'application/x-www-form-urlencoded' },
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0);
    const post = fake.callsOf('chat.postMessage')[0];
    expect(post?.args.channel).toBe('C1');
    expect(JSON.stringify(post?.args.blocks)).toContain('g4dn.xlarge');
  });
});

describe('logs', () => {
  it('never contain the bot token or the signing secret', () => {
    const all = logLines.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
  });
});

describe('Slack faults', () => {
  it('a 500 from chat.postMessage twice, then success: the answer is posted once', async () => {
    fake.fail('chat.postMessage', { kind: 'error', status: 500 }, 2);
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'app_mention',
          user: 'U1',
          text: '<@UBOT> 1x T4 on AWS in Hong Kong',
          ts: '1700000007.000001',
          channel: 'C9',
        },
        'Ev-500-1',
      ),
    );
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length >= 3, 15_000, 'retried posts');
    await new Promise((r) => setTimeout(r, 300));
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(3);
    expect(JSON.stringify(posts[2]?.args.blocks)).toContain('g4dn.xlarge');
  });

  it('a response_url that fails once with 500 is tried again and the answer arrives once', async () => {
    fake.fail('response_url', { kind: 'error', status: 500 });
    await sendSigned(url, SECRET, slash('1x T4 on AWS in Singapore'), {
      contentType: 'application/x-www-form-urlencoded',
    });
    await fake.waitFor(() => fake.responses.length > 0, 10_000, 'the answer');
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.responses).toHaveLength(1);
    expect(JSON.stringify(fake.responses[0]?.body)).toContain('g4dn.xlarge');
  });

  it('when Slack keeps failing, the failure is logged and nothing is posted twice', async () => {
    fake.fail('chat.postMessage', { kind: 'error', status: 500 }, 20);
    const before = logLines.length;
    await sendSigned(
      url,
      SECRET,
      eventBody(
        {
          type: 'app_mention',
          user: 'U1',
          text: '<@UBOT> 1x T4 on AWS in Hong Kong',
          ts: '1700000008.000001',
          channel: 'C9',
        },
        'Ev-500-2',
      ),
    );
    await fake.waitFor(
      () => logLines.slice(before).some((l) => l.includes('app_mention failed')),
      30_000,
      'the logged failure',
    );
    await new Promise((r) => setTimeout(r, 300));
    // The answer was tried (with retries), then the apology; every attempt failed, so nothing was posted.
    const attempts = fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(8);
    (fake as unknown as { faults: Map<string, unknown[]> }).faults.clear();
  });
});

describe('replays and timeouts', () => {
  it('a request whose ack waits for a listener that never comes gets a 404 after 3 seconds, and a log line', async () => {
    const res = await sendSigned(url, SECRET, viewSubmission({ callbackId: 'no_such_form', id: 'V9' }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    // Slack gives up after 3 s; the front answers then rather than holding the connection open.
    expect(res.status).toBe(404);
    expect(logLines.join('\n')).toContain('not acknowledged within 3 seconds');
  }, 10_000);

  it('a replayed request (the same signed request sent again) is refused with 401', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const body = slash('1x T4 on AWS in Hong Kong');
    const first = await sendSigned(url, SECRET, body, {
      contentType: 'application/x-www-form-urlencoded',
      timestamp: ts,
    });
    const again = await sendSigned(url, SECRET, body, {
      contentType: 'application/x-www-form-urlencoded',
      timestamp: ts,
    });
    expect(first.status).toBe(200);
    expect(again.status).toBe(401);
    await fake.waitFor(() => fake.responses.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responses).toHaveLength(1);
  });
});

describe('replay variants', () => {
  const form_ = { contentType: 'application/x-www-form-urlencoded' };

  it('the same signed request dressed differently (signature suffix, retry header, padded timestamp) is refused every time and answered once', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const body = slash('1x T4 on AWS in Hong Kong', { channel_id: 'C-replay' });
    const sig = sign(SECRET, ts, body);
    const first = await sendSigned(url, SECRET, body, { ...form_, timestamp: ts });
    expect(first.status).toBe(200);
    const variants: Parameters<typeof sendSigned>[3][] = [
      { ...form_, timestamp: ts, signature: `${sig}=` },
      { ...form_, timestamp: ts, signature: `${sig}=x` },
      { ...form_, timestamp: ts, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } },
      { ...form_, timestamp: ts, signature: sig, headers: { 'x-slack-request-timestamp': `0${ts}` } },
    ];
    for (const v of variants) expect((await sendSigned(url, SECRET, body, v)).status).toBe(401);
    await fake.waitFor(() => fake.responses.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responses).toHaveLength(1);
  });

  it('forged requests are not remembered: a forged copy sent first does not block the genuine one', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const body = slash('1x T4 on AWS in Hong Kong', { channel_id: 'C-forged' });
    const forged = await sendSigned(url, 'not-the-secret', body, { ...form_, timestamp: ts });
    expect(forged.status).toBe(401);
    const genuine = await sendSigned(url, SECRET, body, { ...form_, timestamp: ts });
    expect(genuine.status).toBe(200);
  });
});

describe('a Web API call that hangs', () => {
  it('is abandoned after the timeout and tried again; the answer is posted once', async () => {
    const config = readConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
    });
    const quick = createSlackApp({
      config,
      service: new SlackService(engine, () => '2026-11-23'),
      logger: createLogger({ write: () => undefined }),
      botId: 'BBOT',
      botUserId: 'UBOT',
      // Long enough that the retry itself is never cut off on a loaded CI machine.
      webTimeoutMs: 2_000,
    });
    const port = await quick.start();
    try {
      fake.fail('chat.postMessage', { kind: 'hang' });
      await sendSigned(
        `http://127.0.0.1:${port}/slack/events`,
        SECRET,
        eventBody(
          {
            type: 'app_mention',
            user: 'U1',
            text: '<@UBOT> 1x T4 on AWS in Hong Kong',
            ts: '1700000009.000001',
            channel: 'CHANG',
          },
          'Ev-hang-1',
        ),
      );
      // Only this test's posts (its own channel): a late post left over from an earlier test must not count.
      const posts = () => fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'CHANG');
      await fake.waitFor(() => posts().length >= 2, 15_000, 'the retried post');
      await new Promise((r) => setTimeout(r, 300));
      // The hung call never completed; the one retry did.
      expect(posts()).toHaveLength(2);
    } finally {
      await quick.stop();
    }
  });
});
