/**
 * Text → Request. Pure: the catalogue, intents and lexicon come in; nothing is read or written.
 *
 * A question is read in one pass of steps, each in its own module, in this order; each step blanks what it consumed
 * (work.ts), so a number is never read twice ("2x A10" is not also two instances):
 *   traditional.ts   traditional characters and Taiwan/HK words read as simplified ("輸入" → "输入", "記憶體" → "内存"),
 *                    before anything else
 *   ranges.ts        "2-4 A10" → the top of the range, with a note
 *   read-types.ts    instance types ("ecs.gn7i-c8g1.2xlarge", "g5.2xlarge x3")
 *   read-quotes.ts   prices written in the question: a quote to check, a budget, or a note
 *   read-tokens.ts   model-API token volumes
 *   read-models.ts   hosted model names (then read-quotes.ts again: budgets without a currency)
 *   read-gpus.ts     GPU models and counts
 *   read-machines.ts vCPU, memory and instance counts
 *   read-sizes.ts    storage and egress sizes
 *   read-hours.ts    hours a month
 *   read-term.ts     duration (a corrected term gives way; tenure is no term), then (after places) the billing mode
 *   places.ts        providers, places, the audience, the provider in use, providers a type or model implies
 *   read-signals.ts  currency, workload kind, commerce / personal-data / production / renewal signals (then read-term.ts:
 *                    a renewal with no billing mode is a subscription; read-quotes.ts: a total over a year is a year's)
 *   intent.ts        the intent, from the cues and what was read (topic.ts: the facts topic)
 *   leftovers.ts     numbers nothing used, as notes
 *   sides.ts         a comparison's two sides
 * What is not said stays null. The parser records what it assumed in `notes`, which the answer shows.
 */
import type { Catalog } from '../../catalog/load.js';
import type { IntentDef, LearnedPhrasings, Lexicon } from '../../intents/schema.js';
import type { Lang, Request } from '../request.js';
import { emptyRequest, hasSize } from '../request-values.js';
import { type Messages, sayer } from '../say.js';
import { EntityIndex } from './entities.js';
import { dropUnwanted } from './exclusions.js';
import { GpuNames } from './gpu-names.js';
import { InstanceTypeIndex } from './instance-types.js';
import { IntentScorer, SIDE_SEPARATOR } from './intent.js';
import { IntentModel, indexPhrasings, nameFeatures, phrasingReader } from './intent-model.js';
import { leftoverNotes } from './leftovers.js';
import { type CompiledLexicon, compileLexicon } from './lexicon.js';
import { type CueNeeds, NeedBook } from './literal-gate.js';
import { normalise } from './numbers.js';
import { namesOr, Places } from './places.js';
import { readRanges } from './ranges.js';
import { readGpus } from './read-gpus.js';
import { readHours } from './read-hours.js';
import { readMachines } from './read-machines.js';
import { readModels, readUnsold } from './read-models.js';
import { readBudgets, readQuotes, termTotal } from './read-quotes.js';
import { readSaidKinds } from './read-said-kinds.js';
import { readSignals } from './read-signals.js';
import { readSizes } from './read-sizes.js';
import { readBilling, readDuration, renewalBilling } from './read-term.js';
import { readTokens } from './read-tokens.js';
import { readTypes } from './read-types.js';
import { readSides } from './sides.js';
import type { Parsed, ParseState } from './state.js';
import { factTopics, topicOf } from './topic.js';
import { type Simplify, simplifier } from './traditional.js';
import { blank, dropLongTokens, Work } from './work.js';

/** A dollar sign right after a name makes the name a currency's ("HK$", "NT$"), not a place. */
const CURRENCY_SIGN_AFTER = /^\s?\$/u;

export type { Parsed } from './state.js';
export { MAX_TOKEN_CHARS } from './work.js';

/** A Chinese amount of money inside an English sentence ("9.8万/月", "3千元"): not Chinese words ("16核" still is). */
const CJK_AMOUNT = /(?<=\d(?:\.\d+)?\s*)[万萬亿億千百元块]+(?:\s*[/每]\s*[月年天])?/gu;

/** A gloss in brackets ("MLPS level 3 (等保三级)"): a translation, not the language the question is written in. */
const GLOSS = /[(（][^()（）]*[)）]/gu;
/** An English word (not a code such as "ecs.g7" or an acronym such as "MLPS"). */
const EN_WORD = /(?<![\w.-])[A-Za-z][a-z'’]+(?![\w.-])/gu;
const CJK = /[\u3400-\u9fff]/gu;
const CJK_ONE = /[\u3400-\u9fff]/u;

/**
 * The language a question is written in: with Chinese words in it, Chinese (an amount like "9.8万/月" is not one, nor a
 * gloss in brackets) — unless it is a full English sentence that borrows a Chinese term or two ("need a number for 3x
 * gn7i in hangzhou, 包月, 6 months — it's the inference pool for …": twelve English words or more, three for each
 * Chinese character).
 */
function langOf(text: string, names: { start: number; end: number }[] = []): Lang {
  // A place or provider named in Chinese inside an English sentence ("8x A800 in 张家口, spot if they have it") is a
  // name, not Chinese words: with two English words or more and no other Chinese, the sentence is English.
  const unnamed = names.reduceRight((t, n) => t.slice(0, n.start) + ' '.repeat(n.end - n.start) + t.slice(n.end), text);
  if (unnamed !== text && !CJK_ONE.test(unnamed.replace(CJK_AMOUNT, ' ')) && (unnamed.match(EN_WORD)?.length ?? 0) >= 2)
    return 'en';
  let t = text.replace(CJK_AMOUNT, ' ');
  const unglossed = t.replace(GLOSS, ' ');
  if (/[A-Za-z]{2}/u.test(unglossed)) t = unglossed;
  const cjk = t.match(CJK)?.length ?? 0;
  if (!cjk) return 'en';
  const words = t.match(EN_WORD)?.length ?? 0;
  return words >= 12 && words >= 3 * cjk ? 'en' : 'zh';
}

export class Parser {
  private readonly entities: EntityIndex;
  private readonly types: InstanceTypeIndex;
  private readonly gpus: GpuNames;
  private readonly intents: IntentScorer;
  private readonly lx: CompiledLexicon;
  private readonly places: Places;
  private readonly simplify: Simplify;
  /** The literal text each cue pattern needs (literal-gate.ts): given by the loader, read here when it is not. */
  private readonly book: NeedBook;

  constructor(
    private readonly catalog: Catalog,
    intents: IntentDef[],
    lexicon: Lexicon,
    private readonly messages: Messages,
    phrasings: LearnedPhrasings,
    cueNeeds?: CueNeeds,
  ) {
    this.book = new NeedBook(cueNeeds);
    this.simplify = simplifier(lexicon.traditional, lexicon.regional_words);
    this.entities = new EntityIndex(catalog, this.simplify);
    this.types = new InstanceTypeIndex(catalog, lexicon);
    this.gpus = new GpuNames(catalog, lexicon.gpu_families);
    // The loader reads the phrasings' features once (and the catalogue cache keeps them); a caller with phrasings of
    // its own has them read here.
    const read = phrasingReader(this.simplify);
    const index = phrasings.index ?? indexPhrasings(phrasings.phrasings, read, nameFeatures(catalog, read));
    this.intents = new IntentScorer(
      intents,
      this.simplify,
      IntentModel.of(index, phrasings),
      phrasings.weight,
      this.book,
    );
    this.lx = compileLexicon(lexicon, this.simplify, this.book);
    this.places = new Places(catalog, this.lx);
  }

  /** Every cue pattern's need, by source, as this parser read them: what the loader keeps (load.ts). */
  get cueNeeds(): CueNeeds {
    return this.book.needs;
  }

  /** Where the text names a provider, place or area in Chinese characters (read exactly, not a near spelling). */
  private namedInChinese(text: string): { start: number; end: number }[] {
    if (!CJK_ONE.test(text)) return [];
    return this.entities.exact(text).mentions.filter((m) => !m.fuzzy && CJK_ONE.test(text.slice(m.start, m.end)));
  }

  /**
   * `lang`: the answer's language when it is not the question's (`--lang`, a user's setting): the notes are written in
   * it; the request's own `lang` stays the question's (the caller sets the answer's).
   */
  parse(raw: string, lang?: Lang | null): Parsed {
    const simplified = this.simplify(raw);
    const asked = langOf(simplified, this.namedInChinese(simplified));
    const say = sayer(this.messages, lang ?? asked);
    // "2-4 A10": a range is priced at its top, with a note.
    // "每月大約 2千萬 輸入", "優刻得": traditional characters are read as the simplified ones the lexicon is written in.
    const ranged = readRanges(dropLongTokens(normalise(simplified)), (t) => this.gpus.start.test(t), say);
    const text = ranged.text;
    const req = emptyRequest('help');
    req.lang = asked;
    const w = new Work(text);
    const s: ParseState = {
      text,
      raw,
      w,
      req,
      wl: req.workload,
      notes: [...ranged.notes],
      vague: { gpuWithoutModel: false, tokensWithoutSplit: false },
      say,
      modes: [],
    };
    const { wl, notes, vague } = s;
    const low = text.toLowerCase();

    // Instance types first: "ecs.gn7i-c8g1.2xlarge" must not be read as "8g", nor "S5.LARGE8" as anything else.
    const found = this.types.find(text);
    for (const t of found) blank(w, t.start, t.end - t.start);
    // Places and providers are read with the type names blanked out; the providers named settle ambiguous types.
    const entityText = w.text;
    // "not AWS, tencent or huawei", "shanghai not hangzhou", "hangzhou? wait no, shanghai": providers and places ruled
    // out or taken back are not asked about.
    const dropped = dropUnwanted(
      // "HK$9,800": a currency's sign, not Hong Kong.
      this.entities.find(entityText).filter((m) => !CURRENCY_SIGN_AFTER.test(entityText.slice(m.end))),
      entityText,
      this.lx.exclusionBefore,
      this.lx.corrections,
      this.lx.switchAfter,
    );
    const mentions = dropped.kept;
    for (const m of [...dropped.excluded, ...dropped.withdrawn]) blank(w, m.start, m.end - m.start);
    const excluded = new Set(dropped.excluded.map((m) => m.id));
    const named = new Set(mentions.filter((m) => m.type === 'provider').map((m) => m.id));
    const { types, gpuFromType } = readTypes(s, this.types, found, named, this.lx.corrections);

    readQuotes(s, this.lx, (at) => this.gpus.start.test(w.text.slice(at)));
    readTokens(s);
    const models = readModels(s, this.lx);
    readUnsold(s, this.lx, mentions);
    readBudgets(s, this.lx, (at) => this.gpus.start.test(w.text.slice(at)));
    const secondGpu = readGpus(s, this.gpus, this.lx.corrections, gpuFromType);
    readMachines(s, this.lx.corrections);
    readSizes(s, this.lx.storage, this.lx.corrections);
    readSaidKinds(wl, text, this.lx);
    readHours(s);
    readDuration(s, this.lx.corrections);
    this.places.read(s, mentions, entityText, types, models, low);
    if (excluded.size) {
      // Only providers ruled out: every other provider in the catalogue is asked about.
      const others = req.providers.length ? req.providers : this.catalog.providers.map((p) => p.id);
      req.providers = others.filter((p) => !excluded.has(p)) as Request['providers'];
      if (req.signals.incumbent && excluded.has(req.signals.incumbent)) req.signals.incumbent = null;
    }
    // "腾讯云 GN7 广州 报价 9000": a family without a size; the bot asks which of its sizes (help.ts).
    if (!hasSize(wl)) {
      const family = this.types.familyNamed(text, named);
      if (family) {
        vague.family = family;
        if (!req.providers.length) req.providers = [family.provider] as Request['providers'];
      }
    }
    readBilling(s, this.lx);
    readSignals(s, this.lx);
    // "不用阿里云了改用华为云": the provider left is where they are now.
    if (dropped.leaving && !req.signals.incumbent)
      req.signals.incumbent = dropped.leaving.id as Request['providers'][number];
    renewalBilling(s);
    termTotal(s);

    const topics = factTopics(low, this.lx);
    // Two GPUs, instance types or models named ("A100 x4 vs H100 x2"): two things to set side by side.
    const rivals = secondGpu || models.length > 1 || new Set(types.map((t) => t.type)).size > 1;
    const or = namesOr(mentions, entityText);
    const read = this.intents.classify(text, req, vague, {
      aboutFacts: topics.length > 0,
      providersOr: or.providers,
      placesOr: or.places,
      rivals,
      modesOr: (s.modes?.length ?? 0) >= 2,
      settled: dropped.withdrawn.length > 0 && settledAfterChoice(text, this.lx.corrections),
      listedProviders: req.providers.filter((p) => !s.sellers?.includes(p)).length,
    });
    req.intent = read.intent;
    // "阿里云香港有A10吗": a facts question has no count to assume.
    if (req.intent === 'facts' && wl.gpu) {
      const i = notes.indexOf(say('parse.gpu-count-assumed', { model: wl.gpu.model }));
      if (i >= 0) notes.splice(i, 1);
    }
    if (req.intent !== 'facts' && s.lawPlaces?.length)
      req.locations = req.locations.filter((l) => !s.lawPlaces?.includes(l));
    // "ping to indonesia is what matters": where the users are, unless latency itself is asked about.
    if (req.intent !== 'facts' && s.reachPlaces?.length) {
      req.locations = req.locations.filter((l) => !s.reachPlaces?.includes(l));
      for (const l of s.reachPlaces) if (!req.signals.audience.includes(l)) req.signals.audience.push(l);
    }
    if (req.intent === 'facts') req.topic = topicOf(raw, topics);
    else if (req.intent === 'questions') req.topic = topicOf(raw, []);
    if (req.intent !== 'facts' && req.intent !== 'questions' && req.intent !== 'help' && req.intent !== 'summary')
      notes.push(...leftoverNotes(w.text, raw, say));
    if (req.intent === 'compare')
      req.sides = readSides(text, req, notes, this.catalog, (part) => this.parse(part), say, s.modes);
    if (wl.instanceType && !wl.vcpu && !wl.gpu && !wl.memoryGiB)
      notes.push(say('parse.type-unknown', { type: wl.instanceType }));
    return { request: req, notes, vague, intentByCues: read.byCues };
  }
}

/** Options set against each other ("火山还是腾讯", "alibaba or tencent"), then a correction cue with no choice after it. */
function settledAfterChoice(text: string, corrections: RegExp[]): boolean {
  const sep = SIDE_SEPARATOR.exec(text);
  if (!sep) return false;
  const rest = text.slice(sep.index + sep[0].length);
  return corrections.some((c) => {
    const cue = c.exec(rest);
    return cue !== null && !SIDE_SEPARATOR.test(rest.slice(cue.index + cue[0].length));
  });
}
