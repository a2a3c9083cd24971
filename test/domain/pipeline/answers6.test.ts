/**
 * Answers a procurement lead can forward: two models priced side by side, two billing modes side by side, and egress
 * answered as egress. Figures are found in the catalogue by the test, not written in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

function ask(text: string) {
  const { answer, request } = engine.ask(text, TODAY);
  return { answer, request, text: engine.text(answer) };
}

describe('egress answered as egress', () => {
  it.each([
    ['200 TB egress a month from OSS hangzhou', 'egress', '(storage)'],
    ['OSS 杭州 每月出网流量 200TB 多少钱', '出网流量', '（存储）'],
  ])('%s: titled as egress, not as storage', (q, word, kind) => {
    const { answer } = ask(q);
    expect(answer.title).toContain(word);
    expect(answer.title).not.toContain(kind);
  });

  it('an egress gap names where the catalogue does price the provider’s egress, with its price, source date and a warning', () => {
    const { answer } = ask('200 TB egress a month from OSS hangzhou');
    const elsewhere = engine.pipeline.index
      .pricesAnywhere('alibaba', 'egress')
      .find((p) => p.billing === 'payg' && p.unit === 'gb');
    expect(elsewhere).toBeDefined();
    const gap = answer.options.flatMap((o) => o.gaps).find((g) => g.component === 'egress');
    expect(gap?.why).toContain(String(elsewhere?.price));
    expect(gap?.why).toContain(elsewhere?.as_of);
    expect(gap?.why).toContain("not this region's price");
    // The asked place stays unpriced: a reference is never a substitute.
    expect(answer.options.flatMap((o) => o.lines).filter((l) => l.component === 'egress')).toEqual([]);
  });
});
