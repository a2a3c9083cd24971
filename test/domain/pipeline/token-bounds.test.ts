/**
 * A token total with no input/output split ("50M tokens a month"): the answer asks for the split and, meanwhile,
 * bounds the cost from the catalogue — all input to all output — with the rates, source and date behind it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const ask = (text: string) => {
  const { answer, request } = engine.ask(text, TODAY);
  return { answer, request, text: engine.text(answer) };
};

/** The catalogue's input and output rate for a model at a provider (the first pay-as-you-go pair). */
function rates(provider: string, model: string) {
  const rows = engine.pipeline.index.pricesForModel(provider, model).filter((p) => p.billing === 'payg');
  const input = rows.find((p) => p.direction === 'input');
  const output = rows.find((p) => p.direction === 'output' && p.currency === input?.currency);
  if (!input || !output) throw new Error(`no ${model} rates at ${provider}`);
  return { input, output };
}

describe('a token total with no split', () => {
  it('asks for the split and gives the range all input to all output, from the catalogued rates', () => {
    const { answer, text } = ask('doubao-seed-2.0-pro on volcano engine 50M tokens a month');
    expect(answer.kind).toBe('followup');
    expect(answer.followup?.slot).toBe('tokens');
    const { input, output } = rates('volcengine', 'doubao-seed-2.0-pro');
    const low = Math.min(input.price, output.price) * 50;
    const high = Math.max(input.price, output.price) * 50;
    const line = answer.notes.find((n) => n.startsWith('doubao-seed-2.0-pro on Volcano Engine'));
    expect(line).toBeDefined();
    expect(line).toContain(`USD ${low.toFixed(2)} to USD ${Math.round(high)} a month, depending on the split`);
    expect(line).toContain(input.source);
    expect(text).toMatch(/How many of those tokens are input and how many output\?/);
  });

  it('scales a daily total to the month and answers in Chinese', () => {
    const { answer } = ask('豆包 doubao-seed-2.0-pro 火山引擎 每天100万token 一个月多少钱');
    const line = answer.notes.find((n) => n.includes('doubao-seed-2.0-pro'));
    const { input } = rates('volcengine', 'doubao-seed-2.0-pro');
    // 1M a day × 30.4 days.
    expect(line).toContain(`每月 US$${(input.price * 30.4).toFixed(2)} 至`);
    expect(line).toContain('取决于输入与输出的比例');
  });

  it('gives no range when no model is named (there is no rate to bound it with)', () => {
    const { answer } = ask('50M tokens a month on volcano engine');
    expect(answer.notes.some((n) => /depending on the split/.test(n))).toBe(false);
  });
});
