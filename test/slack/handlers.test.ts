/**
 * The Slack listeners called directly with fake Bolt arguments (no HTTP): a fake `app` captures what each
 * register function registers, then each handler runs against vi.fn acks, responds and Web API clients,
 * a real SlackService over the real engine, and a logger whose lines are kept. Mostly the error paths:
 * what the user sees, what is logged, and that nothing escapes the handler.
 */
import type { App } from '@slack/bolt';
import { WebAPIPlatformError } from '@slack/web-api';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type Engine, loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { ACTIONS, QUOTE_CALLBACK, REFINE_CALLBACK, refineModal } from '../../src/slack/blocks.js';
import {
  registerActions,
  registerCommands,
  registerEvents,
  registerGuards,
  registerViews,
} from '../../src/slack/listeners.js';
import { SlackService } from '../../src/slack/service.js';

const TODAY = '2026-11-23';
const QUESTION = '2x T4 inference on AWS in Hong Kong for 6 months';

type Args = Record<string, unknown>;
type Handler = (args: Args) => Promise<void>;

interface Registry {
  commands: Map<string, Handler>;
  events: Map<string, Handler>;
  messages: Handler[];
  actions: { id: string | RegExp; fn: Handler }[];
  views: Map<string, Handler>;
  middleware: Handler[];
  errorHandlers: Handler[];
}

/** Just enough of Bolt's App to record registrations; the listener is always the last argument. */
function fakeApp(): { app: App; reg: Registry } {
  const reg: Registry = {
    commands: new Map(),
    events: new Map(),
    messages: [],
    actions: [],
    views: new Map(),
    middleware: [],
    errorHandlers: [],
  };
  const last = (fns: unknown[]) => fns[fns.length - 1] as Handler;
  const app = {
    command: (name: string, ...fns: unknown[]) => void reg.commands.set(name, last(fns)),
    event: (name: string, ...fns: unknown[]) => void reg.events.set(name, last(fns)),
    message: (...fns: unknown[]) => void reg.messages.push(last(fns)),
    action: (id: string | RegExp, ...fns: unknown[]) => void reg.actions.push({ id, fn: last(fns) }),
    view: (id: string, ...fns: unknown[]) => void reg.views.set(id, last(fns)),
    use: (...fns: unknown[]) => void reg.middleware.push(last(fns)),
    error: (fn: Handler) => void reg.errorHandlers.push(fn),
  };
  return { app: app as unknown as App, reg };
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} was not registered`);
  return value;
}

function fakeClient() {
  return {
    chat: { postMessage: vi.fn(async (_args: Args) => ({ ok: true, ts: '1700000099.000001' })) },
    views: {
      open: vi.fn(async (_args: Args) => ({ ok: true })),
      publish: vi.fn(async (_args: Args) => ({ ok: true })),
    },
    files: { uploadV2: vi.fn(async (_args: Args) => ({ ok: true })) },
  };
}

const fakeAck = () => vi.fn(async (_response?: unknown) => {});
const fakeRespond = () => vi.fn(async (_message: Args) => ({}));

/** The error @slack/web-api throws when Slack answers ok: false. */
const slackError = (error: string) => new WebAPIPlatformError({ ok: false, error });

/** When a mock was first called (global order across mocks); NaN when never, so comparisons fail. */
const firstCall = (fn: { mock: { invocationCallOrder: number[] } }) => fn.mock.invocationCallOrder[0] ?? Number.NaN;

/** The first argument of call `i` of a mock. */
const argOf = (fn: { mock: { calls: unknown[][] } }, i: number) => (fn.mock.calls[i]?.[0] ?? {}) as Args;

let engine: Engine;

beforeAll(async () => {
  engine = await loadEngine();
});

function setup() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
  const service = new SlackService(engine, () => TODAY);
  const { app, reg } = fakeApp();
  const deps = { service, logger };
  registerGuards(app, deps);
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  const logged = () => lines.map((l) => JSON.parse(l) as { level: string; msg: string });
  return {
    reg,
    service,
    errorsLogged: () =>
      logged()
        .filter((l) => l.level === 'error')
        .map((l) => l.msg),
    infoLogged: () =>
      logged()
        .filter((l) => l.level === 'info')
        .map((l) => l.msg),
    command: () => must(reg.commands.get('/procure'), '/procure'),
    event: (name: string) => must(reg.events.get(name), name),
    dm: () => must(reg.messages[0], 'app.message'),
    action: (actionId: string) =>
      must(reg.actions.find((a) => (typeof a.id === 'string' ? a.id === actionId : a.id.test(actionId)))?.fn, actionId),
    view: () => must(reg.views.get(REFINE_CALLBACK), REFINE_CALLBACK),
    guard: () => must(reg.middleware[0], 'app.use'),
  };
}

const commandArgs = (text: string) => ({
  ack: fakeAck(),
  respond: fakeRespond(),
  client: fakeClient(),
  command: {
    command: '/procure',
    text,
    user_id: 'U1',
    channel_id: 'C1',
    team_id: 'T1',
    response_url: 'https://hooks.slack.invalid/commands/1',
    trigger_id: '123.456.abc',
  },
});

const requestValue = (question = QUESTION) => JSON.stringify({ r: engine.ask(question, TODAY).request });

function buttonArgs(actionId: string, value: string | undefined, opts: { ephemeral?: boolean } = {}) {
  const action = {
    type: 'button',
    action_id: actionId,
    block_id: 'procure_actions',
    action_ts: '1700000000.5',
    text: { type: 'plain_text', text: 'x' },
    ...(value === undefined ? {} : { value }),
  };
  return {
    ack: fakeAck(),
    respond: fakeRespond(),
    client: fakeClient(),
    action,
    payload: action,
    body: {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      api_app_id: 'A1',
      trigger_id: '999.888.trigger',
      response_url: 'https://hooks.slack.invalid/actions/1',
      channel: { id: 'C1' },
      container: {
        type: 'message',
        message_ts: '1700000000.000100',
        channel_id: 'C1',
        is_ephemeral: opts.ephemeral ?? false,
      },
      message: { ts: '1700000000.000100', text: 'x' },
      actions: [action],
    },
  };
}

/** The refine form's state as Slack sends it: every block, with the given text values. */
function viewArgs(fields: Record<string, string>, privateMetadata?: string) {
  const values: Record<string, Record<string, unknown>> = {};
  const texts = ['vcpu', 'memory', 'instances', 'gpu_model', 'gpu_count', 'storage', 'egress', 'locations'];
  for (const id of [...texts, 'providers', 'months']) {
    values[id] = { value: { type: 'plain_text_input', value: fields[id] ?? null } };
  }
  for (const id of ['kind', 'billing', 'currency']) {
    const v = fields[id];
    values[id] = {
      value: { type: 'static_select', selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null },
    };
  }
  const view = {
    id: 'V1',
    type: 'modal',
    callback_id: REFINE_CALLBACK,
    private_metadata: privateMetadata ?? JSON.stringify({ channel: 'C1', thread: '1700000000.000100' }),
    state: { values },
  };
  return {
    ack: fakeAck(),
    client: fakeClient(),
    view,
    body: { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' }, api_app_id: 'A1', view },
  };
}

const GOOD_FORM = { gpu_model: 'T4', gpu_count: '2', locations: 'Hong Kong', providers: 'AWS', months: '6' };

describe('registration', () => {
  it('registers one middleware, /procure, the events, the DM listener, five button listeners (billing, questions, export, save quote, refine) and the modal', () => {
    const { reg } = setup();
    expect(reg.middleware).toHaveLength(1);
    expect([...reg.commands.keys()]).toEqual(['/procure']);
    expect([...reg.events.keys()].sort()).toEqual(['app_home_opened', 'app_mention']);
    expect(reg.messages).toHaveLength(1);
    expect(reg.actions).toHaveLength(5);
    expect([...reg.views.keys()].sort()).toEqual([QUOTE_CALLBACK, REFINE_CALLBACK].sort());
  });

  it('the billing listener matches exactly the three billing action ids', () => {
    const { reg } = setup();
    const billing = reg.actions.find((a) => a.id instanceof RegExp)?.id as RegExp;
    for (const b of ['payg', 'subscription', 'spot']) expect(billing.test(`${ACTIONS.billing}_${b}`)).toBe(true);
    expect(billing.test(`${ACTIONS.billing}_reserved`)).toBe(false);
    expect(billing.test(`x${ACTIONS.billing}_spot`)).toBe(false);
  });
});

describe('/procure', () => {
  it('acks before answering, and answers through respond', async () => {
    const s = setup();
    const args = commandArgs(QUESTION);
    await s.command()(args);
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(args.respond).toHaveBeenCalled();
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.respond));
    expect(argOf(args.respond, 0).response_type).toBe('in_channel');
  });

  it('(a) when the first respond rejects: logs it, tries one friendly sentence, throws nothing', async () => {
    const s = setup();
    const args = commandArgs(QUESTION);
    args.respond.mockRejectedValueOnce(Object.assign(new Error('response_url expired'), { statusCode: 404 }));
    await expect(s.command()(args)).resolves.toBeUndefined();
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.respond));
    expect(args.respond).toHaveBeenCalledTimes(2);
    const second = argOf(args.respond, 1);
    expect(second.response_type).toBe('ephemeral');
    expect(second.blocks).toBeUndefined();
    expect(second.text).toMatch(/^Sorry — [^\n]+$/);
    expect(second.text).toMatch(/try again/);
    expect(second.text).not.toContain('response_url expired');
    expect(s.errorsLogged().some((m) => m.includes('/procure failed') && m.includes('response_url expired'))).toBe(
      true,
    );
  });

  it('a respond that fails with a 5xx is tried again with the same answer', async () => {
    const s = setup();
    const args = commandArgs(QUESTION);
    args.respond.mockRejectedValueOnce(Object.assign(new Error('bad gateway'), { statusCode: 502 }));
    await s.command()(args);
    expect(args.respond).toHaveBeenCalledTimes(2);
    expect(argOf(args.respond, 1).blocks).toEqual(argOf(args.respond, 0).blocks);
    expect(s.errorsLogged()).toHaveLength(0);
  });

  it('(a) when every respond rejects: both failures are logged and nothing is thrown', async () => {
    const s = setup();
    const args = commandArgs(QUESTION);
    args.respond.mockRejectedValue(Object.assign(new Error('response_url expired'), { statusCode: 404 }));
    await expect(s.command()(args)).resolves.toBeUndefined();
    expect(args.respond).toHaveBeenCalledTimes(2);
    const errors = s.errorsLogged();
    expect(errors.some((m) => m.startsWith('/procure failed'))).toBe(true);
    expect(errors.some((m) => m.startsWith('respond failed'))).toBe(true);
  });

  it('(b) a 5,000-character question gets one ephemeral sentence about the length', async () => {
    const s = setup();
    const args = commandArgs('a '.repeat(2500).trim().padEnd(5000, 'b'));
    expect(args.command.text).toHaveLength(5000);
    await expect(s.command()(args)).resolves.toBeUndefined();
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.respond));
    expect(args.respond).toHaveBeenCalledTimes(1);
    const msg = argOf(args.respond, 0);
    expect(msg.response_type).toBe('ephemeral');
    expect(msg.blocks).toBeUndefined();
    expect(msg.text).toMatch(/^Sorry — [^\n]+$/);
    expect(msg.text).toContain('5000 characters');
    expect(msg.text).toContain('4000');
    expect(String(msg.text).length).toBeLessThan(200);
  });

  it('an answer longer than response_url allows uses it at most 5 times', async () => {
    const s = setup();
    const real = s.service.ask(QUESTION, { user: 'U1' });
    const chunk = real.first.slice(0, 2);
    vi.spyOn(s.service, 'ask').mockReturnValue({ ...real, rest: Array.from({ length: 7 }, () => chunk) });
    const args = commandArgs(QUESTION);
    await s.command()(args);
    expect(args.respond).toHaveBeenCalledTimes(5);
    for (const [m] of args.respond.mock.calls) expect(m.response_type).toBe('in_channel');
  });
});

describe('app_mention', () => {
  const mention = (text = `<@UBOT> ${QUESTION}`) => ({
    client: fakeClient(),
    event: {
      type: 'app_mention',
      user: 'U1',
      text,
      ts: '1700000001.000001',
      channel: 'C9',
      event_ts: '1700000001.000001',
    },
  });

  it('(c) when chat.postMessage rejects (channel_not_found): logs it, tries a fallback post, throws nothing', async () => {
    const s = setup();
    const args = mention();
    args.client.chat.postMessage.mockRejectedValue(slackError('channel_not_found'));
    await expect(s.event('app_mention')(args)).resolves.toBeUndefined();
    expect(args.client.chat.postMessage).toHaveBeenCalledTimes(2);
    const fallback = argOf(args.client.chat.postMessage, 1);
    expect(fallback).toMatchObject({ channel: 'C9', thread_ts: '1700000001.000001' });
    expect(fallback.blocks).toBeUndefined();
    expect(fallback.text).toMatch(/^Sorry — [^\n]+$/);
    expect(fallback.text).not.toContain('channel_not_found');
    const errors = s.errorsLogged();
    expect(errors.some((m) => m.startsWith('app_mention failed') && m.includes('channel_not_found'))).toBe(true);
    expect(errors.some((m) => m.startsWith('post failed'))).toBe(true);
  });

  it('when only the first post fails, the fallback sentence reaches the thread', async () => {
    const s = setup();
    const args = mention();
    args.client.chat.postMessage.mockRejectedValueOnce(slackError('invalid_blocks'));
    await expect(s.event('app_mention')(args)).resolves.toBeUndefined();
    expect(args.client.chat.postMessage).toHaveBeenCalledTimes(2);
    expect(argOf(args.client.chat.postMessage, 1).text).toMatch(/^Sorry — /);
    expect(s.errorsLogged().some((m) => m.startsWith('post failed'))).toBe(false);
  });

  it('a too-long mention gets the length sentence in the thread', async () => {
    const s = setup();
    const args = mention(`<@UBOT> ${'x'.repeat(4500)}`);
    await s.event('app_mention')(args);
    expect(args.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(argOf(args.client.chat.postMessage, 0)).toMatchObject({ channel: 'C9', thread_ts: '1700000001.000001' });
    expect(argOf(args.client.chat.postMessage, 0).text).toMatch(/limit of 4000/);
  });
});

describe('direct messages', () => {
  const dm = (message: Args) => ({
    client: fakeClient(),
    message: {
      type: 'message',
      channel: 'D1',
      channel_type: 'im',
      user: 'U1',
      text: QUESTION,
      ts: '1700000003.000001',
      ...message,
    },
  });

  it('answers a person’s own message in the DM', async () => {
    const s = setup();
    const args = dm({});
    await s.dm()(args);
    expect(args.client.chat.postMessage).toHaveBeenCalled();
    expect(argOf(args.client.chat.postMessage, 0).channel).toBe('D1');
    expect(argOf(args.client.chat.postMessage, 0).thread_ts).toBeUndefined();
  });

  it.each([
    ['an edit (message_changed)', { subtype: 'message_changed', message: { text: QUESTION }, user: undefined }],
    ['a deletion (message_deleted)', { subtype: 'message_deleted' }],
    ['a bot message with bot_id', { bot_id: 'BBOT', user: 'UBOT' }],
    ['a bot_message subtype', { subtype: 'bot_message', bot_id: 'B2' }],
    ['a channel message', { channel_type: 'channel', channel: 'C1' }],
    ['a group message', { channel_type: 'group', channel: 'G1' }],
    ['a multi-person DM', { channel_type: 'mpim', channel: 'G2' }],
  ])('(d) ignores %s', async (_name, extra) => {
    const s = setup();
    const ask = vi.spyOn(s.service, 'ask');
    const args = dm(extra);
    await expect(s.dm()(args)).resolves.toBeUndefined();
    expect(ask).not.toHaveBeenCalled();
    expect(args.client.chat.postMessage).not.toHaveBeenCalled();
  });

  it('when the post rejects: logs it, tries a fallback post in the DM, throws nothing', async () => {
    const s = setup();
    const args = dm({});
    args.client.chat.postMessage.mockRejectedValue(slackError('channel_not_found'));
    await expect(s.dm()(args)).resolves.toBeUndefined();
    expect(args.client.chat.postMessage).toHaveBeenCalledTimes(2);
    expect(argOf(args.client.chat.postMessage, 1)).toMatchObject({ channel: 'D1' });
    expect(argOf(args.client.chat.postMessage, 1).text).toMatch(/^Sorry — /);
    expect(s.errorsLogged().some((m) => m.startsWith('message.im failed'))).toBe(true);
  });

  it('what does not fit the first message goes in the thread of that message', async () => {
    const s = setup();
    const real = s.service.ask(QUESTION, { user: 'U1' });
    vi.spyOn(s.service, 'ask').mockReturnValue({ ...real, rest: [real.first.slice(0, 1), real.first.slice(1, 2)] });
    const args = dm({});
    await s.dm()(args);
    expect(args.client.chat.postMessage).toHaveBeenCalledTimes(3);
    expect(argOf(args.client.chat.postMessage, 0).thread_ts).toBeUndefined();
    expect(argOf(args.client.chat.postMessage, 1).thread_ts).toBe('1700000099.000001');
    expect(argOf(args.client.chat.postMessage, 2).thread_ts).toBe('1700000099.000001');
  });
});

describe('app_home_opened', () => {
  const home = (tab = 'home') => ({
    client: fakeClient(),
    event: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab, event_ts: '1' },
  });

  it('publishes the Home view for the user', async () => {
    const s = setup();
    const args = home();
    await s.event('app_home_opened')(args);
    expect(args.client.views.publish).toHaveBeenCalledTimes(1);
    expect(argOf(args.client.views.publish, 0).user_id).toBe('U1');
    expect((argOf(args.client.views.publish, 0).view as { type: string }).type).toBe('home');
  });

  it('does nothing for the Messages tab', async () => {
    const s = setup();
    const args = home('messages');
    await s.event('app_home_opened')(args);
    expect(args.client.views.publish).not.toHaveBeenCalled();
  });

  it('(e) when views.publish rejects: logs it and throws nothing', async () => {
    const s = setup();
    const args = home();
    args.client.views.publish.mockRejectedValue(slackError('not_enabled'));
    await expect(s.event('app_home_opened')(args)).resolves.toBeUndefined();
    expect(s.errorsLogged().some((m) => m.startsWith('app_home_opened failed') && m.includes('not_enabled'))).toBe(
      true,
    );
    expect(args.client.chat.postMessage).not.toHaveBeenCalled();
  });
});

describe('buttons', () => {
  const BUTTONS = [
    `${ACTIONS.billing}_payg`,
    `${ACTIONS.billing}_subscription`,
    `${ACTIONS.billing}_spot`,
    ACTIONS.questions,
    ACTIONS.export,
    ACTIONS.refine,
  ];
  const BAD_VALUES: [string, string | undefined][] = [
    ['garbage', 'garbage'],
    ['empty', ''],
    ['missing', undefined],
    ['JSON without a request', '{"x":1}'],
    ['a request without a workload', '{"r":{"intent":"estimate"}}'],
    ['truncated JSON', '{"r":{"intent":"estimate","providers":["aws"],"workload":{"kind":'],
  ];

  for (const id of BUTTONS) {
    it.each(BAD_VALUES)(
      `(f) ${id} with an undecodable value (%s): acks first, then one ephemeral "ask again"`,
      async (_n, value) => {
        const s = setup();
        const args = buttonArgs(id, value);
        await expect(s.action(id)(args)).resolves.toBeUndefined();
        expect(args.ack).toHaveBeenCalledTimes(1);
        expect(args.respond).toHaveBeenCalledTimes(1);
        expect(firstCall(args.ack)).toBeLessThan(firstCall(args.respond));
        const msg = argOf(args.respond, 0);
        expect(msg).toMatchObject({ response_type: 'ephemeral', replace_original: false });
        expect(msg.text).toMatch(/^Sorry — [^\n]+$/);
        expect(msg.text).toContain('ask the question again');
        expect(args.client.chat.postMessage).not.toHaveBeenCalled();
        expect(args.client.views.open).not.toHaveBeenCalled();
        expect(args.client.files.uploadV2).not.toHaveBeenCalled();
        // The user's input, not a fault of the bot: logged as info, not as an error.
        expect(s.errorsLogged()).toEqual([]);
        expect(s.infoLogged().some((m) => m.includes('refused') && m.includes('button value is not a request'))).toBe(
          true,
        );
      },
    );
  }

  it('a billing button acks before posting the re-run estimate in the thread of the message', async () => {
    const s = setup();
    const args = buttonArgs(`${ACTIONS.billing}_spot`, requestValue());
    await s.action(`${ACTIONS.billing}_spot`)(args);
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.client.chat.postMessage));
    expect(argOf(args.client.chat.postMessage, 0)).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100' });
    expect(args.respond).not.toHaveBeenCalled();
  });

  it('a button on an ephemeral answer replies through respond, ephemeral, without replacing the answer', async () => {
    const s = setup();
    const args = buttonArgs(ACTIONS.questions, requestValue(), { ephemeral: true });
    await s.action(ACTIONS.questions)(args);
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.respond));
    expect(args.client.chat.postMessage).not.toHaveBeenCalled();
    expect(argOf(args.respond, 0)).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(Array.isArray(argOf(args.respond, 0).blocks)).toBe(true);
  });

  it('"All vendor questions": when the thread post rejects, a friendly sentence goes through respond', async () => {
    const s = setup();
    const args = buttonArgs(ACTIONS.questions, requestValue());
    args.client.chat.postMessage.mockRejectedValue(slackError('fatal_error'));
    await expect(s.action(ACTIONS.questions)(args)).resolves.toBeUndefined();
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.client.chat.postMessage));
    expect(args.respond).toHaveBeenCalledTimes(1);
    expect(argOf(args.respond, 0).text).toMatch(/^Sorry — [^\n]+$/);
    expect(s.errorsLogged().some((m) => m.includes(`button ${ACTIONS.questions} failed`))).toBe(true);
  });

  it('(g) Refine: when views.open rejects, a friendly ephemeral sentence; views.open had the trigger_id', async () => {
    const s = setup();
    const args = buttonArgs(ACTIONS.refine, requestValue());
    args.client.views.open.mockRejectedValue(slackError('expired_trigger_id'));
    await expect(s.action(ACTIONS.refine)(args)).resolves.toBeUndefined();
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.client.views.open));
    expect(argOf(args.client.views.open, 0).trigger_id).toBe('999.888.trigger');
    expect(args.respond).toHaveBeenCalledTimes(1);
    const msg = argOf(args.respond, 0);
    expect(msg).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(msg.text).toMatch(/^Sorry — [^\n]+$/);
    expect(msg.text).not.toContain('expired_trigger_id');
    expect(s.errorsLogged().some((m) => m.startsWith('refine failed') && m.includes('expired_trigger_id'))).toBe(true);
  });

  it('Refine: the modal remembers where the answer was, so the submission can post there', async () => {
    const s = setup();
    const args = buttonArgs(ACTIONS.refine, requestValue());
    await s.action(ACTIONS.refine)(args);
    const view = argOf(args.client.views.open, 0).view as { private_metadata: string; callback_id: string };
    expect(view.callback_id).toBe(REFINE_CALLBACK);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ channel: 'C1', thread: '1700000000.000100' });
  });

  it('(h) Export CSV: when files.uploadV2 rejects, a friendly ephemeral sentence', async () => {
    const s = setup();
    const args = buttonArgs(ACTIONS.export, requestValue());
    args.client.files.uploadV2.mockRejectedValue(slackError('fatal_error'));
    await expect(s.action(ACTIONS.export)(args)).resolves.toBeUndefined();
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.client.files.uploadV2));
    const upload = argOf(args.client.files.uploadV2, 0);
    expect(upload).toMatchObject({ channel_id: 'C1', thread_ts: '1700000000.000100' });
    expect(String(upload.filename)).toMatch(/\.csv$/);
    expect(String(upload.content)).toContain('g4dn.xlarge');
    expect(args.respond).toHaveBeenCalledTimes(1);
    expect(argOf(args.respond, 0)).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(argOf(args.respond, 0).text).toMatch(/^Sorry — [^\n]+$/);
    expect(s.errorsLogged().some((m) => m.startsWith('export failed') && m.includes('fatal_error'))).toBe(true);
  });

  it('a failing respond after a failing button is logged, not thrown', async () => {
    const s = setup();
    const args = buttonArgs(ACTIONS.export, 'garbage');
    args.respond.mockRejectedValue(new Error('response_url expired'));
    await expect(s.action(ACTIONS.export)(args)).resolves.toBeUndefined();
    expect(s.errorsLogged().some((m) => m.startsWith('respond failed'))).toBe(true);
  });
});

describe('refine modal submission', () => {
  it('(i) invalid fields: one ack with response_action "errors" naming the block ids, nothing posted', async () => {
    const s = setup();
    const args = viewArgs({ vcpu: '-3', gpu_model: 'Z999', locations: 'Atlantis' });
    await expect(s.view()(args)).resolves.toBeUndefined();
    expect(args.ack).toHaveBeenCalledTimes(1);
    const response = argOf(args.ack, 0) as { response_action?: string; errors?: Record<string, string> };
    expect(response.response_action).toBe('errors');
    expect(Object.keys(response.errors ?? {}).sort()).toEqual(['gpu_model', 'locations', 'vcpu']);
    expect(response.errors?.vcpu).toMatch(/above 0/);
    expect(response.errors?.gpu_model).toContain('Z999');
    expect(response.errors?.locations).toContain('Atlantis');
    // Every error names a block that exists in the modal, or Slack refuses the whole response.
    const ids = new Set(
      (refineModal(engine.ask(QUESTION, TODAY).request, {}).blocks as { block_id?: string }[]).map((b) => b.block_id),
    );
    for (const id of Object.keys(response.errors ?? {})) expect(ids.has(id)).toBe(true);
    expect(args.client.chat.postMessage).not.toHaveBeenCalled();
  });

  it('an empty form: one ack with an error on the first size field', async () => {
    const s = setup();
    const args = viewArgs({});
    await s.view()(args);
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(argOf(args.ack, 0)).toMatchObject({ response_action: 'errors', errors: { vcpu: expect.any(String) } });
    expect(args.client.chat.postMessage).not.toHaveBeenCalled();
  });

  it('valid fields: ack() with nothing, before posting the estimate in the original thread', async () => {
    const s = setup();
    const args = viewArgs(GOOD_FORM);
    await s.view()(args);
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(args.ack.mock.calls[0]).toEqual([]);
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.client.chat.postMessage));
    expect(argOf(args.client.chat.postMessage, 0)).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100' });
    expect(JSON.stringify(argOf(args.client.chat.postMessage, 0).blocks)).toContain('g4dn.xlarge');
  });

  it('(i) valid fields but chat.postMessage rejects: ack() once, then a DM with a friendly sentence to the user', async () => {
    const s = setup();
    const args = viewArgs(GOOD_FORM);
    args.client.chat.postMessage.mockRejectedValueOnce(slackError('channel_not_found'));
    await expect(s.view()(args)).resolves.toBeUndefined();
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(args.ack.mock.calls[0]).toEqual([]);
    expect(firstCall(args.ack)).toBeLessThan(firstCall(args.client.chat.postMessage));
    expect(args.client.chat.postMessage).toHaveBeenCalledTimes(2);
    const dm = argOf(args.client.chat.postMessage, 1);
    expect(dm.channel).toBe('U1');
    expect(dm.blocks).toBeUndefined();
    expect(dm.text).toMatch(/^Sorry — [^\n]+$/);
    expect(s.errorsLogged().some((m) => m.startsWith('refine submit failed') && m.includes('channel_not_found'))).toBe(
      true,
    );
  });

  it('valid fields, and both posts reject: logged, nothing thrown', async () => {
    const s = setup();
    const args = viewArgs(GOOD_FORM);
    args.client.chat.postMessage.mockRejectedValue(slackError('channel_not_found'));
    await expect(s.view()(args)).resolves.toBeUndefined();
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(s.errorsLogged().some((m) => m.startsWith('post failed'))).toBe(true);
  });

  it('unreadable private_metadata: the estimate goes to the user’s DM', async () => {
    const s = setup();
    const args = viewArgs(GOOD_FORM, '{not json');
    await s.view()(args);
    expect(args.ack).toHaveBeenCalledTimes(1);
    expect(argOf(args.client.chat.postMessage, 0).channel).toBe('U1');
    expect(argOf(args.client.chat.postMessage, 0).thread_ts).toBeUndefined();
  });
});

describe('dedupe middleware', () => {
  it('(j) the same event_id twice: next() once, the duplicate logged', async () => {
    const s = setup();
    const next = vi.fn(async () => {});
    await s.guard()({ body: { event_id: 'Ev1', type: 'event_callback' }, next });
    await s.guard()({ body: { event_id: 'Ev1', type: 'event_callback' }, next });
    expect(next).toHaveBeenCalledTimes(1);
    expect(s.infoLogged().some((m) => m.includes('Ev1'))).toBe(true);
  });

  it('different event_ids each go through', async () => {
    const s = setup();
    const next = vi.fn(async () => {});
    await s.guard()({ body: { event_id: 'Ev1' }, next });
    await s.guard()({ body: { event_id: 'Ev2' }, next });
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('payloads without an event_id (commands, actions, views) always go through', async () => {
    const s = setup();
    const next = vi.fn(async () => {});
    for (let i = 0; i < 3; i++) await s.guard()({ body: { command: '/procure', text: 'help' }, next });
    expect(next).toHaveBeenCalledTimes(3);
  });

  it('services do not share what they have seen', async () => {
    const a = setup();
    const b = setup();
    const next = vi.fn(async () => {});
    await a.guard()({ body: { event_id: 'Ev1' }, next });
    await b.guard()({ body: { event_id: 'Ev1' }, next });
    expect(next).toHaveBeenCalledTimes(2);
  });
});

describe('buttons in channels the bot has not joined', () => {
  it('a button on a /procure answer in a channel the bot has not joined (not_in_channel) still delivers the answer', async () => {
    // /procure works in any channel and its answer is posted through response_url, but the buttons on that
    // answer post with chat.postMessage, which needs the bot in the channel (the manifest has no
    // chat:write.public). Slack says not_in_channel and the user gets "please try again", which never helps.
    const s = setup();
    const args = buttonArgs(`${ACTIONS.billing}_spot`, requestValue());
    args.client.chat.postMessage.mockRejectedValue(slackError('not_in_channel'));
    await s.action(`${ACTIONS.billing}_spot`)(args);
    const withBlocks = args.respond.mock.calls.filter(([m]) => Array.isArray(m.blocks));
    expect(withBlocks.length).toBeGreaterThan(0);
  });
});

describe('export in a channel the bot has not joined', () => {
  it('tells the user how to get the file instead of "try again"', async () => {
    const s = setup();
    const args = buttonArgs(ACTIONS.export, requestValue());
    args.client.files.uploadV2.mockRejectedValue(slackError('not_in_channel'));
    await s.action(ACTIONS.export)(args);
    expect(argOf(args.respond, 0).text).toMatch(/invite me/);
  });
});
