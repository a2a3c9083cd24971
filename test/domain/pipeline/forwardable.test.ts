/**
 * Faults a procurement lead reading the answer would notice (test/review/REVIEW.md), pinned on questions written the
 * way people type them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const ask = (text: string) => {
  const { answer } = engine.ask(text, TODAY);
  return { answer, text: engine.text(answer) };
};

describe('answers a lead would forward', () => {
  it("DeepSeek-V3 tokens on Alibaba's Model Studio (China) are priced, each line with its source, date and caveat", () => {
    const { answer, text } = ask('deepseek-v3 on alibaba bailian, 30M input 10M output tokens a month, how much?');
    const lines = answer.options.find((o) => o.provider === 'alibaba')?.lines ?? [];
    expect(lines.map((l) => l.label).join(' ')).toMatch(/deepseek-v3 input.*deepseek-v3 output/);
    for (const l of lines) {
      expect(l.source).toMatch(
        /^https:\/\/github\.com\/anomalyco\/models\.dev\/blob\/[0-9a-f]{40}\/.*deepseek-v3\.toml$/,
      );
      expect(l.asOf).toBe('2026-06-27');
    }
    expect(text).toMatch(/converted from the CNY list price at a rate the file does not give/);
  });

  it('a 4 vCPU 16 GB size is never priced on a machine many times larger', () => {
    const { answer } = ask(
      'should the Jakarta storefront run on Alibaba Jakarta or AWS Singapore? 3x 4 vCPU 16GB, 1TB egress a month',
    );
    for (const o of answer.options)
      for (const l of o.lines.filter((x) => x.component === 'compute')) {
        const vcpu = Number(/(\d+) vCPU/.exec(l.label)?.[1]);
        expect(vcpu).toBeLessThanOrEqual(20);
      }
  });

  it('the vendor question that would close two gaps is asked once', () => {
    const { text } = ask(
      'deepseek-v3 API on Alibaba Bailian vs Volcano Engine vs Baidu, 200M input 50M output tokens/month',
    );
    const asks = [...text.matchAll(/Ask: “([^”]+)”/g)].map((m) => m[1]);
    expect(asks.length).toBeGreaterThan(0);
    expect(new Set(asks).size).toBe(asks.length);
  });

  it('one month is "1 month", and six weeks is not "1.38 months"', () => {
    expect(ask('Volcano Engine vs Alibaba for 8x A800 training, 1 month, Beijing').text).not.toMatch(/\b1 months\b/);
    expect(
      ask('we need 8x H20 for fine-tuning for 6 weeks - Alibaba Ulanqab or Tencent Shanghai, which is cheaper?').text,
    ).not.toMatch(/1\.38/);
  });

  it('every provider named gets vendor questions, even when another ranks first twice', () => {
    const { answer } = ask(
      'we need 8x H20 for fine-tuning for 6 weeks - Alibaba Ulanqab or Tencent Shanghai, which is cheaper?',
    );
    expect(answer.topQuestions.some((q) => q.text.startsWith('Tencent Cloud:'))).toBe(true);
  });

  it('a price comparison carries no market-share reason', () => {
    for (const q of [
      'Volcano Engine vs Alibaba for 8x A800 training, 1 month, Beijing',
      '火山引擎和阿里云，北京 8卡A800 训练一个月，哪个便宜？',
    ])
      expect(ask(q).text).not.toMatch(/china-cloud-share|Omdia/);
  });

  it('a spot range shows its basis in the line: the pay-as-you-go price times the stated range', () => {
    const { text } = ask('Tencent spot 16 vCPU 32GB in Guangzhou for batch, 8 hours a day');
    expect(text).toMatch(/per instance-hour \(pay-as-you-go\) × 3%–20% = USD [\d.]+ \([\d.]+–[\d.]+\)/);
    expect(ask('腾讯云广州 抢占式 16核32G 跑批处理 每天8小时').text).toMatch(/（按量付费价）× 3%–20%/);
  });

  it("a Chinese question that names no currency is answered in CNY, an English one in the prices' own", () => {
    const zh = ask('阿里云上海 4张L20 按量 两个月 大概多少钱');
    expect(zh.answer.currency).toBe('CNY');
    expect(zh.text).toMatch(/按月计（CNY）/);
    const en = ask('how much for 4x L20 in Shanghai on Alibaba, pay as you go, 2 months?').answer;
    expect(en.currency).toBe(en.options[0]?.lines[0]?.currency);
    expect(ask('阿里云上海 4张L20 按量 两个月 美元').answer.currency).toBe('USD');
  });

  it('a reason said under every option is said once, above them', () => {
    const { text } = ask(
      'should the Jakarta storefront run on Alibaba Jakarta or AWS Singapore? 3x 4 vCPU 16GB, 1TB egress a month',
    );
    expect(text.match(/No ICP filing is needed outside the mainland/g)?.length).toBe(1);
    expect(text).toMatch(/Common to every option below/);
  });

  it('the no-recommendation sentence names four options at most', () => {
    const { answer } = ask('cheapest place to run 2x L4 inference for our Shopee chatbot, users in SEA');
    const text = answer.noRecommendation?.text ?? '';
    expect(text).toMatch(/and \d+ more/);
    expect(text.match(/\(/g)?.length ?? 0).toBeLessThanOrEqual(4);
  });

  it('says what the price cannot show: capacity for GPUs, ICP filing for mainland public services, data export', () => {
    const { text } = ask('2x A10 inference in Hangzhou or Singapore for 3 months');
    expect(text).toMatch(/What the price cannot show/);
    expect(text).toMatch(/\*Capacity:\* a price is not availability/);
    expect(text).toMatch(/\*ICP filing:\* serving the public from cn-hangzhou/);
    const tmall = ask('2x A10 inference in Hangzhou or Singapore for 3 months, Tmall customer service');
    expect(tmall.text).toMatch(/\*Data export:\*.*ap-southeast-1|avoids a cross-border export/);
    expect(tmall.answer.facts.map((f) => f.id)).toContain('pipl-export-mechanisms');
    // Capacity said once: when the top questions ask every provider shown for the quota, no capacity line repeats it.
    const l20 = ask('阿里云上海 4张L20 按量 两个月 大概多少钱').text;
    expect(l20).toMatch(/4 张 L20的配额能否/);
    expect(l20).not.toMatch(/资源供应/);
    // Nothing to say for storage priced in one place.
    expect(ask('cost of 20TB OSS in Hangzhou + 5TB egress/month').text).not.toMatch(/What the price cannot show/);
  });

  it('questions before signing with a provider other than Alibaba cover the same checklist', () => {
    const { answer } = ask('what should I ask Huawei before we sign the 3-year Ascend 910B deal?');
    const groups = new Set(answer.questions.map((s) => s.group));
    for (const g of ['capacity-quota', 'pricing-renewal', 'data-compliance', 'reliability-failover', 'support'])
      expect(groups).toContain(g);
    expect(
      answer.questions
        .flatMap((s) => s.items)
        .map((q) => q.text)
        .join(' '),
    ).toMatch(/Which Huawei Cloud entity/);
  });

  it('a named type not priced in the asked region gives a reference price from a region where it is', () => {
    const { text } = ask("ecs.g8i.4xlarge in cn-shanghai, 1 year subscription - what's the price?");
    expect(text).toMatch(
      /for reference: CNY [\d.]+ per instance-hour pay-as-you-go in [a-z0-9-]+, as of \d{4}-\d\d-\d\d/,
    );
  });
});
