/**
 * `npx tsx scripts/slack-fuzz.ts [cases]`: mutated Slack payloads (commands, events, buttons, forms) posted signed
 * over real HTTP to the app with a fake Slack Web API. Reports statuses, error log lines and any crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readConfig } from '../src/config/env.js';
import { loadEngine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { SlackService } from '../src/slack/service.js';
import { FileStore } from '../src/store/file-store.js';
import { slackPayload } from '../test/fuzz/slack-payloads.js';
import { FakeSlack, sendSigned } from '../test/slack/fake-slack.js';

const runs = Number(process.argv[2] ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const SECRET = 'fuzz-secret';
const TOKEN = 'xoxb-1-2-fuzzfuzzfuzz';
const engine = await loadEngine();
const fake = new FakeSlack();
await fake.start();
const dir = mkdtempSync(join(tmpdir(), 'procure-slack-fuzz-'));
const store = await FileStore.open(dir, { writer: true });
const service = new SlackService(engine, () => '2026-11-23', { store, admins: ['U1'] });
await service.loadQuotes();
const errors: string[] = [];
const slack = createSlackApp({
  config: readConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${fake.url}/api/`,
    PORT: '0',
  }),
  service,
  logger: createLogger({
    secrets: [TOKEN, SECRET],
    write: (line) => {
      if (/"level":"error"/.test(line)) errors.push(line);
    },
  }),
  botId: 'BBOT',
  botUserId: 'UBOT',
});
const url = `http://127.0.0.1:${await slack.start()}/slack/events`;
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
await slack.stop();
await store.close();
await fake.stop();
rmSync(dir, { recursive: true, force: true });
