/**
 * Child process for bench/slack.ts: the fake Slack Web API on loopback; prints its URL and the URL of a
 * counter of the answers it has received (so the benchmark can wait for every answer before going on),
 * then runs until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlack } from '../test/slack/fake-slack.js';

const fake = new FakeSlack();
await fake.start();
/** The response_urls answered at least once (each request has its own; an answer in several messages counts once). */
const answeredUrls = new Set<string>();
let answered = 0;
/** Answers that were the "too many questions waiting" sentence: load shed, not answered. */
let busy = 0;
// Keep memory flat over a long run: the benchmark only needs the answers to be accepted and counted.
const flush = () => {
  for (const r of fake.responses) answeredUrls.add(r.path);
  answered = answeredUrls.size;
  busy += fake.responses.filter((r) => String(r.body.text).includes('too many questions waiting')).length;
  fake.calls.length = 0;
  fake.responses.length = 0;
};
setInterval(flush, 1000);
const counter = createServer((_req, res) => {
  flush();
  res.end(JSON.stringify({ answered, busy }));
});
await new Promise<void>((r) => counter.listen(0, '127.0.0.1', r));
console.log(JSON.stringify({ url: fake.url, answered: `http://127.0.0.1:${(counter.address() as AddressInfo).port}/` }));
