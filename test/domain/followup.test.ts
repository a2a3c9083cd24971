/**
 * Follow-ups after an answer: a short text changes one slot of the last request; a full question starts afresh.
 * Driven through the real parser and lexicon (intents/lexicon.yaml `followup`).
 */
import { describe, expect, it } from 'vitest';
import { applyFollowup, followupRules } from '../../src/domain/followup.js';
import type { Request } from '../../src/domain/request.js';
import { loadEngine } from '../../src/engine.js';

const engine = await loadEngine();
const rules = followupRules(engine.data.lexicon);
const parse = (text: string) => engine.domain.parse(text);
const follow = (last: Request, text: string) => {
  const reply = parse(text);
  return applyFollowup(last, reply, text, rules, engine.pipeline.say(reply.request.lang));
};

const huawei = parse('华为云上海 8核32G 一年 包年').request;
const a10 = parse('2x A10 inference in Hangzhou for 3 months').request;
const g4dn = parse('g4dn.xlarge in ap-east-1, spot').request;

describe('a short follow-up changes one slot of the last request', () => {
  it.each([
    ['换成腾讯云呢？', { providers: ['tencent'] }],
    ['what about Tencent?', { providers: ['tencent'] }],
    ['what about on Tencent?', { providers: ['tencent'] }],
    ['and in Singapore?', { locations: ['singapore'] }],
    ['那新加坡呢？', { locations: ['singapore'] }],
    ['Singapore?', { locations: ['singapore'] }],
    ['make it 3 years', { durationMonths: 36 }],
    ['用按量付费呢', { billing: 'payg' }],
    ['make it spot', { billing: 'spot' }],
    ['in dollars', { currency: 'USD' }],
  ])('%s', (text, changed) => {
    const f = follow(huawei, text);
    expect(f).not.toBeNull();
    const expected = { ...huawei, ...changed, lang: f?.request.lang };
    expect(f?.request).toEqual(expected);
    // The note is in the reply's language: "Follow-up to the last question: …" / "接上一个问题：…".
    expect(f?.notes[0]).toMatch(
      /[\u3400-\u9fff]/.test(text) ? /^接上一个问题：已更改/ : /^Follow-up to the last question/,
    );
  });

  it('keeps the GPU count when only the model changes ("what about L20?")', () => {
    const f = follow(a10, 'what about L20?');
    expect(f?.request.workload.gpu).toEqual({ model: 'L20', count: 2 });
    expect(f?.notes.join(' ')).not.toMatch(/1 GPU assumed/);
    expect(follow(a10, 'what about 4x L20?')?.request.workload.gpu).toEqual({ model: 'L20', count: 4 });
  });

  it('changes the GPU count alone ("改成 4 张卡", "make it 8 GPUs")', () => {
    expect(follow(a10, '改成 4 张卡')?.request.workload.gpu).toEqual({ model: 'A10', count: 4 });
    expect(follow(a10, 'make it 8 GPUs')?.request.workload.gpu).toEqual({ model: 'A10', count: 8 });
  });

  it('keeps a longer term when 包年 is said after it, and makes a shorter one a year', () => {
    const three = follow(huawei, 'make it 3 years')?.request as Request;
    expect(follow(three, '用包年呢')?.request.durationMonths).toBe(36);
    expect(follow(a10, '改成包年')?.request).toMatchObject({ billing: 'subscription', durationMonths: 12 });
  });

  it("a comparison with sides compares afresh when a side's slot changes", () => {
    const sides = parse('1x L20 in Hangzhou vs 1x L4 on AWS Singapore').request;
    expect(sides.sides).toHaveLength(2);
    expect(follow(sides, 'what about Tencent?')?.request.sides).toBeNull();
    expect(follow(sides, 'make it spot')?.request.sides).toHaveLength(2);
  });

  it('adds rather than replaces with "too" / "加上"', () => {
    const two = parse('8 vCPU 32GB on Alibaba in Hangzhou').request;
    expect(follow(two, 'and Tencent too?')?.request.providers).toEqual(['alibaba', 'tencent']);
    expect(follow(two, '加上腾讯云呢')?.request.providers).toEqual(['alibaba', 'tencent']);
  });

  it('drops an instance type that the new provider does not sell, keeping its size', () => {
    const f = follow(g4dn, 'what about Alibaba?');
    expect(f?.request.providers).toEqual(['alibaba']);
    expect(f?.request.workload.instanceType).toBeNull();
    expect(f?.request.workload.vcpu).toBe(g4dn.workload.vcpu);
    expect(f?.request.billing).toBe('spot');
    expect(f?.notes.join(' ')).toMatch(/g4dn\.xlarge is not sold/);
  });

  it('changes the provider of a vendor-questions request, keeping the intent', () => {
    const q = parse('what should we ask Alibaba before renewing the GPU contract?').request;
    const f = follow(q, 'what about Tencent?');
    expect(f?.request.intent).toBe('questions');
    expect(f?.request.providers).toEqual(['tencent']);
    expect(f?.request.signals.renewal).toBe(true);
  });
});

describe('a new question starts afresh', () => {
  it.each([
    'how much is 4c8g on Alibaba in Hangzhou?',
    '腾讯云 广州 16核64G 多少钱',
    'What are the ICP filing rules for mainland hosting?',
    'thanks!',
    '腾讯云广州 8核32G 多少钱呢？',
    'and how much is 16 vCPU 64GB on Tencent in Guangzhou for 2 years?',
    'what should we ask Tencent before renewing our H800 contract and what discounts are usual for three years?',
  ])('%s', (text) => {
    expect(follow(huawei, text)).toBeNull();
  });

  it('through the engine: a full question inherits neither billing nor duration', () => {
    const last = engine.ask('华为云上海 8核32G 一年 包年', '2026-11-23').request;
    const next = engine.ask('how much is 4c8g on Alibaba in Hangzhou?', '2026-11-23', { last });
    expect(next.followup).toBeUndefined();
    expect(next.request.billing).toBeNull();
    expect(next.request.durationMonths).toBeNull();
    const changed = engine.ask('换成腾讯云呢？', '2026-11-23', { last });
    expect(changed.followup).toEqual(['providers']);
    expect(changed.request).toMatchObject({ providers: ['tencent'], billing: 'subscription', durationMonths: 12 });
  });
});
