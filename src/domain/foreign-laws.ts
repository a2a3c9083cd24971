/**
 * Another country's data-protection law named in a question ("PDPL in saudi", "GDPR", "印尼 PDP"), from the lexicon
 * (intents/lexicon.yaml `foreign_data_laws`): the answer keeps to what the catalogue has on that law, and China's
 * data-export rules stay out unless the question says the data is in or leaves mainland China (`china_law_context`).
 */
import type { Fact } from '../catalog/schema.js';
import type { Lexicon } from '../intents/schema.js';
import type { Lang } from './request.js';

export interface ForeignLaw {
  id: string;
  name: string;
  name_zh: string;
}

interface Compiled {
  laws: (ForeignLaw & { res: RegExp[] })[];
  china: RegExp[];
}

/** Compiled once per lexicon (the patterns are few; a question tests them only on the facts path). */
const compiled = new WeakMap<Lexicon, Compiled>();

function compile(lexicon: Lexicon): Compiled {
  let c = compiled.get(lexicon);
  if (!c) {
    c = {
      laws: lexicon.foreign_data_laws.map((l) => ({ ...l, res: l.patterns.map((p) => new RegExp(p, 'iu')) })),
      china: lexicon.china_law_context.map((p) => new RegExp(p, 'iu')),
    };
    compiled.set(lexicon, c);
  }
  return c;
}

export interface ForeignLawReading {
  /** The law named (the first lexicon entry that matches); null when none is. */
  law: ForeignLaw | null;
  /** The question also says the data is in or leaves mainland China: China's rules apply too. */
  china: boolean;
}

export function readForeignLaw(lexicon: Lexicon, text: string): ForeignLawReading {
  const c = compile(lexicon);
  const law = c.laws.find((l) => l.res.some((r) => r.test(text)));
  if (!law) return { law: null, china: false };
  return { law: { id: law.id, name: law.name, name_zh: law.name_zh }, china: c.china.some((r) => r.test(text)) };
}

/** The law's name in the answer's language. */
export function lawName(law: ForeignLaw, lang: Lang): string {
  return lang === 'zh' ? law.name_zh : law.name;
}

/** Facts on the law: those tagged with its id. */
export function factsOnLaw(facts: readonly Fact[], law: ForeignLaw): Fact[] {
  return facts.filter((f) => f.tags.includes(law.id));
}

/** A law of the lexicon by its id (the Request carries the id: `signals.foreignDataLaw`). */
export function lawById(lexicon: Lexicon, id: string): ForeignLaw | null {
  const l = lexicon.foreign_data_laws.find((x) => x.id === id);
  return l ? { id: l.id, name: l.name, name_zh: l.name_zh } : null;
}
