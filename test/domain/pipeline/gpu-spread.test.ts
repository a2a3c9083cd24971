/**
 * Inference GPUs need not share a machine: "2x T4 inference" is priced on the cheaper of one 2-GPU type and two
 * 1-GPU types, and says so, with the one-machine type shown to compare; training keeps the GPUs in one machine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const gpuLine = (text: string) => {
  const { answer } = engine.ask(text, TODAY);
  const line = answer.options[0]?.lines.find((l) => l.component === 'gpu');
  if (!line) throw new Error(`no GPU line for ${text}`);
  return line;
};

describe('GPUs for inference', () => {
  it('prices two 1-GPU machines when they cost less than one 2-GPU machine, and shows that machine to compare', () => {
    const inference = gpuLine('2x T4 inference in Hong Kong on Alibaba');
    const training = gpuLine('2x T4 training in Hong Kong on Alibaba');
    expect(training.label).toMatch(/× 1$/);
    expect(inference.label).toMatch(/× 2$/);
    expect(inference.monthly.expected).toBeLessThan(training.monthly.expected);
    expect(inference.notes.join('\n')).toMatch(
      /inference GPUs need not share a machine.*costs less than one 2-GPU T4 type/,
    );
    expect(inference.notes.join('\n')).toContain(training.label.replace(/ × 1$/, '').split(' (')[0] as string);
  });

  it('says so in Chinese', () => {
    const line = gpuLine('阿里云香港 2张T4 推理');
    expect(line.notes.join('\n')).toMatch(/推理用的 GPU 不必在同一台机器上/);
  });
});

describe('a named type priced elsewhere', () => {
  it('names at most five regions, cheapest first, and counts the rest', () => {
    const { answer } = engine.ask('ecs.g7.xlarge in Shanghai, 1 year subscription', TODAY);
    const why = answer.options[0]?.gaps[0]?.why ?? '';
    const listed = /it is priced in (.*?) and (\d+) more/.exec(why);
    expect(listed).not.toBeNull();
    expect(listed?.[1]?.split(', ')).toHaveLength(5);
    // The first region named is the one the reference price comes from (the cheapest).
    const first = listed?.[1]?.split(' ')[0];
    expect(why).toMatch(new RegExp(`pay-as-you-go in ${first}, as of`));
  });
});
