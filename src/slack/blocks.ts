/**
 * Block Kit layout for answers, the refine modal and App Home. Pure functions that know Slack's limits:
 * at most 50 blocks a message, 3,000 characters a section, 150 a header, 2,000 a button value.
 * Text arrives already rendered and escaped for Slack (& < > only) by the renderer.
 */
import type { ActionsBlock, Button, KnownBlock, View } from '@slack/types';
import { shippedMessages } from '../catalog/shipped-messages.js';
import type { Answer, QuoteDraft } from '../domain/answer.js';
import type { Lang, Request } from '../domain/request.js';
import { type Messages, type Say, sayer } from '../domain/say.js';
import { fmtFor } from '../render/format.js';
import type { Section } from '../render/render.js';
import { slackEscape } from '../render/render.js';

/** The Slack surface's words in a language, from the project's messages (or the shipped ones). */
export function slackSay(lang: Lang, messages?: Messages): Say {
  return sayer(messages ?? shippedMessages(), lang);
}

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;
export const MAX_HEADER_CHARS = 150;
export const MAX_BUTTON_VALUE = 2000;

export const ACTIONS = {
  billing: 'procure_billing',
  questions: 'procure_all_questions',
  export: 'procure_export_csv',
  refine: 'procure_refine',
  saveQuote: 'procure_save_quote',
} as const;

export const REFINE_CALLBACK = 'procure_refine_submit';

/** Splits text at line breaks into pieces of at most `max` characters (a single over-long line is cut). */
export function splitText(text: string, max = MAX_SECTION_CHARS): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    const pieces = line.length > max ? (line.match(new RegExp(`[\\s\\S]{1,${max}}`, 'g')) ?? []) : [line];
    for (const p of pieces) {
      if (cur && cur.length + 1 + p.length > max) {
        out.push(cur);
        cur = p;
      } else cur = cur ? `${cur}\n${p}` : p;
    }
  }
  if (cur.trim()) out.push(cur);
  return out;
}

function plain(text: string, max: number): string {
  const t = text.replace(/[*_~`]/g, '').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Button values carry the request so a click can re-run it; null when it would not fit. */
export function encodeRequest(req: Request, extra: Record<string, unknown> = {}): string | null {
  const value = JSON.stringify({ r: req, ...extra });
  return value.length <= MAX_BUTTON_VALUE ? value : null;
}

export function answerActions(answer: Answer, say: Say = slackSay(answer.lang ?? 'en')): ActionsBlock | null {
  if (!['estimate', 'place', 'compare'].includes(answer.kind)) return null;
  const req = answer.request;
  const elements: Button[] = [];
  const current = req.billing ?? 'payg';
  for (const b of ['payg', 'subscription', 'spot'] as const) {
    if (b === current) continue;
    const value = encodeRequest({ ...req, billing: b });
    if (value)
      elements.push({
        type: 'button',
        action_id: `${ACTIONS.billing}_${b}`,
        text: { type: 'plain_text', text: say(`slack.button.${b}`) },
        value,
      });
  }
  const value = encodeRequest(req);
  if (value) {
    elements.push({
      type: 'button',
      action_id: ACTIONS.questions,
      text: { type: 'plain_text', text: say('slack.button.all-questions') },
      value,
    });
    elements.push({
      type: 'button',
      action_id: ACTIONS.export,
      text: { type: 'plain_text', text: say('slack.button.export') },
      value,
    });
    const draft = answer.quoteCheck?.draft;
    const quote = draft ? JSON.stringify({ d: draft, l: answer.lang ?? 'en' }) : null;
    if (quote && quote.length <= MAX_BUTTON_VALUE)
      elements.push({
        type: 'button',
        action_id: ACTIONS.saveQuote,
        text: { type: 'plain_text', text: say('slack.button.save-quote') },
        value: quote,
      });
    elements.push({
      type: 'button',
      action_id: ACTIONS.refine,
      text: { type: 'plain_text', text: say('slack.button.refine') },
      value,
      style: 'primary',
    });
  }
  return elements.length ? { type: 'actions', block_id: 'procure_actions', elements } : null;
}

export interface SlackMessages {
  /** The first message (with the buttons). */
  first: KnownBlock[];
  /** What did not fit, each at most 50 blocks, to post in the thread. */
  rest: KnownBlock[][];
  /** Plain-text fallback for notifications. */
  text: string;
}

/** The answer as Block Kit: header, one block per section (split at 3,000 characters), context, buttons. */
export function answerMessages(
  answer: Answer,
  sections: Section[],
  say: Say = slackSay(answer.lang ?? 'en'),
): SlackMessages {
  const blocks: KnownBlock[] = [];
  for (const s of sections) {
    if (s.name === 'answer') {
      const [titleLine, ...rest] = s.text.split('\n');
      blocks.push({
        type: 'header',
        text: { type: 'plain_text', text: plain(titleLine ?? answer.title, MAX_HEADER_CHARS) || 'procure-bot' },
      });
      const body = rest.join('\n').trim();
      if (body) for (const t of splitText(body)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t } });
      continue;
    }
    if (blocks.length) blocks.push({ type: 'divider' });
    for (const t of splitText(s.text)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t } });
  }
  const context = contextLine(answer, say);
  if (context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  const actions = answerActions(answer, say);
  const room = MAX_BLOCKS - (actions ? 1 : 0);
  const first = blocks.slice(0, room);
  let rest: KnownBlock[][] = [];
  if (blocks.length > room) {
    // Leave a pointer in the first message and carry the rest in the thread.
    first.splice(room - 1, 1, {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: say('slack.continued') }],
    });
    const remaining = blocks.slice(room - 1);
    rest = [];
    for (let i = 0; i < remaining.length; i += MAX_BLOCKS) rest.push(remaining.slice(i, i + MAX_BLOCKS));
  }
  if (actions) first.push(actions);
  const fallback = answer.recommendation
    ? `${answer.title} — ${answer.recommendation.text}`
    : answer.title || 'procure-bot';
  return { first, rest, text: slackEscape(fallback).slice(0, 3000) };
}

function contextLine(answer: Answer, say: Say): string {
  const parts: string[] = [];
  const date = fmtFor(say.lang).date;
  const dates = answer.options.flatMap((o) => o.lines.map((l) => l.asOf)).sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first && last)
    parts.push(
      first === last
        ? say('slack.context.prices-as-of', { from: date(first) })
        : say('slack.context.prices-range', { from: date(first), to: date(last) }),
    );
  if (answer.fx) parts.push(`1 ${answer.fx.base} = ${answer.fx.rate} ${answer.fx.counter} (${date(answer.fx.asOf)})`);
  const sources = new Set(answer.options.flatMap((o) => o.lines.map((l) => l.source)));
  const n = answer.facts.length;
  if (sources.size)
    parts.push(
      `${say(sources.size === 1 ? 'slack.context.price-sources.one' : 'slack.context.price-sources.many', { count: sources.size })}${say.lang === 'zh' ? '，' : ', '}${say(n === 1 ? 'slack.context.facts.one' : 'slack.context.facts.many', { count: n })}`,
    );
  if (answer.kind !== 'help' && answer.kind !== 'followup') parts.push(`procure-bot · ${date(answer.generatedOn)}`);
  return slackEscape(parts.join(' · '));
}

/** Simple text blocks (help, errors, follow-ups) split to Slack's limits. */
export function textBlocks(text: string): KnownBlock[] {
  return splitText(text)
    .slice(0, MAX_BLOCKS)
    .map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }) as KnownBlock);
}

const KINDS = ['web', 'inference', 'training', 'data-platform', 'batch', 'storage', 'model-api', 'dev'] as const;

function option(text: string, value: string) {
  return { text: { type: 'plain_text' as const, text }, value };
}

function textInput(
  blockId: string,
  label: string,
  initial: string | number | null | undefined,
  placeholder: string,
  optional = true,
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(initial !== null && initial !== undefined && String(initial) !== ''
        ? { initial_value: String(initial) }
        : {}),
      placeholder: { type: 'plain_text', text: placeholder },
    },
  };
}

/** The structured estimate form, prefilled from the parsed request. */
export function refineModal(
  req: Request,
  meta: { channel?: string | undefined; thread?: string | undefined },
  say: Say = slackSay(req.lang ?? 'en'),
): View {
  // The request travels with the form so that what the form does not show (users, data, signals) is kept.
  const withRequest = JSON.stringify({ ...meta, request: req });
  const privateMetadata = withRequest.length <= 3000 ? withRequest : JSON.stringify(meta);
  const wl = req.workload;
  // The workload kinds in the form's language (render.kind.*), their values the contract's ids.
  const kindOptions = KINDS.map((k) => {
    const word = say(`render.kind.${k}`);
    return option(word === `render.kind.${k}` ? k : word, k);
  });
  const billingOptions = [
    option(say('slack.button.payg'), 'payg'),
    option(say('slack.button.subscription'), 'subscription'),
    option(say('slack.button.spot'), 'spot'),
  ];
  const eg = (example: string) => say('slack.eg', { example });
  const currencyOptions = [option('USD', 'USD'), option('CNY', 'CNY')];
  const select = (
    blockId: string,
    label: string,
    options: { text: { type: 'plain_text'; text: string }; value: string }[],
    initial: string | null,
  ) =>
    ({
      type: 'input',
      block_id: blockId,
      optional: true,
      label: { type: 'plain_text', text: label },
      element: {
        type: 'static_select',
        action_id: 'value',
        options,
        ...(initial ? { initial_option: options.find((o) => o.value === initial) } : {}),
      },
    }) as KnownBlock;
  return {
    type: 'modal',
    callback_id: REFINE_CALLBACK,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: say('slack.refine.title') },
    submit: { type: 'plain_text', text: say('slack.refine.submit') },
    close: { type: 'plain_text', text: say('slack.cancel') },
    blocks: [
      select('kind', say('slack.refine.kind'), kindOptions, wl.kind),
      textInput('vcpu', say('slack.refine.vcpu'), wl.vcpu, eg('8')),
      textInput('memory', say('slack.refine.memory'), wl.memoryGiB, eg('32')),
      textInput('instances', say('slack.refine.instances'), wl.instances, eg('2')),
      textInput('gpu_model', say('slack.refine.gpu-model'), wl.gpu?.model, eg('A10, T4, H800')),
      textInput('gpu_count', say('slack.refine.gpu-count'), wl.gpu?.count, eg('2')),
      textInput('storage', say('slack.refine.storage'), wl.storageGB, eg('500')),
      textInput('egress', say('slack.refine.egress'), wl.egressGBPerMonth, eg('1000')),
      textInput('model', say('slack.refine.model'), wl.model, eg('qwen-plus')),
      textInput(
        'tokens_in',
        say('slack.refine.tokens-in'),
        wl.tokensPerMonth ? wl.tokensPerMonth.input / 1e6 : null,
        eg('20'),
      ),
      textInput(
        'tokens_out',
        say('slack.refine.tokens-out'),
        wl.tokensPerMonth ? wl.tokensPerMonth.output / 1e6 : null,
        eg('5'),
      ),
      textInput(
        'locations',
        say('slack.refine.locations'),
        req.locations.join(', '),
        eg(say('slack.refine.locations-eg')),
      ),
      textInput(
        'providers',
        say('slack.refine.providers'),
        req.providers.join(', '),
        eg(say('slack.refine.providers-eg')),
      ),
      select('billing', say('slack.refine.billing'), billingOptions, req.billing),
      textInput('months', say('slack.refine.months'), req.durationMonths, eg('3')),
      select('currency', say('slack.refine.currency'), currencyOptions, req.currency),
    ],
  };
}

export interface HomeInfo {
  examples: string[];
  /** The user's answer language setting: a language, or null for "the question's". */
  lang?: Lang | null | undefined;
  recent: { when: string; text: string; summary: string }[];
  catalogue: {
    prices: number;
    facts: number;
    oldest: string | null;
    newest: string | null;
    stale: number;
    staleDays: number;
    /** Rows read from providers' price APIs: per provider, how many and the newest read. */
    fromApis: { provider: string; rows: number; newest: string }[];
  };
}

export function homeView(info: HomeInfo, say: Say = slackSay(info.lang ?? 'en')): View {
  const date = fmtFor(say.lang).date;
  const c = info.catalogue;
  const setting = say(info.lang ? `slack.lang.${info.lang}` : 'slack.lang.auto');
  let catalogue = say('slack.home.catalogue', { prices: c.prices, facts: c.facts });
  if (c.oldest && c.newest) catalogue += say('slack.home.dated', { from: date(c.oldest), to: date(c.newest) });
  catalogue += say(c.stale === 1 ? 'slack.home.stale.one' : 'slack.home.stale.many', {
    count: c.stale,
    days: c.staleDays,
  });
  if (c.fromApis.length)
    catalogue += say('slack.home.from-apis', {
      list: c.fromApis
        .map((a) =>
          say('slack.home.api-read', { provider: slackEscape(a.provider), rows: a.rows, date: date(a.newest) }),
        )
        .join(say.lang === 'zh' ? '，' : ', '),
    });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'procure-bot' } },
    { type: 'section', text: { type: 'mrkdwn', text: say('slack.home.intro') } },
    { type: 'section', text: { type: 'mrkdwn', text: say('slack.home.language', { setting }) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${say('slack.home.try')}:*\n${info.examples.map((e) => `• \`/procure ${slackEscape(e)}\``).join('\n')}`,
      },
    },
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: info.recent.length
          ? `*${say('slack.home.recent')}*\n${info.recent.map((r) => `• ${slackEscape(date(r.when))} — ${slackEscape(r.text)} → ${slackEscape(r.summary)}`).join('\n')}`.slice(
              0,
              MAX_SECTION_CHARS,
            )
          : `*${say('slack.home.recent')}*\n${say('slack.home.none-yet')}`,
      },
    },
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: catalogue }] },
  ];
  return { type: 'home', blocks };
}

export const QUOTE_CALLBACK = 'procure_quote_submit';

/** The vendor-quote form (admins): the same fields as the quotes CSV. */
export function quoteModal(
  providers: { id: string; name: string; names_zh?: string[] }[],
  draft: QuoteDraft | null = null,
  say: Say = slackSay('en'),
): View {
  const w = (key: string) => say(`form.quote.${key}`);
  const name = (p: { name: string; names_zh?: string[] }) => (say.lang === 'zh' ? (p.names_zh?.[0] ?? p.name) : p.name);
  const initial: Record<string, string | number | null | undefined> = draft
    ? {
        provider: draft.provider,
        resource: draft.resource,
        region: draft.region,
        sku: draft.sku,
        gpu_model: draft.gpuModel,
        gpu_count: draft.gpuCount,
        price: draft.price,
        unit: 'instance-hour',
        currency: draft.currency,
        billing: draft.billing,
      }
    : {};
  const sel = (blockId: string, label: string, opts: [string, string][], optional = false): KnownBlock => {
    const chosen = opts.find(([v]) => v === initial[blockId]);
    return {
      type: 'input',
      block_id: blockId,
      optional,
      label: { type: 'plain_text', text: label },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: opts.map(([v, t]) => option(t, v)),
        ...(chosen ? { initial_option: option(chosen[1], chosen[0]) } : {}),
      },
    };
  };
  return {
    type: 'modal',
    callback_id: QUOTE_CALLBACK,
    title: { type: 'plain_text', text: w('title') },
    submit: { type: 'plain_text', text: w('submit') },
    close: { type: 'plain_text', text: w('cancel') },
    blocks: [
      sel(
        'provider',
        w('provider'),
        providers.map((p) => [p.id, name(p)]),
      ),
      sel(
        'resource',
        w('resource'),
        ['gpu-instance', 'compute', 'storage', 'egress', 'model-tokens', 'support'].map((r) => [r, w(`resource.${r}`)]),
      ),
      textInput('region', w('region'), initial.region, w('region-eg'), false),
      textInput('sku', w('sku'), initial.sku, w('sku-eg')),
      textInput('gpu_model', w('gpu-model'), initial.gpu_model, w('gpu-model-eg')),
      textInput('gpu_count', w('gpu-count'), initial.gpu_count, w('gpu-count-eg')),
      textInput('price', w('price'), initial.price, w('price-eg'), false),
      sel(
        'unit',
        w('per'),
        ['instance-hour', 'vcpu-hour', 'gib-hour', 'gb-month', 'gb', 'million-tokens', 'month'].map((u) => [
          u,
          w(`unit.${u}`),
        ]),
      ),
      sel('currency', w('currency'), [
        ['CNY', 'CNY'],
        ['USD', 'USD'],
      ]),
      sel(
        'billing',
        w('billing'),
        ['payg', 'subscription', 'spot'].map((b) => [b, w(`billing.${b}`)]),
        true,
      ),
      textInput('reference', w('reference'), null, w('reference-eg'), false),
      {
        type: 'input',
        block_id: 'valid_until',
        label: { type: 'plain_text', text: w('valid-until') },
        element: { type: 'datepicker', action_id: 'value' },
      },
    ],
  };
}
