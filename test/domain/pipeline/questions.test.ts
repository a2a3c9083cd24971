/** Vendor questions that fit: chosen for the provider, workload and what is unknown; each once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { questionKey } from '../../../src/domain/pipeline/questions.js';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const all = (q: string) => {
  const { answer } = engine.ask(q, TODAY);
  return { answer, items: answer.questions.flatMap((s) => s.items) };
};

describe('vendor questions', () => {
  it.each([
    '2x A10 inference in Hangzhou or Singapore for 3 months',
    'what should we ask Alibaba before renewing the GPU contract?',
    '2x T4 inference on AWS in Hong Kong or Singapore for 6 months, in dollars',
    'where should our Tmall customer-service model run?',
    '阿里云 续约前应该问哪些问题？GPU 合同',
  ])('%s: no question is asked twice, in any section', (q) => {
    const { answer, items } = all(q);
    const keys = items.map((i) => questionKey(i.text));
    expect(new Set(keys).size).toBe(keys.length);
    // Nor does a vendor question repeat what a gap already asks.
    const gapAsks = answer.options.flatMap((o) => o.gaps.map((g) => questionKey(g.question)));
    for (const k of keys) expect(gapAsks.some((g) => k.endsWith(g) && answer.kind !== 'questions')).toBe(false);
  });

  it("asks Alibaba the seed documents' procurement checklist before a GPU renewal", () => {
    const { items } = all('what should we ask Alibaba before renewing the GPU contract?');
    const text = items.map((i) => i.text).join('\n');
    expect(text).toMatch(/quota/);
    expect(text).toMatch(/support tier/);
    expect(text).toMatch(/\+5% to \+34%/);
    expect(text).toMatch(/Model Studio \(Qwen\) endpoints/);
    expect(text).toMatch(/jurisdiction/);
    expect(text).toMatch(/failover/);
    expect(text).toMatch(/AI demand spikes/);
  });

  it('renewal questions for Alibaba mention the 5–34% AI price adjustment even without a GPU', () => {
    const { items } = all('what should we negotiate with Alibaba at renewal?');
    expect(items.map((i) => i.text).join('\n')).toMatch(/\+5% to \+34%/);
  });

  it('the November 2023 outage comes up only for production on Alibaba', () => {
    expect(
      all('2x A10 inference in Hangzhou for 3 months')
        .items.map((i) => i.text)
        .join(' '),
    ).not.toMatch(/November 2023/);
    expect(
      all('production web service on Alibaba in Hangzhou, 8 vCPU 32GB')
        .items.map((i) => i.text)
        .join(' '),
    ).toMatch(/November 2023/);
  });

  it('one question per provider, its regions joined', () => {
    const { items } = all('2x T4 inference on AWS in Hong Kong or Singapore for 6 months, in dollars');
    const gpu = items.filter((i) => i.ruleId === 'q-gpu-availability');
    expect(gpu).toHaveLength(1);
    expect(gpu[0]?.text).toMatch(/ap-southeast-1 and ap-east-1|ap-east-1 and ap-southeast-1/);
  });

  it('Chinese questions get Chinese vendor questions', () => {
    const { answer, items } = all('阿里云杭州 2张A10 推理 3个月 续费要问什么');
    expect(answer.lang).toBe('zh');
    for (const i of items) expect(i.text).toMatch(/[\u4e00-\u9fff]/);
  });
});
