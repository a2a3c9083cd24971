/**
 * One register function per Slack surface. Each handler acks first, turns the payload into a service
 * call, and posts what the service returns; failures become one friendly sentence for the user and
 * the details go to the log.
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Lang } from '../domain/request.js';
import type { AppLogger } from '../logger.js';
import { ACTIONS, QUOTE_CALLBACK, REFINE_CALLBACK } from './blocks.js';
import { CodedError, ErrorCode } from './errors.js';
import { checkRequest, decodeRequest, langOfButton, type Message, type Reply, type SlackService } from './service.js';

export interface Deps {
  service: SlackService;
  logger: AppLogger;
}

/** Posts a reply in a channel or thread: the first message, then what did not fit, in the thread. */
async function post(
  client: WebClient,
  channel: string,
  threadTs: string | undefined,
  reply: Pick<Reply, 'first' | 'rest' | 'text'>,
  delivered?: () => void,
) {
  const first = await client.chat.postMessage({ channel, thread_ts: threadTs, text: reply.text, blocks: reply.first });
  delivered?.();
  const thread = threadTs ?? (first.ts as string | undefined);
  for (const blocks of reply.rest)
    await client.chat.postMessage({ channel, thread_ts: thread, text: reply.text, blocks });
}

/**
 * respond() with a few retries for refused connections and 5xx (response_url is not retried by Bolt; 429 is
 * waited out in ./fetch.ts); not after a timeout, which may have delivered the message.
 */
async function respondWithRetry(respond: RespondFn, message: Parameters<RespondFn>[0], attempts = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await respond(message);
      return;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      // A response_url that timed out may have taken the message: it is not sent again (no duplicate answer).
      if (i >= attempts || (status !== undefined && status < 500) || (err as Error).name === 'ResponseTimeoutError')
        throw err;
      await new Promise((r) => setTimeout(r, 300 * 2 ** (i - 1)));
    }
  }
}

async function respondAll(respond: RespondFn, reply: Message, delivered?: () => void) {
  const response_type = reply.ephemeral ? 'ephemeral' : 'in_channel';
  await respondWithRetry(respond, { response_type, text: reply.text, blocks: reply.first });
  delivered?.();
  // response_url allows 5 uses: 1 above, at most 4 continuations.
  for (const blocks of reply.rest.slice(0, 4))
    await respondWithRetry(respond, { response_type, text: reply.text, blocks });
}

/** Marks the request answered in the inbox once its first message is out (the back put it in the context). */
function deliveredOf(context: Record<string, unknown> | undefined): (() => void) | undefined {
  return typeof context?.delivered === 'function' ? (context.delivered as () => void) : undefined;
}

/** The request's inbox key, which the front put in Bolt's context. */
function keyOf(context: Record<string, unknown> | undefined): string | undefined {
  return typeof context?.requestKey === 'string' ? context.requestKey : undefined;
}

function notAMember(err: unknown): boolean {
  const code = (err as { data?: { error?: string } })?.data?.error;
  return code === 'not_in_channel' || code === 'channel_not_found' || code === 'is_archived';
}

function fail(
  deps: Deps,
  where: string,
  err: unknown,
  who: { user?: string; text?: string; lang?: Lang | null } = {},
): string {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  // What the user sent was wrong (they are told why): not a fault of the bot, so not logged as an error.
  if (isUsersInput(err)) deps.logger.info(`${where} refused: ${detail}`);
  else deps.logger.error(`${where} failed:`, detail);
  return deps.service.errorText(err, who);
}

function isUsersInput(err: unknown): boolean {
  if (err instanceof CodedError) return err.code === ErrorCode.BadInput || err.code === ErrorCode.Expired;
  return err instanceof Error && err.name === 'InputError';
}

export function registerGuards(app: App, deps: Deps): void {
  // Slack retries an event it thinks was not acknowledged; the same event_id must never be answered twice.
  app.use(async ({ body, next }) => {
    const id = (body as { event_id?: string }).event_id;
    if (id && !deps.service.state.seenEvents.claim(id, true)) {
      deps.logger.info(`duplicate delivery of ${id} ignored`);
      return;
    }
    await next();
  });
}

export function registerCommands(app: App, deps: Deps): void {
  app.command('/procure', async ({ ack, command, respond, client, context }) => {
    await ack();
    try {
      const reply = await deps.service.handle(command.text || 'help', {
        user: command.user_id,
        channel: command.channel_id,
        conversation: `slash:${command.channel_id}:${command.user_id}`,
        requestKey: keyOf(context),
      });
      // Recorded before it is delivered: a crash in between answers it again after the restart, under the same id.
      await deps.service.persist(reply);
      if (reply.openModal) await client.views.open({ trigger_id: command.trigger_id, view: reply.openModal });
      else await respondAll(respond, reply, deliveredOf(context));
    } catch (err) {
      const text = fail(deps, '/procure', err, { user: command.user_id, text: command.text });
      // After a timeout the answer may have arrived: no apology on top of it.
      if ((err as Error).name === 'ResponseTimeoutError') return;
      await respond({ response_type: 'ephemeral', text }).catch((e) => deps.logger.error('respond failed:', e));
    }
  });
}

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;
type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

export function registerEvents(app: App, deps: Deps): void {
  app.event('app_mention', async ({ event, client, context }: MentionArgs) => {
    const thread = event.thread_ts ?? event.ts;
    try {
      const reply = await deps.service.handle(event.text, {
        user: event.user ?? 'unknown',
        channel: event.channel,
        conversation: `${event.channel}:${thread}`,
        requestKey: keyOf(context),
      });
      await deps.service.persist(reply);
      await post(client, event.channel, thread, reply, deliveredOf(context));
    } catch (err) {
      const text = fail(deps, 'app_mention', err, { user: event.user, text: event.text });
      await client.chat
        .postMessage({ channel: event.channel, thread_ts: thread, text })
        .catch((e) => deps.logger.error('post failed:', e));
    }
  });

  app.message(async ({ message, client, context }: MessageArgs) => {
    // Only people's own messages in direct messages; edits, joins and bot posts are not questions.
    if (message.channel_type !== 'im' || (message.subtype !== undefined && message.subtype !== 'file_share')) return;
    if ('bot_id' in message && message.bot_id) return;
    const text = 'text' in message ? (message.text ?? '') : '';
    const user = 'user' in message ? (message.user ?? 'unknown') : 'unknown';
    const thread = 'thread_ts' in message ? message.thread_ts : undefined;
    try {
      const reply = await deps.service.handle(text, {
        user,
        channel: message.channel,
        conversation: thread ? `${message.channel}:${thread}` : message.channel,
        requestKey: keyOf(context),
      });
      await deps.service.persist(reply);
      await post(client, message.channel, thread, reply, deliveredOf(context));
    } catch (err) {
      const text2 = fail(deps, 'message.im', err, { user, text });
      await client.chat
        .postMessage({ channel: message.channel, thread_ts: thread, text: text2 })
        .catch((e) => deps.logger.error('post failed:', e));
    }
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab && event.tab !== 'home') return;
    try {
      await client.views.publish({ user_id: event.user, view: deps.service.home(event.user) });
    } catch (err) {
      fail(deps, 'app_home_opened', err);
    }
  });
}

type ButtonArgs = {
  ack: () => Promise<void>;
  body: BlockAction;
  action: ButtonAction;
  client: WebClient;
  respond: RespondFn;
};

/**
 * Tells whoever clicked, ephemerally through the click's response_url; a button in a modal or on the Home tab
 * comes without one, so the line goes to them as a DM instead. A failure to tell is logged, never thrown.
 */
async function tellClicker(
  args: { body: BlockAction; client: WebClient; respond?: RespondFn | undefined },
  deps: Deps,
  text: string,
  blocks?: Reply['first'],
): Promise<void> {
  try {
    if (typeof args.respond === 'function' && args.body.response_url)
      await args.respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
    else await args.client.chat.postMessage({ channel: args.body.user.id, text, ...(blocks ? { blocks } : {}) });
  } catch (e) {
    deps.logger.error('respond failed:', e);
  }
}

/** Where a button's follow-up goes: the thread of the message it sits on, or (ephemeral answers) response_url. */
async function answerButton(
  args: ButtonArgs,
  make: () => Promise<{ text: string; blocks: Reply['first']; rest?: Reply['rest'] }>,
  deps: Deps,
) {
  const { body, client } = args;
  try {
    const out = await make();
    const channel = body.channel?.id;
    const ts = body.message?.thread_ts ?? body.message?.ts;
    const viaResponseUrl = () => tellClicker(args, deps, out.text, out.blocks);
    if (channel && ts && body.container?.type === 'message' && !body.container.is_ephemeral) {
      try {
        await post(client, channel, ts, { first: out.blocks, rest: out.rest ?? [], text: out.text });
      } catch (err) {
        // A /procure answer can sit in a channel the bot has not joined: answer the clicker directly instead.
        if (!notAMember(err)) throw err;
        await viaResponseUrl();
      }
    } else await viaResponseUrl();
  } catch (err) {
    const text = fail(deps, `button ${args.action.action_id}`, err, {
      user: body.user.id,
      lang: langOfButton(args.action.value),
    });
    await tellClicker(args, deps, text);
  }
}

export function registerActions(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTIONS.billing}_(payg|subscription|spot)$`), async (args) => {
    await args.ack();
    await answerButton(
      args as unknown as ButtonArgs,
      async () => {
        const request = decodeRequest(args.action.value);
        const reply = await deps.service.queue.run(
          () => deps.service.rerun(request, args.body.user.id),
          args.body.user.id,
        );
        return { text: reply.text, blocks: reply.first, rest: reply.rest };
      },
      deps,
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.questions, async (args) => {
    await args.ack();
    await answerButton(
      args as unknown as ButtonArgs,
      async () => {
        const request = decodeRequest(args.action.value);
        return deps.service.queue.run(() => deps.service.allQuestions(request), args.body.user.id);
      },
      deps,
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.export, async (args) => {
    await args.ack();
    const { body, client } = args;
    try {
      const request = decodeRequest(args.action.value);
      const file = await deps.service.queue.run(() => deps.service.csv(request), body.user.id);
      const channel = body.channel?.id ?? body.user.id;
      const thread = body.message?.thread_ts ?? body.message?.ts;
      await client.files.uploadV2({
        channel_id: channel,
        ...(thread ? { thread_ts: thread } : {}),
        filename: file.filename,
        title: file.title,
        content: file.content,
        initial_comment: deps.service.words(body.user.id, 'slack.export.comment', langOfButton(args.action.value)),
      });
    } catch (err) {
      if (notAMember(err)) {
        await tellClicker(
          args,
          deps,
          deps.service.words(body.user.id, 'slack.export.not-member', langOfButton(args.action.value)),
        );
        return;
      }
      const text = fail(deps, 'export', err, { user: body.user.id, lang: langOfButton(args.action.value) });
      await tellClicker(args, deps, text);
    }
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.saveQuote, async (args) => {
    await args.ack();
    const { body, client } = args;
    try {
      // trigger_id is good for 3 seconds: open the form before anything else.
      const reply = deps.service.saveQuote(args.action.value, body.user.id);
      if ('view' in reply) await client.views.open({ trigger_id: body.trigger_id, view: reply.view });
      else await tellClicker(args, deps, reply.text);
    } catch (err) {
      const text = fail(deps, 'save-quote', err, { user: body.user.id, lang: langOfButton(args.action.value) });
      await tellClicker(args, deps, text);
    }
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.refine, async (args) => {
    await args.ack();
    const { body, client } = args;
    try {
      // trigger_id is good for 3 seconds: open the modal before anything else.
      const view = deps.service.refineView(decodeRequest(args.action.value), {
        channel: body.channel?.id,
        thread: body.message?.thread_ts ?? body.message?.ts,
      });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (err) {
      const text = fail(deps, 'refine', err, { user: body.user.id, lang: langOfButton(args.action.value) });
      await tellClicker(args, deps, text);
    }
  });
}

export function registerViews(app: App, deps: Deps): void {
  app.view(QUOTE_CALLBACK, async ({ ack, view, body, client }) => {
    const result = await deps.service
      .submitQuote((view?.state?.values ?? {}) as never, body.user.id)
      .catch((err: unknown) => ({ errors: { price: deps.service.errorText(err, { user: body.user.id }) } }));
    if ('errors' in result) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    await ack();
    await client.chat
      .postMessage({ channel: body.user.id, text: result.message })
      .catch((e) => deps.logger.error('post failed:', e instanceof Error ? e.message : String(e)));
  });

  app.view(REFINE_CALLBACK, async ({ ack, view, body, client }) => {
    // Nothing here may throw before the ack: a malformed submission gets field errors, or a plain ack.
    let meta: { channel?: unknown; thread?: unknown; request?: unknown } = {};
    let read: ReturnType<SlackService['readRefine']>;
    try {
      const parsed = JSON.parse(view?.private_metadata || '{}');
      if (parsed && typeof parsed === 'object') meta = parsed;
    } catch {
      meta = {};
    }
    try {
      const base = meta.request === undefined ? undefined : checkRequest(meta.request);
      read =
        base && 'problem' in base
          ? { errors: { vcpu: deps.service.formExpired(deps.service.langFor(body.user.id)) } }
          : deps.service.readRefine((view?.state?.values ?? {}) as never, base?.request);
    } catch (err) {
      deps.logger.error('refine submit could not be read:', err instanceof Error ? err.message : String(err));
      read = { errors: { vcpu: deps.service.words(body.user.id, 'form.err.unreadable') } };
    }
    if ('errors' in read) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    const channel = typeof meta.channel === 'string' ? meta.channel : body.user.id;
    const thread = typeof meta.thread === 'string' ? meta.thread : undefined;
    try {
      const reply = await deps.service.queue.run(() => deps.service.rerun(read.request, body.user.id), body.user.id);
      await post(client, channel, thread, reply);
    } catch (err) {
      const text = fail(deps, 'refine submit', err, { user: body.user.id });
      await client.chat.postMessage({ channel: body.user.id, text }).catch((e) => deps.logger.error('post failed:', e));
    }
  });
}
