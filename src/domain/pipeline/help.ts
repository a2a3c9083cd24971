/**
 * Help answers (what the bot does, with examples per intent) and follow-ups (the one detail still missing before a
 * request can be answered).
 */
import type { Answer } from '../answer.js';
import { nameList, pricedModels } from '../elsewhere.js';
import type { Parsed } from '../parse/parser.js';
import { hasSize } from '../request-values.js';
import { type PipelineContext, providerName } from './context.js';

export function helpAnswer(ctx: PipelineContext, answer: Answer, parsed: Parsed): Answer {
  const lang = parsed.request.lang;
  const say = ctx.say(lang);
  // Intent titles and descriptions are the intents' own (English); Chinese ones are messages (intent.<id>.*).
  const words = (id: string, part: 'title' | 'description', own: string) =>
    lang === 'en'
      ? own
      : (() => {
          const key = `intent.${id}.${part}`;
          const text = say(key);
          return text === key ? own : text;
        })();
  answer.kind = 'help';
  answer.title = say('title.help');
  answer.help = {
    intents: ctx.data.intents
      .filter((i) => i.id !== 'help')
      .sort((a, b) => a.priority - b.priority)
      .map((i) => ({
        id: i.id,
        title: words(i.id, 'title', i.title),
        description: words(i.id, 'description', i.description),
        // Examples in the answer's language only (the help says the other language works too).
        examples: lang === 'zh' ? i.examples.zh : i.examples.en,
      })),
  };
  const said = parsed.request;
  const understood = said.providers.length + said.locations.length > 0 || said.workload.kind !== null;
  if (!/^\s*(help|帮助|\?)\s*$/i.test(said.topic ?? '') && understood) answer.notes.push(say('help.unclear'));
  return answer;
}

/** The first slot the request's intent needs and does not have, with the question that asks for it. */
export function missingSlot(ctx: PipelineContext, parsed: Parsed): { slot: string; ask: string } | null {
  const req = parsed.request;
  const def = ctx.intentById.get(req.intent);
  if (!def) return null;
  const wl = req.workload;
  const say = ctx.say(req.lang);
  for (const slot of def.slots) {
    let ok = true;
    if (slot.name === 'size') {
      ok = hasSize(wl);
      if (!ok && parsed.vague.gpuWithoutModel) return { slot: 'gpu', ask: say('followup.gpu') };
      const family = parsed.vague.family;
      if (!ok && family) {
        const provider = ctx.index.providers.get(family.provider);
        const sizes = family.sizes.slice(0, 4).map((t) => {
          const parts = [
            t.gpu ? `${t.gpu.count}x ${t.gpu.model}` : '',
            t.vcpu ? `${t.vcpu} vCPU` : '',
            t.memoryGiB ? `${t.memoryGiB} GiB` : '',
          ];
          return `${t.type} (${parts.filter(Boolean).join(', ')})`;
        });
        return {
          slot: 'size',
          ask: say('followup.family', {
            family: family.family,
            provider: provider ? providerName(provider, req.lang) : family.provider,
            list: nameList(sizes, say),
          }),
        };
      }
      if (!ok && parsed.vague.tokensWithoutSplit) return { slot: 'tokens', ask: say('followup.tokens') };
      if (ok && wl.tokensPerMonth && !wl.model && !wl.gpu && !wl.vcpu) {
        // One provider named ("豆包 每月…"): the models the catalogue prices for it, not another provider's examples.
        const one = req.providers.length === 1 ? ctx.index.providers.get(req.providers[0] as string) : undefined;
        const models = one ? pricedModels(ctx.index.pricesAnywhere(one.id, 'model-tokens')) : [];
        return {
          slot: 'model',
          ask:
            one && models.length
              ? say('followup.model.provider', { provider: providerName(one, req.lang), list: nameList(models, say) })
              : say('followup.model'),
        };
      }
    }
    // A size prices a placement whatever the workload is called ("game servers, 10x 16 vCPU 32 GB"): ask for the
    // kind only when nothing else says what to place.
    // Nor when the question says whom the service is for or where it may go ("game backend for players in Manila and
    // Jakarta", "CRM with customers' personal data"): placement is decided by the users, the data and the candidates,
    // and the answer says it read the workload as a service users reach (assumptions).
    if (slot.name === 'kind')
      ok =
        wl.kind !== null ||
        wl.gpu !== null ||
        wl.model !== null ||
        hasSize(wl) ||
        (req.intent === 'place' &&
          (req.signals.audience.length > 0 || req.signals.personalData || req.locations.length >= 2));
    // No provider named ("which cloud is cheapest for …") compares every provider; one named needs a second.
    if (slot.name === 'comparison')
      ok =
        req.providers.length === 0 ||
        req.providers.length + req.locations.length >= 2 ||
        // Two models or billing modes set side by side ("qwen-max vs deepseek-r1"): those are what is compared.
        (req.sides?.length ?? 0) >= 2 ||
        req.signals.incumbent !== null;
    if (slot.name === 'providers') ok = req.providers.length > 0;
    if (slot.name === 'topic') ok = Boolean(req.topic);
    if (!ok) return { slot: slot.name, ask: req.lang === 'zh' ? (slot.ask_zh ?? slot.ask) : slot.ask };
  }
  // "Is Alibaba cheaper than Tencent?": a comparison with nothing to compare on — no size, no model, nothing about the
  // users or their data, no provider in use. Every option would be "not priced"; ask for the
  // size instead (a stay-or-move question is answered with what decides a move, see move.ts).
  if (req.intent === 'compare' || req.intent === 'place') {
    const nothing =
      !wl.gpu &&
      !wl.vcpu &&
      !wl.memoryGiB &&
      !wl.instanceType &&
      !wl.storageGB &&
      !wl.egressGBPerMonth &&
      !wl.tokensPerMonth &&
      !wl.model &&
      // A kind alone ("Alibaba vs Volcano for training") prices nothing either; a placement by kind still has
      // reasons to give (where training is cheap, where a web shop needs no ICP filing).
      (req.intent === 'compare' || !wl.kind) &&
      !parsed.vague.gpuWithoutModel &&
      !req.quotedPrice &&
      !req.signals.incumbent &&
      !req.signals.personalData &&
      req.signals.commercePlatforms.length === 0 &&
      req.signals.audience.length === 0;
    const size = ctx.intentById.get('estimate')?.slots.find((s) => s.name === 'size');
    if (nothing && size) return { slot: 'size', ask: req.lang === 'zh' ? (size.ask_zh ?? size.ask) : size.ask };
    // Two models side by side with no volumes: every option would be "not priced"; ask for the tokens a month.
    const sided = (req.sides ?? []).filter((x) => x.model).map((x) => x.model as string);
    // Or each provider priced for its own model ("doubao-seed-1.6 on volc vs qwen-flash").
    const models = sided.length >= 2 ? sided : wl.models;
    // Or one model at two providers ("deepseek-v4-flash on tencent vs bailian, cheaper per 1M tokens?").
    const oneAtTwo = wl.model !== null && req.providers.length >= 2;
    if (req.intent === 'compare' && (models.length >= 2 || oneAtTwo) && !wl.tokensPerMonth && !hasSize(wl))
      return {
        slot: 'tokens',
        ask: parsed.vague.tokensWithoutSplit
          ? say('followup.tokens')
          : say('followup.tokens-volume', {
              models: (models.length >= 2 ? models : [wl.model as string]).join(say('parse.side.and')),
            }),
      };
  }
  return null;
}
