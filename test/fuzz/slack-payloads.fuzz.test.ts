/**
 * Mutated Slack payloads of every kind, signed and posted over real HTTP to the app (fake Slack Web API): none is
 * answered 500, none reaches Bolt in a shape it throws on, and no listener fails on a field it assumed.
 * `npx tsx scripts/slack-fuzz.ts [cases]` is the long run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { payloadProblem } from '../../src/slack/payload-shape.js';
import { sendSigned } from '../slack/fake-slack.js';
import { type Harness, startHarness } from '../slack/harness.js';
import { slackPayload } from './slack-payloads.js';

const SECRET = 'fuzz-secret';
const errors: string[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    secret: SECRET,
    token: 'xoxb-1-2-fuzzfuzzfuzz',
    log: (line) => void (line.includes('"level":"error"') && errors.push(line)),
  });
});

afterAll(() => h.stop());

/** Errors that mean a shape got through that should not have: Bolt's own, or a listener's unguarded read. */
const UNGUARDED =
  /unhandled error|is not a function|is not iterable|Cannot read properties|Cannot use 'in'|Failed to parse URL/;

it('100 mutated payloads: no 500, nothing thrown inside Bolt or a listener', async () => {
  const statuses: number[] = [];
  for (const { body, contentType } of fc.sample(slackPayload(h.fake.url), { numRuns: 100, seed: 20261206 })) {
    statuses.push((await sendSigned(h.url, SECRET, body, { contentType })).status);
  }
  // Listeners answer after the ack: give the last ones a moment (a slow machine only makes this check weaker).
  await new Promise((r) => setTimeout(r, 1000));
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(0);
  expect(errors.filter((e) => UNGUARDED.test(e))).toEqual([]);
}, 120_000);

it('says which field is wrong, in one sentence', () => {
  expect(payloadProblem({ type: 'block_actions', user: { id: 'U1' }, actions: 'x' })).toBe(
    'a block_actions request whose `actions` is not a list',
  );
  expect(payloadProblem({ type: 'view_submission', user: { id: 'U1' } })).toBe(
    'a view_submission request without `view`',
  );
  expect(payloadProblem({ command: '/procure', user_id: 'U1', response_url: 'not a url' })).toBe(
    'a command request whose `response_url` is not an http(s) address',
  );
  expect(
    payloadProblem({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'a' }, { action_id: 7 }] }),
  ).toBe('a block_actions request whose `actions[1].action_id` is not text');
  expect(
    payloadProblem({ type: 'event_callback', event: { type: 'app_mention', text: 'hi', channel: 'C1' } }),
  ).toBeNull();
});
