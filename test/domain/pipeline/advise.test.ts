/** Recommendations only on a stated basis; every named place and provider shown; no internal score in any text. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const QUESTIONS = [
  '2x A10 inference in Hangzhou or Singapore for 3 months',
  '2x A10 inference in Hangzhou or Singapore for 3 months, Tmall customer service',
  '2x T4 inference on AWS in Hong Kong or Singapore for 6 months, in dollars',
  'compare Alibaba and Tencent for 8x H800 training in Shanghai',
  'where should our Tmall customer-service model run?',
  'Tencent vs Huawei 16 vCPU 64GB web server in Guangzhou, Singapore users',
  '阿里云杭州 16核64G 包年包月 一年多少钱？',
  '2张A10 推理 杭州还是新加坡 3个月',
];

describe('advise', () => {
  it.each(QUESTIONS)('%s: a recommendation states its basis, or says there is none', (q) => {
    const { answer } = engine.ask(q, TODAY);
    if (answer.kind === 'followup') return;
    const rec = answer.recommendation;
    if (rec) {
      expect(['price', 'fact', 'price-and-fact']).toContain(rec.basis);
      if (rec.basis !== 'fact') expect(rec.saving).not.toBeNull();
      if (rec.basis !== 'price') expect(rec.cites.length).toBeGreaterThan(0);
    } else if (answer.options.length > 1 && answer.kind !== 'questions') {
      expect(answer.noRecommendation?.text).toBeTruthy();
    }
  });

  it.each(QUESTIONS)('%s: every place and provider named is shown', (q) => {
    const { request, answer } = engine.ask(q, TODAY);
    if (answer.options.length === 0) return;
    for (const p of request.providers)
      if (answer.options.length + answer.moreOptions > 0 && engine.pipeline.index.providers.get(p))
        expect(answer.options.some((o) => o.provider === p) || !answer.notes.length).toBe(true);
    for (const l of request.locations)
      expect(
        answer.options.some((o) => o.location === l || engine.pipeline.ctx.locationBySlug.get(o.location)?.area === l),
      ).toBe(true);
  });

  it.each(QUESTIONS)('%s: no internal score in the text', (q) => {
    const { answer } = engine.ask(q, TODAY);
    expect(engine.text(answer)).not.toMatch(/score/i);
  });

  it('prices decide only when the options are priced alike, and say by how much', () => {
    const { answer } = engine.ask('2x T4 inference on AWS in Hong Kong or Singapore for 6 months, in dollars', TODAY);
    expect(answer.recommendation?.basis).toBe('price');
    expect(answer.recommendation?.text).toMatch(/USD [\d,.]+ \([\d.]+%\) a month less than AWS Hong Kong/);
    expect(answer.options[0]?.monthly?.expected).toBeLessThan(answer.options[1]?.monthly?.expected ?? 0);
  });

  it('nothing priced and no deciding fact: no recommendation, what differs instead', () => {
    const { answer } = engine.ask('2x A10 inference on Huawei Cloud in Shanghai or Singapore for 3 months', TODAY);
    expect(answer.recommendation).toBeNull();
    expect(answer.noRecommendation?.differences.map((d) => d.label)).toContain('Jurisdiction');
    expect(answer.options[0]?.location).toBe('shanghai');
  });

  it('the places named are priced alike on one provider: recommend on price and name what was not compared', () => {
    const { answer } = engine.ask('2x A10 inference in Hangzhou or Singapore for 3 months', TODAY);
    expect(answer.recommendation?.basis).toBe('price');
    expect(answer.options[0]?.location).toBe('hangzhou');
    expect(answer.recommendation?.text).toMatch(/a month less than Alibaba Cloud Singapore/);
    expect(answer.recommendation?.text).toMatch(/Not compared, because the catalogue cannot price them: Tencent Cloud/);
  });

  it('mainland users and personal data: the fact decides, and is said', () => {
    const { answer } = engine.ask(
      '2x A10 inference in Hangzhou or Singapore for 3 months, Tmall customer service',
      TODAY,
    );
    expect(answer.recommendation?.basis).toMatch(/fact/);
    expect(answer.recommendation?.text).toMatch(/standard contract/);
    expect(answer.options[0]?.jurisdiction).toBe('mainland');
  });

  it('reasons under a provider are about that provider', () => {
    const { answer } = engine.ask(
      '2x A10 inference in Hangzhou or Singapore for 3 months, Tmall customer service',
      TODAY,
    );
    for (const o of answer.options.filter((x) => x.provider !== 'alibaba'))
      for (const r of [...o.reasons, ...o.flags])
        expect(r.text).not.toMatch(/Alibaba's international site|Alibaba raised|Alibaba had|Model Studio/);
  });
});
