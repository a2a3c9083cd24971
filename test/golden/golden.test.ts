/**
 * Golden answers: each folder holds a question and the answer text a reviewer has read and approved.
 * `npm run golden:update` rewrites them; the diff of answer.txt is what a reviewer reads.
 * The date is fixed so that staleness flags do not change with the calendar.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/cli/console.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { type Reply, SlackService } from '../../src/slack/service.js';

const DIR = import.meta.dirname;
const TODAY = '2026-11-23';
const folders = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const cases = folders.filter((name) => existsSync(join(DIR, name, 'question.txt')));
/** Conversations: one turn a line in console.txt (the local console) or slack-thread.txt (one Slack thread). */
const consoleCases = folders.filter((name) => existsSync(join(DIR, name, 'console.txt')));
const slackCases = folders.filter((name) => existsSync(join(DIR, name, 'slack-thread.txt')));
const turns = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

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

describe('golden conversations: follow-ups change one slot of the last question', () => {
  it.each(consoleCases)('%s (console)', async (name) => {
    const stdin = new PassThrough();
    let out = '';
    const io = { out: (s: string) => void (out += s), err: () => {}, stdin, stdout: new PassThrough() };
    const done = runConsole(engine, io, undefined, 'golden', () => TODAY);
    stdin.end(`${turns(join(DIR, name, 'console.txt')).join('\n')}\n`);
    await done;
    await expect(out).toMatchFileSnapshot(join(DIR, name, 'answer.txt'));
  });

  it.each(slackCases)('%s (Slack thread)', async (name) => {
    const service = new SlackService(engine, () => TODAY);
    const where = { user: 'U0GOLDEN', channel: 'C0GOLDEN', conversation: 'C0GOLDEN:1700000000.000100' };
    const transcript: string[] = [];
    for (const text of turns(join(DIR, name, 'slack-thread.txt'))) {
      const reply = (await service.handle(`<@U0BOT> ${text}`, where)) as Reply;
      const body = engine
        .render(reply.answer, 'slack')
        .map((s) => s.text)
        .join('\n\n');
      transcript.push(`>>> ${text}\n${body}`);
    }
    await expect(`${transcript.join('\n\n')}\n`).toMatchFileSnapshot(join(DIR, name, 'answer.txt'));
  });
});
