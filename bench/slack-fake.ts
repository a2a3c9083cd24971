/** Child process for bench/slack.ts: the fake Slack Web API on loopback; prints its URL, runs until killed. */
import { FakeSlack } from '../test/slack/fake-slack.js';

const fake = new FakeSlack();
await fake.start();
// Keep memory flat over a long run: the benchmark only needs the answers to be accepted.
setInterval(() => {
  fake.calls.length = 0;
  fake.responses.length = 0;
}, 1000);
console.log(JSON.stringify({ url: fake.url }));
