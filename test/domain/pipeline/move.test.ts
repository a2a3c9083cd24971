/** Stay-or-move questions: "What decides a move", in English and Chinese, only for such questions. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

function ask(text: string) {
  const answer = engine.rerun(engine.parse(text), TODAY).answer;
  return { answer, text: engine.text(answer) };
}

describe('what decides a move', () => {
  it('asks both sides, and names the ICP filing to make again, for Alibaba → Tencent in English', () => {
    const { answer, text } = ask('should our Taobao-data platform stay on Alibaba or move to Tencent?');
    expect(answer.move?.incumbent).toBe('alibaba');
    expect(answer.move?.challengers).toEqual(['tencent']);
    expect(text).toContain('*What decides a move*');
    // No Alibaba egress price in Hangzhou in the catalogue: said as a gap with its question, no number made up.
    expect(text).toMatch(/internet egress from cn-hangzhou, and the catalogue has no price for it/);
    expect(text).toMatch(/ICP filing:.*Tencent Cloud \(ap-guangzhou\) means filing again/);
    expect(text).toMatch(/Current contract:.*notice period/);
    expect(text).toMatch(/Alibaba Cloud: If we leave, what notice period/);
    expect(text).toMatch(/Alibaba Cloud: What will exporting all our data out of cn-hangzhou cost/);
    expect(text).toMatch(/Alibaba Cloud: What renewal price will you commit to/);
    expect(text).toMatch(/Tencent Cloud: What migration credits/);
    expect(text).toMatch(/Tencent Cloud: Is data coming into ap-guangzhou free/);
    expect(text).toMatch(/Tencent Cloud: Will you confirm in writing the quota and capacity/);
    // The ICP facts it cites are listed under the sources.
    expect(answer.facts.map((f) => f.id)).toEqual(
      expect.arrayContaining(['alibaba-icp-required', 'alibaba-icp-mainland']),
    );
  });

  it('prices the data transfer out where the catalogue has it, and names data export when the move leaves the mainland', () => {
    const { text } = ask(
      "we're on Alibaba in Shanghai, should we move to Tencent Singapore? our platform holds Taobao customer data",
    );
    expect(text).toMatch(
      /egress from cn-shanghai: USD 0\.123 per GB in the catalogue \(alibaba-egress-shanghai, as of/,
    );
    expect(text).toMatch(/Data export:\* moving personal data from cn-shanghai to ap-singapore/);
    expect(text).toMatch(/\[pipl-export-mechanisms/);
    expect(text).not.toMatch(/ICP filing:\* mainland services/);
  });

  it('answers a Chinese move question in Chinese', () => {
    const { answer, text } = ask('我们要不要从阿里云迁到华为云？');
    expect(answer.move?.incumbent).toBe('alibaba');
    expect(text).toContain('*迁移与否取决于什么*');
    expect(text).toMatch(/数据迁出费用/);
    expect(text).toMatch(/迁到华为云.*须重新备案/);
    expect(text).toMatch(/阿里云：如果我们不再续约/);
    expect(text).toMatch(/华为云：从阿里云迁到/);
    expect(text).not.toMatch(/What decides|notice period/);
  });

  it('moving within Hong Kong crosses no border and needs no ICP filing', () => {
    const { text } = ask('thinking of leaving AWS for Alibaba in HK');
    expect(text).toMatch(/moving the data off AWS is billed as internet egress from ap-east-1/);
    expect(text).not.toMatch(/Data export:\* moving/);
    expect(text).not.toMatch(/means filing again/);
  });

  it('takes the provider not moved to as the one in use ("on Tencent Guangzhou, should we move to Huawei?")', () => {
    const { answer, text } = ask('we run 30 boxes of 8c16g on Tencent Guangzhou, should we move to Huawei Guangzhou?');
    expect(answer.request.signals.incumbent).toBe('tencent');
    expect(text).toMatch(/moving the data off Tencent Cloud is billed as internet egress from ap-guangzhou/);
    expect(text).toMatch(/Huawei Cloud: What migration credits/);
    const zh = ask('腾讯云广州30台8核16G，要不要迁到华为云？');
    expect(zh.answer.request.signals.incumbent).toBe('tencent');
    expect(zh.text).toMatch(/把数据迁出腾讯云/);
  });

  it('is not shown when only the provider in use is named, or for a plain comparison', () => {
    expect(ask("we're on Alibaba, price 2x A10 in Hangzhou").answer.move ?? null).toBeNull();
    expect(ask('compare Alibaba and Tencent for 2x A10 in Shanghai').text).not.toContain('What decides a move');
  });
});
