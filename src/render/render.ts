/**
 * Renders an Answer with the handlebars templates in templates/. Compiled once, strict (a missing
 * field is an error, not an empty string). Templates are compiled with noEscape: the text target
 * leaves data as it is, and the Slack target escapes every data string for Slack (& < > only) before
 * it reaches a template, so user text can never become a mention, a channel ping or a link.
 */
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

function deepMap(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => deepMap(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepMap(x, f)]));
  return v;
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

export class Renderer {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  constructor(sources: Record<string, string>) {
    const hb = Handlebars.create();
    hb.registerHelper('inc', (n: number) => n + 1);
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    for (const [name, src] of Object.entries(sources)) {
      this.compiled.set(name, hb.compile(src, { strict: true, noEscape: true, preventIndent: true }));
    }
  }

  /** The answer as named sections (the Slack adapter lays each out as blocks). */
  sections(answer: Answer, target: Target = 'text', extra: Record<string, unknown> = {}): Section[] {
    let view: AnswerView & Record<string, unknown> = { ...toView(answer), message: '', ...extra };
    if (target === 'slack') view = deepMap(view, slackEscape) as typeof view;
    const out: Section[] = [];
    for (const name of SECTIONS[answer.kind]) {
      if (name === 'placement' && !answer.options.some((o) => o.reasons.length > 0 || o.flags.length > 0)) continue;
      if (name === 'breakdown' && !answer.options.some((o) => o.lines.length || o.gaps.length)) continue;
      if (name === 'breakdown' && answer.kind !== 'estimate' && !answer.options.some((o) => o.lines.length)) continue;
      if (name === 'gaps' && !answer.options.some((o) => o.gaps.length)) continue;
      if (name === 'facts' && answer.facts.length === 0) continue;
      const text = this.run(name, view);
      if (text.trim()) out.push({ name, text: text.replace(/\n{3,}/g, '\n\n').trimEnd() });
    }
    return out;
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
    if (target === 'slack') view = deepMap(view, slackEscape) as Record<string, unknown>;
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
