/**
 * `npx tsx scripts/slack-fuzz.ts [cases]`: mutated Slack payloads (commands, events, buttons, forms) posted signed
 * over real HTTP to the app with a fake Slack Web API. Reports statuses, error log lines and any crash.
 */
import fc from 'fast-check';
import { slackPayload } from '../test/fuzz/slack-payloads.js';
import { sendSigned } from '../test/slack/fake-slack.js';
import { startHarness } from '../test/slack/harness.js';

const runs = Number(process.argv[2] ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const SECRET = 'fuzz-secret';
const errors: string[] = [];
const h = await startHarness({
  secret: SECRET,
  token: 'xoxb-1-2-fuzzfuzzfuzz',
  log: (line) => {
    if (/"level":"error"/.test(line)) errors.push(line);
  },
});
const { url, fake } = h;
const statuses = new Map<number, number>();
const bad: string[] = [];
let unhandled = 0;
process.on('unhandledRejection', (e) => {
  unhandled++;
  console.error('unhandledRejection', e);
});
const samples = fc.sample(slackPayload(fake.url), { numRuns: runs, seed });
for (const { body, contentType } of samples) {
  const before = errors.length;
  const res = await sendSigned(url, SECRET, body, { contentType });
  await new Promise((r) => setTimeout(r, 20));
  if (process.env.FUZZ_SHOW && errors.slice(before).some((e) => e.includes(process.env.FUZZ_SHOW as string)))
    console.log(`payload for ${process.env.FUZZ_SHOW}: ${decodeURIComponent(body).slice(0, 1500)}`);
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) bad.push(`${res.status} ${body.slice(0, 300)}`);
}
await new Promise((r) => setTimeout(r, 3000));
console.log(`slack fuzz: ${samples.length} payloads, seed ${seed}; statuses ${JSON.stringify([...statuses])}`);
console.log(`5xx: ${bad.length}; error log lines: ${errors.length}; unhandled: ${unhandled}`);
for (const b of bad.slice(0, 5)) console.log(b);
for (const e of new Set(errors.map((e) => e.replace(/"time":"[^"]*",/, '').slice(0, 400)))) console.log(e);
await h.stop();
