/**
 * Replay variants against the HTTP front on loopback (the fake Slack as the Web API, a real FileStore and
 * inbox): one genuine signed `/procure quote add` is sent, then the same signed request dressed every way
 * an attacker might, within the 5-minute window, and again after a restart. Counts how many variants were
 * refused and how many times the quote was stored (must be 1).
 *   npx tsx scripts/slack-replay-variants.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../src/config/env.js';
import { loadEngine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { SlackService } from '../src/slack/service.js';
import { FileStore } from '../src/store/file-store.js';
import { FileInbox } from '../src/store/inbox.js';
import { FakeSlack, sendSigned, sign, slashCommand } from '../test/slack/fake-slack.js';

const SECRET = 'replay-variants-signing-secret';
const TOKEN = 'xoxb-replay-variants-000000';

const engine = await loadEngine();
const fake = new FakeSlack();
await fake.start();
const dir = mkdtempSync(join(tmpdir(), 'procure-replay-'));

async function run() {
  const store = await FileStore.open(dir, { writer: true });
  const inbox = FileInbox.open(dir);
  const service = new SlackService(engine, undefined, { store, admins: ['UADMIN'] });
  await service.loadQuotes();
  const slack = createSlackApp({
    config: readConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
    }),
    service,
    logger: createLogger({ write: () => undefined }),
    botId: 'BBOT',
    botUserId: 'UBOT',
    inbox,
  });
  const port = await slack.start();
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    store,
    stop: async () => {
      await slack.stop();
      await inbox.close();
      await store.close();
    },
  };
}

const body = slashCommand(
  fake.url,
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=REPLAY-1 valid_until=2027-01-31',
  { user_id: 'UADMIN', trigger_id: 'replay-trigger-1' },
);
const ts = Math.floor(Date.now() / 1000);
const sig = sign(SECRET, ts, body);
const form = 'application/x-www-form-urlencoded';
const stored = async (store: FileStore) => (await store.quotes()).filter((q) => q.reference === 'REPLAY-1').length;
const settle = () => new Promise((r) => setTimeout(r, 400));

try {
  let bot = await run();
  const genuine = await sendSigned(bot.url, SECRET, body, { contentType: form, timestamp: ts });
  await fake.waitFor(() => fake.responses.length > 0, 10_000, 'the genuine answer');
  console.log(`genuine request: HTTP ${genuine.status}; quotes stored: ${await stored(bot.store)}`);
  const variants: [string, Parameters<typeof sendSigned>[3]][] = [
    ['the same request again', { contentType: form, timestamp: ts }],
    ['signature + "="', { contentType: form, timestamp: ts, signature: `${sig}=` }],
    ['signature + "=x"', { contentType: form, timestamp: ts, signature: `${sig}=x` }],
    [
      'signature in upper case',
      { contentType: form, timestamp: ts, signature: sig.toUpperCase().replace('V0=', 'v0=') },
    ],
    ['signature with a space', { contentType: form, timestamp: ts, signature: ` ${sig}` }],
    [
      'X-Slack-Retry-Num: 1',
      {
        contentType: form,
        timestamp: ts,
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      },
    ],
    ['X-Slack-Retry-Num: 2', { contentType: form, timestamp: ts, headers: { 'x-slack-retry-num': '2' } }],
    [
      'timestamp zero-padded',
      { contentType: form, timestamp: `0${ts}` as unknown as number, signature: sign(SECRET, `0${ts}`, body) },
    ],
    ['content-type with charset', { contentType: `${form}; charset=utf-8`, timestamp: ts }],
    ['a forged signature', { contentType: form, timestamp: ts, signature: `v0=${'0'.repeat(64)}` }],
    [
      'an old timestamp, resigned with a wrong secret',
      { contentType: form, timestamp: ts - 600, signature: sign('wrong', ts - 600, body) },
    ],
  ];
  let refused = 0;
  for (const [name, opts] of variants) {
    const before = fake.responses.length;
    const res = await sendSigned(bot.url, SECRET, body, opts);
    await settle();
    const ran = fake.responses.length > before;
    if (!ran) refused++;
    console.log(`${name}: HTTP ${res.status}, ${ran ? 'ANSWERED (replayed!)' : 'not run'}`);
  }
  await bot.stop();
  // After a restart the in-memory replay cache is empty; the inbox still knows the request.
  bot = await run();
  const before = fake.responses.length;
  const after = await sendSigned(bot.url, SECRET, body, { contentType: form, timestamp: ts });
  await settle();
  const ranAfter = fake.responses.length > before;
  if (!ranAfter) refused++;
  console.log(
    `the same request after a restart: HTTP ${after.status}, ${ranAfter ? 'ANSWERED (replayed!)' : 'not run'}`,
  );
  const total = variants.length + 1;
  console.log(`${refused} of ${total} replay variants refused; quote stored ${await stored(bot.store)} time(s).`);
  await bot.stop();
  process.exitCode = refused === total ? 0 : 1;
} finally {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
}
