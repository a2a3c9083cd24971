/**
 * What every golden question's answer must hold, in both languages: a recommendation only with a stated basis;
 * every place and provider named shown; no internal score in any text; no vendor question asked twice — and the same
 * for the 40 review questions.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { plan } from '../../../src/domain/pipeline/plan.js';
import { questionKey } from '../../../src/domain/pipeline/questions.js';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden');
// The golden questions, and the 40 review questions written the way people type them (test/review/questions.yaml).
const REVIEW = join(import.meta.dirname, '..', '..', 'review', 'questions.yaml');
const questions = [
  ...readdirSync(GOLDEN, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(GOLDEN, d.name, 'question.txt')))
    .map((d) => readFileSync(join(GOLDEN, d.name, 'question.txt'), 'utf8').trim()),
  ...(parse(readFileSync(REVIEW, 'utf8')) as { text: string }[]).map((q) => q.text),
];

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe.each(questions)('%s', (q) => {
  it('recommends only on a stated basis, or says why not', () => {
    const { answer } = engine.ask(q, TODAY);
    if (answer.recommendation) {
      expect(answer.recommendation.basis).toMatch(/^(price|fact|price-and-fact)$/);
      expect(answer.recommendation.text.length).toBeGreaterThan(20);
    } else if (answer.options.length > 1 && answer.kind !== 'questions')
      expect(answer.noRecommendation?.text).toBeTruthy();
  });

  it('shows every place and provider named', () => {
    const { request, answer } = engine.ask(q, TODAY);
    if (answer.options.length === 0) return;
    const candidates = plan(engine.pipeline.ctx, request).candidates;
    const area = (slug: string) => engine.pipeline.ctx.locationBySlug.get(slug)?.area;
    for (const p of request.providers)
      if (candidates.some((c) => c.provider.id === p)) expect(answer.options.some((o) => o.provider === p)).toBe(true);
    for (const l of request.locations)
      if (candidates.some((c) => c.place.location === l || c.place.area === l))
        expect(answer.options.some((o) => o.location === l || area(o.location) === l)).toBe(true);
  });

  it('has no internal score in any text', () => {
    const { answer } = engine.ask(q, TODAY);
    expect(engine.text(answer)).not.toMatch(/\bscore\b/i);
    expect(JSON.stringify(answer.recommendation ?? '')).not.toMatch(/score/i);
  });

  it('asks no vendor question twice', () => {
    const { answer } = engine.ask(q, TODAY);
    const keys = answer.questions.flatMap((s) => s.items.map((i) => questionKey(i.text)));
    expect(new Set(keys).size).toBe(keys.length);
    const top = answer.topQuestions.map((i) => questionKey(i.text));
    expect(new Set(top).size).toBe(top.length);
  });

  it('asks a vendor no gap question twice', () => {
    for (const o of engine.ask(q, TODAY).answer.options) {
      const asks = o.gaps.map((g) => g.question);
      expect(new Set(asks).size).toBe(asks.length);
    }
  });

  it('answers a Chinese question in Chinese', () => {
    const { request, answer } = engine.ask(q, TODAY);
    if (request.lang !== 'zh') return;
    expect(answer.lang).toBe('zh');
    if (answer.title) expect(answer.title).toMatch(/[\u4e00-\u9fff]/);
    for (const s of [...answer.assumptions, answer.recommendation?.text ?? '', answer.noRecommendation?.text ?? ''])
      if (s) expect(s).toMatch(/[\u4e00-\u9fff]/);
  });
});
