/**
 * Another country's data-protection law named in a question ("PDPL in saudi", "GDPR", "印尼 PDP"), from the lexicon
 * (intents/lexicon.yaml `foreign_data_laws`; read by read-signals.ts into `signals.foreignDataLaw`): the answer keeps to
 * what the catalogue has on that law, and China's data-export rules stay out unless the question says the data is in
 * or leaves mainland China (`china_law_context`).
 */
import type { Fact } from '../catalog/schema.js';
import type { Lexicon } from '../intents/schema.js';
import type { Lang } from './request.js';

export interface ForeignLaw {
  id: string;
  name: string;
  name_zh: string;
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
