/**
 * What the Slack listeners call: one method per user action, each returning what to post.
 * Keeps the listeners to "ack, translate, call, reply"; knows Block Kit layout but not Bolt.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { KnownBlock, View } from '@slack/types';
import { z } from 'zod';
import { quoteFrom } from '../app/quotes.js';
import { historyRecord } from '../app/record.js';
import { weeklySummary } from '../app/summary.js';
import type { Answer, QuoteDraft } from '../domain/answer.js';
import { cleanText } from '../domain/clean.js';
import { limitProblem } from '../domain/limits.js';
import type { Quote } from '../domain/quote.js';
import { emptyRequest, type Lang, type Request, Request as RequestSchema, WORKLOAD_KINDS } from '../domain/request.js';
import type { Messages, Say } from '../domain/say.js';
import { type Engine, isoToday, langOfText } from '../engine.js';
import type { AppLogger } from '../logger.js';
import { answerCsv } from '../render/csv.js';
import { fmtFor } from '../render/format.js';
import { slackEscape } from '../render/render.js';
import type { HistoryRecord, Store } from '../store/types.js';
import { isoWeekOf } from '../store/week.js';
import {
  answerMessages,
  homeView,
  quoteModal,
  refineModal,
  type SlackMessages,
  slackSay,
  textBlocks,
} from './blocks.js';
import { CodedError, ErrorCode, userMessage } from './errors.js';
import { WorkQueue } from './queue.js';
import { ConversationState } from './state.js';

/** A message to post: text and blocks, shown to everyone or only to the asker. */
export interface Message extends SlackMessages {
  ephemeral: boolean;
  /** A form to open instead of posting (needs a trigger_id, so slash commands only). */
  openModal?: View | undefined;
  /** The history record to keep once the message is delivered. */
  record?: HistoryRecord | undefined;
}

export interface Reply extends Message {
  answer: Answer;
}

export interface Where {
  user: string;
  /** Where a follow-up reply would come from: "C123:1700000000.0001" for a thread, "D123" for a DM. */
  conversation?: string | undefined;
  /** The channel asked in, for the history. */
  channel?: string | undefined;
  /** The request's key in the inbox: its history record's id, so answering it again after a crash keeps one record. */
  requestKey?: string | undefined;
}

export interface ServiceOptions {
  store?: Store | undefined;
  /** Slack user ids allowed to change quotes and settings. */
  admins?: string[] | undefined;
  logger?: AppLogger | undefined;
  /** Called after an admin changes the summary settings (to reschedule the post). */
  onSettingsChanged?: (() => Promise<void>) | undefined;
  /** Re-reads catalog/, intents/ and templates/: a new engine, or the problems that kept the old one. */
  reload?: (() => Promise<{ engine: Engine } | { problems: string[] }>) | undefined;
  /**
   * Runs a price-API refresh and resolves with its report; rejects with one sentence when it cannot
   * start (no credentials, unknown provider). The catalogue is reloaded afterwards.
   */
  refresh?: ((args: RefreshArgs) => Promise<string>) | undefined;
  /**
   * Reads the public price feeds (`/procure admin refresh public [provider]`, and the schedule) and resolves with
   * the report; rejects with one sentence when it cannot start. The catalogue is reloaded afterwards.
   */
  refreshPublic?: ((args: RefreshArgs) => Promise<string>) | undefined;
  /** Sends a direct message to a user (the report of a refresh that outlived the command's reply). */
  notify?: ((user: string, text: string) => Promise<void>) | undefined;
  /** How long a refresh may take before the reply says "still running" and the report goes by DM. */
  refreshReplyWithinMs?: number | undefined;
}

/**
 * What a refresh is asked to do. `lang` and `say`: the language the report is written in (the admin's setting; for
 * the schedule, the admins' shared setting, English when they differ), so reasons and labels are in it too.
 */
export interface RefreshArgs {
  providers: string[];
  dryRun: boolean;
  by: string;
  lang: Lang;
  say: Say;
}

/** The quote form's block ids, named as the quotes CSV columns. */
const QUOTE_FORM_FIELDS = [
  'provider',
  'resource',
  'region',
  'sku',
  'gpu_model',
  'gpu_count',
  'price',
  'unit',
  'currency',
  'billing',
  'reference',
  'valid_until',
];

export class SlackService {
  readonly state = new ConversationState();
  /** Answers are computed one at a time after the ack, so acknowledgements never wait behind them. */
  readonly queue = new WorkQueue();
  private quotes: Quote[] = [];
  private current: Engine;
  /** The user whose refresh is running, so a second one waits rather than doubling the API calls. */
  private refreshing: string | null = null;
  /** Each user's answer language (`/procure lang zh|en`); a user not here gets the language they ask in. */
  private readonly userLangs = new Map<string, Lang>();

  constructor(
    engine: Engine,
    private readonly today: () => string = () => isoToday(),
    private readonly opts: ServiceOptions = {},
  ) {
    this.current = engine;
  }

  /** The engine answering now; replaced whole, in one assignment, when a new catalogue passes validation. */
  get engine(): Engine {
    return this.current;
  }

  setEngine(engine: Engine): void {
    this.current = engine;
  }

  /** Reloads the catalogue: swaps in the new one when it is valid, keeps the old one and says why when not. */
  async reloadCatalogue(lang: Lang = 'en'): Promise<{ ok: true; summary: string } | { ok: false; problems: string[] }> {
    if (!this.opts.reload) return { ok: false, problems: [this.say(lang)('admin.reload.no-directory')] };
    const result = await this.opts.reload();
    if ('problems' in result) return { ok: false, problems: result.problems };
    this.setEngine(result.engine);
    const c = result.engine.data.catalog;
    return {
      ok: true,
      summary: this.say(lang)('admin.reload.summary', {
        prices: c.prices.length,
        facts: c.facts.length,
        rules: c.rules.length,
      }),
    };
  }

  /** Reads the vendor quotes and the users' language settings from the store (at start and after a change). */
  async loadQuotes(): Promise<void> {
    if (!this.opts.store) return;
    this.quotes = await this.opts.store.quotes();
    const langs = (await this.opts.store.settings()).userLang;
    this.userLangs.clear();
    for (const [user, lang] of Object.entries(langs)) this.userLangs.set(user, lang);
  }

  /** The user's answer language setting, or null when answers follow the question's language. */
  langOf(user: string): Lang | null {
    return this.userLangs.get(user) ?? null;
  }

  /**
   * The one sentence a user sees for an error, in their language: their /procure lang setting, else the language of
   * what they wrote, else English.
   */
  errorText(
    err: unknown,
    who: { user?: string | undefined; text?: string | undefined; lang?: Lang | null | undefined } = {},
  ): string {
    const lang =
      (who.user ? this.langOf(who.user) : null) ??
      (who.text ? langOfText(who.text) : null) ??
      who.lang ??
      (who.user ? this.langFor(who.user) : 'en');
    return this.errorBlocks(userMessage(err, this.say(lang))).text;
  }

  /**
   * The language to speak to a user in when there is no question to go by (a button, a form, the home tab): their
   * /procure lang setting, else the language of the answer the button sits under (`hint`), else of their last
   * question, else English.
   */
  langFor(user: string, hint?: Lang | null): Lang {
    const last = this.state.recentFor(user)[0]?.text;
    return this.langOf(user) ?? hint ?? (last ? langOfText(last) : 'en');
  }

  /** A sentence from templates/<lang>/slack.yaml in the user's language (see langFor). */
  words(user: string, key: string, hint?: Lang | null): string {
    return this.say(this.langFor(user, hint))(key);
  }

  /** The Slack words for a language, from the loaded project (templates/<lang>/slack.yaml). */
  private say(lang: Lang): Say {
    return slackSay(lang, this.engine.data.messages);
  }

  /**
   * `/procure lang zh|en|auto`: the language of this user's answers, kept in the store's settings. Anyone may set
   * their own; `auto` (or nothing) shows the setting and how to change it.
   */
  private async langCommand(arg: string, user: string): Promise<Message> {
    const word = arg
      .trim()
      .toLowerCase()
      .replace(/^(chinese|中文)$/, 'zh')
      .replace(/^(english|英文)$/, 'en');
    const current = this.langOf(user);
    const settingText = (lang: Lang | null, say: Say) => say(lang ? `slack.lang.${lang}` : 'slack.lang.auto');
    const reply = (text: string): Message => ({ first: textBlocks(text), rest: [], text, ephemeral: true });
    if (word !== 'zh' && word !== 'en' && word !== 'auto') {
      const say = this.say(current ?? 'en');
      return reply(say('slack.lang.usage', { setting: settingText(current, say) }));
    }
    const next: Lang | null = word === 'auto' ? null : word;
    const say = this.say(next ?? current ?? 'en');
    const store = this.opts.store;
    if (!store) return reply(say('slack.lang.no-store'));
    const s = await store.settings();
    const userLang = { ...s.userLang };
    if (next) userLang[user] = next;
    else delete userLang[user];
    await store.updateSettings({ userLang });
    if (next) this.userLangs.set(user, next);
    else this.userLangs.delete(user);
    this.opts.logger?.info(`answer language of ${user} set to ${word}`);
    return reply(say('slack.lang.set', { setting: settingText(next, say) }));
  }

  /**
   * Everything typed to the bot: admin commands (quote, quotes, settings), the weekly summary, or a question.
   * The reply carries the history record to keep once it is delivered (`persist`).
   */
  async handle(text: string, where: Where): Promise<Message> {
    // Commands keep channel references (<#C123|name>); questions lose all Slack markup.
    const raw = text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ').trim();
    const command =
      /^(quotes?(?=\s*(?:$|list\b|add\b|remove\b|help\b))|settings\b|admin(?=\s+(?:reload|refresh)\b))\s*(.*)$/is.exec(
        raw,
      );
    if (command) return this.adminCommand((command[1] as string).toLowerCase(), command[2] ?? '', where);
    const lang = /^(?:lang|language|语言)(?:\s+(\S*))?\s*$/i.exec(raw);
    if (lang) return this.langCommand(lang[1] ?? '', where.user);
    const clean = stripMentions(text);
    const reply = await this.queue.run(() => this.ask(clean, where), where.user);
    if (reply.answer.kind === 'summary' && this.opts.store) {
      const week = isoWeekOf(new Date(`${this.today()}T12:00:00Z`));
      const summary = await weeklySummary(this.opts.store, this.engine, week, this.today(), reply.answer.lang);
      const text2 = this.engine.renderer.summary(summary, 'slack', reply.answer.lang);
      const title = this.say(reply.answer.lang)('slack.weekly-summary', { week });
      return { first: textBlocks(text2), rest: [], text: title, ephemeral: true };
    }
    if (reply.answer.kind !== 'help' && reply.answer.kind !== 'followup' && reply.answer.kind !== 'summary')
      reply.record = historyRecord(
        { text: clean, request: reply.answer.request, answer: reply.answer },
        {
          surface: 'slack',
          user: where.user,
          channel: where.channel ?? null,
        },
      );
    if (reply.record && where.requestKey) reply.record.id = `slack:${where.requestKey}`;
    return reply;
  }

  /** Keeps the history record of a delivered message; a failure is logged, never shown as a failed answer. */
  async persist(message: Message): Promise<void> {
    if (!message.record || !this.opts.store) return;
    try {
      await this.opts.store.recordRequest(message.record);
    } catch (err) {
      this.opts.logger?.error(
        'could not record the request in the history:',
        err instanceof Error ? err.message : String(err),
      );
    }
  }

  /** Reads the quote form: adds the quote, or returns inline errors by block id. Admins only. */
  async submitQuote(
    values: Record<
      string,
      Record<
        string,
        { value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null }
      >
    >,
    user: string,
  ): Promise<{ errors: Record<string, string> } | { message: string }> {
    const store = this.opts.store;
    if (!store || !this.isAdmin(user)) {
      this.opts.logger?.warn(`refused a quote form from ${user}: not in PROCURE_ADMINS`);
      return { errors: { provider: this.say(this.langFor(user))('admin.only-admins.quote') } };
    }
    const get = (id: string) => {
      const v = values && typeof values === 'object' ? values[id]?.value : undefined;
      const raw = v?.selected_option?.value ?? v?.selected_date ?? v?.value ?? '';
      return typeof raw === 'string' ? raw.trim() : '';
    };
    const fields: Record<string, string> = {};
    for (const k of QUOTE_FORM_FIELDS) fields[k] = get(k);
    try {
      const quote = quoteFrom(
        fields,
        this.engine.data.catalog,
        user,
        new Date(),
        undefined,
        this.say(this.langFor(user)),
      );
      await store.addQuotes([quote]);
      await this.loadQuotes();
      this.opts.logger?.info(`quote ${quote.reference} added by ${user} (form)`);
      const lang = this.langFor(user);
      return {
        message: this.say(lang)('admin.quote.added', {
          reference: slackEscape(quote.reference),
          id: quote.id,
          until: fmtFor(lang).date(quote.validUntil),
        }),
      };
    } catch (err) {
      const msg = (err as Error).message;
      const field = /^(\w+)/.exec(msg)?.[1] ?? 'price';
      const block = QUOTE_FORM_FIELDS.includes(field) ? field : 'price';
      return { errors: { [block]: msg.charAt(0).toUpperCase() + msg.slice(1) } };
    }
  }

  /** A provider's name in a language (the catalogue's Chinese name in Chinese). */
  private providerName(id: string, lang: Lang): string {
    const p = this.engine.data.catalog.providers.find((x) => x.id === id);
    if (!p) return id;
    return lang === 'zh' ? (p.names_zh[0] ?? p.name) : p.name;
  }

  /** A place (location slug) in a language (the catalogue's Chinese name in Chinese). */
  private placeName(slug: string, lang: Lang): string {
    const c = this.engine.data.catalog;
    const l = c.locations.find((x) => x.slug === slug) ?? c.areas.find((x) => x.slug === slug);
    if (!l) return slug;
    return lang === 'zh' ? (l.names_zh[0] ?? l.name) : l.name;
  }

  private isAdmin(user: string): boolean {
    return (this.opts.admins ?? []).includes(user);
  }

  private note(text: string, lang: Lang = 'en'): Message {
    const escaped = this.engine.renderer
      .error(text, 'slack', lang)
      .replace(/^Sorry — /, '')
      .replace(/^抱歉 — /, '');
    return { first: textBlocks(escaped), rest: [], text: escaped.slice(0, 3000), ephemeral: true };
  }

  /**
   * The scheduled refresh (PROCURE_REFRESH_CRON): every provider with credentials; the admins get the
   * report, or the sentence saying why it did not run, by DM. Skipped while an admin's refresh runs.
   */
  async scheduledRefresh(): Promise<void> {
    const run = this.opts.refresh;
    const pub = this.opts.refreshPublic;
    if (!run && !pub) return;
    if (this.refreshing) {
      this.opts.logger?.info('scheduled price refresh skipped: another refresh is running');
      return;
    }
    this.refreshing = 'schedule';
    // One run, one report: in the admins' language when they share one, English when they differ.
    const langs = new Set((this.opts.admins ?? []).map((a) => this.langFor(a)));
    const lang: Lang = langs.size === 1 ? ([...langs][0] ?? 'en') : 'en';
    const say = this.say(lang);
    const args = { providers: [], dryRun: false, by: 'schedule', lang, say };
    let text: string;
    try {
      // The public feeds first (no credentials needed), then the price APIs of the providers with credentials.
      const parts: string[] = [];
      if (pub)
        parts.push(
          await pub(args).catch((err: unknown) =>
            say('admin.schedule.public-failed', { why: err instanceof Error ? err.message : String(err) }),
          ),
        );
      if (run)
        parts.push(
          pub
            ? await run(args).catch((err: unknown) =>
                say('admin.schedule.api-failed', {
                  why: err instanceof Error ? err.message : String(err),
                }),
              )
            : await run(args),
        );
      const report = parts.map((p) => p.trimEnd()).join('\n');
      const reloaded = await this.reloadCatalogue(lang);
      text = `${say('admin.schedule.done')}\n${clip(report, say)}${reloaded.ok ? '' : say('admin.reload.not-reloaded', { problems: reloaded.problems.slice(0, 5).join('; ') })}`;
      this.opts.logger?.info(`scheduled price refresh done; catalogue ${reloaded.ok ? 'reloaded' : 'not reloaded'}`);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.opts.logger?.error('scheduled price refresh failed:', why);
      text = say('admin.schedule.not-run', { why });
    } finally {
      this.refreshing = null;
    }
    for (const admin of this.opts.admins ?? [])
      await this.opts
        .notify?.(admin, text)
        .catch((e) => this.opts.logger?.error('could not tell an admin:', e instanceof Error ? e.message : String(e)));
  }

  /** `/procure admin refresh [provider …] [dry-run]`: the report in the reply, or by DM when it takes long. */
  private async adminRefresh(args: string, user: string): Promise<Message> {
    const lang = this.langFor(user);
    const say = this.say(lang);
    let words = args.split(/[\s,]+/).filter(Boolean);
    // `admin refresh public [provider]`: the public calculator feeds instead of the price APIs.
    const isPublic = /^public$/i.test(words[0] ?? '');
    if (isPublic) words = words.slice(1);
    const run = isPublic ? this.opts.refreshPublic : this.opts.refresh;
    if (!run) return this.note(say(isPublic ? 'admin.refresh.no-public' : 'admin.refresh.no-api'), lang);
    const dryRun = words.some((w) => /^-*dry-?run$/i.test(w));
    const providers = words.filter((w) => !/^-*dry-?run$/i.test(w));
    if (!dryRun && this.refreshing) return this.note(say('admin.refresh.running'), lang);
    if (!dryRun) this.refreshing = user;
    this.opts.logger?.info(`price refresh by ${user}: ${providers.join(',') || 'all'}${dryRun ? ' (dry run)' : ''}`);
    const work = run({ providers, dryRun, by: user, lang, say })
      .then(async (report) => {
        const reloaded = dryRun ? null : await this.reloadCatalogue(lang);
        const tail =
          reloaded && !reloaded.ok
            ? say('admin.reload.not-reloaded', { problems: reloaded.problems.slice(0, 5).join('; ') })
            : '';
        return { ok: true as const, text: `${report}${tail}` };
      })
      .catch((err: unknown) => ({ ok: false as const, text: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        if (!dryRun) this.refreshing = null;
      });
    const within = this.opts.refreshReplyWithinMs ?? 2500;
    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([
      work,
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), within);
      }),
    ]);
    clearTimeout(timer);
    const title = (r: { ok: boolean }) =>
      say(r.ok ? (dryRun ? 'admin.refresh.dry-run' : 'admin.refresh.done') : 'admin.refresh.not-run');
    if (early) return this.note(`${title(early)}\n${clip(early.text, say)}`, lang);
    void work.then((r) =>
      this.opts
        .notify?.(user, `${title(r)}\n${clip(r.text, say)}`)
        .catch((e) =>
          this.opts.logger?.error('could not send the refresh report:', e instanceof Error ? e.message : String(e)),
        ),
    );
    return this.note(say(isPublic ? 'admin.refresh.started-public' : 'admin.refresh.started-api'), lang);
  }

  private async adminCommand(cmd: string, rest: string, where: Where): Promise<Message> {
    const store = this.opts.store;
    // Replies in the admin's language: their `/procure lang` setting, else the language of their last question.
    const lang = this.langFor(where.user);
    const say = this.say(lang);
    const note = (text: string) => this.note(text, lang);
    if (cmd === 'admin') {
      if (!this.isAdmin(where.user)) {
        this.opts.logger?.warn(`refused "admin ${rest.trim()}" from ${where.user}: not in PROCURE_ADMINS`);
        return note(say('admin.only-admins.reload'));
      }
      if (/^refresh\b/i.test(rest.trim())) return this.adminRefresh(rest.trim().replace(/^refresh\b/i, ''), where.user);
      const r = await this.reloadCatalogue(lang);
      this.opts.logger?.info(`catalogue reload by ${where.user}: ${r.ok ? 'swapped in' : 'refused'}`);
      return note(
        r.ok
          ? say('admin.reload.done', { summary: r.summary })
          : say('admin.reload.refused', { problems: r.problems.slice(0, 15).join('\n') }) +
              (r.problems.length > 15 ? say('admin.reload.more', { n: r.problems.length - 15 }) : ''),
      );
    }
    if (!store) return note(say('admin.no-store'));
    const [rawVerb = '', ...args] = rest.trim().split(/\s+/);
    // Verbs in any case: QUOTE ADD, Quotes List, settings Summary-Channel.
    const verb = rawVerb.toLowerCase();
    if ((cmd === 'quotes' || cmd === 'quote') && (verb === '' || verb === 'list')) {
      const quotes = await store.quotes();
      if (!quotes.length) return note(say('admin.quotes.none'));
      const fmt = fmtFor(lang);
      const lines = quotes.map((q) =>
        say('admin.quotes.line', {
          reference: q.reference,
          provider: this.providerName(q.provider, lang),
          resource: q.resource,
          gpu: q.gpu ? say('admin.quotes.gpu', { count: q.gpu.count, model: q.gpu.model }) : '',
          location: this.placeName(q.location, lang),
          price: fmt.unitPrice(q.price, q.currency),
          unit: q.unit,
          until: fmt.date(q.validUntil),
          expired: q.validUntil < this.today() ? say('admin.quotes.expired') : '',
        }),
      );
      return note(`${say('admin.quotes.title')}\n${lines.join('\n')}`);
    }
    const changing = cmd === 'settings' || verb === 'add' || verb === 'remove';
    if (changing && !this.isAdmin(where.user)) {
      this.opts.logger?.warn(`refused "${cmd} ${verb}" from ${where.user}: not in PROCURE_ADMINS`);
      return note(say('admin.only-admins.change'));
    }
    if (cmd === 'settings') {
      if (verb === 'summary-lang') {
        const want = (args[0] ?? '').toLowerCase();
        if (want !== 'zh' && want !== 'en') return note(say('admin.settings.lang-usage'));
        await store.updateSettings({ summaryLang: want });
        this.opts.logger?.info(`summary language set to ${want} by ${where.user}`);
        return note(say('admin.settings.lang-set', { lang: say(`admin.settings.lang.${want}`) }));
      }
      if (verb !== 'summary-channel') return note(say('admin.settings.usage'));
      const ref = args.join(' ');
      const id = /<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/.exec(ref)?.[1] ?? /^[CG][A-Z0-9]{6,}$/.exec(ref)?.[0];
      if (!id) return note(say('admin.settings.name-channel'));
      // The summary is posted in the language of the admin who chose the channel, unless one was set.
      const before = await store.settings();
      const summaryLang = before.summaryLang ?? this.langOf(where.user) ?? 'en';
      try {
        await store.updateSettings({ summaryChannel: id, summaryLang });
      } catch (err) {
        return note(say('admin.settings.not-changed', { why: (err as Error).message }));
      }
      await this.opts.onSettingsChanged?.();
      this.opts.logger?.info(`summary channel set to ${id} by ${where.user}`);
      const s = await store.settings();
      const confirm = say('admin.settings.channel-set', {
        id,
        cron: s.summaryCron,
        zone: s.summaryTimeZone,
        lang: say(`admin.settings.lang.${s.summaryLang ?? 'en'}`),
      });
      return { first: textBlocks(confirm), rest: [], text: confirm, ephemeral: true };
    }
    if (verb === 'add' && args.length === 0)
      return {
        ...note(say('admin.quote.form')),
        openModal: quoteModal(this.engine.data.catalog.providers, null, say),
      };
    if (verb === 'add') {
      const fields = Object.fromEntries(
        args.map((a) => {
          const i = a.indexOf('=');
          return i > 0
            ? [a.slice(0, i).toLowerCase().replace(/-/g, '_').replace(/^gpu$/, 'gpu_model'), a.slice(i + 1)]
            : [a, ''];
        }),
      );
      try {
        // Its id comes from the request: the same request delivered again (after a crash between the write and
        // the inbox's done mark, or a Slack retry) finds its quote there and adds nothing.
        const quote = quoteFrom(
          fields,
          this.engine.data.catalog,
          where.user,
          new Date(),
          quoteIdOf(where.requestKey),
          say,
        );
        await store.addQuotes([quote]);
        await this.loadQuotes();
        this.opts.logger?.info(`quote ${quote.reference} added by ${where.user}`);
        return note(
          say('admin.quote.added', {
            reference: quote.reference,
            id: quote.id,
            until: fmtFor(lang).date(quote.validUntil),
          }),
        );
      } catch (err) {
        return note(say('admin.quote.not-added', { why: (err as Error).message }));
      }
    }
    if (verb === 'remove') {
      const key = args[0];
      if (!key) return note(say('admin.quote.which'));
      let n: number;
      try {
        n = await store.removeQuote(key);
      } catch (err) {
        return note(say('admin.quote.not-removed', { why: (err as Error).message }));
      }
      await this.loadQuotes();
      this.opts.logger?.info(`quote ${key} removed by ${where.user} (${n})`);
      return note(
        n === 0
          ? say('admin.quote.none-matching', { key })
          : say(n === 1 ? 'admin.quote.removed.one' : 'admin.quote.removed.many', { n, key }),
      );
    }
    return note(say('admin.quotes.usage'));
  }

  /** Answers a question; a reply to a pending follow-up continues that request. */
  ask(text: string, where: Where): Reply {
    const clean = stripMentions(text);
    const pending = where.conversation ? this.state.pending.get(where.conversation) : undefined;
    const last = where.conversation ? this.state.last.get(where.conversation) : undefined;
    // A command of its own (summary, help, a complete new question) is not taken as the follow-up's reply.
    const { request, answer } = this.engine.replyTo(pending ?? null, clean, this.today(), {
      quotes: this.quotes,
      last,
      lang: this.langOf(where.user),
    });
    if (where.conversation) {
      if (answer.kind === 'followup') this.state.pending.set(where.conversation, request);
      else this.state.pending.delete(where.conversation);
      if (answer.kind !== 'followup' && answer.kind !== 'help' && answer.kind !== 'summary')
        this.state.last.set(where.conversation, request);
    }
    if (answer.kind !== 'help' && answer.kind !== 'followup')
      this.state.remember(where.user, {
        when: this.today(),
        text: clean.slice(0, 120),
        summary: summaryOf(answer, this.say(answer.lang)),
      });
    return this.reply(answer);
  }

  /** Runs a request again (a billing-mode button, a refined form). */
  rerun(request: Request, user: string): Reply {
    const { answer } = this.engine.rerun(request, this.today(), { quotes: this.quotes, lang: this.langOf(user) });
    this.state.remember(user, {
      when: this.today(),
      text: answer.title.slice(0, 120),
      summary: summaryOf(answer, this.say(answer.lang)),
    });
    return this.reply(answer);
  }

  /** Every vendor question for the request, grouped. */
  allQuestions(request: Request): { text: string; blocks: KnownBlock[] } {
    const { answer } = this.engine.rerun({ ...request, intent: 'questions' }, this.today(), { quotes: this.quotes });
    const text = this.engine.renderer
      .sections(answer, 'slack')
      .filter((s) => s.name === 'questions' || s.name === 'answer')
      .map((s) => s.text)
      .join('\n\n');
    const say = this.say(answer.lang);
    return { text: say('slack.vendor-questions'), blocks: textBlocks(text || say('slack.no-questions')) };
  }

  csv(request: Request): { filename: string; content: string; title: string } {
    const { answer } = this.engine.rerun(request, this.today(), { quotes: this.quotes });
    return { filename: `procure-estimate-${this.today()}.csv`, content: answerCsv(answer), title: answer.title };
  }

  refineView(request: Request, meta: { channel?: string | undefined; thread?: string | undefined }): View {
    return refineModal(request, meta, this.say(request.lang ?? 'en'));
  }

  /**
   * The "Save as quote" button under a quote check: admins get the quote form filled from the question; anyone else
   * is told who can save it and the command that would.
   */
  saveQuote(value: string | undefined, user: string): { view: View } | { text: string } {
    const { draft, lang } = decodeDraft(value);
    const say = this.say(lang);
    if (!this.opts.store || !this.isAdmin(user)) {
      const command = `/procure quote add provider=${draft.provider} resource=${draft.resource} region=${draft.region}${draft.sku ? ` sku=${draft.sku}` : ''}${draft.gpuModel ? ` gpu_model=${draft.gpuModel}` : ''} price=${draft.price} unit=instance-hour currency=${draft.currency} reference=<quote ref> valid_until=<YYYY-MM-DD>`;
      return { text: say('slack.quote.admins-only', { command }) };
    }
    return { view: quoteModal(this.engine.data.catalog.providers, draft, say) };
  }

  /** What the refine form says when the answer it was opened on can no longer be read. */
  formExpired(lang: Lang | null): string {
    return this.say(lang ?? 'en')('form.err.expired');
  }

  /** Reads the refine form: a request, or inline errors by block id. */
  readRefine(
    values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>,
    base: Request = emptyRequest('estimate'),
  ): { request: Request } | { errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    // The form speaks the answer's language.
    const say = this.say(base.lang);
    const get = (id: string) => {
      const v = values && typeof values === 'object' ? values[id]?.value : undefined;
      const raw = v?.selected_option?.value ?? v?.value ?? '';
      const text = typeof raw === 'string' ? raw.trim() : '';
      // Every field is held to a length limit before anything reads it.
      if (text.length > MAX_FIELD_CHARS) {
        errors[id] = say('form.err.too-long', { length: text.length, max: MAX_FIELD_CHARS });
        return '';
      }
      return text;
    };
    const num = (id: string, label: string, opts: { int?: boolean; max: number }) => {
      const raw = get(id);
      if (!raw) return null;
      const what = say(`slack.refine.${label}`);
      const n = Number(raw.replace(/,/g, ''));
      if (!Number.isFinite(n) || n <= 0) errors[id] = say('form.err.not-positive', { what });
      else if (opts.int && !Number.isInteger(n)) errors[id] = say('form.err.not-whole', { what });
      else if (n > opts.max) errors[id] = say('form.err.too-big', { what, max: fmtFor(base.lang).qty(opts.max) });
      else return n;
      return null;
    };
    // Start from the request the form was opened on: the form replaces what it shows and keeps the rest.
    const req: Request = structuredClone(base);
    req.intent = ['estimate', 'place', 'compare'].includes(base.intent) ? base.intent : 'estimate';
    req.workload = { ...emptyRequest().workload, hoursPerMonth: base.workload.hoursPerMonth };
    req.locations = [];
    req.providers = [];
    req.billing = null;
    req.currency = null;
    req.durationMonths = null;
    const kind = get('kind');
    if (kind && !(WORKLOAD_KINDS as readonly string[]).includes(kind)) errors.kind = say('form.err.kind');
    else if (kind) req.workload.kind = kind as Request['workload']['kind'];
    req.workload.vcpu = num('vcpu', 'vcpu', { int: true, max: 1024 });
    req.workload.memoryGiB = num('memory', 'memory', { max: 24576 });
    req.workload.instances = num('instances', 'instances', { int: true, max: 10_000 });
    req.workload.storageGB = num('storage', 'storage', { max: 100_000_000 });
    req.workload.egressGBPerMonth = num('egress', 'egress', { max: 100_000_000 });
    req.durationMonths = num('months', 'months', { max: 120 });
    const gpuModel = get('gpu_model');
    const gpuCount = num('gpu_count', 'gpu-count', { int: true, max: 4096 });
    if (gpuModel) {
      const known = this.engine.data.catalog.gpus.find((g) =>
        [g.model, ...g.aliases].some(
          (n) => n.toLowerCase().replace(/[\s-]/g, '') === gpuModel.toLowerCase().replace(/[\s-]/g, ''),
        ),
      );
      if (!known)
        errors.gpu_model = say('form.err.gpu-unknown', {
          said: gpuModel,
          examples: this.engine.data.catalog.gpus
            .slice(0, 5)
            .map((g) => g.model)
            .join(', '),
        });
      else req.workload.gpu = { model: known.model, count: gpuCount ?? 1 };
    } else if (gpuCount) errors.gpu_model = say('form.err.gpu-which');
    const places = get('locations');
    if (places) {
      const parsed = this.engine.pipeline.parse(places).request;
      const found = [...parsed.locations, ...parsed.signals.audience];
      if (found.length === 0) errors.locations = say('form.err.place-unknown', { said: places });
      req.locations = found;
    }
    const providers = get('providers');
    if (providers) {
      const parsed = this.engine.pipeline.parse(providers).request;
      if (parsed.providers.length === 0) errors.providers = say('form.err.provider-unknown', { said: providers });
      req.providers = parsed.providers;
    }
    const model = get('model');
    if (model) req.workload.model = model.toLowerCase().replace(/\s+/g, '-');
    const tin = num('tokens_in', 'tokens-in', { max: 1e7 });
    const tout = num('tokens_out', 'tokens-out', { max: 1e7 });
    if (tin !== null || tout !== null)
      req.workload.tokensPerMonth = { input: (tin ?? 0) * 1e6, output: (tout ?? 0) * 1e6 };
    if (req.workload.tokensPerMonth && !req.workload.model) errors.model = say('form.err.model-which');
    const billing = get('billing');
    if (billing && !['payg', 'subscription', 'spot'].includes(billing)) errors.billing = say('form.err.billing');
    else if (billing) req.billing = billing as Request['billing'];
    const currency = get('currency');
    if (currency && !['USD', 'CNY'].includes(currency)) errors.currency = say('form.err.currency');
    else if (currency) req.currency = currency as Request['currency'];
    const w = req.workload;
    const sized = w.vcpu || w.memoryGiB || w.gpu || w.storageGB || w.egressGBPerMonth || w.tokensPerMonth;
    if (Object.keys(errors).length === 0 && !sized) errors.vcpu = say('form.err.no-size');
    if (Object.keys(errors).length) return { errors };
    const checked = checkRequest(req, this.engine.data.messages);
    return 'problem' in checked ? { errors: { vcpu: checked.problem } } : checked;
  }

  home(user: string): View {
    const c = this.engine.data.catalog;
    const dates = c.prices.map((p) => p.as_of).sort();
    const staleDays = this.engine.pipeline.options.staleDays;
    const cutoff = new Date(Date.parse(`${this.today()}T00:00:00Z`) - staleDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    // The home tab is in the user's setting, else the language of their last question (the setting shown as is).
    const lang = this.langOf(user);
    const words = this.langFor(user);
    return homeView(
      {
        lang,
        examples: this.engine.data.intents
          .filter((i) => ['estimate', 'place', 'questions'].includes(i.id))
          .map((i) => (words === 'zh' ? i.examples.zh[0] : i.examples.en[0]) ?? '')
          .filter(Boolean),
        recent: this.state.recentFor(user),
        catalogue: {
          prices: c.prices.length,
          facts: c.facts.length,
          oldest: dates[0] ?? null,
          newest: dates[dates.length - 1] ?? null,
          stale: dates.filter((d) => d < cutoff).length,
          staleDays,
          fromApis: c.providers
            .map((p) => {
              const rows = c.prices.filter((r) => r.provider === p.id && r.source.startsWith('api:'));
              const newest =
                rows
                  .map((r) => r.as_of)
                  .sort()
                  .at(-1) ?? '';
              return { provider: p.name, rows: rows.length, newest };
            })
            .filter((a) => a.rows > 0),
        },
      },
      this.say(words),
    );
  }

  errorBlocks(message: string): { text: string; blocks: KnownBlock[] } {
    // The sentence is already in the asker's language (a Chinese question's problem is said in Chinese): the
    // template around it follows, so "Sorry —" never precedes a Chinese sentence.
    const text = this.engine.renderer.error(message, 'slack', langOfText(message));
    return { text, blocks: textBlocks(text) };
  }

  private reply(answer: Answer): Reply {
    const sections = this.engine.render(answer, 'slack');
    return {
      answer,
      ...answerMessages(answer, sections, this.say(answer.lang)),
      ephemeral: answer.kind === 'help' || answer.kind === 'followup',
    };
  }
}

/** Removes the bot's own mention ("<@U123> 2x A10 …") and Slack link markup, keeping the words. */
export function stripMentions(text: string): string {
  const out = text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(?:https?|mailto):([^>]*)>/g, '$1')
    .replace(/<[#!][^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  // Cleaned only: the engine checks the question (length, emptiness) and says what is wrong in the asker's language.
  return cleanText(out.replace(/\s+/g, ' ').trim() || 'help');
}

const QuoteDraftSchema = z
  .object({
    provider: z.string().max(40),
    resource: z.enum(['gpu-instance', 'compute']),
    region: z.string().max(80),
    sku: z.string().max(120).nullable(),
    gpuModel: z.string().max(60).nullable(),
    gpuCount: z.number().int().min(1).max(64).nullable(),
    price: z.number().finite().nonnegative(),
    currency: z.enum(['CNY', 'USD']),
    billing: z.enum(['payg', 'subscription', 'spot']).nullable(),
  })
  .strict();

/** A "Save as quote" button's value: the quote draft and the answer's language. */
export function decodeDraft(value: string | undefined): { draft: QuoteDraft; lang: Lang } {
  let parsed: { d?: unknown; l?: unknown };
  try {
    parsed = JSON.parse(value ?? '') as { d?: unknown; l?: unknown };
  } catch {
    throw new CodedError(ErrorCode.Expired, 'button value is not a quote');
  }
  const d = QuoteDraftSchema.safeParse(parsed?.d);
  if (!d.success) throw new CodedError(ErrorCode.Expired, 'button value is not a quote');
  return { draft: d.data, lang: parsed.l === 'zh' ? 'zh' : 'en' };
}

export function decodeRequest(value: string | undefined): Request {
  let parsed: { r?: unknown };
  try {
    parsed = JSON.parse(value ?? '') as { r?: unknown };
  } catch {
    throw new CodedError(ErrorCode.Expired, 'button value is not a request');
  }
  const checked = checkRequest(parsed?.r);
  if ('problem' in checked)
    throw new CodedError(ErrorCode.Expired, `button value is not a request: ${checked.problem}`);
  return checked.request;
}

/** The language of the answer a button sits under (its value carries the request or the quote draft), or null. */
export function langOfButton(value: string | undefined): Lang | null {
  try {
    const v = JSON.parse(value ?? '') as { r?: { lang?: unknown }; l?: unknown };
    const lang = v?.r?.lang ?? v?.l;
    return lang === 'zh' || lang === 'en' ? lang : null;
  } catch {
    return null;
  }
}

/** Longest text a request carried by a button or a form may hold in one field (a location, the topic, a model). */
const MAX_FIELD_CHARS = 200;

/**
 * A request that came back from Slack (a button's value, a form's metadata): it must be a Request as the
 * contract defines it, within the same limits a typed question is held to.
 */
export function checkRequest(value: unknown, messages?: Messages): { request: Request } | { problem: string } {
  const r = RequestSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { problem: `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'not a request'}` };
  }
  const req = r.data;
  const texts = [
    ...req.locations,
    ...req.providers,
    req.topic ?? '',
    req.workload.model ?? '',
    req.workload.gpu?.model ?? '',
  ];
  if (req.locations.length > 30 || texts.some((t) => t.length > MAX_FIELD_CHARS))
    return { problem: 'a field is longer than the limits allow' };
  const limit = limitProblem(req, slackSay(req.lang, messages));
  if (limit) return { problem: limit };
  return { request: req };
}

/** One line for the home tab's recent requests: the top option and its monthly cost, in the answer's language. */
function summaryOf(answer: Answer, say: Say): string {
  const top = answer.options[0];
  if (!top) return say(`render.summary.intent.${answer.kind}`);
  const m = top.monthly
    ? say('slack.home.recent-monthly', { money: fmtFor(answer.lang).money(top.monthly.expected, answer.currency) })
    : '';
  return `${top.providerName} ${top.regionIds[0] ?? top.location}${m}`;
}

/** Keeps a report inside one Slack section (3,000 characters), saying how much was left out. */
function clip(text: string, say: Say, max = 2800): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const kept = cut.slice(0, cut.lastIndexOf('\n'));
  const left = text.slice(kept.length).split('\n').filter(Boolean).length;
  return `${kept}\n${say(left === 1 ? 'refresh.clip.one' : 'refresh.clip.many', { n: left })}`;
}

/** A quote's id from the Slack request that adds it (8 hex digits, as random ids are); random without a key. */
export function quoteIdOf(requestKey: string | undefined): string {
  return requestKey
    ? createHash('sha256').update(`quote:${requestKey}`).digest('hex').slice(0, 8)
    : randomUUID().slice(0, 8);
}
