/**
 * Renders an Answer with the handlebars templates in templates/<lang>/, in the answer's language (Answer.lang).
 * Compiled once per language, strict (a missing field is an error, not an empty string). Templates are compiled with noEscape: the text target
 * leaves data as it is, and the Slack target escapes every data string for Slack (& < > only) before
 * it reaches a template, so user text can never become a mention, a channel ping or a link.
 */
import type { TemplateName, Templates } from '../catalog/load.js';
import type { Answer } from '../domain/answer.js';
import type { Lang } from '../domain/request.js';
import { LANGS } from '../domain/request-values.js';
import type { Messages } from '../domain/say.js';
import type { WeeklySummary } from '../domain/summary.js';
import type { ChartWords } from './chart.js';
import { compileTemplate, createEnv } from './hbs.js';
import { type AnswerView, type LocalNames, toView, type ViewContext, viewContext } from './view.js';

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
  estimate: ['answer', 'placement', 'breakdown', 'gaps', 'beyond', 'move', 'questions', 'notes', 'facts'],
  place: ['answer', 'placement', 'breakdown', 'gaps', 'beyond', 'move', 'questions', 'notes', 'facts'],
  compare: ['answer', 'placement', 'breakdown', 'gaps', 'beyond', 'move', 'questions', 'notes', 'facts'],
  questions: ['answer', 'questions', 'notes', 'facts'],
  facts: ['answer', 'notes', 'facts', 'questions'],
  summary: ['answer', 'notes'],
  help: ['help', 'notes'],
  followup: ['followup', 'notes'],
};

const COMPILE = { strict: true, noEscape: true, preventIndent: true } as const;

/**
 * Between sections in a combined rendering. Data that holds it only makes the sections render one by one (the split
 * gives more parts than sections), so it need not be secret; being fixed, the combined template is the same text in
 * every process, and its precompiled form is found again (./hbs.ts).
 */
const SEPARATOR = '\uE000procure-section\uE000';

/** One language's compiled templates (compiled on first use, see ./hbs.ts). */
class LangTemplates {
  readonly hb = createEnv();
  readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  /**
   * An answer's sections are rendered in one template call: a template of the sections as partials, with a
   * separator between them (Handlebars sets up its helpers on every top-level call, which was most of the cost of
   * rendering seven small sections). By set of sections, made on first use.
   */
  readonly combined = new Map<string, HandlebarsTemplateDelegate>();

  constructor(sources: Record<string, string>) {
    const hb = this.hb;
    hb.registerHelper('inc', (n: number) => n + 1);
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    for (const [name, src] of Object.entries(sources)) {
      const template = compileTemplate(hb, src, COMPILE);
      this.compiled.set(name, template);
      hb.registerPartial(name, template);
    }
  }
}

export interface RendererOptions {
  /** The renderer's words per language (templates/<lang>/*.yaml); without them, English fallbacks. */
  messages?: Messages | undefined;
  /** Chinese names of providers and locations, for Chinese answers. */
  names?: LocalNames | undefined;
}

export class Renderer {
  private readonly langs = new Map<Lang, LangTemplates>();
  private readonly contexts = new Map<Lang, ViewContext>();
  private readonly separator = SEPARATOR;

  /** `templates`: by language then name; a plain name → source record is taken as English only. */
  constructor(templates: Templates | Record<string, string>, opts: RendererOptions = {}) {
    const byLang: Partial<Templates> =
      typeof (templates as Templates).en === 'object'
        ? (templates as Templates)
        : { en: templates as Record<string, string> };
    for (const lang of LANGS) {
      const sources = byLang[lang];
      if (sources) this.langs.set(lang, new LangTemplates(sources));
      this.contexts.set(lang, viewContext(lang, opts.messages, opts.names));
    }
  }

  /** The languages templates are loaded for. */
  get languages(): Lang[] {
    return [...this.langs.keys()];
  }

  private lang(lang: Lang): LangTemplates {
    const t = this.langs.get(lang) ?? this.langs.get('en');
    if (!t) throw new Error('no templates are loaded');
    return t;
  }

  private context(lang: Lang): ViewContext {
    return this.contexts.get(lang) ?? (this.contexts.get('en') as ViewContext);
  }

  /** The answer as named sections (the Slack adapter lays each out as blocks). */
  sections(answer: Answer, target: Target = 'text', extra: Record<string, unknown> = {}): Section[] {
    const lang = answer.lang ?? 'en';
    let view: AnswerView & Record<string, unknown> = {
      ...toView(answer, this.context(lang)),
      message: '',
      ...extra,
    };
    if (target === 'slack') view = slackEscapeDeep(view);
    const names: TemplateName[] = [];
    const anyBreakdown = answer.options.some((o) => o.lines.length || o.gaps.length);
    for (const name of SECTIONS[answer.kind]) {
      // The options are listed when something is said under them, or when nothing else lists them (nothing sized).
      if (name === 'placement' && !answer.options.some((o) => o.reasons.length || o.flags.length) && anyBreakdown)
        continue;
      if (name === 'placement' && answer.options.length === 0) continue;
      if (name === 'breakdown' && !answer.options.some((o) => o.lines.length || o.gaps.length)) continue;
      if (name === 'breakdown' && answer.kind !== 'estimate' && !answer.options.some((o) => o.lines.length)) continue;
      if (name === 'gaps' && !answer.options.some((o) => o.gaps.length)) continue;
      if (name === 'beyond' && !answer.beyondPrice?.length) continue;
      if (name === 'move' && !answer.move?.points.length) continue;
      if (name === 'facts' && answer.facts.length === 0) continue;
      names.push(name);
    }
    const texts = this.runAll(lang, names, view);
    const out: Section[] = [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as TemplateName;
      const text = texts[i] as string;
      if (NOT_BLANK.test(text)) out.push({ name, text: text.replace(/\n{3,}/g, '\n\n').trimEnd() });
    }
    return out;
  }

  /** Each named template's output for the view: what `run` gives for each, in one template call. */
  private runAll(lang: Lang, names: TemplateName[], view: unknown): string[] {
    if (names.length < 2) return names.map((name) => this.run(lang, name, view));
    const t = this.lang(lang);
    const key = names.join(' ');
    let template = t.combined.get(key);
    if (!template) {
      for (const name of names) if (!t.compiled.has(name)) throw new Error(`template ${name} is not loaded`);
      template = compileTemplate(t.hb, names.map((name) => `{{> ${name}}}`).join(this.separator), COMPILE);
      t.combined.set(key, template);
    }
    const texts = template(view).split(this.separator);
    return texts.length === names.length ? texts : names.map((name) => this.run(lang, name, view));
  }

  text(answer: Answer, extra: Record<string, unknown> = {}): string {
    return `${this.sections(answer, 'text', extra)
      .map((s) => s.text)
      .join('\n\n')}\n`;
  }

  /** The weekly summary as text (console) or mrkdwn (Slack), in a language (English unless told). */
  summary(summary: WeeklySummary, target: Target = 'text', lang: Lang = 'en'): string {
    const pct = summary.requests.lastWeek
      ? Math.round(((summary.requests.thisWeek - summary.requests.lastWeek) / summary.requests.lastWeek) * 100)
      : null;
    const { fmt, say, names } = this.context(lang);
    // Names, places, intents and dates in the summary's language (the requests' own words stay as they were asked).
    const provider = (name: string) => (lang === 'zh' ? (names.providerByName?.[name] ?? name) : name);
    const place = (slug: string) => (lang === 'zh' ? (names.locations[slug] ?? slug) : slug);
    // A refresh's provider as recorded ("Alibaba Cloud (public feed)") and a price row's label as recorded
    // ("ecs.g7.2xlarge in cn-hangzhou, 1-month subscription"), in the summary's language.
    const refreshName = (name: string) => {
      const m = / \(public feed\)$/.exec(name);
      return m ? `${provider(name.slice(0, m.index))}${say('render.summary.public-feed')}` : provider(name);
    };
    const changeLabel = (label: string) => {
      const m = /^(.+) in (\S+), (?:(\d+)-month )?(pay-as-you-go|subscription|spot)$/.exec(label);
      if (!m || lang === 'en') return label;
      const billing = m[4] === 'pay-as-you-go' ? 'payg' : (m[4] as string);
      return say('render.summary.change.label', {
        type: m[1] as string,
        region: m[2] as string,
        billing: m[3] ? say('render.summary.change.months', { n: m[3] }) : say(`billing.${billing}`),
      });
    };
    const unitWord = (unit: string) => {
      const word = say(`refresh.unit.${unit}`);
      return word === `refresh.unit.${unit}` ? unit : word;
    };
    const intent = (id: string) => {
      const key = `render.summary.intent.${id}`;
      const text = say(key);
      return text === key ? id : text;
    };
    let view: Record<string, unknown> = {
      ...summary,
      from: fmt.date(summary.from),
      to: fmt.date(summary.to),
      change: pct === null ? '' : `${pct >= 0 ? '+' : ''}${pct}%`,
      spendTotal: fmt.money(summary.spend.total, summary.currency),
      fx: summary.fx ? { ...summary.fx, asOf: fmt.date(summary.fx.asOf) } : null,
      byIntent: summary.byIntent.map((i) => ({ ...i, intent: intent(i.intent) })),
      byChannel: summary.byChannel.map((c) => ({
        ...c,
        channel: c.channel === 'console' ? say('render.summary.console') : c.channel,
      })),
      largest: summary.largest.map((l) => ({
        ...l,
        provider: provider(l.provider),
        monthly: fmt.money(l.monthly, summary.currency),
        currency: summary.currency,
        at: fmt.date(l.at),
      })),
      providerMix: summary.providerMix.map((p) => ({ ...p, provider: provider(p.provider) })),
      locationMix: summary.locationMix.map((l) => ({ ...l, location: place(l.location) })),
      expiringQuotes: summary.expiringQuotes.map((q) => ({
        ...q,
        provider: provider(q.provider),
        location: place(q.location),
        validUntil: fmt.date(q.validUntil),
      })),
      stale: {
        ...summary.stale,
        oldest: summary.stale.oldest.map((o) => ({ ...o, provider: provider(o.provider), asOf: fmt.date(o.asOf) })),
      },
      refreshes: summary.refreshes.map((r) => ({ ...r, provider: refreshName(r.provider), last: fmt.date(r.last) })),
      priceChanges: summary.priceChanges.map((c) => ({
        ...c,
        provider: provider(c.provider),
        label: c.label ? changeLabel(c.label) : c.label,
        oldText: c.old === null ? '—' : fmt.unitPrice(c.old, c.currency),
        newText: c.new === null ? '—' : fmt.unitPrice(c.new, c.currency),
        unit: unitWord(c.unit),
        kind: c.kind === 'changed' ? c.kind : say(`render.summary.change.${c.kind}`),
      })),
    };
    if (target === 'slack') view = slackEscapeDeep(view);
    return this.run(lang, 'summary', view)
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd();
  }

  /**
   * The weekly summary chart's words and the post's title and file name, in a language: `post` and `file` need
   * the week (and the first week of the chart) filled in.
   */
  chartWords(
    lang: Lang,
    currency: string,
    weeks: { week: string; from: string } = { week: '', from: '' },
  ): ChartWords & { post: string; file: string } {
    const { say } = this.context(lang);
    return {
      title: say('render.chart.title', { currency }),
      week: say('render.chart.week'),
      amount: say('render.chart.amount', { currency }),
      provider: say('render.chart.provider'),
      none: say('render.chart.none'),
      post: say('render.chart.post', { week: weeks.week }),
      file: say('render.chart.file', { from: weeks.from, to: weeks.week }),
    };
  }

  /** A one-sentence error in the error template of a language (English unless told). */
  error(message: string, target: Target = 'text', lang: Lang = 'en'): string {
    return this.run(lang, 'error', { message: target === 'slack' ? slackEscape(message) : message }).trim();
  }

  private run(lang: Lang, name: TemplateName, view: unknown): string {
    const t = this.lang(lang).compiled.get(name);
    if (!t) throw new Error(`template ${name} is not loaded`);
    return t(view);
  }
}
