/** Nothing dropped silently: what the question says but the request does not use becomes a note. */
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/engine.js';

const engine = await loadEngine();
const notesOf = (text: string) => engine.pipeline.parse(text).notes.join('\n');

describe('parse notes for what the request does not use', () => {
  it.each([
    ['1x L20 in Hangzhou vs 1x L4 on AWS Singapore', /1x L20 on any provider in hangzhou; 1x L4 on AWS in singapore/],
    ['2x A10 on Alibaba and 2x L20 on Tencent, Guangzhou', /second GPU, 2x L20/],
    ['Baidu ernie-4.0-8k vs qwen-plus, 10M input 2M output', /ernie-4\.0-8k on Baidu AI Cloud, qwen-plus on Alibaba/],
    ['qwen-max vs doubao-pro 1M input 1M output', /qwen-max on Alibaba Cloud, doubao-pro on Volcano Engine/],
    ['g4dn.xlarge vs g5.xlarge in Singapore', /second instance type, g5\.xlarge/],
    ['4c8g in Shanghai, 200 hours', /"200 hours" was not used/],
    ['8 vCPU 32GB in Hangzhou, we got 20% off last year', /"20%" was not used/],
    ['8x H800 for 3 months, budget 50000 USD', /"50000 USD" was read as a budget of USD 50,000/],
    ['预算每月3万元以内，阿里云杭州 A10', /“3万元”理解为预算 CNY 30,000（每月）/],
    ['budget 50k a year, 4c8g in Frankfurt', /"50k a year" was read as a budget of 50,000 a year/],
    ['预算每月2万 跑推理 A10 杭州', /“2万”理解为预算 CNY 20,000（每月）/],
    ['3-5 T4 for batch in Shanghai', /"3-5" is a range: priced at 5/],
    ['gpt-4o vs qwen-max for 10M in 2M out', /"gpt-4o" has no price at any provider in the catalogue/],
    ['llama 3 70b self-hosted on 2x A100 in singapore', /"llama 3 70b" has no price at any provider/],
    ['8x MI300X in virginia', /"MI300X" is not a GPU any provider in the catalogue sells/],
    ['azure vs aliyun for 8c32g in singapore', /"azure" is not a provider in the catalogue/],
    ['天翼云 和 华为云 哪个便宜 16核64G', /“天翼云”不在价格库的云厂商之列/],
    ['4c8g in ho chi minh city for vietnamese users', /"ho chi minh city" is not a place in the catalogue/],
    ['A10 在 西安 两张', /“西安”不是价格库中的地点/],
    ['寒武纪 MLU370 8卡 北京', /价格库中没有云厂商销售“寒武纪”这种 GPU/],
    ['claude 3.5 sonnet 和 qwen-max 哪个便宜', /价格库中没有任何云厂商“claude 3.5 sonnet”的价格/],
    ['每天出网流量 300G 香港', /“300G”是每天的流量：× 30.4 天 = 每月 9120 GB/],
    ['每月 600 卡时 A10 杭州', /“600 卡时”按 1 张卡每月 600 小时计/],
    ['阿里云 新加波 2张A10', /“新加波”被理解为新加坡/],
    ['2x A100 80GB in Ulanqab', /A100 80GB/],
    ['2x T4 for batch, 8 hours a day, weekdays', /8 × 22 working days = 176 hours/],
    ['Huawei zz9.large.2 in Guangzhou', /zz9\.large\.2 is not in the catalogue/],
    [
      'c6i.4xlarge in Frankfurt, on-demand vs 1yr reserved',
      /Both billing modes priced side by side: pay-as-you-go and subscription/,
    ],
    ['H800 8卡 北京 包年和按量差多少', /两种计费方式分别计价、并列比较：包年包月和按量付费/],
    ['get 200TB of data out of OSS', /"200TB" is moved out once: priced as one month's outbound transfer/],
    ['从OSS 迁出 100TB 数据', /“100TB”是一次性迁出的数据/],
    [
      'qwen-max vs deepseek-r1',
      /Both models priced side by side, each where its providers sell it: qwen-max and deepseek-r1/,
    ],
    ['qwen-max, qwen-plus or deepseek-r1', /A second model|qwen-plus, deepseek-r1/],
  ])('%s', (text, note) => {
    expect(notesOf(text)).toMatch(note);
  });

  it.each(['which one is cheaper for 4c8g, Alibaba or Tencent?', '2x A10 inference in Hangzhou for 3 months'])(
    'no stray note for %s',
    (text) => {
      expect(notesOf(text)).not.toMatch(/was not used/);
    },
  );
});
