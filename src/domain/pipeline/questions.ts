/**
 * Stage 4, questions: the vendor questions for the options shown. Question rules (catalog/rules/questions.yaml) are
 * matched per option and asked once per provider, its regions joined ("in cn-hangzhou and ap-southeast-1"); the
 * gaps' own questions are shown with the gaps, so they join the list only for a questions answer (which has no
 * gaps section). Each question once in the answer; the top five chosen for breadth; the rest grouped.
 */
import type { QuestionGroup, Rule } from '../../catalog/schema.js';
import type { OptionAnswer, QuestionSection, VendorQuestion } from '../answer.js';
import type { Request } from '../request.js';
import { candidateContext, type RuleContext, ruleMatches } from '../rules.js';
import { likeForLikeQuestions } from './basis.js';
import { areaOf, type PipelineContext, providerName, ruleText } from './context.js';
import { placeOf } from './rank.js';
import { tightZh } from './words.js';

export const GROUP_ORDER: QuestionGroup[] = [
  'capacity-quota',
  'pricing-renewal',
  'data-compliance',
  'reliability-failover',
  'support',
];

export interface QuestionsInput {
  req: Request;
  baseCtx: RuleContext;
  /** The options the questions are about. */
  subjects: OptionAnswer[];
}

export interface Questions {
  topQuestions: VendorQuestion[];
  questions: QuestionSection[];
}

/** Normalised for de-duplication: case, spaces and punctuation do not make a question new. */
export function questionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

export function questions(ctx: PipelineContext, input: QuestionsInput): Questions {
  const { req, baseCtx, subjects } = input;
  const say = ctx.say(req.lang);
  // Which rules match which options, by rule and provider (request-level rules: once for the answer).
  const matched = new Map<string, { rule: Rule; options: OptionAnswer[] }>();
  for (const o of subjects) {
    const place = placeOf(o, areaOf(ctx, o.location));
    const rctx = candidateContext(baseCtx, { ...place, provider: o.provider, billing: o.billing }, req);
    for (let r = 0; r < ctx.questionRules.length; r++) {
      const rule = ctx.questionRules[r] as Rule;
      const request = rule.level === 'request';
      if (!rule.question || !ruleMatches(rule, request ? baseCtx : rctx)) continue;
      const key = request ? rule.id : `${rule.id}|${o.provider}`;
      const m = matched.get(key) ?? { rule, options: [] };
      m.options.push(o);
      matched.set(key, m);
    }
  }
  const providers = new Set(subjects.map((o) => o.provider));
  const several = providers.size > 1;
  const seen = new Set<string>();
  const list: VendorQuestion[] = [];
  const add = (q: VendorQuestion) => {
    const k = questionKey(q.text);
    if (!q.text || seen.has(k)) return;
    seen.add(k);
    list.push(q);
  };
  for (const [key, { rule, options }] of matched) {
    const first = options[0] as OptionAnswer;
    const provider = ctx.index.providers.get(first.provider);
    if (!provider || !rule.question) continue;
    const regions = [...new Set(options.map((o) => o.regionIds[0] ?? o.locationName))];
    // Vendor questions with no place named: the region the plan picked is not one the asker said; "the regions we
    // use" is what they would ask about.
    const where =
      req.intent === 'questions' && req.locations.length === 0
        ? say('question.our-regions')
        : regions.join(say('list.and'));
    const raw = ruleText(ctx, rule, 'question', req, provider, placeOf(first, ''), where);
    const text = req.lang === 'zh' ? tightZh(raw) : raw;
    const perProvider = key.includes('|');
    add({
      text: several && perProvider ? say('question.to', { provider: providerName(provider, req.lang), text }) : text,
      group: rule.question.group,
      provider: perProvider ? first.provider : null,
      priority: rule.question.priority,
      cites: rule.question.cites,
      ruleId: rule.id,
    });
  }
  // Two options priced on unlike bases (an account's price against a list price, or years apart): each vendor is
  // asked for its list price, so that the comparison can be made like for like.
  if (req.intent !== 'questions')
    for (const q of likeForLikeQuestions(say, subjects[0], subjects[1])) {
      const provider = ctx.index.providers.get(q.provider);
      add({
        text:
          several && provider
            ? say('question.to', { provider: providerName(provider, req.lang), text: q.text })
            : q.text,
        group: 'pricing-renewal',
        provider: q.provider,
        priority: 4,
        cites: [],
        ruleId: `basis:${q.provider}`,
      });
    }
  if (req.intent === 'questions')
    for (const o of subjects)
      for (const g of o.gaps)
        if (g.question)
          add({
            text: say('question.to', { provider: o.providerName, text: g.question }),
            group: 'pricing-renewal',
            provider: o.provider,
            priority: 2,
            cites: [],
            ruleId: `gap:${g.component}`,
          });
  list.sort((a, b) => b.priority - a.priority);
  // The top five favour breadth: one question per rule before a second from the same rule.
  const firsts = list.filter((q, i) => list.findIndex((x) => x.ruleId === q.ruleId) === i);
  return {
    topQuestions: [...firsts, ...list.filter((q) => !firsts.includes(q))].slice(0, 5),
    questions: GROUP_ORDER.map((group) => ({
      group,
      title: say(`group.${group}`),
      items: list.filter((q) => q.group === group),
    })).filter((s) => s.items.length > 0),
  };
}
