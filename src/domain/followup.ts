/**
 * Follow-ups after an answer: "what about Tencent?", "and in Singapore?", "make it 3 years", "换成腾讯云呢？", "那新加坡呢？",
 * "用包年呢". A short text that names a slot value, with a follow-up cue or as a bare fragment, changes that slot of the
 * last request and keeps the rest; a full question of its own starts afresh (it inherits nothing, not even billing or
 * duration). Pure: the surfaces keep the last request per conversation and call this.
 */
import type { Lexicon } from '../intents/schema.js';
import type { Parsed } from './parse/parser.js';
import type { Request } from './request.js';
import { hasSize } from './request-values.js';
import type { Say } from './say.js';

export interface FollowupRules {
  cues: RegExp[];
  weakCues: RegExp[];
  add: RegExp[];
  maxWords: number;
}

export function followupRules(lexicon: Lexicon): FollowupRules {
  const re = (s: string) => new RegExp(s, 'iu');
  return {
    cues: lexicon.followup.cues.map(re),
    weakCues: lexicon.followup.weak_cues.map(re),
    add: lexicon.followup.add.map(re),
    maxWords: lexicon.followup.max_words,
  };
}

/** The slots a follow-up can change, as named in the note it leaves. */
export type FollowupSlot =
  | 'providers'
  | 'locations'
  | 'billing'
  | 'duration'
  | 'currency'
  | 'size'
  | 'gpu'
  | 'instance type'
  | 'instances'
  | 'storage'
  | 'egress'
  | 'hours'
  | 'model'
  | 'tokens'
  | 'workload'
  | 'audience';

export interface Followup {
  request: Request;
  changed: FollowupSlot[];
  /** Plain sentences for the answer: what changed, what no longer fits, and the reply's own parse notes. */
  notes: string[];
}

/** Words in the text: Latin words, and Chinese characters two to a word. */
function wordCount(text: string): number {
  const latin = text.match(/[A-Za-z0-9][A-Za-z0-9.'-]*/g)?.length ?? 0;
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  return latin + Math.ceil(cjk / 2);
}

/** Intents that are questions of their own, never a change to the last request. */
const OWN_INTENTS = new Set(['facts', 'questions', 'summary']);

/**
 * The last request with the slots the reply names changed, or null when `text` is not a follow-up to it
 * (too long, a question of its own, or naming nothing that could change).
 */
export function applyFollowup(
  last: Request,
  reply: Parsed,
  text: string,
  rules: FollowupRules,
  say: Say,
): Followup | null {
  const r = reply.request;
  if (wordCount(text) > rules.maxWords) return null;
  // Told by its cues: a short reply resembles whole questions of other intents ("what about Tencent?" is not a
  // question for Tencent's account team), so the labelled phrasings' vote is left out here.
  const intent = reply.intentByCues ?? r.intent;
  // "那要问阿里云什么问题？", "what would we ask Volcano before signing?" after an estimate: the vendor questions for the
  // workload just answered (its GPUs, kind and place), for the provider named or the last ones.
  if (intent === 'questions' && !OWN_INTENTS.has(last.intent) && !r.quotedPrice) {
    const next: Request = structuredClone(last);
    next.intent = 'questions';
    next.quotedPrice = null;
    next.sides = null;
    if (r.providers.length) {
      next.providers = [...r.providers];
      // The places of the last request where the provider asked about was not an option there are dropped.
      if (!last.providers.some((p) => r.providers.includes(p))) next.locations = [...r.locations];
    }
    if (r.locations.length) next.locations = [...r.locations];
    next.signals.renewal = r.signals.renewal || last.signals.renewal;
    next.lang = r.lang;
    return { request: next, changed: ['workload'], notes: [say('followup.note.questions'), ...reply.notes] };
  }
  if (OWN_INTENTS.has(intent) && !OWN_INTENTS.has(last.intent)) return null;
  const rw0 = r.workload;
  const sized = hasSize(rw0);
  const fullQuestion = sized && r.providers.length + r.locations.length > 0 && intent !== 'help';
  const cued = rules.cues.some((c) => c.test(text)) || (!fullQuestion && rules.weakCues.some((c) => c.test(text)));
  // Without a cue, only a bare fragment ("Singapore?", "3 years", "spot") is a follow-up.
  if (!cued && intent !== 'help' && !(OWN_INTENTS.has(last.intent) && intent === last.intent)) return null;
  const adding = rules.add.some((c) => c.test(text));

  const next: Request = structuredClone(last);
  const w = next.workload;
  const rw = r.workload;
  const changed: FollowupSlot[] = [];
  const notes: string[] = [];
  const union = <T>(a: T[], b: T[]) => [...a, ...b.filter((x) => !a.includes(x))];

  if (r.providers.length) {
    next.providers = adding ? union(last.providers, r.providers) : [...r.providers];
    changed.push('providers');
  }
  if (r.locations.length) {
    next.locations = adding ? union(last.locations, r.locations) : [...r.locations];
    changed.push('locations');
  }
  if (r.signals.audience.length) {
    next.signals.audience = [...r.signals.audience];
    changed.push('audience');
  }
  if (r.billing) {
    // "改成按量付费呢" when the last answer was already priced pay-as-you-go: said, not claimed as a change.
    if (r.billing === (last.billing ?? 'payg')) notes.push(say('followup.note.same-billing'));
    next.billing = r.billing;
    changed.push('billing');
  }
  // "用包年呢" after "make it 3 years" keeps the 3 years: the year 包年 implies is only a default (a shorter term than a
  // year becomes the year).
  const keptDuration = Boolean(
    reply.vague.durationAssumed && last.durationMonths !== null && last.durationMonths >= 12,
  );
  if (r.durationMonths !== null && !keptDuration) {
    next.durationMonths = r.durationMonths;
    changed.push('duration');
  }
  if (r.currency) {
    next.currency = r.currency;
    changed.push('currency');
  }
  if (rw.instanceType) {
    w.instanceType = rw.instanceType;
    w.vcpu = rw.vcpu;
    w.memoryGiB = rw.memoryGiB;
    w.gpu = rw.gpu;
    changed.push('instance type');
  } else {
    if (rw.vcpu !== null || rw.memoryGiB !== null) {
      w.vcpu = rw.vcpu ?? w.vcpu;
      w.memoryGiB = rw.memoryGiB ?? w.memoryGiB;
      changed.push('size');
    }
    if (rw.gpu) {
      // "what about L20?" keeps the count of the last request when the reply does not say one.
      const count = reply.vague.gpuCountAssumed && w.gpu ? w.gpu.count : rw.gpu.count;
      w.gpu = { model: rw.gpu.model, count };
      changed.push('gpu');
    }
    // "改成 4 张卡", "make it 8 GPUs": the last GPU, in the number said.
    if (!rw.gpu && reply.vague.gpuCount !== undefined && w.gpu) {
      w.gpu = { ...w.gpu, count: reply.vague.gpuCount };
      changed.push('gpu');
    }
    if (w.instanceType && (changed.includes('size') || changed.includes('gpu'))) {
      notes.push(say('followup.note.type-dropped', { type: w.instanceType }));
      w.instanceType = null;
    }
  }
  const copy = <K extends 'instances' | 'storageGB' | 'egressGBPerMonth' | 'hoursPerMonth' | 'model' | 'kind'>(
    key: K,
    slot: FollowupSlot,
  ) => {
    if (rw[key] !== null && rw[key] !== undefined) {
      (w as Record<K, unknown>)[key] = rw[key];
      changed.push(slot);
    }
  };
  copy('instances', 'instances');
  copy('storageGB', 'storage');
  copy('egressGBPerMonth', 'egress');
  copy('hoursPerMonth', 'hours');
  copy('model', 'model');
  // A model named in the follow-up is the one priced everywhere: the earlier pairing of models and providers goes.
  if (rw.model !== null) {
    w.modelByProvider = rw.modelByProvider ?? null;
    w.models = rw.models?.length ? rw.models : [rw.model];
  }
  if (rw.tokensPerMonth) {
    w.tokensPerMonth = rw.tokensPerMonth;
    changed.push('tokens');
  }
  // A kind read from a fragment ("what about for training?") changes the workload; the kind of a model implied by
  // the provider's name alone does not.
  if (rw.kind && rw.kind !== w.kind && !(rw.kind === 'model-api' && !rw.model && !rw.tokensPerMonth)) {
    w.kind = rw.kind;
    changed.push('workload');
  }
  if (r.quotedPrice) next.quotedPrice = r.quotedPrice;
  if (!changed.length) return null;

  // A type belongs to one provider: when the providers change away from it, its shape is priced instead.
  if (w.instanceType && changed.includes('providers') && !changed.includes('instance type')) {
    const size = w.vcpu
      ? say('followup.note.size', { size: `${w.vcpu} vCPU${w.memoryGiB ? `, ${w.memoryGiB} GiB` : ''}` })
      : '';
    notes.push(
      say(next.providers.length > 1 ? 'followup.note.type-not-sold.many' : 'followup.note.type-not-sold', {
        type: w.instanceType,
        size,
      }),
    );
    w.instanceType = null;
  }
  // Sides that set models or billing modes side by side were the comparison ("qwen-max vs deepseek-r1", then "what
  // about qwen-plus"): a follow-up naming a model or a mode prices that one, as an estimate when nothing else compares.
  const sidesWere = next.sides ?? [];
  const sidesAre =
    (changed.includes('model') && sidesWere.some((x) => x.model)) ||
    (changed.includes('billing') && sidesWere.some((x) => x.billing));
  // A comparison's sides pair places, providers and GPUs: a follow-up that changes one of them compares afresh.
  if (sidesAre || changed.some((c) => c === 'providers' || c === 'locations' || c === 'gpu' || c === 'instance type'))
    next.sides = null;
  if (sidesAre && next.intent === 'compare' && next.providers.length + next.locations.length < 2)
    next.intent = 'estimate';
  next.lang = r.lang;
  const effective = changed.filter((c) => c !== 'billing' || r.billing !== (last.billing ?? 'payg'));
  if (effective.length) notes.unshift(say('followup.note.changed', { what: describe(effective, say) }));
  // The reply's own notes, less the ones this follow-up made untrue ("1 GPU assumed" when the count was kept).
  const kept = reply.vague.gpuCountAssumed && rw.gpu && w.gpu && w.gpu.count !== rw.gpu.count;
  const assumed = rw.gpu ? say('parse.gpu-count-assumed', { model: rw.gpu.model }) : null;
  // "… taken as a 1-year term …", whatever words were quoted in it.
  const [before = '', after = ''] = say('parse.one-year-term', { said: '\u0000' }).split('\u0000');
  const oneYear = (n: string) => n.startsWith(before) && n.endsWith(after);
  for (const n of reply.notes) {
    if (kept && n === assumed) continue;
    if (keptDuration && oneYear(n)) continue;
    notes.push(n);
  }
  return { request: next, changed, notes };
}

function describe(changed: FollowupSlot[], say: Say): string {
  const list = [...new Set(changed)].map((slot) => say(`followup.slot.${slot.replace(/ /g, '-')}`));
  if (list.length === 1) return say('followup.note.one', { slot: list[0] ?? '' });
  return say('followup.note.many', {
    slots: list.slice(0, -1).join(say('followup.note.sep')),
    last: list.at(-1) ?? '',
  });
}
