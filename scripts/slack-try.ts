/**
 * Try HTTP mode on this machine without Slack. Two terminals plus this script:
 *
 *   npx tsx scripts/slack-try.ts serve                 # 1. a fake Slack Web API on 127.0.0.1:4000 (Ctrl-C ends it)
 *   SLACK_BOT_TOKEN=xoxb-local SLACK_SIGNING_SECRET=local-secret \
 *     SLACK_API_URL=http://127.0.0.1:4000/api/ npm start   # 2. the bot in HTTP mode on port 3000
 *   npx tsx scripts/slack-try.ts send "2x T4 inference on AWS in Hong Kong"   # 3. a signed /procure
 *
 * `serve` prints every Web API call and every answer the bot posts to response_url.
 */
import { parseArgs } from 'node:util';
import { FakeSlack, form, sendSigned } from '../test/slack/fake-slack.js';

const { values, positionals } = parseArgs({
  options: {
    secret: { type: 'string', default: 'local-secret' },
    bot: { type: 'string', default: 'http://127.0.0.1:3000/slack/events' },
    'api-port': { type: 'string', default: '4000' },
  },
  allowPositionals: true,
});
const [mode, ...words] = positionals;
const apiPort = Number(values['api-port']);

if (mode === 'serve') {
  const fake = new FakeSlack();
  await fake.start(apiPort);
  console.log(`fake Slack Web API at ${fake.url}/api/ — set SLACK_API_URL=${fake.url}/api/`);
  let seenCalls = 0;
  let seenResponses = 0;
  setInterval(() => {
    for (const c of fake.calls.slice(seenCalls))
      console.log(`Web API ${c.method}: ${JSON.stringify({ ...c.args, token: undefined }).slice(0, 2000)}`);
    for (const r of fake.responses.slice(seenResponses))
      console.log(`response_url: ${JSON.stringify(r.body, null, 2)}`);
    seenCalls = fake.calls.length;
    seenResponses = fake.responses.length;
  }, 200);
} else if (mode === 'send') {
  const body = form({
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    command: '/procure',
    text: words.join(' ') || 'help',
    response_url: `http://127.0.0.1:${apiPort}/response/try`,
    trigger_id: '1.2.3',
  });
  try {
    const res = await sendSigned(values.bot as string, values.secret as string, body, {
      contentType: 'application/x-www-form-urlencoded',
    });
    console.log(
      res.status === 200
        ? 'The bot acknowledged the command; its answer appears in the "serve" terminal.'
        : `The bot answered HTTP ${res.status}: check that --secret matches SLACK_SIGNING_SECRET.`,
    );
    process.exitCode = res.status === 200 ? 0 : 1;
  } catch (err) {
    console.error(`Could not reach the bot at ${values.bot} (${(err as Error).message}): is it running in HTTP mode?`);
    process.exitCode = 1;
  }
} else {
  console.error(
    'Usage: npx tsx scripts/slack-try.ts serve | send "<question>" [--secret s] [--bot url] [--api-port n]',
  );
  process.exitCode = 1;
}
