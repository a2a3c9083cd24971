/** Random questions for property tests: Unicode, Chinese, emoji, control characters, Slack markup, numbers. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type Engine, InputError } from '../../src/engine.js';
import { answerMessages, MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS } from '../../src/slack/blocks.js';

const pieces = [
  '2x A10',
  '8 vCPU 32GB',
  '16核64G',
  '1e308 vCPU',
  '-5 GPUs',
  '0 months',
  '1000 years',
  '99999999999999999999 TB',
  'in Hangzhou',
  'Singapore users',
  'on Alibaba',
  'vs Tencent',
  '<!channel>',
  '<!here>',
  '<@U123>',
  '<#C123|general>',
  '<https://evil.example|click me>',
  '&amp;',
  '*bold*',
  '```code```',
  '包年包月',
  '竞价',
  '3个月',
  '一年',
  'qwen-plus 20M input 5M output tokens',
  'spot',
  'help',
  'weekly summary',
  '\u0000\u0007\u001b[31m',
  '👍🏽🇨🇳',
  '\u202e\u200b',
  'x'.repeat(300),
];

export const question = fc
  .array(
    fc.oneof(
      fc.constantFrom(...pieces),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.integer({ min: -1e6, max: 1e12 }).map(String),
      fc.double({ noNaN: false }).map(String),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(' '));

/** One case: the engine answers or says one clear sentence; Slack limits hold; no markup from the user survives. */
export function checkOne(engine: Engine, text: string): void {
  let asked: ReturnType<Engine['ask']>;
  try {
    asked = engine.ask(text, '2026-11-23');
  } catch (err) {
    if (err instanceof InputError) {
      expect(err.message.split('\n')).toHaveLength(1);
      return;
    }
    throw err;
  }
  engine.text(asked.answer);
  const sections = engine.render(asked.answer, 'slack');
  const { first, rest } = answerMessages(asked.answer, sections);
  for (const message of [first, ...rest]) {
    expect(message.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const b of message) {
      if (b.type === 'section') expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(MAX_SECTION_CHARS);
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(MAX_HEADER_CHARS);
    }
  }
  const all = JSON.stringify([first, ...rest]);
  expect(all).not.toMatch(/<[!@#]/);
  expect(all).not.toMatch(/<(?:https?|mailto):/);
}
