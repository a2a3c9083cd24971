/** `npx tsx bench/slack-only.ts`: just the Slack HTTP comparison from `npm run bench`. */
import { benchSlack } from './slack.js';

const r = await benchSlack();
for (const row of r.rows)
  console.log(
    `${row.name}: at ${row.rate}/s ack p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms; sustained ${row.rps.toFixed(0)} req/s`,
  );
console.log(`ratio p99: ${r.ratio.toFixed(2)}; per round, in order: ${r.roundRatios.map((x) => x.toFixed(2)).join(', ')}`);
console.log(`procure-bot end to end: ${r.answered.rps.toFixed(0)} answers/s; shed ${r.answered.shed} of 1000`);
