/**
 * Help answers (what the bot does, with examples per intent) and follow-ups (the one detail still missing before a
 * request can be answered).
 */
import type { Answer } from '../answer.js';
import type { Parsed } from '../parse/parser.js';
import type { PipelineContext } from './context.js';

export function helpAnswer(ctx: PipelineContext, answer: Answer, parsed: Parsed): Answer {
  answer.kind = 'help';
  answer.title = 'What procure-bot does';
  answer.help = {
    intents: ctx.data.intents
      .filter((i) => i.id !== 'help')
      .sort((a, b) => a.priority - b.priority)
      .map((i) =>
        answer.lang === 'zh'
          ? {
              id: i.id,
              title: i.title_zh ?? i.title,
              description: i.description_zh ?? i.description,
              examples: [...i.examples.zh, ...i.examples.en.slice(0, 1)],
            }
          : {
              id: i.id,
              title: i.title,
              description: i.description,
              examples: [...i.examples.en, ...i.examples.zh.slice(0, 1)],
            },
      ),
  };
  const said = parsed.request;
  const understood = said.providers.length + said.locations.length > 0 || said.workload.kind !== null;
  if (!/^\s*(help|帮助|\?)\s*$/i.test(said.topic ?? '') && understood)
    answer.notes.push(
      'I could not tell what you wanted done: ask for a cost, a placement, a comparison, vendor questions or facts.',
    );
  return answer;
}

/** The first slot the request's intent needs and does not have, with the question that asks for it. */
export function missingSlot(ctx: PipelineContext, parsed: Parsed): { slot: string; ask: string } | null {
  const req = parsed.request;
  const def = ctx.intentById.get(req.intent);
  if (!def) return null;
  const wl = req.workload;
  for (const slot of def.slots) {
    let ok = true;
    if (slot.name === 'size') {
      ok = Boolean(wl.gpu || wl.vcpu || wl.memoryGiB || wl.storageGB || wl.egressGBPerMonth || wl.tokensPerMonth);
      if (!ok && parsed.vague.gpuWithoutModel)
        return { slot: 'gpu', ask: 'Which GPU model and how many? For example "2x A10", "4x L20" or "8x H800".' };
      if (!ok && parsed.vague.tokensWithoutSplit)
        return {
          slot: 'tokens',
          ask: 'How many of those tokens are input and how many output? For example "20M input and 5M output tokens a month".',
        };
      if (ok && wl.tokensPerMonth && !wl.model && !wl.gpu && !wl.vcpu)
        return {
          slot: 'model',
          ask: 'Which model should I price the tokens on? For example qwen-plus, qwen-max, doubao-seed-1.6 or ernie-4.5-turbo.',
        };
    }
    if (slot.name === 'kind') ok = wl.kind !== null || wl.gpu !== null || wl.model !== null;
    if (slot.name === 'comparison')
      ok = req.providers.length + req.locations.length >= 2 || req.signals.incumbent !== null;
    if (slot.name === 'providers') ok = req.providers.length > 0;
    if (slot.name === 'topic') ok = Boolean(req.topic);
    if (!ok) return { slot: slot.name, ask: req.lang === 'zh' ? (slot.ask_zh ?? slot.ask) : slot.ask };
  }
  return null;
}
