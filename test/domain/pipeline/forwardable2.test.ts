/**
 * Faults found reading the second review set (test/review/questions2.yaml) as a procurement lead, one test per cause:
 * what a user would notice, in English and in Chinese.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../../../src/domain/request.js';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

function ask(text: string, last?: Request) {
  const { answer, request } = engine.ask(text, TODAY, last ? { last } : {});
  return { answer, request, text: engine.text(answer) };
}

describe('answers a lead would forward (second review set)', () => {
  it('answers "Should we leave Alibaba?" with what decides a move and the usual alternatives, not the help text', () => {
    const { answer, text } = ask('Should we leave Alibaba?');
    expect(answer.kind).toBe('compare');
    expect(text).toMatch(/^\*Stay on Alibaba Cloud or move\?\*/);
    expect(answer.move?.challengers).toEqual(['tencent', 'huawei']);
    expect(text).toMatch(/moving them to Tencent Cloud or Huawei Cloud means filing again/);
    expect(text).toMatch(/Price changes at renewal:\* From 18 April 2026/);
    expect(text).toMatch(/say what runs on Alibaba Cloud today/);
    expect(text).toMatch(/No other provider was named: the alternatives weighed are Tencent Cloud and Huawei Cloud/);
    expect(text).not.toMatch(/I could not tell what you wanted/);
    const zh = ask('要不要离开阿里云？');
    expect(zh.text).toMatch(/^\*留在阿里云还是迁走？\*/);
    expect(zh.text).toMatch(/迁移与否取决于什么/);
    // A Chinese phrase in a slot made for a region id keeps no stray spaces.
    expect(zh.text).toMatch(/把全部数据从我们目前所用地域导出/);
  });

  it('shows a named provider with no region at the place asked at its main region nearby, with the move section', () => {
    const { answer, text } = ask(
      'is it worth moving our Hangzhou web stack (12 x 4c8g) off Alibaba to UCloud to save money?',
    );
    expect(answer.options.map((o) => o.provider)).toEqual(expect.arrayContaining(['alibaba', 'ucloud']));
    expect(text).toMatch(/UCloud has no open region in Hangzhou .*: its \w+ region is shown instead/);
    expect(answer.move?.challengers).toEqual(['ucloud']);
    // The move section speaks of ICP filing on the new side: "what the price cannot show" does not say it again.
    expect(text).not.toMatch(/\*ICP filing:\* serving the public/);
    // An AI compute price rise says nothing about a web stack on CPUs.
    expect(text).not.toMatch(/Price changes at renewal/);
  });

  it('asks for the size when a comparison has nothing to compare on', () => {
    expect(ask('is Alibaba cheaper than Tencent?').answer.followup?.slot).toBe('size');
    // A kind alone prices nothing either: "none of these options can be priced" is not an answer.
    const training = ask('Should we move our model training from Alibaba to Volcano Engine?');
    expect(training.answer.followup?.slot).toBe('size');
    expect(training.text).toMatch(/So far I have: training, Alibaba Cloud, Volcano Engine/);
    const zh = ask('阿里云和腾讯云哪个便宜');
    expect(zh.answer.kind).toBe('followup');
    expect(zh.text).toMatch(/目前已知：阿里云/);
  });

  it('does not recommend on a tie: the same price is no basis', () => {
    const { answer, text } = ask('腾讯云 网站 放新加坡还是香港？4核16G 3台');
    expect(answer.recommendation).toBeNull();
    expect(text).toMatch(/价格无法区分：.*的费用相同/);
    expect(text).not.toMatch(/¥0\.00（0%）/);
    const en = ask('Tencent Cloud website, Singapore or Hong Kong? 3x 4 vCPU 16GB');
    expect(en.text).toMatch(/No recommendation on price: .* cost the same/);
  });

  it('names four unpriced options at most in the recommendation', () => {
    expect(ask('我们的跨境电商独立站主要卖东南亚，服务器放新加坡还是香港？4核8G 3台').text).toMatch(
      /等（另有 \d+ 个）/,
    );
  });

  it('prices a 1:2 size ("8核16G") on the compute type that fits, not a general type with twice the memory', () => {
    const { answer, text } = ask('我们在腾讯云广州有50台 8核16G，迁到阿里云划算吗？');
    const alibaba = answer.options.find((o) => o.provider === 'alibaba');
    expect(alibaba?.lines[0]?.label).toMatch(/\(8 vCPU, 16 GiB\)/);
    expect(text).toMatch(/最便宜的当代计算型规格/);
  });

  it('a vendor-questions follow-up keeps the workload and place just answered', () => {
    const first = ask('阿里云杭州 4张A10 推理 两个月');
    const second = ask('换成新加坡呢？', first.request);
    const third = ask('那要问阿里云什么问题？', second.request);
    expect(third.answer.kind).toBe('questions');
    expect(third.text).toMatch(/4 张 A10/);
    expect(third.text).toMatch(/ap-southeast-1/);
    expect(third.text).not.toMatch(/按每月 730 小时计/);
    const en = ask(
      'what would we ask Volcano before signing?',
      ask('2x A10 inference in Shanghai for 3 months').request,
    );
    expect(en.answer.kind).toBe('questions');
    expect(en.answer.request.providers).toEqual(['volcengine']);
    expect(en.answer.request.workload.gpu?.model).toBe('A10');
  });

  it('says so when a follow-up asks for the billing mode already priced', () => {
    const first = ask('UCloud 和 阿里云 香港 16核64G 对比，一年');
    const again = ask('改成按量付费呢', first.request);
    expect(again.text).toMatch(/上一个回答已按按量付费计价/);
    expect(again.text).not.toMatch(/已更改计费方式/);
  });

  it('vendor questions with no place named ask about "the regions we use", and have one heading', () => {
    const { text } = ask(
      'prepping for a call with the Volcano Engine account manager about GPU capacity, what should I ask?',
    );
    expect(text).toMatch(/Is capacity for the GPUs available in the regions we use/);
    expect(text).not.toMatch(/cn-beijing/);
    expect(text).not.toMatch(/Questions to raise with the vendor/);
  });

  it('answers a spot-notice question on its topic, or says the catalogue has nothing and asks', () => {
    const { text } = ask("what's Alibaba's policy on spot instance interruption - how much notice do we get?");
    expect(text).toMatch(/no sourced fact on spot release and its notice for Alibaba Cloud/);
    expect(text).toMatch(/How much notice do you give before a spot instance is released/);
    expect(text).not.toMatch(/billed on their compute resources/);
  });

  it('does not read a standard-contract filing (标准合同备案) as ICP filing', () => {
    const { text } = ask('个人信息出境标准合同备案的门槛是多少？');
    expect(text).toMatch(/数量门槛/);
    expect(text).not.toMatch(/ICP备案/);
  });

  it('a quote check shows the hourly figure it saves, one place per provider and no "no recommendation"', () => {
    const { text } = ask('火山引擎报价 8卡H800 每月 28万，合理吗？');
    expect(text).toMatch(/报价每月 ¥280,000，按 730 小时折合每小时 ¥383\.56/);
    expect(text).not.toMatch(/暂不作推荐|cn-hongkong|柔佛/);
    expect(text).toMatch(/未指定地域：按 火山引擎 cn-beijing 核对报价/);
  });

  it('labels: a pay-as-you-go range is not a spot band; 5亿 token; no "storage (storage)"', () => {
    expect(ask('Alibaba quoted 0.9 USD/hour per A10 in Singapore on a 12-month plan. reasonable?').text).not.toMatch(
      /pay-as-you-go [^;]*spot as a range/,
    );
    expect(ask('火山引擎 vs 百度智能云，deepseek-v3 API，每月5亿输入 1亿输出 token').text).toMatch(/输入 5亿 token/);
    expect(ask('how much is 50 TB of object storage on Tencent COS Guangzhou per month').text).toMatch(
      /^\*Estimate: 50,000 GB storage\*/,
    );
  });

  it('gives the pay-as-you-go total over the term asked when only it is priced', () => {
    expect(ask('腾讯云上海 8核32G 5台 包年包月 一年多少钱').text).toMatch(/按量付费 ¥[\d,]+\/月，12个月合计 ¥[\d,]+/);
  });
});
