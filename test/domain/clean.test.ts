/** Text kept and printed is clean: no control characters, ANSI escapes or bidi overrides; zero-width ones removed. */
import { describe, expect, it } from 'vitest';
import { historyRecord } from '../../src/app/record.js';
import { cleanText } from '../../src/domain/clean.js';
import { checkText, loadEngine } from '../../src/engine.js';

describe('cleanText', () => {
  it.each([
    ['ANSI colours', '\u001b[31m2x A10\u001b[0m in Hangzhou', '2x A10 in Hangzhou'],
    ['an OSC title', '\u001b]0;pwned\u00072x A10', '2x A10'],
    ['a bidi override', '2x A10 in \u202euohzgnaH\u202c', '2x A10 in uohzgnaH'],
    ['controls', '2x\u0000 A10\u0007 in\u0008 Hangzhou\u009b', '2x A10 in Hangzhou'],
    ['zero-width inside a word', 'Hang\u200bzhou and Ten\u200dcent\ufeff', 'Hangzhou and Tencent'],
    ['newlines and tabs', 'a\tb\nc', 'a b c'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('a question with zero-width characters inside its words is read as if they were not there', async () => {
    const engine = await loadEngine();
    const plain = engine.parse('2x A10 inference in Hangzhou on Alibaba');
    expect(engine.parse('2x A\u200b10 infer\u200cence in Hang\u200bzhou on Ali\u2060baba')).toEqual(plain);
    expect(checkText('\u001b[2J2x A10', engine.pipeline.say('en'))).toBe('2x A10');
  });

  it('the history record keeps the clean text', async () => {
    const engine = await loadEngine();
    const { request, answer } = engine.ask('2x A10 in Hangzhou');
    const rec = historyRecord(
      { text: '\u001b[31m2x A10\u001b[0m in \u202eHangzhou', request, answer },
      { surface: 'slack', user: 'U1', channel: 'C1' },
    );
    expect(rec.text).toBe('2x A10 in Hangzhou');
  });
});
