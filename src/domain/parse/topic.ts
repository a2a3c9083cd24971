/** The words of a facts or questions query, for searching the facts (intents/lexicon.yaml `fact_topics`). */
import type { CompiledLexicon } from './lexicon.js';
import { fold } from './literal-gate.js';

/** The search words of each facts topic the question names ("SLA", "ICP", "数据出境", "涨价"…). */
export function factTopics(low: string, lx: CompiledLexicon): string[] {
  const folded = fold(low);
  return lx.factTopics.filter((t) => t.res.some((r) => r.test(low, folded))).map((t) => t.search);
}

/** The question as a search: the topics' words not already in it, then the question itself. */
export function topicOf(raw: string, search: string[]): string | null {
  const t = raw
    .normalize('NFKC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const said = t.toLowerCase();
  const words = [...new Set(search.join(' ').split(' '))].filter((x) => x && !said.includes(x)).join(' ');
  const both = words ? `${words}: ${t}` : t;
  return both.length ? both.slice(0, 300) : null;
}
