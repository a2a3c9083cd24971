/**
 * Stage 4, questions: the vendor questions for the options shown — question rules matched per option, and the
 * question each pricing gap raises — de-duplicated, the top five chosen for breadth, the rest grouped.
 */
import type { QuestionGroup, Rule } from '../../catalog/schema.js';
import type { OptionAnswer, QuestionSection, VendorQuestion } from '../answer.js';
import type { Request } from '../request.js';
import { candidateContext, type RuleContext, ruleMatches } from '../rules.js';
import { areaOf, type PipelineContext, ruleText } from './context.js';
import { placeOf } from './rank.js';

export const GROUP_TITLES: Record<QuestionGroup, string> = {
  'capacity-quota': 'Capacity & quota',
  'pricing-renewal': 'Pricing & renewal',
  'data-compliance': 'Data & compliance',
  'reliability-failover': 'Reliability & failover',
  support: 'Support',
};
const GROUP_ORDER = Object.keys(GROUP_TITLES) as QuestionGroup[];

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

export function questions(ctx: PipelineContext, input: QuestionsInput): Questions {
  const { req, baseCtx, subjects } = input;
  const seen = new Set<string>();
  const list: VendorQuestion[] = [];
  const add = (q: VendorQuestion) => {
    const k = q.text.toLowerCase();
    if (!q.text || seen.has(k)) return;
    seen.add(k);
    list.push(q);
  };
  for (const o of subjects) {
    const provider = ctx.index.providers.get(o.provider);
    if (!provider) continue;
    const place = placeOf(o, areaOf(ctx, o.location));
    const rctx = candidateContext(baseCtx, { ...place, provider: o.provider, billing: o.billing }, req);
    for (let r = 0; r < ctx.questionRules.length; r++) {
      const rule = ctx.questionRules[r] as Rule;
      if (!rule.question || !ruleMatches(rule, rule.level === 'request' ? baseCtx : rctx)) continue;
      add({
        text: ruleText(ctx, rule, 'question', req, provider, { ...place, area: '' }),
        group: rule.question.group,
        provider: rule.level === 'request' ? null : o.provider,
        priority: rule.question.priority,
        cites: rule.question.cites,
        ruleId: rule.id,
      });
    }
    for (const g of o.gaps)
      if (g.question)
        add({
          text: `${provider.name}: ${g.question}`,
          group: 'pricing-renewal',
          provider: o.provider,
          priority: 2,
          cites: [],
          ruleId: `gap:${g.component}`,
        });
  }
  list.sort((a, b) => b.priority - a.priority);
  // The top five favour breadth: one question per rule before a second from the same rule.
  const firsts = list.filter((q, i) => list.findIndex((x) => x.ruleId === q.ruleId) === i);
  return {
    topQuestions: [...firsts, ...list.filter((q) => !firsts.includes(q))].slice(0, 5),
    questions: GROUP_ORDER.map((group) => ({
      group,
      title: GROUP_TITLES[group],
      items: list.filter((q) => q.group === group),
    })).filter((s) => s.items.length > 0),
  };
}
