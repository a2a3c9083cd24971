/**
 * Token prices asked without a volume, and quotes per tokens: a model's unit prices (a family's models when no version
 * is named), and a quote per a thousand or a million tokens checked against the catalogue's price for that side.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

/** The catalogue's pay-as-you-go price per million tokens of a model at a provider, for one side. */
function listPrice(provider: string, model: string, direction: 'input' | 'output') {
  const rows = engine.data.catalog.prices.filter(
    (p) =>
      p.provider === provider &&
      p.model === model &&
      p.kind === 'model-tokens' &&
      p.billing === 'payg' &&
      p.direction === direction,
  );
  const row = rows[0];
  if (!row) throw new Error(`no ${direction} price for ${model} at ${provider} in the catalogue`);
  return row;
}

describe('token prices without a volume', () => {
  it('shows the unit prices of the model named, then asks the volume', () => {
    const { answer } = engine.ask('doubao-1.5-pro-32k price per million tokens?', TODAY);
    expect(answer.followup?.slot).toBe('tokens');
    const row = listPrice('volcengine', 'doubao-1.5-pro-32k', 'input');
    const line = answer.notes.find((n) => n.startsWith('doubao-1.5-pro-32k on Volcano Engine'));
    expect(line).toContain(`${row.currency} ${row.price} per million input tokens`);
    expect(line).toContain(row.source);
  });

  it('lists the models named for a family asked without a version', () => {
    const { answer } = engine.ask('how much is doubao-pro per 1M tokens', TODAY);
    expect(answer.notes.some((n) => n.startsWith('doubao-1.5-pro-32k on Volcano Engine'))).toBe(true);
  });
});

describe('a quote per tokens', () => {
  it('reads a price per 1k tokens as written and checks it per million against the side named', () => {
    const { request, answer } = engine.ask(
      'baidu came back w/ 0.003 RMB per 1k tokens for ERNIE 4.5 Turbo input. fair?',
      TODAY,
    );
    expect(request.quotedPrice).toEqual({ amount: 0.003, currency: 'CNY', per: 'thousand-tokens', direction: 'input' });
    const list = listPrice('baidu', 'ERNIE 4.5 Turbo', 'input').price;
    const percent = Math.round(((3 - list) / list) * 1000) / 10;
    expect(answer.notes.join('\n')).toContain(`per million input tokens is ${percent}% above`);
    expect(answer.notes.join('\n')).not.toContain('output tokens is');
  });

  it('compares with both sides, and asks which, when the quote does not say', () => {
    const { answer } = engine.ask('火山报价 doubao-1.5-pro-32k 0.6元/百万tokens，划算吗', TODAY);
    const text = answer.notes.join('\n');
    expect(text).toContain('报价每百万输入 token ¥0.60');
    expect(text).toContain('报价每百万输出 token ¥0.60');
    expect(text).toContain('请厂商说明该价格是输入还是输出 token 的价格');
  });

  it('does not take a token price for an instance price, nor its tokens for a volume', () => {
    const { request } = engine.ask('qwen-max at ¥20 per million output tokens for 4x A10 in hangzhou, fair?', TODAY);
    expect(request.quotedPrice?.per).toBe('million-tokens');
    expect(request.workload.tokensPerMonth).toBeNull();
  });
});

describe('two models with a token total and no split', () => {
  it('says which is cheaper whatever the split when the ranges do not overlap', () => {
    const { answer } = engine.ask(
      'which is cheaper for 800M tokens a month: qwen-flash or doubao-seed-2.0-pro?',
      TODAY,
    );
    expect(answer.followup?.slot).toBe('tokens');
    // Each model has its own range line, then the verdict.
    expect(answer.notes.some((n) => n.startsWith('qwen-flash on Alibaba Cloud'))).toBe(true);
    expect(answer.notes.some((n) => n.startsWith('doubao-seed-2.0-pro on Volcano Engine'))).toBe(true);
    const verdict = answer.notes.find((n) => n.startsWith('Whatever the split'));
    expect(verdict).toContain('qwen-flash on Alibaba Cloud costs less');
    // Its dearest case (all output, 800M × CNY 1.5 per million) against the other's cheapest (all input).
    const out = listPrice('alibaba', 'qwen-flash', 'output');
    expect(out.currency).toBe('CNY');
    const usd = (out.price * 800) / (engine.data.catalog.fx[0]?.rate ?? Number.NaN);
    expect(verdict).toContain(`USD ${Math.round(usd)}`);
  });

  it('says the split decides when the ranges overlap', () => {
    const { answer } = engine.ask('qwen-max 和 deepseek-v3 哪个便宜 每月大概 3亿 token', TODAY);
    expect(answer.followup?.slot).toBe('tokens');
    expect(answer.notes).toContain('两者的费用区间有重叠：哪个更便宜取决于输入输出的比例，请给出比例以得到推荐。');
  });
});

describe('one model at two providers, no volume', () => {
  it('shows its unit prices at each provider named, says which has none, and compares them', () => {
    const { answer } = engine.ask(
      'deepseek-v4-flash on tencent vs aliyun bailian, which is cheaper per 1M tokens',
      TODAY,
    );
    expect(answer.followup?.slot).toBe('tokens');
    expect(answer.notes.some((n) => n.startsWith('deepseek-v4-flash on Tencent Cloud'))).toBe(true);
    expect(answer.notes.some((n) => n.startsWith('deepseek-v4-flash on Alibaba Cloud'))).toBe(true);
  });

  it('names a provider with no price for the model instead of leaving it out', () => {
    const { answer } = engine.ask('deepseek-v3 火山 和 阿里云百炼 哪家便宜', TODAY);
    expect(answer.notes).toContain('火山引擎 deepseek-v3：价格库中没有每 token 价格；请向火山引擎索取目录价。');
  });
});
