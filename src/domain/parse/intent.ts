/**
 * Step 12: what the question asks for. Each intent's cues (intents/*.yaml) score the text; what was read adjusts the
 * scores (a size leans to an estimate, a facts topic to facts, a pasted quote to a quote check, two rivals to a
 * comparison); the labelled phrasings (intent-model.ts) add how likely each intent is for questions written like this
 * one; the best score wins, ties going to the intent with the higher priority.
 */

import type { IntentDef } from '../../intents/schema.js';
import type { Intent, Request } from '../request.js';
import { hasSize } from '../request-values.js';
import type { IntentModel } from './intent-model.js';
import { fold, GatedPattern, type NeedBook } from './literal-gate.js';
import type { Parsed } from './state.js';
import type { Simplify } from './traditional.js';

/** What splits a comparison into its two sides. */
export const SIDE_SEPARATOR = /\s(?:vs\.?|versus|v\.s\.|compared (?:to|with)|against|or)\s|还是|对比|相比|或者|或是/iu;

export interface Leanings {
  /** A compliance, SLA, support, price-change, outage or region topic was named. */
  aboutFacts: boolean;
  /** Two providers set against each other with "or" / 还是. */
  providersOr: boolean;
  /** Two places set against each other with "or" / 还是 ("jkt or bkk for …"). */
  placesOr: boolean;
  /** Two GPUs, instance types or models named: two things to set side by side. */
  rivals: boolean;
  /** Two billing modes set against each other ("preemptible vs on demand", "包年和按量差多少": read-term.ts). */
  modesOr: boolean;
  /** Options set against each other, then settled on one ("火山还是腾讯… 算了先按火山"): no longer a comparison. */
  settled: boolean;
  /** Providers named or implied by a product or platform: not those added only as sellers of a model named. */
  listedProviders: number;
}

export class IntentScorer {
  private readonly compiled: { intent: IntentDef; cues: { re: GatedPattern; weight: number }[] }[];

  /** `model`: what the labelled phrasings say (intent-model.ts), counted `learnedWeight` times its share of the vote. */
  constructor(
    intents: IntentDef[],
    simplify: Simplify,
    private readonly model: IntentModel,
    private readonly learnedWeight: number,
    book?: NeedBook,
  ) {
    this.compiled = intents.map((intent) => ({
      intent,
      // Cues written in traditional Chinese match the question as it is read: in simplified (see traditional.ts).
      cues: intent.cues.map((c) => ({ re: new GatedPattern(simplify(c.pattern), book), weight: c.weight })),
    }));
  }

  /**
   * The intent, and the intent the cues and slots alone would give (without the phrasings' vote): a follow-up is told
   * by its cues (followup.ts), and a short reply resembles whole questions of other intents ("what about Tencent?").
   */
  classify(text: string, req: Request, vague: Parsed['vague'], lean: Leanings): { intent: Intent; byCues: Intent } {
    const wl = req.workload;
    // A family named without a size ("GN7 广州") is a machine to price, its size asked next (help.ts).
    const sized = hasSize(wl) || vague.tokensWithoutSplit || Boolean(vague.family);
    // Each cue compiles only when the question has the words it needs (see literal-gate.ts).
    const folded = fold(text);
    const scores = this.compiled.map(({ intent, cues }) => ({
      intent,
      score: cues.reduce((sum, c) => sum + (c.re.test(text, folded) ? c.weight : 0), 0),
    }));
    const bump = (id: Intent, by: number) => {
      const s = scores.find((x) => x.intent.id === id);
      if (s && (s.score > 0 || by > 0)) s.score += by;
    };
    if (sized) bump('estimate', 1);
    // A compliance, SLA, support, price-change, outage or region question is a facts question.
    if (lean.aboutFacts) bump('facts', 3);
    // A pasted quote ("9.5 CNY/hour for A10, good deal?") is checked against the estimate.
    if (req.quotedPrice) bump('estimate', 3);
    // A comparison needs two things to compare: providers, places, or two GPUs / instance types / models.
    if (req.providers.length + req.locations.length + (lean.rivals ? 2 : 0) < 2) bump('compare', -1.5);
    // "A100 x4 vs H100 x2", "m7i.2xlarge or ecs.g8i.2xlarge": two of a kind set against each other.
    // "A10 和 L20 分别多少钱": joined by "and", they are rivals only when the question already asks for a comparison.
    const compareCued = (scores.find((x) => x.intent.id === 'compare')?.score ?? 0) > 0;
    if (lean.rivals && (SIDE_SEPARATOR.test(text) || (compareCued && /\band\b|和|与|跟/iu.test(text))))
      bump('compare', 1);
    // "OSS、COS、OBS 标准存储 500T 每月费用对比": providers listed, in a question that asks for a comparison, are its sides
    // (not the sellers of a model named: "deepseek 推理，4 张 H20，放北京还是乌兰察布" sets places against each other).
    else if (
      lean.listedProviders >= 2 &&
      compareCued &&
      (SIDE_SEPARATOR.test(text) || /\band\b|和|与|跟|、|,|，/iu.test(text))
    )
      bump('compare', 1);
    if (req.signals.incumbent && req.providers.length >= 2) bump('compare', 1);
    // "alibaba or tencent for 8x H20": two providers set against each other is a comparison (a place question naming
    // the providers it may use stays one: "which region is best … we only use AWS or Alibaba").
    if (lean.providersOr) bump('compare', 2);
    // "jkt or bkk for a kafka cluster", "上海还是北京？10台 4核8G": two places set against each other, in a question that
    // does not ask where to put it ("放香港还是新加坡好", "where should it live, tokyo or seoul?"), are compared.
    if (lean.placesOr && !(scores.find((x) => x.intent.id === 'place')?.score ?? 0)) bump('compare', 3);
    // "spot or on-demand for 4x A10G", "包年和按量差多少": one workload priced in two billing modes, side by side (the weight
    // outruns the "fewer than two names" discount and an estimate's cues, as two terms set side by side do).
    if (lean.modesOr) bump('compare', 4.5);
    if (lean.settled) bump('compare', -2);
    const byCues = this.decide(scores, req, sized);
    // How likely each intent is for questions written like this one (intents/phrasings.yaml).
    const likely = this.model.likelihoods(text);
    if (!likely.size) return { intent: byCues, byCues };
    const learned = scores.map((s) => ({ ...s, score: s.score + this.learnedWeight * (likely.get(s.intent.id) ?? 0) }));
    // The phrasings' vote alone does not make a comparison of one option ("8x H20 at volc, cn-beijing, 6 mo sub",
    // "4x L40S in singapore, spot pls" read like comparisons of specs): with no cue for one and not two of a kind named
    // (providers, places, GPUs, types or models), the discount above applies to the vote. A provider in use today is
    // two options already: staying or leaving ("要不要离开阿里云？").
    const oneOption = req.providers.length < 2 && req.locations.length < 2 && !lean.rivals && !req.signals.incumbent;
    const compare = learned.find((x) => x.intent.id === 'compare');
    if (oneOption && !compareCued && compare && compare.score > 0) compare.score -= 1.5;
    return { intent: this.decide(learned, req, sized), byCues };
  }

  /** The best-scored intent; when nothing scores, what was read decides. */
  private decide(scores: { intent: IntentDef; score: number }[], req: Request, sized: boolean): Intent {
    const wl = req.workload;
    const best = [...scores].sort((a, b) => b.score - a.score || b.intent.priority - a.intent.priority)[0];
    if (best && best.score > 0) return best.intent.id;
    // A model named with nothing else asked ("glm-4 on zhipu? or on volcengine"): its price.
    if (sized || wl.model) return 'estimate';
    if (req.providers.length >= 2) return 'compare';
    if (wl.kind) return 'place';
    return 'help';
  }
}
