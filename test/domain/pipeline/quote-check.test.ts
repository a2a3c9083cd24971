/** A quoted price checked against the list price of the same type there, and the equivalents elsewhere. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

function ask(
  text: string,
  quoted: { amount: number; currency: 'CNY' | 'USD' | null; per: 'hour' | 'month' | 'year' | null },
) {
  const request = { ...engine.parse(text), quotedPrice: quoted };
  return engine.rerun(request, TODAY).answer;
}

describe('quote check', () => {
  it('compares 9.5 CNY/h for an A10 in Hangzhou with the list price there and elsewhere, in percent, with its age', () => {
    const answer = ask('1x A10 on Alibaba in Hangzhou', { amount: 9.5, currency: 'CNY', per: 'hour' });
    const qc = answer.quoteCheck;
    expect(qc).not.toBeNull();
    const same = qc?.comparisons.find((c) => c.sameType);
    expect(same).toBeDefined();
    expect(same?.percent).toBeCloseTo(((9.5 - (same?.listHourly ?? 0)) / (same?.listHourly ?? 1)) * 100, 6);
    expect(same?.ageDays).toBeGreaterThanOrEqual(0);
    expect(qc?.comparisons.some((c) => !c.sameType)).toBe(true);
    const text = engine.text(answer);
    expect(text).toMatch(/Quote check:.*9\.5.*% (below|above) the catalogue's pay-as-you-go price/);
    // The price's age as the source allows: days old for a dated page, "may be older" for an undated copy.
    expect(text).toMatch(
      same?.dated === 'retrieved' ? /copied on \d{4}-\d\d-\d\d from a source that gives no date/ : /days old/,
    );
    expect(text).toMatch(
      /procure quotes add --provider alibaba --resource gpu --gpu A10 --sku ecs\.gn7i-c8g1\.2xlarge --region cn-hangzhou --price 9\.5/,
    );
    // The same quote, ready for the Slack form: the type priced for the question, per instance-hour.
    expect(qc?.draft).toMatchObject({
      provider: 'alibaba',
      resource: 'gpu-instance',
      region: 'cn-hangzhou',
      sku: 'ecs.gn7i-c8g1.2xlarge',
      gpuModel: 'A10',
      gpuCount: 1,
      price: 9.5,
      currency: 'CNY',
    });
  });

  it('a monthly quote is compared per hour', () => {
    const answer = ask('1x A10 on Alibaba in Hangzhou', { amount: 9.5 * 730, currency: 'CNY', per: 'month' });
    expect(answer.quoteCheck?.quotedHourly).toBeCloseTo(9.5, 6);
  });

  it('answers in Chinese when asked in Chinese', () => {
    const answer = ask('阿里云杭州 1张A10', { amount: 9.5, currency: 'CNY', per: 'hour' });
    expect(answer.quoteCheck?.lines.join(' ')).toMatch(/报价核对/);
  });

  it('a quote for 2x A10 is compared with two single-A10G instances elsewhere, not with one', () => {
    const answer = engine.ask(
      'Tencent quoted us 12,000 CNY/month for 2x A10 in Guangzhou, is that a good deal?',
      TODAY,
    ).answer;
    const qc = answer.quoteCheck;
    const single = qc?.comparisons.filter((c) => /g5\.xlarge/.test(c.label)) ?? [];
    expect(single.length).toBeGreaterThan(0);
    for (const c of single) expect(c.label).toMatch(/2 × g5\.xlarge/);
    expect(engine.text(answer)).not.toMatch(/match AWS \S+ g5\.xlarge/);
    expect(answer.title).toMatch(/^Quote check/);
  });

  it('a 1-year quote with no subscription price in the catalogue is compared with pay-as-you-go, and says so', () => {
    const answer = engine.ask(
      'AWS offered $0.65/h for g4dn.xlarge in Hong Kong on a 1-year commit - fair?',
      TODAY,
    ).answer;
    const same = answer.quoteCheck?.comparisons.find((c) => c.sameType);
    expect(same?.billing).toBe('payg');
    const text = engine.text(answer);
    expect(text).toMatch(/below the catalogue's pay-as-you-go price of AWS ap-east-1 g4dn\.xlarge/);
    expect(text).toMatch(/no subscription price for this type there/);
    expect(text).toMatch(/--billing subscription/);
  });

  it('no quote, no check', () => {
    expect(engine.ask('1x A10 on Alibaba in Hangzhou', TODAY).answer.quoteCheck).toBeNull();
  });
});
