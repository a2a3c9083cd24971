/**
 * What labelled phrasings say a question asks for: the intents of the phrasings most like it (intents/phrasings.yaml,
 * questions whose intent a person wrote down). The cues (intents/*.yaml) name the words that decide an intent; the
 * phrasings carry the rest of how people write — the many small words a cue never names ("we", "cheaper", 放, 哪,
 * 贵不贵). The intent scorer (intent.ts) adds this evidence to the cues', so a question no cue speaks for is read the
 * way questions like it were, and a close call between two cues goes to the intent such questions had.
 *
 * Likeness is the cosine of TF-IDF vectors over the text's English words and its Chinese characters and character
 * pairs; numbers and sizes are not read, and the names of providers and places count for nothing (nameFeatures): the
 * cues and the slots read those. The `neighbours` most alike vote, each by its likeness to the power `sharpness`, so a
 * near copy of a phrasing outvotes loose resemblances. Pure: the phrasings come in.
 */
import type { Catalog } from '../../catalog/load.js';
import type { Intent } from '../request.js';
import type { Simplify } from './traditional.js';

export interface Neighbourhood {
  /** A question with fewer features the phrasings know is too short to be read by its phrasing ("what about X?"). */
  min_features: number;
  /** How many of the most alike phrasings vote. */
  neighbours: number;
  /** Each vote weighs likeness^sharpness: the higher, the more a near copy outvotes loose resemblances. */
  sharpness: number;
}

/** CJK unified ideographs (and extension A, compatibility ideographs): the characters Chinese is written in. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

const isLetter = (c: number) => c >= 97 && c <= 122;

/**
 * The distinct features of a text (already in simplified Chinese): its English words of two letters or more, and its
 * Chinese characters and pairs of neighbouring characters. Written as a loop over char codes: the loader reads every
 * phrasing with it when the catalogue cache is cold, and each question once.
 */
export function featuresOf(text: string): Set<string> {
  const t = text.toLowerCase();
  const out = new Set<string>();
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < n && (isLetter(t.charCodeAt(j)) || t.charCodeAt(j) === 39)) j++;
      if (j - i >= 2) out.add(t.slice(i, j));
      i = j;
    } else {
      if (isHan(c)) {
        out.add(t[i] as string);
        if (i + 1 < n && isHan(t.charCodeAt(i + 1))) out.add(t.slice(i, i + 2));
      }
      i++;
    }
  }
  return out;
}

/**
 * The phrasings as features, ready to learn from: plain data, so the catalogue cache keeps it (src/catalog/cache.ts)
 * and start-up does not read 1,500 phrasings again. `docs[i]` lists phrasing i's features as indexes into `features`.
 */
export interface PhrasingIndex {
  intents: Intent[];
  features: string[];
  docs: number[][];
  /** Each feature's inverse document frequency, log(1 + phrasings / phrasings with it). */
  idf: number[];
  /** Each phrasing's TF-IDF vector length. */
  lengths: number[];
}

/**
 * How a phrasing's words are read, as a question's are: full-width letters folded, simplified Chinese (the rest of the
 * parser's normalise() changes numbers and signs, which the model does not read).
 */
export function phrasingReader(simplify: Simplify): (text: string) => string {
  return (text) => simplify(text.normalize('NFKC'));
}

/** The labelled phrasings by intent, as intents/phrasings.yaml lists them. */
export type PhrasingsByIntent = Partial<Record<Intent, string[]>>;

/**
 * The features that are names: the English words and Chinese character pairs of every provider, place and area the
 * catalogue names. What a question names is a slot (the scorer weighs providers and places itself); how it is phrased
 * is what the phrasings teach, so "what about Tencent?" is not read as the questions about Tencent were. Single Chinese
 * characters are kept: most are everyday words too (上, 新, 云).
 */
export function nameFeatures(catalog: Catalog, read: (text: string) => string): Set<string> {
  const names: string[] = [];
  for (const p of catalog.providers) names.push(p.name, p.id, ...p.aliases, ...p.names_zh, ...(p.misspellings ?? []));
  for (const l of catalog.locations) names.push(l.name, l.slug, ...l.aliases, ...l.names_zh, ...(l.misspellings ?? []));
  for (const a of catalog.areas) names.push(a.name, ...a.aliases, ...a.names_zh);
  const out = new Set<string>();
  for (const n of names)
    for (const f of featuresOf(read(n))) if (!(f.length === 1 && isHan(f.charCodeAt(0)))) out.add(f);
  return out;
}

/**
 * Each phrasing read by `read` (the parser's reading of a question's words: simplified Chinese, folded letters), less
 * the features in `ignored` (nameFeatures): a question's features the index does not have count for nothing.
 */
export function indexPhrasings(
  byIntent: PhrasingsByIntent,
  read: (text: string) => string,
  ignored: Set<string> = new Set(),
): PhrasingIndex {
  const ids = new Map<string, number>();
  const intents: Intent[] = [];
  const docs: number[][] = [];
  for (const [intent, texts] of Object.entries(byIntent) as [Intent, string[]][])
    for (const text of texts) {
      const doc: number[] = [];
      for (const f of featuresOf(read(text))) {
        if (ignored.has(f)) continue;
        let id = ids.get(f);
        if (id === undefined) {
          id = ids.size;
          ids.set(f, id);
        }
        doc.push(id);
      }
      intents.push(intent);
      docs.push(doc);
    }
  const df = new Array<number>(ids.size).fill(0);
  for (const doc of docs) for (const id of doc) df[id] = (df[id] ?? 0) + 1;
  const idf = df.map((n) => (n ? Math.log(1 + docs.length / n) : 0));
  const lengths = docs.map((doc) => Math.sqrt(doc.reduce((sum, id) => sum + (idf[id] ?? 0) ** 2, 0)) || 1);
  return { intents, features: [...ids.keys()], docs, idf, lengths };
}

export class IntentModel {
  private constructor(
    private readonly intents: Intent[],
    /** Each phrasing's features, as ids into `idf`. */
    private readonly docs: number[][],
    /** Each phrasing's TF-IDF vector length. */
    private readonly lengths: number[],
    private readonly ids: Map<string, number>,
    private readonly idf: number[],
    private readonly how: Neighbourhood,
  ) {}

  /** A model of the indexed phrasings (their frequencies and lengths are read with them: indexPhrasings). */
  static of(index: PhrasingIndex, how: Neighbourhood): IntentModel {
    const ids = new Map(index.features.map((f, i) => [f, i]));
    return new IntentModel(index.intents, index.docs, index.lengths, ids, index.idf, how);
  }

  /**
   * How likely each intent is for `text` (already read as the parser reads a question): the share of the nearest
   * phrasings' votes; empty when it has fewer than `min_features` features the phrasings know (a fragment such as
   * "what about Tencent?" is a follow-up or a cue's to read, not a phrasing's).
   */
  likelihoods(text: string): Map<Intent, number> {
    // The question's TF-IDF weight per known feature id (unit length).
    const weights = new Map<number, number>();
    let sum = 0;
    for (const f of featuresOf(text)) {
      const id = this.ids.get(f);
      if (id === undefined) continue;
      const w = this.idf[id] ?? 0;
      weights.set(id, w);
      sum += w * w;
    }
    const votes = new Map<Intent, number>();
    if (!weights.size || weights.size < this.how.min_features) return votes;
    const length = Math.sqrt(sum) || 1;
    const nearest: { doc: number; likeness: number }[] = [];
    this.docs.forEach((doc, i) => {
      let dot = 0;
      for (const id of doc) {
        const q = weights.get(id);
        if (q !== undefined) dot += q * (this.idf[id] ?? 0);
      }
      if (dot > 0) nearest.push({ doc: i, likeness: dot / (length * (this.lengths[i] ?? 1)) });
    });
    nearest.sort((a, b) => b.likeness - a.likeness || a.doc - b.doc);
    let total = 0;
    for (const { doc, likeness } of nearest.slice(0, this.how.neighbours)) {
      const intent = this.intents[doc];
      if (!intent) continue;
      const v = likeness ** this.how.sharpness;
      votes.set(intent, (votes.get(intent) ?? 0) + v);
      total += v;
    }
    if (total > 0) for (const [k, v] of votes) votes.set(k, v / total);
    return votes;
  }
}
