/**
 * Fairness under load, over signed HTTP on loopback against the fake Slack: (1) one user floods 700
 * questions, then a victim asks one: how long the victim waits for the answer and how many of the flood were
 * refused; (2) 30 questions of a single 4,000-character token, then a victim; (3) a burst from 50 users, 20
 * questions each: how many were refused and how long the backlog took to drain.
 *   npx tsx scripts/slack-fairness.ts
 */
import { readConfig } from '../src/config/env.js';
import { loadEngine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { SlackService } from '../src/slack/service.js';
import { FakeSlack, sendSigned, slashCommand } from '../test/slack/fake-slack.js';

const SECRET = 'fairness-signing-secret';
const TOKEN = 'xoxb-fairness-0000000000';
const engine = await loadEngine();
const fake = new FakeSlack();
await fake.start();
const slack = createSlackApp({
  config: readConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${fake.url}/api/`,
    PORT: '0',
  }),
  service: new SlackService(engine),
  logger: createLogger({ write: () => undefined }),
  botId: 'BBOT',
  botUserId: 'UBOT',
});
const url = `http://127.0.0.1:${await slack.start()}/slack/events`;
let n = 0;

/** Sends one; resolves with its response_url path. */
async function ask(user: string, text: string): Promise<string> {
  const id = `q${++n}`;
  const body = slashCommand(fake.url, text, {
    user_id: user,
    trigger_id: id,
    response_url: `${fake.url}/response/${id}`,
  });
  await sendSigned(url, SECRET, body, { contentType: 'application/x-www-form-urlencoded' });
  return `/response/${id}`;
}
const answerOf = (path: string) => fake.responses.find((r) => r.path === path);
const shed = (paths: string[]) =>
  paths.filter((p) => String(answerOf(p)?.body.text ?? '').includes('too many questions waiting')).length;
const until = (pred: () => boolean, ms: number) => fake.waitFor(pred, ms, 'answers').catch(() => undefined);

try {
  // 1. A flood from one user, then a victim.
  const flood = await Promise.all(
    Array.from({ length: 700 }, (_, i) =>
      ask('UFLOOD', `${1 + (i % 8)}x A10 inference in Hangzhou for ${1 + (i % 12)} months`),
    ),
  );
  const t0 = performance.now();
  const victim = await ask('UVICTIM', '2x T4 on AWS in Hong Kong');
  await until(() => Boolean(answerOf(victim)), 120_000);
  const victimWait = performance.now() - t0;
  await until(() => flood.every((p) => answerOf(p)), 300_000);
  console.log(
    `flood: 700 questions from one user, then one from another: the victim's answer came ${(victimWait / 1000).toFixed(2)} s after its ack (${String(answerOf(victim)?.body.text ?? '').includes('too many') ? 'REFUSED' : 'answered'}); ${shed(flood)} of the flood's 700 were refused with a retry time.`,
  );

  // 2. Slow questions (one 4,000-character token each), then a victim.
  const slow = await Promise.all(
    Array.from({ length: 30 }, (_, i) => ask('USLOW', `${String(i).repeat(1)}${'1'.repeat(3990)}`)),
  );
  const t1 = performance.now();
  const victim2 = await ask('UVICTIM2', '2x T4 on AWS in Hong Kong');
  await until(() => Boolean(answerOf(victim2)), 120_000);
  console.log(
    `30 questions of one 4,000-character token, then another user's: answered ${((performance.now() - t1) / 1000).toFixed(2)} s after its ack.`,
  );
  await until(() => slow.every((p) => answerOf(p)), 120_000);

  // 3. A burst from 50 users.
  const t2 = performance.now();
  const burst = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      ask(`UB${i % 50}`, `${1 + (i % 4)}x T4 on AWS in Hong Kong for ${1 + (i % 6)} months`),
    ),
  );
  await until(() => burst.every((p) => answerOf(p)), 300_000);
  console.log(
    `burst: 50 users x 20 questions: ${shed(burst)} of 1000 refused; every answer posted ${((performance.now() - t2) / 1000).toFixed(2)} s after the burst began.`,
  );
} finally {
  await slack.stop();
  await fake.stop();
}
