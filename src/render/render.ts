/**
 * Renders an Answer with the handlebars templates in templates/. Compiled once, strict (a missing
 * field is an error, not an empty string). Templates are compiled with noEscape: the text target
 * leaves data as it is, and the Slack target escapes every data string for Slack (& < > only) before
 * it reaches a template, so user text can never become a mention, a channel ping or a link.
 */
import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import type { TemplateName } from '../catalog/load.js';
import type { Answer } from '../domain/answer.js';
import type { WeeklySummary } from '../domain/summary.js';
import { type AnswerView, fmtMoney, toView } from './view.js';

export type Target = 'text' | 'slack';

export interface Section {
  name: TemplateName;
  text: string;
}

/** Slack's escaping: only &, < and > (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const NEEDS_SLACK_ESCAPE = /[&<>]/;
/** Text with something besides white space (what `text.trim() !== ''` says, without copying the text). */
const NOT_BLANK = /\S/;

/**
 * `v` with every string in it escaped for Slack. Copy on write: arrays and objects are copied only where a string
 * inside them changes, so a view with nothing to escape (the usual case) is returned as it is, and the answer's
 * own arrays that the view shares are never modified.
 */
export function slackEscapeDeep<T>(v: T): T {
  return escapeValue(v) as T;
}

function escapeValue(v: unknown): unknown {
  if (typeof v === 'string') return NEEDS_SLACK_ESCAPE.test(v) ? slackEscape(v) : v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = escapeValue(x);
      if (y !== x && !out) out = v.slice(0, i);
      if (out) out.push(y);
    }
    return out ?? v;
  }
  let out: Record<string, unknown> | null = null;
  const obj = v as Record<string, unknown>;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    const x = obj[k];
    const y = escapeValue(x);
    if (y !== x && !out) out = { ...obj };
    if (out) out[k] = y;
  }
  return out ?? v;
}

const SECTIONS: Record<Answer['kind'], TemplateName[]> = {
  estimate: ['answer', 'placement', 'breakdown', 'gaps', 'questions', 'notes', 'facts'],
  place: ['answer', 'placement', 'breakdown', 'gaps', 'questions', 'notes', 'facts'],
  compare: ['answer', 'placement', 'breakdown', 'gaps', 'questions', 'notes', 'facts'],
  questions: ['answer', 'questions', 'notes', 'facts'],
  facts: ['answer', 'notes', 'facts'],
  summary: ['answer', 'notes'],
  help: ['help', 'notes'],
  followup: ['followup', 'notes'],
};

const COMPILE = { strict: true, noEscape: true, preventIndent: true } as const;

export class Renderer {
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  /**
   * An answer's sections are rendered in one template call: a template of the sections as partials, with a
   * separator between them (Handlebars sets up its helpers on every top-level call, which was most of the cost of
   * rendering seven small sections). By set of sections, made on first use.
   */
  private readonly combined = new Map<string, HandlebarsTemplateDelegate>();
  /** Between sections in a combined rendering; if the data holds it, the sections are rendered one by one. */
  private readonly separator = `\uE000${randomBytes(8).toString('hex')}\uE000`;

  constructor(sources: Record<string, string>) {
    const hb = this.hb;
    hb.registerHelper('inc', (n: number) => n + 1);
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    for (const [name, src] of Object.entries(sources)) {
      const template = hb.compile(src, COMPILE);
      this.compiled.set(name, template);
      hb.registerPartial(name, template);
    }
  }

  /** The answer as named sections (the Slack adapter lays each out as blocks). */
  sections(answer: Answer, target: Target = 'text', extra: Record<string, unknown> = {}): Section[] {
    let view: AnswerView & Record<string, unknown> = { ...toView(answer), message: '', ...extra };
    if (target === 'slack') view = slackEscapeDeep(view);
    const names: TemplateName[] = [];
    for (const name of SECTIONS[answer.kind]) {
      if (name === 'placement' && !answer.options.some((o) => o.reasons.length > 0 || o.flags.length > 0)) continue;
      if (name === 'breakdown' && !answer.options.some((o) => o.lines.length || o.gaps.length)) continue;
      if (name === 'breakdown' && answer.kind !== 'estimate' && !answer.options.some((o) => o.lines.length)) continue;
      if (name === 'gaps' && !answer.options.some((o) => o.gaps.length)) continue;
      if (name === 'facts' && answer.facts.length === 0) continue;
      names.push(name);
    }
    const texts = this.runAll(names, view);
    const out: Section[] = [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as TemplateName;
      const text = texts[i] as string;
      if (NOT_BLANK.test(text)) out.push({ name, text: text.replace(/\n{3,}/g, '\n\n').trimEnd() });
    }
    return out;
  }

  /** Each named template's output for the view: what `run` gives for each, in one template call. */
  private runAll(names: TemplateName[], view: unknown): string[] {
    if (names.length < 2) return names.map((name) => this.run(name, view));
    const key = names.join(' ');
    let template = this.combined.get(key);
    if (!template) {
      for (const name of names) if (!this.compiled.has(name)) throw new Error(`template ${name} is not loaded`);
      template = this.hb.compile(names.map((name) => `{{> ${name}}}`).join(this.separator), COMPILE);
      this.combined.set(key, template);
    }
    const texts = template(view).split(this.separator);
    return texts.length === names.length ? texts : names.map((name) => this.run(name, view));
  }

  text(answer: Answer, extra: Record<string, unknown> = {}): string {
    return `${this.sections(answer, 'text', extra)
      .map((s) => s.text)
      .join('\n\n')}\n`;
  }

  /** The weekly summary as text (console) or mrkdwn (Slack). */
  summary(summary: WeeklySummary, target: Target = 'text'): string {
    const pct = summary.requests.lastWeek
      ? Math.round(((summary.requests.thisWeek - summary.requests.lastWeek) / summary.requests.lastWeek) * 100)
      : null;
    let view: Record<string, unknown> = {
      ...summary,
      change: pct === null ? '' : `${pct >= 0 ? '+' : ''}${pct}%`,
      spendTotal: fmtMoney(summary.spend.total),
      largest: summary.largest.map((l) => ({ ...l, monthly: fmtMoney(l.monthly), currency: summary.currency })),
    };
    if (target === 'slack') view = slackEscapeDeep(view);
    return this.run('summary', view)
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd();
  }

  /** A one-sentence error in the error template. */
  error(message: string, target: Target = 'text'): string {
    return this.run('error', { message: target === 'slack' ? slackEscape(message) : message }).trim();
  }

  private run(name: TemplateName, view: unknown): string {
    const t = this.compiled.get(name);
    if (!t) throw new Error(`template ${name} is not loaded`);
    return t(view);
  }
}
