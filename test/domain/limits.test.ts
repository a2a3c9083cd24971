/** Odd inputs get one clear sentence, never an estimate on a number nobody meant. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, InputError, loadEngine } from '../../src/engine.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const cases: [string, RegExp][] = [
  ['1e308 vCPU in Hangzhou', /Write numbers in full/],
  ['0 vCPU on AWS in Hong Kong', /"0 vCPU per instance" cannot be priced: it must be more than 0/],
  ['we need -5 GPUs in Hangzhou', /cannot be negative/],
  ['2x A10 in Hangzhou for 1000 years', /12,000 months is more than I accept \(at most 120 months/],
  ['2x A10 in Hangzhou for 0 months', /"0 months" cannot be priced/],
  ['99999999 TB storage in Singapore', /more than I accept \(at most 100 PB of storage\)/],
  ['5000 vCPU 32GB on AWS', /5,000 vCPU per instance is more than I accept/],
  ['2x A10 for 800 hours a month', /800 hours a month is more than I accept/],
  ['a'.repeat(5000), /characters long, over the limit/],
];

describe('input limits', () => {
  it.each(cases)('%s', (text, message) => {
    let err: unknown;
    try {
      engine.ask(text, '2026-11-23');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.split('\n')).toHaveLength(1);
  });

  it('a facts question about quotas is answered, not refused for the cores it mentions', () => {
    for (const text of [
      'default vcpu quota on tencent cloud per region? we need ~2000 cores in guangzhou',
      '华为云 每个地域 vCPU 配额 上限是多少？我们要 3000 核',
    ]) {
      const { request, answer } = engine.ask(text, '2026-11-23');
      expect(request.intent).toBe('facts');
      expect(answer.kind).not.toBe('followup');
    }
  });

  it('an unknown GPU model gets a follow-up asking for the model, not an estimate', () => {
    const { answer } = engine.ask('how much for 2 GPUs of type Z999 in Hangzhou?', '2026-11-23');
    expect(answer.kind).toBe('followup');
    expect(answer.followup?.ask).toMatch(/Which GPU model/);
  });

  it('numbers inside limits still answer', () => {
    expect(engine.ask('2x A10 in Hangzhou for 120 months', '2026-11-23').answer.kind).toBe('estimate');
  });
});
