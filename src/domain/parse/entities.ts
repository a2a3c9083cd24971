/**
 * Finds providers, locations, areas, provider region ids and GPU models in text.
 * Exact names and aliases first (longest first, word-bounded for Latin script, substring for Chinese);
 * then fuse.js over the remaining words to catch typos ("alibba", "tencnet", "singapre"), each fuzzy hit
 * confirmed by an edit distance so that "cloud" never becomes "UCloud".
 */

import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Catalog } from '../../catalog/load.js';
import type { Simplify } from './traditional.js';

export type EntityType = 'provider' | 'location' | 'area';

export interface Term {
  term: string;
  type: EntityType;
  id: string;
  /** A catalogued misspelling: matched exactly, noted as a correction. */
  misspelt?: boolean;
}

export interface Mention {
  type: EntityType | 'region';
  id: string;
  start: number;
  end: number;
  /** For region ids: every (provider, location) the id means. */
  regions?: { provider: string; location: string }[];
  fuzzy?: boolean;
}

/** Fuse options, pinned where they are used (see the table test in test/parse/entities.test.ts). */
export const FUSE_OPTIONS: IFuseOptions<Term> = {
  keys: ['term'],
  includeScore: true,
  threshold: 0.34,
  ignoreLocation: true,
  minMatchCharLength: 2,
  isCaseSensitive: false,
  shouldSort: true,
};

/** Words never corrected into an entity name, however close they look. */
const STOPWORDS = new Set(
  'cloud clouds soul guan about after again among based before being below between billing bucket budget calls cheap cheaper compare contract costs could currently customer customers daily data different doesnt egress estimate every facts first found hours input inference instances large latency lower machine memory model models money month monthly months much other output place platform please price prices pricing quote quotes region regions renewal renewing rules serve server servers service services should single spend stay storage switch their there these thing think those three through tokens training traffic under users using where which while would years'.split(
    ' ',
  ),
);

/** Aliases that are also everyday English words: matched only when written in capitals ("US", not "us"). */
const WORDS_THAT_ARE_ALIASES = new Set(['us', 'sea', 'la', 'can', 'it', 'am', 'sin']);

const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/**
 * Text in which matching the lower-case names case-insensitively (the `iu` flags) finds exactly what matching them
 * in the lower-cased text does: ASCII, CJK, general punctuation and Latin-1 signs, none of which lower-cases to a
 * different length or folds unlike its lower case (as "ſ", "K", "İ" or "µ" do). Such text (nearly every question)
 * is matched without the case-insensitive pattern, whose compilation is a large part of a first question's cost;
 * a character outside them makes the text unsafe.
 */
const FOLD_UNSAFE =
  /[^\s\u0020-\u007e\u00a0-\u00b4\u00b6-\u00bf\u2000-\u206f\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class EntityIndex {
  private readonly terms: Term[] = [];
  private readonly regionIds = new Map<string, { provider: string; location: string }[]>();
  /** The fuzzy index, made on the first word that is looked up fuzzily (most questions have none). */
  private fuseIndex: Fuse<Term> | null = null;
  /** The names and region ids, longest first, as one pattern (lower case; see FOLD_UNSAFE). */
  private readonly exactSource: string;
  private readonly exactLower: RegExp;
  private exactAnyCase: RegExp | null = null;
  private readonly byTerm = new Map<string, Term>();
  private readonly capsOnly = new Map<string, Term>();
  private capsRe: RegExp | null = null;

  constructor(catalog: Catalog, simplify: Simplify = (t) => t) {
    const add = (term: string, type: EntityType, id: string, misspelt = false) => {
      const t = simplify(term.trim().toLowerCase());
      if (WORDS_THAT_ARE_ALIASES.has(t)) {
        if (term.trim() === term.trim().toUpperCase()) this.capsOnly.set(term.trim(), { term: t, type, id });
        return;
      }
      if (!t || this.byTerm.has(t)) return;
      const entry: Term = misspelt ? { term: t, type, id, misspelt } : { term: t, type, id };
      this.byTerm.set(t, entry);
      this.terms.push(entry);
    };
    for (const p of catalog.providers)
      for (const n of [p.name, p.id, ...p.aliases, ...p.names_zh]) add(n, 'provider', p.id);
    for (const l of catalog.locations)
      for (const n of [l.name, l.slug, ...l.aliases, ...l.names_zh]) add(n, 'location', l.slug);
    for (const p of catalog.providers) for (const n of p.misspellings ?? []) add(n, 'provider', p.id, true);
    for (const l of catalog.locations) for (const n of l.misspellings ?? []) add(n, 'location', l.slug, true);
    for (const a of catalog.areas) for (const n of [a.name, ...a.aliases, ...a.names_zh]) add(n, 'area', a.slug);
    for (const p of catalog.providers) {
      for (const r of p.regions) {
        // "bj", "hk", "sin": too short or an English word; left to location names and aliases.
        if (!/[-\d]/.test(r.id) && (r.id.length < 3 || WORDS_THAT_ARE_ALIASES.has(r.id))) continue;
        const list = this.regionIds.get(r.id.toLowerCase()) ?? [];
        list.push({ provider: p.id, location: r.location });
        this.regionIds.set(r.id.toLowerCase(), list);
      }
    }
    const alternatives = [...this.terms.map((t) => t.term), ...this.regionIds.keys()]
      .sort((a, b) => b.length - a.length)
      .map((t) => (isCjk(t) ? escapeRe(t) : `(?<![A-Za-z0-9])${escapeRe(t).replace(/ /g, '[\\s-]?')}(?![A-Za-z0-9])`));
    this.exactSource = alternatives.join('|');
    this.exactLower = new RegExp(this.exactSource, 'gu');
    if (this.capsOnly.size > 0)
      this.capsRe = new RegExp(
        `(?<![A-Za-z0-9])(?:${[...this.capsOnly.keys()].map(escapeRe).join('|')})(?![A-Za-z0-9])`,
        'gu',
      );
  }

  /**
   * The names written exactly (or as a catalogued misspelling), without overlaps, and the spans they take: the first
   * pass of `find`, and all the parser needs to tell a name from Chinese words (parser.ts, langOf).
   */
  exact(text: string): { mentions: Mention[]; taken: [number, number][] } {
    const mentions: Mention[] = [];
    const taken: [number, number][] = [];
    const lower = !FOLD_UNSAFE.test(text);
    if (!lower) this.exactAnyCase ??= new RegExp(this.exactSource, 'giu');
    const exact = lower ? text.toLowerCase().matchAll(this.exactLower) : text.matchAll(this.exactAnyCase as RegExp);
    for (const m of exact) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const key = m[0].toLowerCase().replace(/[\s-]+/g, ' ');
      const norm = m[0].toLowerCase();
      const region = this.regionIds.get(norm);
      // A region id wins over a location alias of the same spelling only when it has a dash or digit.
      if (region) {
        mentions.push({ type: 'region', id: norm, start, end, regions: region });
      } else {
        const term = this.byTerm.get(norm) ?? this.byTerm.get(key) ?? this.lookupLoose(norm);
        if (!term) continue;
        // "alibaba.com" is a marketplace, not the cloud.
        if (!(term.type === 'provider' && /^\.com\b/i.test(text.slice(end))))
          mentions.push({ type: term.type, id: term.id, start, end, ...(term.misspelt ? { fuzzy: true } : {}) });
      }
      taken.push([start, end]);
    }
    return { mentions, taken };
  }

  /** All mentions in the text, without overlaps, in order. */
  find(text: string): Mention[] {
    const { mentions, taken } = this.exact(text);
    for (const m of this.capsRe ? text.matchAll(this.capsRe) : []) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const term = this.capsOnly.get(m[0]);
      if (!term || taken.some(([s, e]) => start < e && end > s)) continue;
      mentions.push({ type: term.type, id: term.id, start, end });
      taken.push([start, end]);
    }
    // Two-word names first ("Volcano Engin", "Hong Kogn"), then single words.
    for (const re of [/[A-Za-z]{3,}\s+[A-Za-z]{3,}/g, /[A-Za-z][A-Za-z-]{4,}/g]) {
      for (const w of matchesOverlapping(text, re)) {
        const start = w.index;
        const end = start + w.text.length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        const word = w.text.toLowerCase().replace(/\s+/g, ' ');
        if (word.split(' ').some((x) => STOPWORDS.has(x) || STOPWORDS.has(x.replace(/s$/, '')))) continue;
        const hit = this.fuzzy(word);
        if (!hit) continue;
        mentions.push({ type: hit.type, id: hit.id, start, end, fuzzy: true });
        taken.push([start, end]);
      }
    }
    // "seol", "toky", "japn": a five-letter name with a letter dropped (not its first), too short for the fuzzy index.
    for (const m of text.matchAll(/(?<![A-Za-z0-9-])[A-Za-z]{4}(?![A-Za-z0-9-])/g)) {
      const start = m.index ?? 0;
      const end = start + 4;
      const word = m[0].toLowerCase();
      if (STOPWORDS.has(word) || taken.some(([s, e]) => start < e && end > s)) continue;
      const hit = this.dropped().get(word);
      if (!hit) continue;
      mentions.push({ type: hit.type, id: hit.id, start, end, fuzzy: true });
      taken.push([start, end]);
    }
    return mentions.sort((a, b) => a.start - b.start);
  }

  /** Five-letter Latin names by each of their four-letter slips with one letter dropped (not the first), made once. */
  private droppedIndex: Map<string, Term> | null = null;

  private dropped(): Map<string, Term> {
    if (this.droppedIndex) return this.droppedIndex;
    const index = new Map<string, Term | null>();
    for (const t of this.terms) {
      if (t.misspelt || !/^[a-z]{5}$/.test(t.term)) continue;
      for (let i = 1; i < 5; i++) {
        const slip = t.term.slice(0, i) + t.term.slice(i + 1);
        if (this.byTerm.has(slip)) continue;
        const seen = index.get(slip);
        // A slip two different names could have made is neither.
        index.set(slip, seen === undefined || seen?.id === t.id ? t : null);
      }
    }
    this.droppedIndex = new Map([...index].filter((e): e is [string, Term] => e[1] !== null));
    return this.droppedIndex;
  }

  /** Fuzzy look-ups remembered per word: the same words come back again and again. */
  private readonly fuzzyCache = new Map<string, Term | null>();

  private fuzzy(word: string): Term | null {
    const cached = this.fuzzyCache.get(word);
    if (cached !== undefined) return cached;
    this.fuseIndex ??= new Fuse(
      this.terms.filter((t) => !isCjk(t.term) && t.term.length >= 5),
      FUSE_OPTIONS,
    );
    const hit = this.fuseIndex.search(word, { limit: 3 }).find((r) => withinTypo(word, r.item.term))?.item ?? null;
    if (this.fuzzyCache.size > 50_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(word, hit);
    return hit;
  }

  private lookupLoose(norm: string): Term | undefined {
    const squashed = norm.replace(/[\s-]+/g, '');
    return this.terms.find((t) => t.term.replace(/[\s-]+/g, '') === squashed);
  }
}

/** Every match of a two-word pattern, including those that overlap ("a b c" → "a b", "b c"). */
function matchesOverlapping(text: string, re: RegExp): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  const g = new RegExp(re.source, 'g');
  let m = g.exec(text);
  while (m) {
    out.push({ text: m[0], index: m.index });
    const space = m[0].search(/\s/);
    g.lastIndex = space > 0 ? m.index + space + 1 : m.index + m[0].length;
    m = g.exec(text);
  }
  return out;
}

/** Damerau-Levenshtein distance small enough for a typo: 1 for short words, 2 from 8 letters. */
export function withinTypo(word: string, term: string): boolean {
  if (Math.abs(word.length - term.length) > 2) return false;
  const max = term.length >= 8 ? 2 : 1;
  return distance(word, term) <= max;
}

export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}
