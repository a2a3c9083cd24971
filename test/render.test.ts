import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../src/engine.js';
import { slackEscape } from '../src/render/render.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('rendering', () => {
  it("escapes only Slack's & < > (no HTML entities for quotes)", () => {
    expect(slackEscape(`We've <b> & "x"`)).toBe(`We've &lt;b&gt; &amp; "x"`);
  });

  it('user text can never become a mention, a channel ping or a link in a Slack reply', () => {
    const text = 'what are the ICP rules <!channel> <@U123> <https://evil.example|click> & <#C1>';
    for (const q of [text, `2x T4 on AWS in Hong Kong ${text}`, `where should our <!here> web shop run? ${text}`]) {
      const { answer } = engine.ask(q, '2026-11-23');
      for (const s of engine.render(answer, 'slack')) {
        expect(s.text).not.toMatch(/<[!@#]/);
        expect(s.text).not.toMatch(/<https?:/);
      }
    }
  });

  it('keeps apostrophes and quotes as they are in console text', () => {
    const { answer } = engine.ask('what are the ICP filing rules?', '2026-11-23');
    const text = engine.text(answer);
    expect(text).toMatch(/Alibaba Cloud's/);
    expect(text).not.toMatch(/&#39;|&amp;|&quot;/);
  });

  it('every template section renders for every kind of answer without a missing field', () => {
    for (const q of [
      'help',
      'weekly summary',
      'how much for GPUs?',
      'what are the ICP filing rules?',
      'what should we ask Tencent before buying H800s?',
      'where should our Tmall customer-service model run?',
      'compare Alibaba and Huawei for 8x H800 training in Shanghai',
      '2x T4 on AWS in Hong Kong, spot',
    ]) {
      const { answer } = engine.ask(q, '2026-11-23');
      const sections = engine.render(answer, 'text');
      expect(sections.length, q).toBeGreaterThan(0);
      for (const s of sections) expect(s.text.trim().length, `${q}: ${s.name}`).toBeGreaterThan(0);
    }
  });
});
