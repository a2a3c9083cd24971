/** Each stage of the answer pipeline on its own: its input built directly, its output checked. */
import { describe, expect, it } from 'vitest';
import { estimate } from '../../../src/domain/pipeline/estimate.js';
import { plan } from '../../../src/domain/pipeline/plan.js';
import { rank } from '../../../src/domain/pipeline/rank.js';
import { requestContext } from '../../../src/domain/rules.js';
import { context, request, TODAY } from './helpers.js';

describe('plan', () => {
  it('keeps each named place for each named provider', () => {
    const ctx = context();
    const req = request({ providers: ['alibaba', 'tencent'], locations: ['hangzhou', 'singapore'] });
    const p = plan(ctx, req);
    const pairs = p.candidates.map((c) => `${c.provider.id}@${c.place.location}`);
    expect(pairs).toContain('alibaba@hangzhou');
    expect(pairs).toContain('alibaba@singapore');
    expect(pairs).toContain('tencent@singapore');
  });

  it('says so when a named provider has no region in a named place', () => {
    const p = plan(context(), request({ providers: ['tencent'], locations: ['hangzhou'] }));
    expect(p.candidates).toHaveLength(0);
    expect(p.notes.join(' ')).toMatch(/Tencent Cloud has no open region in Hangzhou/);
  });

  it("compares each provider's default regions when no place is named, and says it assumed so", () => {
    const p = plan(context(), request({ workload: { vcpu: 4, memoryGiB: 16 } }));
    expect(new Set(p.candidates.map((c) => c.provider.id)).size).toBeGreaterThan(3);
    expect(p.assumptions.join(' ')).toMatch(/No region was named/);
  });
});

describe('estimate', () => {
  it('prices every candidate, in the asked currency, with a total for the term', () => {
    const ctx = context();
    const req = request({
      providers: ['aws'],
      locations: ['hong-kong'],
      durationMonths: 6,
      currency: 'CNY',
      workload: { gpu: { model: 'T4', count: 2 }, kind: 'inference' },
    });
    const { candidates } = plan(ctx, req);
    const e = estimate(ctx, { req, candidates, billing: 'payg', index: ctx.index, today: TODAY });
    expect(e.currency).toBe('CNY');
    const o = e.options[0];
    expect(o?.lines.length).toBeGreaterThan(0);
    expect(o?.monthly?.expected).toBeGreaterThan(0);
    expect(o?.total?.expected).toBeCloseTo((o?.monthly?.expected ?? 0) * 6, 6);
    expect(e.fx?.id).toBeTruthy();
  });
});

describe('rank', () => {
  it('puts the mainland region first for mainland users, with reasons about that option only', () => {
    const ctx = context();
    const req = request({
      intent: 'place',
      providers: ['alibaba', 'tencent'],
      locations: ['hangzhou', 'singapore'],
      signals: { audience: ['mainland-china'] },
      workload: { kind: 'inference', gpu: { model: 'A10', count: 2 } },
    });
    const { candidates } = plan(ctx, req);
    const e = estimate(ctx, { req, candidates, billing: 'payg', index: ctx.index, today: TODAY });
    const ranked = rank(ctx, {
      req,
      baseCtx: requestContext(req, 'mainland'),
      options: e.options,
      currency: e.currency,
    });
    expect(ranked[0]?.jurisdiction).toBe('mainland');
    expect(ranked.map((o) => o.rank)).toEqual(ranked.map((_, i) => i + 1));
    for (const o of ranked.filter((x) => x.provider !== 'alibaba'))
      for (const r of o.reasons) expect(r.text).not.toMatch(/\bAlibaba (raised|had|'s)/);
  });
});
