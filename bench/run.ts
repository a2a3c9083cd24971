/**
 * `npm run bench`: engine latency, start-up, Slack HTTP ack latency against a bare Bolt app, and the store's
 * recording cost. Prints the figures and writes BENCHMARKS.md with the machine's description.
 * Not part of `npm test`: timings are noisy on shared machines and are reported, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';
import { generatedProject } from './generate.js';
import { answerMessages } from '../src/slack/blocks.js';
import { benchSlack } from './slack.js';
import { benchStore } from './store.js';

const ROOT = join(import.meta.dirname, '..');
const TODAY = '2026-11-23';

import { QUESTIONS } from './questions.js';

export { QUESTIONS };

function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function benchEngine(engine: Engine, rounds = 20) {
  const times: number[] = [];
  for (const q of QUESTIONS) engine.text(engine.ask(q, TODAY).answer); // warm up (and check every template renders)
  for (let r = 0; r < rounds; r++) {
    for (const q of QUESTIONS) {
      const t = process.hrtime.bigint();
      // The path a Slack user waits for: parse, answer, render, lay out as Block Kit.
      const { answer } = engine.ask(q, TODAY);
      answerMessages(answer, engine.render(answer, 'slack'));
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times[times.length - 1] ?? 0 };
}

/** Start-up in a fresh process: load, validate and index the catalogue and compile the templates. */
function startup(root: string): { ms: number; maxRssMB: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'startup-child.ts'), root], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start), Node.js ${process.version}, ${process.platform} ${process.arch}`;
}

async function main() {
  const lines: string[] = [];
  const say = (s: string) => {
    console.log(s);
    lines.push(s);
  };
  say(`# Benchmarks\n\nRun: \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine()}.\n`);

  say('## 1. Engine: question text to a rendered Slack answer (Block Kit), 50 questions × 20 rounds\n');
  say('| catalogue | price rows | p50 ms | p99 ms | max ms | target p99 |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  const shipped = new Engine(loadProject(ROOT));
  const e1 = benchEngine(shipped);
  say(`| shipped | ${shipped.data.catalog.prices.length} | ${e1.p50.toFixed(2)} | ${e1.p99.toFixed(2)} | ${e1.max.toFixed(2)} | 5 |`);
  const genRoot = generatedProject(100_000);
  try {
    const big = new Engine(loadProject(genRoot));
    const e2 = benchEngine(big, 5);
    say(`| generated | ${big.data.catalog.prices.length} | ${e2.p50.toFixed(2)} | ${e2.p99.toFixed(2)} | ${e2.max.toFixed(2)} | 25 |`);

    say('\n## 2. Start-up: load, validate, index, compile templates (fresh process)\n');
    say('| catalogue | time ms | peak RSS MB | target |');
    say('| --- | ---: | ---: | --- |');
    const s1 = startup(ROOT);
    say(`| shipped | ${s1.ms.toFixed(0)} | ${s1.maxRssMB.toFixed(0)} | — |`);
    const s2 = startup(genRoot);
    say(`| 100,000 rows | ${s2.ms.toFixed(0)} | ${s2.maxRssMB.toFixed(0)} | ≤ 1,500 ms, ≤ 200 MB |`);
  } finally {
    rmSync(genRoot, { recursive: true, force: true });
  }

  say('\n## 3. Slack HTTP mode: signed slash commands over loopback\n');
  const slack = await benchSlack();
  say('| app | requests | concurrency | ack p50 ms | ack p99 ms | requests/s |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of slack.rows)
    say(`| ${r.name} | ${r.requests} | ${r.concurrency} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rps.toFixed(0)} |`);
  say(`\nAck p99 ratio procure-bot / bare Bolt: ${slack.ratio.toFixed(2)} (target ≤ 1.3).`);
  say(
    'The load generator, the fake Web API receiving the answers and the apps run in three processes on two cores; procure-bot computes and posts an answer for every command, so its acks share the CPU with that work.',
  );

  say('\n## 4. Store: recording one request\n');
  say('| requests in history | mean ms | p50 ms | p99 ms |');
  say('| ---: | ---: | ---: | ---: |');
  const store = await benchStore([1000, 100_000, 500_000]);
  for (const r of store) say(`| ${r.n.toLocaleString('en-US')} | ${r.mean.toFixed(3)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} |`);
  const first = store[0];
  const last = store[store.length - 1];
  if (first && last) say(`\nCost at 500,000 / cost at 1,000 (p50): ${(last.p50 / first.p50).toFixed(2)} (target ≤ 2).`);

  writeFileSync(join(ROOT, 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
  console.log('\nWritten to BENCHMARKS.md');
}

await main();
