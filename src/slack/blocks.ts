/**
 * Block Kit layout for answers, the refine modal and App Home. Pure functions that know Slack's limits:
 * at most 50 blocks a message, 3,000 characters a section, 150 a header, 2,000 a button value.
 * Text arrives already rendered and escaped for Slack (& < > only) by the renderer.
 */
import type { ActionsBlock, Button, KnownBlock, View } from '@slack/types';
import type { Answer } from '../domain/answer.js';
import type { Request } from '../domain/request.js';
import type { Section } from '../render/render.js';
import { slackEscape } from '../render/render.js';

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;
export const MAX_HEADER_CHARS = 150;
export const MAX_BUTTON_VALUE = 2000;

export const ACTIONS = {
  billing: 'procure_billing',
  questions: 'procure_all_questions',
  export: 'procure_export_csv',
  refine: 'procure_refine',
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

export function answerActions(answer: Answer): ActionsBlock | null {
  if (!['estimate', 'place', 'compare'].includes(answer.kind)) return null;
  const req = answer.request;
  const elements: Button[] = [];
  const current = req.billing ?? 'payg';
  const names = { payg: 'Pay-as-you-go', subscription: 'Subscription', spot: 'Spot' } as const;
  for (const b of ['payg', 'subscription', 'spot'] as const) {
    if (b === current) continue;
    const value = encodeRequest({ ...req, billing: b });
    if (value)
      elements.push({
        type: 'button',
        action_id: `${ACTIONS.billing}_${b}`,
        text: { type: 'plain_text', text: names[b] },
        value,
      });
  }
  const value = encodeRequest(req);
  if (value) {
    elements.push({
      type: 'button',
      action_id: ACTIONS.questions,
      text: { type: 'plain_text', text: 'All vendor questions' },
      value,
    });
    elements.push({
      type: 'button',
      action_id: ACTIONS.export,
      text: { type: 'plain_text', text: 'Export CSV' },
      value,
    });
    elements.push({
      type: 'button',
      action_id: ACTIONS.refine,
      text: { type: 'plain_text', text: 'Refine' },
      value,
      style: 'primary',
    });
  }
  return elements.length ? { type: 'actions', block_id: 'procure_actions', elements } : null;
}

export interface Messages {
  /** The first message (with the buttons). */
  first: KnownBlock[];
  /** What did not fit, each at most 50 blocks, to post in the thread. */
  rest: KnownBlock[][];
  /** Plain-text fallback for notifications. */
  text: string;
}

/** The answer as Block Kit: header, one block per section (split at 3,000 characters), context, buttons. */
export function answerMessages(answer: Answer, sections: Section[]): Messages {
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
  const context = contextLine(answer);
  if (context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  const actions = answerActions(answer);
  const room = MAX_BLOCKS - (actions ? 1 : 0);
  const first = blocks.slice(0, room);
  let rest: KnownBlock[][] = [];
  if (blocks.length > room) {
    // Leave a pointer in the first message and carry the rest in the thread.
    first.splice(room - 1, 1, {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '_Continued in the next message._' }],
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

function contextLine(answer: Answer): string {
  const parts: string[] = [];
  const dates = answer.options.flatMap((o) => o.lines.map((l) => l.asOf)).sort();
  if (dates.length)
    parts.push(
      `Prices as of ${dates[0]}${dates.length > 1 && dates[dates.length - 1] !== dates[0] ? ` to ${dates[dates.length - 1]}` : ''}`,
    );
  if (answer.fx) parts.push(`1 ${answer.fx.base} = ${answer.fx.rate} ${answer.fx.counter} (${answer.fx.asOf})`);
  const sources = new Set(answer.options.flatMap((o) => o.lines.map((l) => l.source)));
  if (sources.size)
    parts.push(
      `${sources.size} price source${sources.size > 1 ? 's' : ''}, ${answer.facts.length} fact${answer.facts.length === 1 ? '' : 's'} cited`,
    );
  if (answer.kind !== 'help' && answer.kind !== 'followup') parts.push(`procure-bot · ${answer.generatedOn}`);
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
export function refineModal(req: Request, meta: { channel?: string | undefined; thread?: string | undefined }): View {
  // The request travels with the form so that what the form does not show (users, data, signals) is kept.
  const withRequest = JSON.stringify({ ...meta, request: req });
  const privateMetadata = withRequest.length <= 3000 ? withRequest : JSON.stringify(meta);
  const wl = req.workload;
  const kindOptions = KINDS.map((k) => option(k, k));
  const billingOptions = [
    option('Pay-as-you-go', 'payg'),
    option('Subscription', 'subscription'),
    option('Spot', 'spot'),
  ];
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
    title: { type: 'plain_text', text: 'Refine the estimate' },
    submit: { type: 'plain_text', text: 'Estimate' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      select('kind', 'Workload kind', kindOptions, wl.kind),
      textInput('vcpu', 'vCPU per instance', wl.vcpu, 'e.g. 8'),
      textInput('memory', 'Memory per instance (GiB)', wl.memoryGiB, 'e.g. 32'),
      textInput('instances', 'Instances', wl.instances, 'e.g. 2'),
      textInput('gpu_model', 'GPU model', wl.gpu?.model, 'e.g. A10, T4, H800'),
      textInput('gpu_count', 'GPUs', wl.gpu?.count, 'e.g. 2'),
      textInput('storage', 'Storage (GB)', wl.storageGB, 'e.g. 500'),
      textInput('egress', 'Internet egress (GB a month)', wl.egressGBPerMonth, 'e.g. 1000'),
      textInput('model', 'Hosted model (for token pricing)', wl.model, 'e.g. qwen-plus'),
      textInput(
        'tokens_in',
        'Input tokens a month (millions)',
        wl.tokensPerMonth ? wl.tokensPerMonth.input / 1e6 : null,
        'e.g. 20',
      ),
      textInput(
        'tokens_out',
        'Output tokens a month (millions)',
        wl.tokensPerMonth ? wl.tokensPerMonth.output / 1e6 : null,
        'e.g. 5',
      ),
      textInput('locations', 'Locations', req.locations.join(', '), 'e.g. Hangzhou, Singapore'),
      textInput('providers', 'Providers', req.providers.join(', '), 'e.g. Alibaba, Tencent'),
      select('billing', 'Billing mode', billingOptions, req.billing),
      textInput('months', 'Duration (months)', req.durationMonths, 'e.g. 3'),
      select('currency', 'Currency', currencyOptions, req.currency),
    ],
  };
}

export interface HomeInfo {
  examples: string[];
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

export function homeView(info: HomeInfo): View {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'procure-bot' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Ask where a cloud workload for China and Asia-Pacific should run and what it will cost. Every price carries its source and date; what cannot be priced comes with the question to ask the vendor. Use `/procure <question>`, mention me in a channel, or write to me here.',
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Try:*\n${info.examples.map((e) => `• \`/procure ${slackEscape(e)}\``).join('\n')}`,
      },
    },
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: info.recent.length
          ? `*Your recent requests*\n${info.recent.map((r) => `• ${slackEscape(r.when)} — ${slackEscape(r.text)} → ${slackEscape(r.summary)}`).join('\n')}`.slice(
              0,
              MAX_SECTION_CHARS,
            )
          : '*Your recent requests*\nNone yet.',
      },
    },
    { type: 'divider' },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Catalogue: ${info.catalogue.prices} prices and ${info.catalogue.facts} facts${info.catalogue.oldest ? `, dated ${info.catalogue.oldest} to ${info.catalogue.newest}` : ''}; ${info.catalogue.stale} price${info.catalogue.stale === 1 ? '' : 's'} older than ${info.catalogue.staleDays} days.${info.catalogue.fromApis.length ? ` From the providers' price APIs: ${info.catalogue.fromApis.map((a) => `${slackEscape(a.provider)} ${a.rows} (read ${a.newest})`).join(', ')}.` : ''}`,
        },
      ],
    },
  ];
  return { type: 'home', blocks };
}

export const QUOTE_CALLBACK = 'procure_quote_submit';

/** The vendor-quote form (admins): the same fields as the quotes CSV. */
export function quoteModal(providers: { id: string; name: string }[]): View {
  const sel = (blockId: string, label: string, opts: [string, string][], optional = false): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: label },
    element: { type: 'static_select', action_id: 'value', options: opts.map(([v, t]) => option(t, v)) },
  });
  return {
    type: 'modal',
    callback_id: QUOTE_CALLBACK,
    title: { type: 'plain_text', text: 'Add a vendor quote' },
    submit: { type: 'plain_text', text: 'Add quote' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      sel(
        'provider',
        'Provider',
        providers.map((p) => [p.id, p.name]),
      ),
      sel('resource', 'Resource', [
        ['gpu-instance', 'GPU instance'],
        ['compute', 'Compute (per vCPU)'],
        ['storage', 'Storage'],
        ['egress', 'Internet egress'],
        ['model-tokens', 'Model tokens'],
        ['support', 'Support plan'],
      ]),
      textInput('region', 'Region', null, 'cn-hangzhou, or a city such as Hangzhou', false),
      textInput('sku', 'SKU or product', null, 'e.g. ecs.gn7i-c8g1.2xlarge'),
      textInput('gpu_model', 'GPU model (GPU instances)', null, 'e.g. A10'),
      textInput('gpu_count', 'GPUs per instance', null, 'e.g. 1'),
      textInput('price', 'Price', null, 'e.g. 9.5', false),
      sel('unit', 'Per', [
        ['instance-hour', 'instance-hour'],
        ['vcpu-hour', 'vCPU-hour'],
        ['gib-hour', 'GiB-hour'],
        ['gb-month', 'GB-month'],
        ['gb', 'GB'],
        ['million-tokens', 'million tokens'],
        ['month', 'month'],
      ]),
      sel('currency', 'Currency', [
        ['CNY', 'CNY'],
        ['USD', 'USD'],
      ]),
      sel(
        'billing',
        'Billing mode',
        [
          ['payg', 'Pay-as-you-go'],
          ['subscription', 'Subscription'],
          ['spot', 'Spot'],
        ],
        true,
      ),
      textInput('reference', 'Quote reference', null, 'e.g. ALI-2026-017', false),
      {
        type: 'input',
        block_id: 'valid_until',
        label: { type: 'plain_text', text: 'Valid until' },
        element: { type: 'datepicker', action_id: 'value' },
      },
    ],
  };
}
