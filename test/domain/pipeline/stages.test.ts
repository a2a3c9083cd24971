/** Each stage of the answer pipeline on its own: its input built directly, its output checked. */
import { describe, expect, it } from 'vitest';
import { assemble, blankAnswer } from '../../../src/domain/pipeline/assemble.js';
import { estimate } from '../../../src/domain/pipeline/estimate.js';
import { plan } from '../../../src/domain/pipeline/plan.js';
import { rank, select } from '../../../src/domain/pipeline/rank.js';
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

  it('offers a named provider its main region nearby when it has none in the named place, and says so', () => {
    const p = plan(context(), request({ providers: ['tencent'], locations: ['hangzhou'] }));
    expect(p.candidates.map((c) => c.place.jurisdiction)).toEqual(['mainland']);
    expect(p.candidates[0]?.place.location).not.toBe('hangzhou');
    expect(p.notes.join(' ')).toMatch(
      /Tencent Cloud has no open region in Hangzhou .*: its \w+ region is shown instead/,
    );
  });

  it("compares each provider's default regions when no place is named, and says it assumed so", () => {
    const p = plan(context(), request({ workload: { vcpu: 4, memoryGiB: 16 } }));
    expect(new Set(p.candidates.map((c) => c.provider.id)).size).toBeGreaterThan(3);
    expect(p.assumptions.join(' ')).toMatch(/No region was named/);
  });
});

describe('plan: a named instance type without a place', () => {
  it('plans where the type is priced, not the default regions where it is not, and says so', () => {
    const ctx = context();
    const p = plan(ctx, request({ providers: ['aws'], workload: { instanceType: 'g5.2xlarge' } }));
    const places = p.candidates.map((c) => c.place.regionIds[0]);
    expect(places.length).toBeGreaterThan(0);
    expect(places.length).toBeLessThanOrEqual(3);
    for (const region of places)
      expect(ctx.index.skuRows('aws', 'g5.2xlarge').some((r) => r.region === region)).toBe(true);
    expect(p.assumptions.join(' ')).toMatch(/g5\.2xlarge is shown where the catalogue prices it/);
  });

  it('falls back to the default regions when the type is priced nowhere', () => {
    const p = plan(context(), request({ providers: ['aws'], workload: { instanceType: 'zz9.nonexistent' } }));
    expect(p.candidates.length).toBeGreaterThan(0);
    expect(p.assumptions.join(' ')).toMatch(/No region was named: each provider/);
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
    });
    expect(ranked[0]?.jurisdiction).toBe('mainland');
    expect(ranked.map((o) => o.rank)).toEqual(ranked.map((_, i) => i + 1));
    for (const o of ranked.filter((x) => x.provider !== 'alibaba'))
      for (const r of o.reasons) expect(r.text).not.toMatch(/\bAlibaba (raised|had|'s)/);
  });
});

describe('select', () => {
  it('shows every named place even past the option limit, and marks what the user did not name', () => {
    const ctx = context();
    const req = request({ intent: 'compare', providers: ['alibaba'], locations: ['hangzhou', 'singapore'] });
    const wider = request({ intent: 'compare', locations: ['hangzhou', 'singapore'] });
    const { candidates } = plan(ctx, wider);
    const e = estimate(ctx, { req: wider, candidates, billing: 'payg', index: ctx.index, today: TODAY });
    const ranked = rank(ctx, { req, baseCtx: requestContext(req, null), options: e.options });
    // Put the named ones last, so that a plain top-N would hide them.
    const ordered = [
      ...ranked.filter((o) => o.provider !== 'alibaba'),
      ...ranked.filter((o) => o.provider === 'alibaba'),
    ];
    const shown = select(ctx, req, ordered, 2);
    expect(shown.some((o) => o.provider === 'alibaba' && o.location === 'hangzhou')).toBe(true);
    expect(shown.some((o) => o.location === 'singapore')).toBe(true);
    expect(shown.filter((o) => o.provider !== 'alibaba').every((o) => !o.named)).toBe(true);
    expect(shown.filter((o) => o.provider === 'alibaba').every((o) => o.named)).toBe(true);
  });
});

describe('assemble', () => {
  it('titles and assumptions in the request language, with the facts cited', () => {
    const ctx = context();
    for (const [lang, title, hours] of [
      ['en', /^Estimate: 2x A10 \(inference\), 3 months$/, /730 hours a month/],
      ['zh', /^费用估算：2张A10（推理），3个月$/, /按每月 730 小时计/],
    ] as const) {
      const req = request({
        lang,
        providers: ['alibaba'],
        locations: ['hangzhou'],
        durationMonths: 3,
        workload: { kind: 'inference', gpu: { model: 'A10', count: 2 } },
      });
      const answer = blankAnswer(ctx, req, TODAY);
      const { candidates } = plan(ctx, req);
      answer.options = rank(ctx, {
        req,
        baseCtx: requestContext(req, null),
        options: estimate(ctx, { req, candidates, billing: 'payg', index: ctx.index, today: TODAY }).options,
      });
      assemble(ctx, answer, 'payg');
      expect(answer.title).toMatch(title);
      expect(answer.assumptions.join(' ')).toMatch(hours);
      const cited = answer.options.flatMap((o) => o.reasons.flatMap((r) => r.cites));
      for (const id of cited) expect(answer.facts.map((f) => f.id)).toContain(id);
    }
  });
});
