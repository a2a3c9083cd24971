/**
 * Golden answers: each folder holds a question and the answer text a reviewer has read and approved.
 * `npm run golden:update` rewrites them; the diff of answer.txt is what a reviewer reads.
 * The date is fixed so that staleness flags do not change with the calendar.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../src/engine.js';

const DIR = import.meta.dirname;
const TODAY = '2026-11-23';
const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('golden answers', () => {
  it('has at least 15 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('%s', async (name) => {
    const question = readFileSync(join(DIR, name, 'question.txt'), 'utf8').trim();
    const { answer } = engine.ask(question, TODAY);
    await expect(engine.text(answer)).toMatchFileSnapshot(join(DIR, name, 'answer.txt'));
  });

  // The same question answered in the other language (as `--lang` or a Slack user's setting would ask for it), so a
  // reviewer reads every answer in English and in Chinese: answer.zh.txt, or answer.en.txt for a Chinese question.
  it.each(cases)('%s, in the other language', async (name) => {
    const question = readFileSync(join(DIR, name, 'question.txt'), 'utf8').trim();
    const other = engine.parse(question).lang === 'zh' ? 'en' : 'zh';
    const { answer } = engine.ask(question, TODAY, { lang: other });
    await expect(engine.text(answer)).toMatchFileSnapshot(join(DIR, name, `answer.${other}.txt`));
  });
});
