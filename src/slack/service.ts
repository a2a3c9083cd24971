/**
 * What the Slack listeners call: one method per user action, each returning what to post.
 * Keeps the listeners to "ack, translate, call, reply"; knows Block Kit layout but not Bolt.
 */
import type { KnownBlock, View } from '@slack/types';
import type { Answer } from '../domain/answer.js';
import { emptyRequest, type Request, WORKLOAD_KINDS } from '../domain/request.js';
import { checkText, type Engine, isoToday } from '../engine.js';
import { answerCsv } from '../render/csv.js';
import { fmtMoney } from '../render/view.js';
import { answerMessages, homeView, type Messages, refineModal, textBlocks } from './blocks.js';
import { CodedError, ErrorCode } from './errors.js';
import { ConversationState } from './state.js';

export interface Reply extends Messages {
  answer: Answer;
  /** Help, errors and follow-up questions are shown only to the asker when Slack allows it. */
  ephemeral: boolean;
}

export interface Where {
  user: string;
  /** Where a follow-up reply would come from: "C123:1700000000.0001" for a thread, "D123" for a DM. */
  conversation?: string | undefined;
}

export class SlackService {
  readonly state = new ConversationState();

  constructor(
    readonly engine: Engine,
    private readonly today: () => string = () => isoToday(),
  ) {}

  /** Answers a question; a reply to a pending follow-up continues that request. */
  ask(text: string, where: Where): Reply {
    const clean = stripMentions(text);
    const pending = where.conversation ? this.state.pending.get(where.conversation) : undefined;
    const { request, answer } = pending
      ? this.engine.continue(pending, clean, this.today())
      : this.engine.ask(clean, this.today());
    if (where.conversation) {
      if (answer.kind === 'followup') this.state.pending.set(where.conversation, request);
      else this.state.pending.delete(where.conversation);
    }
    if (answer.kind !== 'help' && answer.kind !== 'followup')
      this.state.remember(where.user, { when: this.today(), text: clean.slice(0, 120), summary: summaryOf(answer) });
    return this.reply(answer);
  }

  /** Runs a request again (a billing-mode button, a refined form). */
  rerun(request: Request, user: string): Reply {
    const answer = this.engine.domain.answer(
      { request, notes: [], vague: { gpuWithoutModel: false, tokensWithoutSplit: false } },
      this.today(),
    );
    this.state.remember(user, { when: this.today(), text: answer.title.slice(0, 120), summary: summaryOf(answer) });
    return this.reply(answer);
  }

  /** Every vendor question for the request, grouped. */
  allQuestions(request: Request): { text: string; blocks: KnownBlock[] } {
    const answer = this.engine.domain.answer(
      {
        request: { ...request, intent: 'questions' },
        notes: [],
        vague: { gpuWithoutModel: false, tokensWithoutSplit: false },
      },
      this.today(),
    );
    const text = this.engine.renderer
      .sections(answer, 'slack')
      .filter((s) => s.name === 'questions' || s.name === 'answer')
      .map((s) => s.text)
      .join('\n\n');
    return { text: 'Vendor questions', blocks: textBlocks(text || 'No vendor questions for this request.') };
  }

  csv(request: Request): { filename: string; content: string; title: string } {
    const answer = this.engine.domain.answer(
      { request, notes: [], vague: { gpuWithoutModel: false, tokensWithoutSplit: false } },
      this.today(),
    );
    return { filename: `procure-estimate-${this.today()}.csv`, content: answerCsv(answer), title: answer.title };
  }

  refineView(request: Request, meta: { channel?: string | undefined; thread?: string | undefined }): View {
    return refineModal(request, meta);
  }

  /** Reads the refine form: a request, or inline errors by block id. */
  readRefine(
    values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>,
    base: Request = emptyRequest('estimate'),
  ): { request: Request } | { errors: Record<string, string> } {
    const get = (id: string) => {
      const v = values[id]?.value;
      return (v?.selected_option?.value ?? v?.value ?? '').trim();
    };
    const errors: Record<string, string> = {};
    const num = (id: string, what: string, opts: { int?: boolean; max: number }) => {
      const raw = get(id);
      if (!raw) return null;
      const n = Number(raw.replace(/,/g, ''));
      if (!Number.isFinite(n) || n <= 0) errors[id] = `${what} must be a number above 0.`;
      else if (opts.int && !Number.isInteger(n)) errors[id] = `${what} must be a whole number.`;
      else if (n > opts.max) errors[id] = `${what} must be at most ${opts.max.toLocaleString('en-US')}.`;
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
    if (kind && !(WORKLOAD_KINDS as readonly string[]).includes(kind))
      errors.kind = 'Choose a workload kind from the list.';
    else if (kind) req.workload.kind = kind as Request['workload']['kind'];
    req.workload.vcpu = num('vcpu', 'vCPU', { int: true, max: 1024 });
    req.workload.memoryGiB = num('memory', 'Memory', { max: 24576 });
    req.workload.instances = num('instances', 'Instances', { int: true, max: 10_000 });
    req.workload.storageGB = num('storage', 'Storage', { max: 100_000_000 });
    req.workload.egressGBPerMonth = num('egress', 'Egress', { max: 100_000_000 });
    req.durationMonths = num('months', 'Duration', { max: 120 });
    const gpuModel = get('gpu_model');
    const gpuCount = num('gpu_count', 'GPUs', { int: true, max: 4096 });
    if (gpuModel) {
      const known = this.engine.data.catalog.gpus.find((g) =>
        [g.model, ...g.aliases].some(
          (n) => n.toLowerCase().replace(/[\s-]/g, '') === gpuModel.toLowerCase().replace(/[\s-]/g, ''),
        ),
      );
      if (!known)
        errors.gpu_model = `"${gpuModel}" is not a GPU model I know (e.g. ${this.engine.data.catalog.gpus
          .slice(0, 5)
          .map((g) => g.model)
          .join(', ')}).`;
      else req.workload.gpu = { model: known.model, count: gpuCount ?? 1 };
    } else if (gpuCount) errors.gpu_model = 'Say which GPU model.';
    const places = get('locations');
    if (places) {
      const parsed = this.engine.domain.parse(places).request;
      const found = [...parsed.locations, ...parsed.signals.audience];
      if (found.length === 0)
        errors.locations = `I do not know "${places}": use city or region names such as Hangzhou, Hong Kong, cn-shanghai.`;
      req.locations = found;
    }
    const providers = get('providers');
    if (providers) {
      const parsed = this.engine.domain.parse(providers).request;
      if (parsed.providers.length === 0)
        errors.providers = `I do not know "${providers}": use Alibaba, Tencent, Huawei, UCloud, AWS, Volcano Engine or Baidu.`;
      req.providers = parsed.providers;
    }
    const model = get('model');
    if (model) req.workload.model = model.toLowerCase().replace(/\s+/g, '-');
    const tin = num('tokens_in', 'Input tokens', { max: 1e7 });
    const tout = num('tokens_out', 'Output tokens', { max: 1e7 });
    if (tin !== null || tout !== null)
      req.workload.tokensPerMonth = { input: (tin ?? 0) * 1e6, output: (tout ?? 0) * 1e6 };
    if (req.workload.tokensPerMonth && !req.workload.model) errors.model = 'Say which model the tokens are for.';
    const billing = get('billing');
    if (billing) req.billing = billing as Request['billing'];
    const currency = get('currency');
    if (currency) req.currency = currency as Request['currency'];
    const w = req.workload;
    const sized = w.vcpu || w.memoryGiB || w.gpu || w.storageGB || w.egressGBPerMonth || w.tokensPerMonth;
    if (Object.keys(errors).length === 0 && !sized)
      errors.vcpu = 'Give at least one size: vCPU, memory, a GPU, storage, egress or tokens.';
    return Object.keys(errors).length ? { errors } : { request: req };
  }

  home(user: string): View {
    const c = this.engine.data.catalog;
    const dates = c.prices.map((p) => p.as_of).sort();
    const staleDays = this.engine.domain.options.staleDays;
    const cutoff = new Date(Date.parse(`${this.today()}T00:00:00Z`) - staleDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return homeView({
      examples: this.engine.data.intents
        .filter((i) => ['estimate', 'place', 'questions'].includes(i.id))
        .map((i) => i.examples.en[0] ?? '')
        .filter(Boolean),
      recent: this.state.recentFor(user),
      catalogue: {
        prices: c.prices.length,
        facts: c.facts.length,
        oldest: dates[0] ?? null,
        newest: dates[dates.length - 1] ?? null,
        stale: dates.filter((d) => d < cutoff).length,
        staleDays,
      },
    });
  }

  errorBlocks(message: string): { text: string; blocks: KnownBlock[] } {
    const text = this.engine.renderer.error(message, 'slack');
    return { text, blocks: textBlocks(text) };
  }

  private reply(answer: Answer): Reply {
    const sections = this.engine.render(answer, 'slack');
    return {
      answer,
      ...answerMessages(answer, sections),
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
  return checkText(out.replace(/\s+/g, ' ').trim() || 'help');
}

export function decodeRequest(value: string | undefined): Request {
  try {
    const parsed = JSON.parse(value ?? '') as { r?: Request };
    if (parsed?.r && typeof parsed.r === 'object' && parsed.r.workload) return parsed.r;
  } catch {
    // fall through
  }
  throw new CodedError(ErrorCode.Expired, 'button value is not a request');
}

function summaryOf(answer: Answer): string {
  const top = answer.options[0];
  if (!top) return answer.kind;
  const m = top.monthly ? ` ~${answer.currency} ${fmtMoney(top.monthly.expected)}/month` : '';
  return `${top.providerName} ${top.regionIds[0] ?? top.location}${m}`;
}
