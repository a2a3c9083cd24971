/**
 * The literal gate (src/domain/parse/literal-gate.ts) skips a cue only when the cue cannot match: for every intent cue
 * and lexicon pattern, on every question of the parser's open sets and on texts built to trip case folding, the gated
 * test answers exactly as the pattern itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadProject } from '../../src/catalog/load.js';
import { fold, GatedPattern, needOf } from '../../src/domain/parse/literal-gate.js';
import { Parser } from '../../src/domain/parse/parser.js';
import { defaultRoot } from '../../src/root.js';

const root = defaultRoot();
const project = loadProject(root);

/** Every pattern string in the intents and the lexicon. */
function patterns(): string[] {
  const out = project.intents.flatMap((i) => i.cues.map((c) => c.pattern));
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string' && /pattern|^$/.test(key)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  const lx = project.lexicon as unknown as Record<string, unknown>;
  for (const k of ['workload_kinds', 'billing', 'currency', 'commerce_platforms', 'fact_topics', 'provider_products'])
    walk(lx[k], 'patterns');
  for (const k of ['yearly_terms', 'personal_data', 'renewal', 'quote_cues', 'corrections']) walk(lx[k], '');
  walk(lx.production, '');
  walk(lx.budget_cues, '');
  return [...new Set(out)];
}

function texts(): string[] {
  const dir = join(root, 'test/parse');
  const out: string[] = [];
  for (const f of ['utterances.yaml', 'holdout.yaml'])
    for (const c of (parseYaml(readFileSync(join(dir, f), 'utf8')) ?? []) as { text?: string }[])
      if (c?.text) out.push(c.text);
  for (const d of readdirSync(dir).filter((x) => x.startsWith('heldout')))
    try {
      for (const q of JSON.parse(readFileSync(join(dir, d, 'questions.json'), 'utf8')) as { text: string }[])
        out.push(q.text);
    } catch {}
  // Characters that fold to ASCII letters under `iu` ("ſ" → s, the Kelvin sign → k), upper case, full width.
  out.push('WHICH ONE IS CHEAPEST?', 'ſpot price for A10', 'how much for 4 \u212Aubernetes nodes', 'ＩＣＰ 备案');
  return out.map((t) => t.normalize('NFKC')).concat(out);
}

describe('literal gate', () => {
  const all = patterns();
  const corpus = texts();

  it('reads a needed literal from most patterns', () => {
    const gated = all.filter((p) => needOf(p) !== null);
    expect(all.length).toBeGreaterThan(100);
    expect(gated.length / all.length).toBeGreaterThan(0.8);
  });

  it('answers as the pattern itself on every open question', () => {
    const wrong: string[] = [];
    for (const p of all) {
      const re = new RegExp(p, 'iu');
      const g = new GatedPattern(p);
      for (const t of corpus) {
        const folded = fold(t);
        if (g.test(t, folded) !== re.test(t)) wrong.push(`${p} on ${t}`);
        if (g.search(t.toLowerCase()) !== t.toLowerCase().search(re)) wrong.push(`search ${p} on ${t}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('the needs the loader keeps are what each pattern needs, and cover every pattern the parser gates', () => {
    const kept = project.cueNeeds ?? {};
    expect(Object.keys(kept).length).toBeGreaterThan(100);
    for (const [source, need] of Object.entries(kept)) expect(need, source).toEqual(needOf(source));
    const { catalog, intents, lexicon, messages, phrasings } = project;
    const parser = new Parser(catalog, intents, lexicon, messages, phrasings, kept);
    // Built from the kept needs, the parser read none of its own.
    expect(Object.keys(parser.cueNeeds).sort()).toEqual(Object.keys(kept).sort());
  });

  it('reads literals through groups, classes, escapes and quantifiers', () => {
    expect(needOf('\\bcheapest\\b|\\bbest (?:price|deal)\\b')).toEqual(['cheapest', 'best ']);
    expect(needOf('哪(?:个|家)[^？?]{0,14}(?:便宜|划算)')).toEqual(['便宜', '划算']);
    expect(needOf('^\\s*(?:is|are)\\b')).toEqual(['is', 'are']);
    expect(needOf('ab?c')).toEqual(['a']);
    expect(needOf('x+yz')).toEqual(['yz']);
    expect(needOf('\\bvs\\.?(?=\\s)')).toEqual(['vs']);
    expect(needOf('foo|.*')).toBeNull();
    expect(needOf('(?:a|b)*')).toBeNull();
    expect(needOf('(unclosed')).toBeNull();
  });
});
