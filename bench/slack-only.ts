/** `npx tsx bench/slack-only.ts [pairs=12] [requests per round=500]`: just the Slack HTTP comparison from `npm run bench`. */
import { benchSlack } from './slack.js';

const r = await benchSlack(200, Number(process.argv[2]) || 12, Number(process.argv[3]) || 500);
for (const row of r.rows)
  console.log(
    `${row.name}: at ${row.rate}/s ack p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms; sustained ${row.rps.toFixed(0)} req/s`,
  );
console.log(
  `ratio p99 (${r.mode} rounds; median of ${r.roundRatios.length} rounds of ${r.perRound} requests to each app): ${r.ratio.toFixed(2)}; pooled ${r.pooledRatio.toFixed(2)}; worst round ${Math.max(...r.roundRatios).toFixed(2)}`,
);
console.log(`per round, in order: ${r.roundRatios.map((x) => x.toFixed(2)).join(', ')}`);
console.log(
  `per round p99 ms (bare/ours): ${r.roundP99s.map((x) => `${x.bare.toFixed(1)}/${x.ours.toFixed(1)}`).join(', ')}`,
);
console.log(`procure-bot end to end: ${r.answered.rps.toFixed(0)} answers/s; shed ${r.answered.shed} of 1000`);
