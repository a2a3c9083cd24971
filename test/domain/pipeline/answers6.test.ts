/**
 * Answers a procurement lead can forward: two models priced side by side, two billing modes side by side, and egress
 * answered as egress. Figures are found in the catalogue by the test, not written in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { askEngine, TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const ask = (text: string) => askEngine(engine, text);

describe('egress answered as egress', () => {
  it.each([
    ['200 TB egress a month from OSS hangzhou', 'egress', '(storage)'],
    ['OSS 杭州 每月出网流量 200TB 多少钱', '出网流量', '（存储）'],
  ])('%s: titled as egress, not as storage', (q, word, kind) => {
    const { answer } = ask(q);
    expect(answer.title).toContain(word);
    expect(answer.title).not.toContain(kind);
  });

  it('an egress gap names where the catalogue does price the provider’s egress, with its price, source date and a warning', () => {
    const { answer } = ask('200 TB egress a month from OSS hangzhou');
    const elsewhere = engine.pipeline.index
      .pricesAnywhere('alibaba', 'egress')
      .find((p) => p.billing === 'payg' && p.unit === 'gb');
    expect(elsewhere).toBeDefined();
    const gap = answer.options.flatMap((o) => o.gaps).find((g) => g.component === 'egress');
    expect(gap?.why).toContain(String(elsewhere?.price));
    expect(gap?.why).toContain(elsewhere?.as_of);
    expect(gap?.why).toContain("not this region's price");
    // The asked place stays unpriced: a reference is never a substitute.
    expect(answer.options.flatMap((o) => o.lines).filter((l) => l.component === 'egress')).toEqual([]);
  });
});

describe('two models compared side by side', () => {
  it.each([
    ['qwen-max vs deepseek-r1 for 100M input 20M output a month', ['qwen-max', 'deepseek-r1'], 'alibaba'],
    ['qwen-plus 和 qwen-max 在百炼上 每月1亿输入2000万输出 哪个便宜', ['qwen-plus', 'qwen-max'], 'alibaba'],
  ])('%s: both priced, the cheaper named with by how much', (q, models, provider) => {
    const { answer, request } = ask(q);
    expect(request.workload.models).toEqual(models);
    expect(request.workload.model).toBe(models[0]);
    expect(answer.kind).toBe('compare');
    expect(answer.options.every((o) => o.provider === provider)).toBe(true);
    // Each model priced, each line with its source and date, and priced for its own model.
    const cheapest = new Map<string, number>();
    for (const m of models) {
      const own = answer.options.filter((o) => o.side?.model === m && o.monthly);
      expect(own.length).toBeGreaterThan(0);
      for (const o of own)
        for (const l of o.lines) {
          expect(l.label).toContain(m);
          expect(l.source).toBeTruthy();
          expect(l.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      cheapest.set(m, Math.min(...own.map((o) => o.monthly?.expected ?? 0)));
    }
    const [a, b] = models.map((m) => cheapest.get(m) as number) as [number, number];
    const winner = a <= b ? models[0] : models[1];
    const loser = a <= b ? models[1] : models[0];
    const rec = answer.recommendation;
    expect(rec?.text).toContain(winner);
    expect(rec?.text).toContain(loser);
    expect(rec?.saving?.monthly).toBeCloseTo(Math.abs(a - b), 1);
    expect(answer.title).toContain(`${models[0]} / ${models[1]}`);
  });

  it('on one provider named, both models are asked about there; the one not catalogued is a gap naming it', () => {
    const { answer, request } = ask('doubao-seed-1.6 vs deepseek-v3 on volcano engine 50M/10M');
    expect(request.workload.tokensPerMonth).toEqual({ input: 50e6, output: 10e6 });
    expect(answer.options.every((o) => o.provider === 'volcengine')).toBe(true);
    expect(answer.options.map((o) => o.side?.model).sort()).toEqual(['deepseek-v3', 'doubao-seed-1.6']);
    const deepseek = answer.options.find((o) => o.side?.model === 'deepseek-v3');
    if (deepseek?.lines.length === 0) expect(deepseek.gaps[0]?.question).toContain('deepseek-v3');
    expect(ask('doubao-seed-1.6 vs deepseek-v3 on volcano engine 50M/10M').text).toMatch(
      /deepseek-v3 on Volcano Engine cn-beijing/,
    );
  });

  it('two models with no volumes: asks for the tokens a month, naming both', () => {
    const { answer } = ask('qwen-max vs deepseek-r1');
    expect(answer.kind).toBe('followup');
    expect(answer.followup?.ask).toContain('qwen-max and deepseek-r1');
  });
});

describe('two billing modes compared side by side', () => {
  it('both priced: the cheaper mode named with by how much, and no assumption that contradicts it', () => {
    const { answer, text } = ask('g4dn.xlarge ningxia on-demand vs 1yr reserved');
    const payg = answer.options.find((o) => o.billing === 'payg');
    const sub = answer.options.find((o) => o.billing === 'subscription');
    expect(payg?.monthly && sub?.monthly).toBeTruthy();
    const saving = Math.abs((payg?.monthly?.expected ?? 0) - (sub?.monthly?.expected ?? 0));
    expect(answer.recommendation?.saving?.monthly).toBeCloseTo(saving, 1);
    expect(answer.recommendation?.text).toMatch(/subscription/);
    expect(answer.recommendation?.text).toMatch(/pay-as-you-go/);
    expect(answer.title).toContain('pay-as-you-go vs subscription');
    expect(text).not.toMatch(/Billing mode not given/);
  });

  it.each([
    [
      'ecs.g7.xlarge hangzhou on-demand vs 1yr reserved',
      /1-year subscription price of ecs\.g7\.xlarge/,
      /Billing mode not given|priced first/,
    ],
    ['杭州 ecs.g7.xlarge 按量 和 包年 对比', /包1年/, /未指定计费方式|先按量计价/],
  ])('%s: pay-as-you-go priced, the 1-year subscription a gap with its question', (q, question, contradiction) => {
    const { answer, request, text } = ask(q);
    expect(request.durationMonths).toBe(12);
    expect(answer.options.map((o) => o.billing)).toEqual(['payg', 'subscription']);
    const [payg, sub] = answer.options;
    expect(payg?.lines.length).toBeGreaterThan(0);
    // No sourced subscription price (nor discount rule) in the catalogue: said as a gap, never an invented number.
    expect(sub?.lines).toEqual([]);
    expect(sub?.gaps.some((g) => question.test(g.question) || question.test(g.why))).toBe(true);
    expect(text).not.toMatch(contradiction);
  });
});

describe('a follow-up to models or billing modes side by side', () => {
  it('naming one model prices that one, not "What should I compare?"', () => {
    const first = engine.ask('qwen-max vs deepseek-r1 100M input 20M output', TODAY);
    const { answer } = engine.ask('what about qwen-plus', TODAY, { last: first.request });
    expect(answer.kind).not.toBe('followup');
    expect(answer.options.length).toBeGreaterThan(0);
    expect(answer.options.every((o) => !o.side && o.lines.every((l) => l.label.includes('qwen-plus')))).toBe(true);
  });

  it('naming one billing mode prices that mode only', () => {
    const first = engine.ask('ecs.g7.xlarge hangzhou on-demand vs 1yr reserved', TODAY);
    const { answer } = engine.ask('what about spot', TODAY, { last: first.request });
    expect(answer.options.map((o) => o.billing)).toEqual(['spot']);
  });
});
