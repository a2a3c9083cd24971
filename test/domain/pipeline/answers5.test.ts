/**
 * Gaps that point somewhere, and comparisons on unlike price bases: what a procurement lead would notice, in English
 * and in Chinese. Every figure checked here is a catalogue row's, found in the catalogue by the test, not written in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OptionAnswer, PriceLine } from '../../../src/domain/answer.js';
import { familyMatches } from '../../../src/domain/elsewhere.js';
import { unlikeBases } from '../../../src/domain/pipeline/basis.js';
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

function gapsOf(answer: ReturnType<typeof ask>['answer'], provider: string) {
  return answer.options.filter((o) => o.provider === provider).flatMap((o) => o.gaps);
}

describe('a gap that points somewhere', () => {
  it('names where the provider prices a GPU that is not priced at the place asked, with one dated reference price', () => {
    const { answer } = ask('1x L20 in Hangzhou vs 1x L4 on AWS Singapore');
    const gap = gapsOf(answer, 'aws').find((g) => g.component === 'gpu');
    expect(gap?.why).toMatch(/no L4 price for AWS ap-southeast-1/);
    expect(gap?.why).toMatch(/AWS prices L4 in .*ap-northeast-1 \(Tokyo\)/);
    expect(gap?.why).toMatch(/ap-northeast-2 \(Seoul\)/);
    // The reference is a real catalogue row: the type, its GPU, its price per hour and its date.
    const ref =
      /for reference: (\S+), 1x L4, USD ([\d.]+) per instance-hour pay-as-you-go in (\S+).*, as of (\d{4}-\d\d-\d\d)/.exec(
        gap?.why ?? '',
      );
    expect(ref).not.toBeNull();
    const [, sku, price, region, asOf] = ref as RegExpExecArray;
    const row = engine.data.catalog.prices.find(
      (p) => p.provider === 'aws' && p.sku === sku && p.region === region && p.billing === 'payg',
    );
    expect(row?.price).toBe(Number(price));
    expect(row?.as_of).toBe(asOf);
    // Not a substitute: the AWS side stays unpriced.
    expect(answer.options.find((o) => o.provider === 'aws')?.lines).toHaveLength(0);
    const zh = ask('杭州1张L20 对比 AWS新加坡1张L4');
    const zgap = gapsOf(zh.answer, 'aws').find((g) => g.component === 'gpu');
    expect(zgap?.why).toMatch(/亚马逊云科技在以下地域有 L4 价格：.*ap-northeast-1/);
    expect(zgap?.why).toMatch(/ap-northeast-1（东京）/);
    expect(zgap?.why).toMatch(/。参考：\S+（\S+）的 g6\.\S+（1 张 L4）按量付费每实例小时 US\$[\d.]+，截至 /);
  });

  it('lists the models a provider prices when the named one is not priced, closest names first, five at most', () => {
    const { answer, text } = ask('doubao-pro on Volcano Engine 50M in 10M out');
    const why = gapsOf(answer, 'volcengine')[0]?.why ?? '';
    expect(why).toMatch(
      /the Volcano Engine models priced here in the catalogue are doubao-seed-2\.0-pro, doubao-1\.5-pro-32k, /,
    );
    expect(why).toMatch(/and \d+ more: ask again naming one/);
    expect(answer.options.flatMap((o) => o.lines)).toHaveLength(0);
    expect(text).not.toMatch(/did you mean/);
    const zh = ask('火山引擎 doubao-pro 每月输入5000万 输出1000万 token');
    expect(gapsOf(zh.answer, 'volcengine')[0]?.why).toMatch(
      /价格库中火山引擎在此有价格的模型：doubao-seed-2\.0-pro，doubao-1\.5-pro-32k，/,
    );
  });

  it('says "did you mean" when the name is the family of exactly one priced model, and prices nothing in its place', () => {
    const { answer } = ask('Volcano Engine doubao-1.5-pro 50M in 10M out');
    // "doubao-1.5-pro" is the start of one priced model only; it is named, not priced in its place.
    expect(gapsOf(answer, 'volcengine')[0]?.why).toMatch(/did you mean doubao-1\.5-pro-32k\? It is the only/);
    expect(answer.options.flatMap((o) => o.lines)).toHaveLength(0);
  });

  it('says where a provider prices its models when it prices none at the place asked (Tencent deepseek in Guangzhou)', () => {
    const zh = ask('腾讯云 deepseek 每月输入3000万 输出1000万 token');
    const why = gapsOf(zh.answer, 'tencent')[0]?.why ?? '';
    expect(why).toMatch(/价格库中没有腾讯云在此地的模型价格；它在中国内地以外所有地域有以下模型的价格：deepseek-v4-/);
    const en = ask('Tencent Cloud deepseek-v4-pro in Guangzhou 30M in 10M out');
    const ewhy = gapsOf(en.answer, 'tencent')[0]?.why ?? '';
    const row = engine.data.catalog.prices.find(
      (p) => p.provider === 'tencent' && p.model === 'deepseek-v4-pro' && p.direction === 'input',
    );
    expect(ewhy).toContain(`Tencent Cloud prices deepseek-v4-pro in every region outside the mainland`);
    expect(ewhy).toContain(`input USD ${row?.price} per million tokens`);
    expect(ewhy).toContain(`as of ${row?.as_of}`);
  });

  it("asks for the model with that provider's priced models, not other providers' examples", () => {
    const { answer } = ask('豆包 每月输入5000万 输出1000万 token');
    expect(answer.followup?.ask ?? '').toMatch(/价格库中有以下火山引擎模型的价格：doubao-/);
    expect(answer.followup?.ask ?? '').not.toMatch(/qwen|ernie/);
  });

  it('matches model families by whole words or by the start of the name', () => {
    const priced = ['doubao-seed-2.0-pro', 'doubao-seed-2.0-lite', 'doubao-1.5-pro-32k', 'deepseek-v4-pro'];
    expect(familyMatches('doubao-pro', priced)).toEqual(['doubao-seed-2.0-pro', 'doubao-1.5-pro-32k']);
    expect(familyMatches('deepseek', priced)).toEqual(['deepseek-v4-pro']);
    expect(familyMatches('Doubao Seed 2.0 Lite', priced)).toEqual(['doubao-seed-2.0-lite']);
    expect(familyMatches('qwen-max', priced)).toEqual([]);
  });
});

describe('comparisons on unlike price bases', () => {
  it('says in the recommendation when one option is an account price and the other a list price years older', () => {
    const { answer } = ask('2x A10 inference in Hangzhou vs Singapore, 3 months');
    const rec = answer.recommendation?.text ?? '';
    expect(rec).toMatch(/the lowest expected cost/);
    const [best, next] = answer.options;
    // The bases named are those of the rows the lines cite.
    const row = (id: string | undefined) => engine.data.catalog.prices.find((p) => p.id === id);
    expect(row(best?.lines[0]?.priceId)?.price_basis).toBe('account');
    expect(row(next?.lines[0]?.priceId)?.price_basis).toBeUndefined();
    expect(rec).toMatch(
      /The two prices are not like for like \(Alibaba Cloud Hangzhou \(cn-hangzhou\): one account's transaction price, which may carry that account's discounts, with no date of its own \(read \d{4}-\d\d-\d\d\); Alibaba Cloud Singapore \(ap-southeast-1\): a public list price, as of 2024-10-09\), so ask for a current list price for each before deciding\./,
    );
    expect(rec).toContain(`as of ${row(next?.lines[0]?.priceId)?.as_of}`);
    // The vendor questions ask for the list price of each type priced.
    const top = answer.topQuestions.map((q) => q.text);
    expect(top).toContainEqual(
      expect.stringMatching(
        /^What is your current public pay-as-you-go list price for ecs\.\S+ in cn-hangzhou and ecs\.\S+ in ap-southeast-1, before any account discount/,
      ),
    );
    const zh = ask('杭州和新加坡 2张A10 推理 3个月 哪个划算');
    expect(zh.answer.recommendation?.text).toMatch(
      /两个价格的性质不同（阿里云杭州（cn-hangzhou）：某个账号的成交价，可能含该账号的折扣，本身未注明日期（.+读取）；阿里云新加坡（ap-southeast-1）：公开目录价，截至 .+），决定前请就两者分别索取当前的目录价再作比较。/,
    );
    expect(zh.text).toMatch(
      /cn-hangzhou 的 ecs\.\S+和ap-southeast-1 的 ecs\.\S+当前的按量付费公开目录价（未计任何账号折扣）是多少？/,
    );
  });

  it('says nothing of bases when both options are list prices of one date', () => {
    const { answer, text } = ask('2x T4 inference on AWS in Hong Kong or Singapore for 6 months, in dollars');
    expect(answer.recommendation?.text).toMatch(/the lowest expected cost/);
    expect(text).not.toMatch(/not like for like|like for like\?/);
    const zh = ask('AWS 香港和新加坡 2张T4 推理 6个月 用美元');
    expect(zh.text).not.toMatch(/性质不同|同一口径比较/);
  });

  it('marks every row of the account-price snapshots, and no list-price row, as an account price', () => {
    const prices = engine.data.catalog.prices;
    const account = prices.filter((p) => p.price_basis === 'account');
    expect(account.length).toBeGreaterThan(100);
    // The rows whose own note says they are an account's price are exactly the rows marked so.
    const saysAccount = (p: (typeof prices)[number]) => /an account's (TradePrice|discount price)/.test(p.note ?? '');
    expect(prices.filter(saysAccount).map((p) => p.id)).toEqual(account.map((p) => p.id));
  });
});

describe('unlike bases, by kind and by age', () => {
  const option = (lines: Partial<PriceLine>[]) =>
    ({
      lines: lines.map((l) => ({
        monthly: { low: 1, expected: 1, high: 1 },
        monthlyInAnswerCurrency: null,
        grade: 'official',
        dated: 'page',
        asOf: '2026-01-01',
        ...l,
      })),
    }) as unknown as OptionAnswer;
  it('reads the largest line, and calls list prices a year or more apart unlike', () => {
    const a = option([{ basis: 'list', asOf: '2026-06-01' }]);
    expect(unlikeBases(a, option([{ basis: 'list', asOf: '2025-09-01' }]))).toBeNull();
    expect(unlikeBases(a, option([{ basis: 'list', asOf: '2025-06-01' }]))?.[1].asOf).toBe('2025-06-01');
    // A small account-priced line does not make the option's price an account price.
    const mixed = option([
      { basis: 'list', asOf: '2026-06-01', monthly: { low: 9, expected: 9, high: 9 } },
      { basis: 'account', asOf: '2026-06-01' },
    ]);
    expect(unlikeBases(a, mixed)).toBeNull();
    expect(unlikeBases(a, option([{ grade: 'vendor-quote', asOf: '2026-06-01' }]))?.[1].kind).toBe('quote');
    // A date read (an undated snapshot) is not the price's date: ages are compared between stated dates only.
    expect(unlikeBases(a, option([{ basis: 'list', asOf: '2024-01-01', dated: 'retrieved' }]))).toBeNull();
  });

  it('says two list prices are more than a year apart, not of a different kind', () => {
    const zh = ask('我们在腾讯云广州有50台 8核16G，迁到阿里云划算吗？');
    expect(zh.answer.recommendation?.text).toMatch(
      /两个价格的日期相差一年以上（腾讯云广州（ap-guangzhou）：公开目录价，截至 .+；阿里云广州（cn-guangzhou）：公开目录价，截至 .+），/,
    );
    expect(zh.answer.recommendation?.text).not.toMatch(/性质不同/);
    const en = ask('cheapest 8 vCPU 32GB VM in Hong Kong across Alibaba, Tencent, Huawei and AWS?');
    expect(en.answer.noRecommendation?.text).toMatch(
      /Of the priced ones, .* The two prices are more than a year apart in date \(Alibaba Cloud Hong Kong \(cn-hongkong\): a public list price, as of \d{4}-\d\d-\d\d; Tencent Cloud/,
    );
  });
});
