/**
 * Hardening over real signed HTTP against the fake Slack: payloads that come back from Slack (buttons, the
 * Refine and quote forms) are checked against the Request schema and the same limits as a typed question;
 * a malformed view submission is answered, never a 500; admin verbs in any case; the parser's cost bound.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emptyRequest } from '../../src/domain/request.js';
import type { Engine } from '../../src/engine.js';
import { answerActions, slackSay } from '../../src/slack/blocks.js';
import type { FileStore } from '../../src/store/file-store.js';
import { type FakeSlack, form, sendSigned, slashCommand, viewSubmission } from './fake-slack.js';
import { type Harness, startHarness } from './harness.js';

const SECRET = 'test-signing-secret-harden';
const TOKEN = 'xoxb-777-888-hardenhardenhar';
let engine: Engine;
let h: Harness;
let fake: FakeSlack;
let store: FileStore;
let url: string;

beforeAll(async () => {
  h = await startHarness({ secret: SECRET, token: TOKEN });
  ({ engine, fake, store, url } = h);
});

afterAll(() => h.stop());

afterEach(() => {
  fake.calls.length = 0;
  fake.responses.length = 0;
});

const formPost = (body: string) => sendSigned(url, SECRET, body, { contentType: 'application/x-www-form-urlencoded' });
const input = (value: string) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });

describe('view submissions', () => {
  it.each([
    [
      'no state at all',
      {
        type: 'view_submission',
        team: { id: 'T1' },
        user: { id: 'U1' },
        view: { callback_id: 'procure_refine_submit' },
      },
    ],
    [
      'metadata that is not JSON',
      {
        type: 'view_submission',
        team: { id: 'T1' },
        user: { id: 'U1' },
        view: { callback_id: 'procure_refine_submit', private_metadata: '{{', state: { values: { vcpu: null } } },
      },
    ],
    [
      'a quote form without state',
      {
        type: 'view_submission',
        team: { id: 'T1' },
        user: { id: 'U1' },
        view: { callback_id: 'procure_quote_submit' },
      },
    ],
  ])('a malformed one (%s) is answered with field errors, never a 500', async (_name, payload) => {
    const res = await formPost(form({ payload: JSON.stringify(payload) }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).response_action).toBe('errors');
  });

  it('Refine: a bogus billing mode and a 16 KB field are field errors, before anything parses them', async () => {
    const res = await formPost(
      viewSubmission({
        callbackId: 'procure_refine_submit',
        values: { vcpu: input('8'), billing: select('bogus'), locations: input('hangzhou '.repeat(1800)) },
        privateMetadata: JSON.stringify({ channel: 'C1' }),
      }),
    );
    const body = JSON.parse(res.text) as { errors: Record<string, string> };
    expect(body.errors.billing).toMatch(/Choose pay-as-you-go, subscription or spot/);
    expect(body.errors.locations).toMatch(/16199 characters long; at most 200/);
  });

  it('Refine: a request in the metadata outside the limits (-5 vCPU) is refused', async () => {
    const bad = { ...emptyRequest('estimate'), workload: { ...emptyRequest().workload, vcpu: -5 } };
    const res = await formPost(
      viewSubmission({
        callbackId: 'procure_refine_submit',
        values: { vcpu: input('8') },
        privateMetadata: JSON.stringify({ channel: 'C1', request: bad }),
      }),
    );
    expect(JSON.parse(res.text).errors.vcpu).toMatch(/can no longer read/);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  const quoteValues = (reference: string) => ({
    provider: select('alibaba'),
    resource: select('gpu-instance'),
    region: input('cn-hangzhou'),
    gpu_model: input('A10'),
    price: input('9.5'),
    unit: select('instance-hour'),
    currency: select('CNY'),
    reference: input(reference),
    valid_until: { value: { type: 'datepicker', selected_date: '2027-01-31' } },
  });

  it('the quote form: the confirmation escapes the reference', async () => {
    const res = await formPost(
      viewSubmission({ callbackId: 'procure_quote_submit', values: quoteValues('<!channel> REF-1') }),
    );
    expect(res.text).toBe('');
    await fake.waitFor(() => fake.callsOf('chat.postMessage').length > 0, 8000, 'the confirmation');
    const text = String(fake.callsOf('chat.postMessage')[0]?.args.text);
    expect(text).toContain('&lt;!channel&gt; REF-1');
    expect(text).not.toContain('<!channel>');
  });

  it('the quote form: a 100 KB reference is a field error and nothing is added', async () => {
    const before = (await store.quotes()).length;
    const res = await formPost(
      viewSubmission({ callbackId: 'procure_quote_submit', values: quoteValues('R'.repeat(100_000)) }),
    );
    expect(JSON.parse(res.text).errors.reference).toMatch(/100000 characters long; at most 120/);
    expect(await store.quotes()).toHaveLength(before);
  });
});

const click = (actionId: string, value: unknown, user = 'U1') =>
  form({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: user },
      api_app_id: 'A1',
      trigger_id: `t-${Math.random()}`,
      response_url: `${fake.url}/response/button`,
      channel: { id: 'C1' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: false },
      message: { ts: '1700000000.000100', text: 'x' },
      actions: [
        {
          type: 'button',
          action_id: actionId,
          block_id: 'procure_actions',
          value: JSON.stringify(value),
          action_ts: '1',
        },
      ],
    }),
  });

describe('buttons', () => {
  const estimate = emptyRequest('estimate');

  it.each([
    ['billing "bogus"', { ...estimate, billing: 'bogus', workload: { ...estimate.workload, vcpu: 8 } }],
    ['-3 months', { ...estimate, durationMonths: -3, workload: { ...estimate.workload, vcpu: 8 } }],
    ['-5x GPUs', { ...estimate, workload: { ...estimate.workload, gpu: { model: 'A10', count: -5 } } }],
    ['a million vCPU', { ...estimate, workload: { ...estimate.workload, vcpu: 1_000_000 } }],
  ])('a button whose request has %s is refused with one sentence, nothing estimated', async (_name, r) => {
    await formPost(click('procure_billing_spot', { r }));
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'the refusal');
    expect(String(fake.responses[0]?.body.text)).toMatch(/belongs to an answer I can no longer read/);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
  });
});

describe("error sentences in the user's language", () => {
  it('a user who set /procure lang zh gets a stale button refused in Chinese', async () => {
    await formPost(slashCommand(fake.url, 'lang zh', { user_id: 'UZH' }));
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'the setting');
    fake.responses.length = 0;
    await formPost(click('procure_billing_spot', { r: { nonsense: true } }, 'UZH'));
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'the refusal');
    expect(String(fake.responses[0]?.body.text)).toMatch(/这个按钮所属的回答已无法读取，请重新提问/);
  });
});

describe('the "Save as quote" button under a quote check', () => {
  const quoteAnswer = () =>
    engine.ask('got quoted 9.5 CNY/hr for ecs.gn7i-c8g1.2xlarge in hangzhou, good deal?', '2026-11-23').answer;
  const saveButton = (lang: 'en' | 'zh' = 'en') => {
    const answer =
      lang === 'zh'
        ? engine.ask('阿里云杭州 ecs.gn7i-c8g1.2xlarge 报价每小时9.5元 划算吗', '2026-11-23').answer
        : quoteAnswer();
    const actions = answerActions(answer, slackSay(answer.lang ?? 'en'));
    return actions?.elements.find((e) => e.action_id === 'procure_save_quote') as
      | { value: string; text: { text: string } }
      | undefined;
  };

  it('is offered under a quote check, labelled in the answer language', () => {
    expect(saveButton('en')?.text.text).toBe('Save as quote');
    expect(saveButton('zh')?.text.text).toBe('保存为报价');
  });

  it('opens the quote form for an admin, filled from the question', async () => {
    const button = saveButton();
    await formPost(click('procure_save_quote', JSON.parse(String(button?.value))));
    await fake.waitFor(() => fake.callsOf('views.open').length > 0, 8000, 'the form');
    const view = JSON.stringify(fake.callsOf('views.open')[0]?.args.view);
    expect(view).toContain('procure_quote_submit');
    expect(view).toContain('"initial_value":"ecs.gn7i-c8g1.2xlarge"');
    expect(view).toContain('"initial_value":"9.5"');
    expect(view).toContain('"initial_value":"cn-hangzhou"');
  });

  it('tells anyone else who can save it, with the command to send them; nothing is opened', async () => {
    const button = saveButton();
    await formPost(click('procure_save_quote', JSON.parse(String(button?.value)), 'U2'));
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'the reply');
    const text = String(fake.responses[0]?.body.text);
    expect(text).toMatch(/Only procure-bot admins/);
    expect(text).toContain('price=9.5');
    expect(text).toContain('sku=ecs.gn7i-c8g1.2xlarge');
    expect(fake.callsOf('views.open')).toHaveLength(0);
  });

  it('a value that is not a quote gets one sentence, not a form', async () => {
    await formPost(click('procure_save_quote', { d: { provider: 'alibaba', price: -1 } }));
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'the refusal');
    expect(String(fake.responses[0]?.body.text)).toMatch(/belongs to an answer I can no longer read/);
    expect(fake.callsOf('views.open')).toHaveLength(0);
  });
});

describe('admin verbs', () => {
  it('QUOTE ADD in capitals adds the quote', async () => {
    await formPost(
      slashCommand(
        fake.url,
        'QUOTE ADD provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=CAPS-1 valid_until=2027-01-31',
      ),
    );
    await fake.waitFor(() => fake.responses.length > 0, 8000, 'the reply');
    expect(String(fake.responses[0]?.body.text)).toMatch(/Added quote CAPS-1/);
    expect((await store.quotes()).map((q) => q.reference)).toContain('CAPS-1');
  });
});

describe('parse cost bound', () => {
  it('4,000-character single tokens parse as noise, and the rest of the question still counts', () => {
    for (const junk of ['1'.repeat(3900), 'a'.repeat(3900), 'a-'.repeat(1950)]) {
      for (let i = 0; i < 5; i++) engine.domain.parse(junk);
      const { request } = engine.domain.parse(`2x A10 inference in Hangzhou ${junk}`);
      expect(request.workload.gpu).toEqual({ model: 'A10', count: 2 });
    }
  });
});

describe('a pending follow-up', () => {
  const dm = (text: string, n: number) =>
    JSON.stringify({
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `EvFollow${n}-${Math.random()}`,
      event_time: 1,
      event: { type: 'message', channel_type: 'im', user: 'U2', text, ts: `1700000300.00000${n}`, channel: 'D9' },
    });
  const posts = () => fake.callsOf('chat.postMessage').map((c) => String(c.args.text));

  it('does not swallow summary, help or a complete new question; a real reply still continues it', async () => {
    const say = async (text: string, n: number) => {
      const before = posts().length;
      await sendSigned(url, SECRET, dm(text, n));
      await fake.waitFor(() => posts().length > before, 8000, `the answer to ${text}`);
      return posts().at(-1) as string;
    };
    expect(await say('how much for GPUs?', 1)).toMatch(/One more detail/);
    expect(await say('summary', 2)).toMatch(/Weekly summary/);
    expect(await say('how much for GPUs?', 3)).toMatch(/One more detail/);
    expect(await say('help', 4)).not.toMatch(/One more detail/);
    expect(await say('how much for GPUs?', 5)).toMatch(/One more detail/);
    expect(await say('what should I ask Alibaba before renewing?', 6)).not.toMatch(/One more detail/);
    expect(await say('how much for GPUs?', 7)).toMatch(/One more detail/);
    // The reply it was waiting for still fills it in.
    expect(await say('2x T4 in Hong Kong', 8)).not.toMatch(/One more detail/);
  });
});
