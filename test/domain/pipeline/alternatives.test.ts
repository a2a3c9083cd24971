/**
 * An option the catalogue cannot price in the asked billing mode still says what it costs in the modes it can: a
 * lead asking for a 1-year subscription sees the pay-as-you-go list price to negotiate from, converted at a stated rate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';

const TODAY = '2026-12-06';
let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('other billing modes of an unpriced option', () => {
  it('are priced, converted at the catalogue rate the answer states, and shown under the gap', () => {
    const { answer } = engine.ask('ecs.g7.xlarge in Hangzhou, 1 year subscription', TODAY);
    const o = answer.options.find((x) => x.provider === 'alibaba' && x.location === 'hangzhou');
    expect(o?.lines).toEqual([]);
    const payg = o?.alternatives.find((a) => a.billing === 'payg');
    expect(payg?.monthly?.expected).toBeGreaterThan(0);
    expect(answer.fx?.id).toMatch(/^usd-cny/);
    const text = engine.text(answer);
    expect(text).toMatch(/Priced in the catalogue as:_ pay-as-you-go USD [\d,.]+\/month/);
    expect(text).toContain(`Converted at 1 USD = ${answer.fx?.rate} CNY`);
  });

  it('in Chinese too', () => {
    const { answer } = engine.ask('杭州 ecs.g7.xlarge 包年 一年多少钱', TODAY);
    expect(engine.text(answer)).toMatch(/目录中可参考的其他计费方式：_按量付费 ¥[\d,.]+\/月/);
  });
});
