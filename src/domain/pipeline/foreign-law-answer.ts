/**
 * A placement or estimate answer to a question naming another country's data law ("印尼 PDP 法 允许我们把客户数据放在
 * 新加坡吗"): the law's gap said plainly with the question to ask about it, and China's data-export question left out
 * unless the question says the data is China's too.
 */
import type { Answer } from '../answer.js';
import { factsOnLaw, lawById, lawName } from '../foreign-laws.js';
import type { Request } from '../request.js';
import type { PipelineContext } from './context.js';

/** The question rule that asks about China's export mechanisms (catalog/rules/questions.yaml). */
const CHINA_EXPORT_RULE = 'q-data-export';

export function answerForeignLaw(ctx: PipelineContext, req: Request, answer: Answer): void {
  const said = req.signals.foreignDataLaw;
  const law = said ? lawById(ctx.data.lexicon, said.id) : null;
  if (!said || !law) return;
  const say = ctx.say(req.lang);
  const name = lawName(law, req.lang);
  if (!said.alsoChina) {
    answer.topQuestions = answer.topQuestions.filter((q) => q.ruleId !== CHINA_EXPORT_RULE);
    for (const s of answer.questions) s.items = s.items.filter((q) => q.ruleId !== CHINA_EXPORT_RULE);
    answer.questions = answer.questions.filter((s) => s.items.length > 0);
  }
  if (factsOnLaw(ctx.data.catalog.facts, law).length === 0) answer.notes.push(say('facts.law.none', { law: name }));
  answer.topQuestions.unshift({
    text: say('facts.ask.foreign-law', { law: name }),
    group: 'data-compliance',
    provider: null,
    priority: 1,
    cites: [],
    ruleId: 'facts.ask.foreign-law',
  });
}
