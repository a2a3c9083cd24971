/**
 * An instance family named without a size ("腾讯云 GN7 广州", "gn7i in hangzhou") is a machine to price whose size is
 * not said: the bot asks which of the family's catalogued sizes, in the asker's language, and knows the provider.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('a family without a size', () => {
  it('asks which GN7 size, listing the catalogued ones, in Chinese', () => {
    const { request, answer } = engine.ask('腾讯云 GN7 广州 一个月报价 9000，合理吗', TODAY);
    expect(request.providers).toEqual(['tencent']);
    expect(answer.followup?.slot).toBe('size');
    expect(answer.followup?.ask).toMatch(/^GN7 是腾讯云的实例规格族/);
    expect(answer.followup?.ask).toContain('GN7.2XLARGE32 (1x T4, 8 vCPU, 32 GiB)');
  });

  it('takes the provider from the family when none is named', () => {
    const { request, answer } = engine.ask('how much is gn7i in hangzhou', TODAY);
    expect(request.intent).toBe('estimate');
    expect(request.providers).toEqual(['alibaba']);
    expect(answer.followup?.ask).toMatch(/^ecs\.gn7i is an instance family of Alibaba Cloud: which size\?/);
    expect(answer.followup?.ask).toContain('ecs.gn7i-c8g1.2xlarge (1x A10, 8 vCPU, 30 GiB)');
  });

  it('prices a whole type as before: a family is asked about only when no size is said', () => {
    const { answer } = engine.ask('ecs.gn7i-c8g1.2xlarge in hangzhou', TODAY);
    expect(answer.followup).toBeNull();
  });
});

describe('a reply in no language keeps the conversation’s', () => {
  it('answers the size picked after a Chinese question in Chinese, checking the quote said first', () => {
    const first = engine.ask('腾讯云 GN7 广州 一个月报价 9000，合理吗', TODAY);
    const { request, answer } = engine.replyTo(first.request, 'GN7.2XLARGE32', TODAY);
    expect(request.lang).toBe('zh');
    expect(request.quotedPrice?.amount).toBe(9000);
    expect(request.workload.instanceType).toBe('GN7.2XLARGE32');
    expect(answer.followup).toBeNull();
  });

  it('answers a bare number after a Chinese answer in Chinese', () => {
    const first = engine.ask('华为云上海 8核32G 一年', TODAY);
    const { request } = engine.ask('3', TODAY, { last: first.request });
    expect(request.lang).toBe('zh');
  });

  it('still answers an English reply in English', () => {
    const first = engine.ask('华为云上海 8核32G 一年', TODAY);
    const { request } = engine.ask('what about Tencent?', TODAY, { last: first.request });
    expect(request.lang).toBe('en');
  });
});
