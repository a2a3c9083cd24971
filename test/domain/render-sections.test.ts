/**
 * The renderer draws an answer's sections in one template call (src/render/render.ts): the sections must be what
 * each template gives on its own, for every kind of answer and target, even when the answer's text contains the
 * separator the combined call puts between sections.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/catalog/load.js';
import { Engine } from '../../src/engine.js';
import type { Section } from '../../src/render/render.js';

const engine = new Engine(loadProject());
const QUESTIONS = [
  '2x A10 inference in Hangzhou or Singapore for 3 months, Tmall customer service',
  'what should we ask Alibaba before renewing the GPU contract?',
  'production web shop for mainland users, 8 vCPU 16GB, 2 instances, 500GB egress per month',
  'what are the ICP filing rules for mainland hosting?',
  'help',
  'how much for GPUs?',
  'weekly summary',
  'compare Alibaba and AWS for 4x L20 inference in Shanghai and Singapore',
];

/** Each section drawn by its own template, as the renderer did before combining them. */
function oneByOne(answer: Parameters<Engine['render']>[0], target: 'text' | 'slack'): Section[] {
  const renderer = engine.renderer as unknown as {
    runAll: (lang: string, names: string[], view: unknown) => string[];
  };
  const original = renderer.runAll;
  renderer.runAll = function (this: { run: (l: string, n: string, v: unknown) => string }, lang, names, view) {
    return names.map((n) => this.run(lang, n, view));
  };
  try {
    return engine.render(answer, target);
  } finally {
    renderer.runAll = original;
  }
}

describe('sections drawn in one template call', () => {
  it('are the sections each template draws on its own', () => {
    for (const q of QUESTIONS) {
      for (const lang of ['en', 'zh'] as const) {
        const { answer } = engine.ask(q, '2026-11-23', { lang });
        for (const target of ['text', 'slack'] as const)
          expect(engine.render(answer, target)).toEqual(oneByOne(answer, target));
      }
    }
  });

  it('stay right when the answer contains the separator', () => {
    const { answer } = engine.ask(QUESTIONS[0] as string, '2026-11-23');
    const separator = (engine.renderer as unknown as { separator: string }).separator;
    answer.notes.push(`a note with ${separator} in it`);
    answer.title += separator;
    const sections = engine.render(answer, 'text');
    expect(sections).toEqual(oneByOne(answer, 'text'));
    expect(sections.find((s) => s.name === 'notes')?.text).toContain(separator);
  });
});
