/**
 * What a buyer would notice in an estimate: real lines with their source and date, gaps instead of
 * numbers, free allowances, currency conversion, spot ranges, renewal risk and staleness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/catalog/load.js';
import type { Answer, OptionAnswer } from '../../src/domain/answer.js';
import { Engine, loadEngine } from '../../src/engine.js';
import { copyProject, editYaml, removeDir } from '../helpers/project.js';

const TODAY = '2026-11-23';
let engine: Engine;

beforeAll(async () => {
  engine = await loadEngine();
});

function option(answer: Answer, provider: string, location: string): OptionAnswer {
  const o = answer.options.find((x) => x.provider === provider && x.location === location);
  if (!o)
    throw new Error(`no option ${provider}/${location} in ${answer.options.map((x) => `${x.provider}/${x.location}`)}`);
  return o;
}

describe('estimate', () => {
  it('prices a catalogued GPU instance with quantity, unit price, source and as-of', () => {
    const { answer } = engine.ask('2x T4 inference on AWS in Hong Kong for 6 months', TODAY);
    const hk = option(answer, 'aws', 'hong-kong');
    const line = hk.lines.find((l) => l.component === 'gpu');
    expect(line).toBeDefined();
    expect(line?.unitPrice).toBe(0.81);
    expect(line?.quantity).toBe(2 * 730);
    expect(line?.monthly.expected).toBeCloseTo(0.81 * 730 * 2, 2);
    expect(line?.source).toMatch(/^https?:\/\//);
    expect(line?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(hk.total?.expected).toBeCloseTo(0.81 * 730 * 2 * 6, 1);
  });

  it('prices a GPU variant (A10G for A10) only with a label saying it is not the same card', () => {
    const { answer } = engine.ask('1x A10 on AWS in Hong Kong', TODAY);
    const line = option(answer, 'aws', 'hong-kong').lines.find((l) => l.component === 'gpu');
    expect(line?.label).toMatch(/1x A10G/);
    expect(line?.notes[0]).toBe("A10G is AWS's variant of the A10, not the same card: check it fits");
  });

  it('reports a gap with the vendor question and calculator instead of inventing a number', () => {
    // Huawei's GPU prices are not in the shipped catalogue.
    const { answer } = engine.ask('2x A10 inference on Huawei in Singapore for 3 months', TODAY);
    const hz = option(answer, 'huawei', 'singapore');
    expect(hz.lines.filter((l) => l.component === 'gpu')).toHaveLength(0);
    const gap = hz.gaps.find((g) => g.component === 'gpu');
    expect(gap?.question).toMatch(/A10/);
    expect(gap?.question).toMatch(/ap-southeast-3/);
    expect(gap?.calculatorUrl).toMatch(/^https:\/\//);
    expect(hz.monthly).toBeNull();
    expect(engine.text(answer)).toMatch(/Not priced/);
  });

  it('every price line in every answer carries a source and an as-of date', () => {
    for (const q of [
      '2x T4 on AWS in Hong Kong or Singapore',
      '2x A10G on AWS in Hong Kong, 24/7',
      '20M input and 5M output tokens a month on qwen-plus',
      '4x T4 on AWS in Ningxia for a year, subscription',
    ]) {
      const { answer } = engine.ask(q, TODAY);
      const lines = answer.options.flatMap((o) => o.lines);
      expect(lines.length, q).toBeGreaterThan(0);
      for (const l of lines) {
        expect(l.source, q).toBeTruthy();
        expect(l.asOf, q).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('applies the free egress allowance before pricing (Alibaba CDT: 20 GB a month on the mainland)', () => {
    const { answer } = engine.ask('500 GB egress a month from Alibaba Shanghai', TODAY);
    const sh = option(answer, 'alibaba', 'shanghai');
    const egress = sh.lines.find((l) => l.component === 'egress');
    expect(egress?.free?.quantity).toBe(20);
    expect(egress?.quantity).toBe(480);
    expect(egress?.monthly.expected).toBeCloseTo(480 * 0.123, 3);
  });

  it('converts CNY lines at the dated FX rate and says which rate it used', () => {
    const { answer } = engine.ask('4x T4 on AWS in Ningxia, in dollars', TODAY);
    const nx = option(answer, 'aws', 'ningxia');
    const line = nx.lines[0];
    expect(line?.currency).toBe('CNY');
    expect(answer.currency).toBe('USD');
    expect(answer.fx?.rate).toBeGreaterThan(0);
    expect(line?.monthlyInAnswerCurrency?.expected).toBeCloseTo(
      (line?.monthly.expected ?? 0) / (answer.fx?.rate ?? 1),
      2,
    );
    expect(answer.assumptions.join(' ')).toMatch(/Converted at 1 USD = [\d.]+ CNY/);
  });

  it('shows the answer in the currency the user asked for', () => {
    const { answer } = engine.ask('2x T4 on AWS in Hong Kong, in RMB', TODAY);
    expect(answer.currency).toBe('CNY');
    expect(option(answer, 'aws', 'hong-kong').monthly?.expected).toBeGreaterThan(0.81 * 730 * 2 * 5);
  });

  it('flags prices older than the staleness age, and not younger ones', () => {
    const asOf = option(engine.ask('2x T4 on AWS in Hong Kong', TODAY).answer, 'aws', 'hong-kong').lines[0]?.asOf;
    const plus = (days: number) =>
      new Date(Date.parse(`${asOf}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const late = option(engine.ask('2x T4 on AWS in Hong Kong', plus(181)).answer, 'aws', 'hong-kong').lines[0];
    expect(late?.stale).toBe(true);
    expect(late?.ageDays).toBe(181);
    const early = option(engine.ask('2x T4 on AWS in Hong Kong', plus(30)).answer, 'aws', 'hong-kong').lines[0];
    expect(early?.stale).toBe(false);
  });

  it('uses the hours a month the user gives instead of 730', () => {
    const { answer } = engine.ask('1x T4 on AWS in Singapore, 200 hours a month', TODAY);
    expect(option(answer, 'aws', 'singapore').lines[0]?.quantity).toBe(200);
    expect(answer.assumptions.join(' ')).not.toMatch(/730 hours/);
  });

  it('asks a follow-up instead of estimating on invented inputs', () => {
    const { answer } = engine.ask('how much for GPUs?', TODAY);
    expect(answer.kind).toBe('followup');
    expect(answer.options).toHaveLength(0);
    expect(answer.followup?.ask).toMatch(/GPU model/);
  });

  it('continues a follow-up with the reply', () => {
    const first = engine.ask('how much for GPUs in Hong Kong on AWS?', TODAY);
    const next = engine.continue(first.request, '2x T4', TODAY);
    expect(next.answer.kind).toBe('estimate');
    expect(next.request.locations).toEqual(['hong-kong']);
    expect(next.request.workload.gpu).toEqual({ model: 'T4', count: 2 });
  });

  it('flags the transfer of Taobao/Tmall data to another provider', () => {
    const { answer } = engine.ask('should our Taobao-data platform stay on Alibaba or move to Tencent?', TODAY);
    const tencent = answer.options.find((o) => o.provider === 'tencent');
    expect(tencent?.flags.map((f) => f.text).join(' ')).toMatch(/Transfer of the Taobao\/Tmall data/);
    expect(answer.options[0]?.provider).toBe('alibaba');
  });
});

describe('price mechanisms on a test catalogue', () => {
  let root: string;
  let local: Engine;

  beforeAll(() => {
    root = copyProject();
    editYaml(root, 'catalog/prices/alibaba.yaml', (doc) => {
      const base = {
        provider: 'alibaba',
        scope: { locations: ['hangzhou'] },
        billing: 'payg',
        currency: 'CNY',
        source: 'quote:TEST-0001',
        grade: 'vendor-quote',
      };
      doc.addIn(['prices'], {
        ...base,
        id: 'test-ecs-g7',
        kind: 'compute',
        service: 'ECS',
        unit: 'vcpu-hour',
        price: 0.2,
        as_of: '2026-10-01',
      });
      doc.addIn(['prices'], {
        ...base,
        id: 'test-gn7i',
        kind: 'gpu-instance',
        service: 'ECS GPU',
        sku: 'ecs.gn7i-test',
        unit: 'instance-hour',
        price: 10,
        gpu: { model: 'A10', count: 1 },
        vcpu: 16,
        memoryGiB: 60,
        as_of: '2026-01-01',
      });
    });
    local = new Engine(loadProject(root));
  });
  afterAll(() => removeDir(root));

  it('prices spot as a range from the catalogued discount, with its release risk', () => {
    // Alibaba's ECS price file has no spot prices: spot is the catalogued 10–100% range of the type's price.
    const { answer } = local.ask('8 vCPU 32 GB on Alibaba in Hangzhou, spot', TODAY);
    const line = option(answer, 'alibaba', 'hangzhou').lines.find((l) => l.component === 'compute');
    const payg = 730 * (line?.unitPrice ?? 0);
    expect(line?.midpoint).toBe(true);
    expect(line?.monthly.low).toBeCloseTo(payg * 0.1, 2);
    expect(line?.monthly.high).toBeCloseTo(payg, 2);
    expect(line?.monthly.low).toBeLessThan(line?.monthly.expected ?? 0);
    expect(line?.risks.length).toBeGreaterThan(0);
  });

  it('carries the April 2026 AI compute adjustment as renewal risk on a GPU price dated before it', () => {
    const { answer } = local.ask('1x A10 in Hangzhou on Alibaba', TODAY);
    const line = option(answer, 'alibaba', 'hangzhou').lines.find((l) => l.component === 'gpu');
    expect(line?.monthly.expected).toBeCloseTo(730 * 10, 2);
    expect(line?.monthly.high).toBeCloseTo(730 * 10 * 1.34, 2);
    expect(line?.risks.join(' ')).toMatch(/2026-04-18/);
  });

  it('labels a vendor quote as such in the rendered line', () => {
    const { answer } = local.ask('1x A10 in Hangzhou on Alibaba', TODAY);
    expect(local.text(answer)).toMatch(/source: quote:TEST-0001 .*vendor-quote/);
  });
});
