/**
 * The engine every surface uses (the facade): loads the project data once, then checks and answers text through the
 * answer pipeline (src/domain/pipeline). Loading does I/O; answering does not.
 */
import type { ProjectData } from './catalog/load.js';
import type { Answer } from './domain/answer.js';
import { cleanText } from './domain/clean.js';
import { applyFollowup, type FollowupRules, followupRules } from './domain/followup.js';
import { limitProblem, textProblem } from './domain/limits.js';
import { mergeFollowup } from './domain/merge.js';
import { AnswerPipeline, DEFAULT_OPTIONS, type PipelineOptions } from './domain/pipeline/index.js';
import type { Quote } from './domain/quote.js';
import type { Lang, Request } from './domain/request.js';
import type { Say } from './domain/say.js';
import { InputError } from './errors.js';
import { Renderer, type Section, type Target } from './render/render.js';
import type { LocalNames } from './render/view.js';
import { defaultRoot } from './root.js';

/** Longest question accepted, in characters; longer text gets one clear sentence instead of an answer. */
export const MAX_QUESTION_CHARS = 4000;

export { InputError };

export interface AskOptions {
  /** Vendor quotes from the store: valid ones take precedence over list prices. */
  quotes?: Quote[];
  /**
   * The last request answered in this conversation (console session, Slack thread or DM). A short follow-up
   * ("what about Tencent?", "换成腾讯云呢？") changes one slot of it; a full question ignores it.
   */
  last?: Request | null | undefined;
  /**
   * The answer's language, overriding the question's (`--lang en|zh`, a user's Slack setting).
   * Unset or null: the language the question is written in.
   */
  lang?: Lang | null | undefined;
}

/** The request with the language asked for, when one is (the request's own otherwise). */
function withLang(request: Request, lang: Lang | null | undefined): Request {
  return lang && request.lang !== lang ? { ...request, lang } : request;
}

export interface Asked {
  request: Request;
  answer: Answer;
  /** Set when the text was read as a follow-up to `AskOptions.last`: the slots it changed. */
  followup?: string[];
}

export class Engine {
  /** The answer pipeline (src/domain/pipeline): Request → Answer, pure. */
  readonly pipeline: AnswerPipeline;
  readonly renderer: Renderer;
  private readonly followups: FollowupRules;

  /** @deprecated the old name of `pipeline`. */
  get domain(): AnswerPipeline {
    return this.pipeline;
  }

  constructor(
    readonly data: ProjectData,
    options: Partial<PipelineOptions> = {},
  ) {
    this.pipeline = new AnswerPipeline(data, { ...DEFAULT_OPTIONS, ...options });
    this.renderer = new Renderer(data.templates, { messages: data.messages, names: localNames(data) });
    this.followups = followupRules(data.lexicon);
  }

  parse(text: string): Request {
    return this.checked(this.check(text)).request;
  }

  /** Parses and applies the sanity limits: a question outside them is one InputError sentence. */
  private checked(text: string, lang?: Lang | null) {
    const bad = textProblem(text, this.pipeline.say(lang ?? langOfText(text)));
    if (bad) throw new InputError(bad);
    const parsed = this.pipeline.parse(text, lang);
    const limit = limitProblem(parsed.request, this.pipeline.say(lang ?? parsed.request.lang));
    if (limit) throw new InputError(limit);
    return parsed;
  }

  /** The question cleaned and checked; a problem is one sentence in the asker's language (or `lang`). */
  private check(text: unknown, lang?: Lang | null): string {
    return checkText(text, this.pipeline.say(lang ?? langOfText(typeof text === 'string' ? text : '')));
  }

  ask(text: string, today: string = isoToday(), opts: AskOptions = {}): Asked {
    const clean = this.check(text, opts.lang);
    // "GN7.2XLARGE32", "4c8g", "3": a message in no language, in a conversation, is answered in the conversation's.
    const lang = opts.lang ?? (opts.last && saysNoLanguage(clean) ? opts.last.lang : undefined);
    const checked = this.checked(clean, lang);
    const parsed = { ...checked, request: withLang(checked.request, lang) };
    const follow = opts.last
      ? applyFollowup(opts.last, parsed, clean, this.followups, this.pipeline.say(lang ?? parsed.request.lang))
      : null;
    if (follow) {
      const request = withLang(follow.request, lang ?? parsed.request.lang);
      const limit = limitProblem(request, this.pipeline.say(request.lang));
      if (limit) throw new InputError(limit);
      const answer = this.pipeline.answer({ request, notes: follow.notes, vague: parsed.vague }, today, opts);
      return { request, answer, followup: follow.changed };
    }
    const answer = this.pipeline.answer(parsed, today, opts);
    return { request: parsed.request, answer };
  }

  /** Answers a reply to a follow-up question: the reply fills in the earlier request. */
  continue(previous: Request, text: string, today: string = isoToday(), opts: AskOptions = {}): Asked {
    const reply = this.checked(this.check(text, opts.lang), opts.lang);
    const merged = mergeFollowup(previous, reply.request);
    const request = withLang(merged, opts.lang ?? (saysNoLanguage(text) ? previous.lang : merged.lang));
    const answer = this.pipeline.answer({ request, notes: reply.notes, vague: reply.vague }, today, opts);
    return { request, answer };
  }

  /**
   * What a message sent while a follow-up is pending means: a command of its own (`summary`, `help`, or a
   * complete new question: another intent, or a size and a place) is answered as asked; anything else is the
   * reply that fills in the pending request.
   */
  replyTo(pending: Request | null, text: string, today: string = isoToday(), opts: AskOptions = {}): Asked {
    if (!pending) return this.ask(text, today, opts);
    const fresh = this.ask(text, today, opts);
    return isNewCommand(pending, text, fresh) ? fresh : this.continue(pending, text, today, opts);
  }

  /** Answers a request that is already structured (a button, a form). */
  rerun(asked: Request, today: string = isoToday(), opts: AskOptions = {}): Asked {
    const request = withLang(asked, opts.lang);
    const answer = this.pipeline.answer(
      { request, notes: [], vague: { gpuWithoutModel: false, tokensWithoutSplit: false } },
      today,
      opts,
    );
    return { request, answer };
  }

  render(answer: Answer, target: Target = 'text'): Section[] {
    return this.renderer.sections(answer, target);
  }

  text(answer: Answer): string {
    return this.renderer.text(answer);
  }
}

/** The catalogue's Chinese names (the first of `names_zh`) of providers and locations, for Chinese answers. */
function localNames(data: ProjectData): LocalNames {
  const first = (xs: { names_zh: string[] }) => xs.names_zh[0];
  const pick = <T extends { names_zh: string[] }>(xs: T[], key: (x: T) => string) =>
    Object.fromEntries(xs.flatMap((x) => (first(x) ? [[key(x), first(x) as string]] : [])));
  return {
    providers: pick(data.catalog.providers, (p) => p.id),
    providerByName: pick(data.catalog.providers, (p) => p.name),
    locations: { ...pick(data.catalog.areas, (a) => a.slug), ...pick(data.catalog.locations, (l) => l.slug) },
    english: {
      providers: Object.fromEntries(data.catalog.providers.map((p) => [p.id, p.name])),
      locations: Object.fromEntries(
        [...data.catalog.areas, ...data.catalog.locations].map((l) => [
          l.slug,
          (l as { name?: string }).name ?? l.slug,
        ]),
      ),
    },
  };
}

const HELP_WORDS = /^\s*(?:help|\?|帮助|使用说明|怎么用)\s*[.!?？。]*\s*$/i;

function isNewCommand(pending: Request, text: string, fresh: Asked): boolean {
  const kind = fresh.answer.kind;
  if (kind === 'summary') return true;
  if (kind === 'help') return HELP_WORDS.test(text);
  if (kind === 'followup') return false;
  const w = fresh.request.workload;
  const sized = Boolean(w.vcpu || w.memoryGiB || w.gpu || w.storageGB || w.tokensPerMonth || w.instanceType);
  return fresh.request.intent !== pending.intent || (sized && fresh.request.locations.length > 0);
}

/** The question cleaned; not text, empty or too long is an InputError in `say`'s language. */
export function checkText(text: unknown, say: Say): string {
  if (typeof text !== 'string') throw new InputError(say('error.not-text'));
  // Control characters, ANSI escapes and bidi overrides are never kept or printed; zero-width ones go too.
  const trimmed = cleanText(text, { keepNewlines: true }).trim();
  if (!trimmed) throw new InputError(say('error.empty'));
  if (trimmed.length > MAX_QUESTION_CHARS)
    throw new InputError(say('error.too-long', { length: trimmed.length, limit: MAX_QUESTION_CHARS }));
  return trimmed;
}

/** The language a text is written in: Chinese when it has Chinese characters (as the parser decides). */
export function langOfText(text: string): Lang {
  return /[\u3400-\u9fff]/u.test(text) ? 'zh' : 'en';
}

/**
 * A text in no language: no Chinese and no English word, only names and numbers ("GN7.2XLARGE32", "4c8g", "3",
 * "ecs.g7.xlarge x2"). A reply like that in a conversation is answered in the conversation's language.
 */
export function saysNoLanguage(text: string): boolean {
  if (langOfText(text) === 'zh') return false;
  return !text.split(/[^A-Za-z0-9]+/).some((t) => /^[A-Za-z]{2,}$/.test(t));
}

export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export async function loadEngine(
  root: string = defaultRoot(),
  options: Partial<PipelineOptions> = {},
): Promise<Engine> {
  const { loadProject } = await import('./catalog/load.js');
  return new Engine(loadProject(root), options);
}
