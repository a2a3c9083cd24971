/**
 * `npm run bench`: engine latency, start-up, Slack HTTP ack latency against a bare Bolt app, and the store's
 * recording cost. Prints the figures and writes BENCHMARKS.md with the machine's description.
 * Not part of `npm test`: timings are noisy on shared machines and are reported, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';
import { distIsCurrent } from '../scripts/dist-state.mjs';
import { benchBotStartup, type StartupFigure } from './bot-startup.js';
import { benchCli } from './cli.js';
import { type EngineFigures, measureEngine } from './engine-measure.js';
import { generatedProject } from './generate.js';
import { QUESTIONS } from './questions.js';
import { benchSlack } from './slack.js';
import { benchStore } from './store.js';

const ROOT = join(import.meta.dirname, '..');

export { QUESTIONS };

/** Engine latency: see bench/engine-measure.ts (warm-up on the measured path; nothing measured is dropped). */
export function benchEngine(engine: Engine, rounds = 20): Promise<EngineFigures> {
  return measureEngine(engine, rounds);
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

/** Start-up in a fresh process: load, validate and index the catalogue and compile the templates. */
function startup(root: string, dataDir?: string): { ms: number; cpuMs: number; maxRssMB: number } {
  const args = [join(import.meta.dirname, 'startup-child.ts'), root, ...(dataDir ? [dataDir] : [])];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...args], {
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

  // What `npm ci` leaves: dist/ built and current, so the bin runs compiled JavaScript.
  if (!distIsCurrent()) {
    console.log('(building dist/ first: node scripts/build.mjs)');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  say('## 0. The command line as a whole process, shipped catalogue\n');
  say(
    `The real bin, \`node bin/procure.js …\` (running dist/: ${distIsCurrent() ? 'yes' : 'no, the sources through tsx'}), against \`node -e 0\` measured alternately in the same run, 10 runs each, in one fresh PROCURE_DATA_DIR (the first run fills the catalogue cache). Command: \`npx tsx bench/cli.ts 10\`.\n`,
  );
  say('| command | p50 ms | p90 ms | max ms | p50 / node -e 0 | target |');
  say('| --- | ---: | ---: | ---: | ---: | --- |');
  const cli = benchCli(10);
  const nodeP50 = cli[0]?.p50 ?? Number.NaN;
  for (const c of cli)
    say(
      `| \`${c.command}\` | ${c.p50.toFixed(0)} | ${c.p90.toFixed(0)} | ${c.max.toFixed(0)} | ${(c.p50 / nodeP50).toFixed(1)}× | ${c.name === 'procure ask' ? '≤ 4×' : ''} |`,
    );

  say('\n## 0b. Bot start-up, HTTP mode, shipped catalogue\n');
  say(
    'From `node bin/procure.js start` being spawned (Slack credentials set, a fake Web API on loopback) until its port acks a signed request: the front listens only once the answering worker has loaded the catalogue and Bolt. Peak RSS of the process (both threads). Cold: a fresh data directory (validates and writes the catalogue cache); warm: the next start. Command: `npx tsx bench/bot-startup.ts 3`.\n',
  );
  say('| start | runs | median ms | median process CPU ms | max peak RSS MB | target |');
  say('| --- | ---: | ---: | ---: | ---: | --- |');
  const bot = await benchBotStartup(3);
  const med = (xs: StartupFigure[], k: 'ms' | 'cpuMs') => [...xs].sort((a, b) => a[k] - b[k])[Math.floor(xs.length / 2)]?.[k] ?? Number.NaN;
  for (const k of ['cold', 'warm'] as const)
    say(
      `| ${k} | ${bot[k].length} | ${med(bot[k], 'ms').toFixed(0)} | ${med(bot[k], 'cpuMs').toFixed(0)} | ${Math.max(...bot[k].map((f) => f.peakRssMB)).toFixed(0)} | ≤ 1,000 ms, ≤ 200 MB |`,
    );

  say(
    '\n## 1. Engine: question text to a rendered Slack answer (Block Kit), 50 questions × 20 rounds (5 with the generated catalogue)\n',
  );
  say(
    '| catalogue | price rows | p50 ms | p99 ms | max ms | target p99 | GCs (samples with one) |',
  );
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const row = (name: string, rows: number, e: EngineFigures, target: number) =>
    say(
      `| ${name} | ${rows} | ${fmt(e.p50)} | ${fmt(e.p99)} | ${fmt(e.max)} | ${target} | ${e.gcs} (${e.samplesWithGc} of ${e.n}) |`,
    );
  const shipped = new Engine(loadProject(ROOT));
  row('shipped', shipped.data.catalog.prices.length, await benchEngine(shipped), 5);
  const genRoot = generatedProject(100_000);
  const listsRoot = generatedProject(100_000, 'lists');
  try {
    const big = new Engine(loadProject(genRoot));
    row('generated', big.data.catalog.prices.length, await benchEngine(big, 5), 25);
    say(
      '\nWarm-up: two rounds of the measured path (parse, answer, Slack render, Block Kit), so first calls and their JIT compilation are not counted; every measured sample is kept, garbage collections included.',
    );

    say('\n## 2. Start-up: load, validate, index, compile templates (fresh process)\n');
    say(
      'Command: `npx tsx bench/startup-only.ts`. "From the catalogue cache": the second start with the same PROCURE_DATA_DIR, as the CLI and the bot load it (src/catalog/cache.ts); the others validate every file.\n',
    );
    say('| catalogue | time ms | process CPU ms | peak RSS MB | target |');
    say('| --- | ---: | ---: | ---: | --- |');
    const s1 = startup(ROOT);
    say(`| shipped | ${s1.ms.toFixed(0)} | ${s1.cpuMs.toFixed(0)} | ${s1.maxRssMB.toFixed(0)} | — |`);
    const s2 = startup(genRoot);
    say(
      `| 100,000 rows, price table (catalog/README.md) | ${s2.ms.toFixed(0)} | ${s2.cpuMs.toFixed(0)} | ${s2.maxRssMB.toFixed(0)} | ≤ 1,500 ms, ≤ 200 MB |`,
    );
    const cacheDir = mkdtempSync(join(tmpdir(), 'procure-bench-cache-'));
    try {
      startup(ROOT, cacheDir);
      const c1 = startup(ROOT, cacheDir);
      say(`| shipped, from the catalogue cache | ${c1.ms.toFixed(0)} | ${c1.cpuMs.toFixed(0)} | ${c1.maxRssMB.toFixed(0)} | — |`);
      startup(genRoot, cacheDir);
      const c2 = startup(genRoot, cacheDir);
      say(
        `| 100,000 rows, from the catalogue cache | ${c2.ms.toFixed(0)} | ${c2.cpuMs.toFixed(0)} | ${c2.maxRssMB.toFixed(0)} | ≤ 1,000 ms, ≤ 200 MB |`,
      );
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    const s3 = startup(listsRoot);
    say(
      `| 100,000 rows, one JSON object per price | ${s3.ms.toFixed(0)} | ${s3.cpuMs.toFixed(0)} | ${s3.maxRssMB.toFixed(0)} | (for comparison) |`,
    );
    say(
      '\nThe generated rows (seven providers, every kind and location, in one file) are written as a machine-written file would be: a price table, read and checked one row at a time. The same rows as a list of JSON objects load too, but need the whole 30 MB parsed at once.',
    );
  } finally {
    rmSync(genRoot, { recursive: true, force: true });
    rmSync(listsRoot, { recursive: true, force: true });
  }

  say('\n## 3. Slack HTTP mode: signed slash commands over loopback\n');
  const slack = await benchSlack();
  say('| app | requests | offered rate /s | ack p50 ms | ack p99 ms | sustained requests/s |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of slack.rows)
    say(`| ${r.name} | ${r.requests} | ${r.rate} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rps.toFixed(0)} |`);
  say(
    `\nAck p99 ratio procure-bot / bare Bolt at the same load, median of ${slack.roundRatios.length} pairs: ${slack.ratio.toFixed(2)} (target ≤ 1.3); worst pair ${Math.max(...slack.roundRatios).toFixed(2)}; all samples pooled ${slack.pooledRatio.toFixed(2)}.`,
  );
  say(
    `Ratio in each pair, in order: ${slack.roundRatios.map((r) => r.toFixed(2)).join(', ')} (p99 ms bare/ours: ${slack.roundP99s.map((x) => `${x.bare.toFixed(1)}/${x.ours.toFixed(1)}`).join(', ')}).`,
  );
  say(
    `procure-bot end to end under that saturation: ${slack.answered.rps.toFixed(0)} answers posted a second (the last answer, not the last ack), ${slack.answered.shed} of 1,000 turned away as "too many questions waiting".`,
  );
  say(
    `Ack latency: both apps get the same offered rate (open loop, each request timed from when it was due), in ${slack.roundRatios.length} pairs of rounds of ${slack.perRound} requests, the order alternating within each pair (bare first, then procure-bot first), the same mix of the 50 benchmark questions from 8 users for both, so a noisy moment falls on both; after each procure-bot round the benchmark waits until every answer has been posted, so no answering spills into the next bare round. Sustained rate: ${slack.concurrency} clients sending back to back, 1,000 requests. procure-bot runs as \`npm start\` does in HTTP mode: the front acks in the main thread, the answering worker thread builds and posts every answer and records it in a store on disk. The load generator (node:http with kept-alive connections), the fake Web API receiving the answers and the apps run in three processes on two cores. For comparison, \`BENCH_SLACK_ONE_THREAD=1 npx tsx bench/slack-only.ts\` runs the same app with both halves in one thread.`,
  );

  say('\n## 4. Store: recording one request\n');
  say('| requests in history | mean ms | p50 ms | p99 ms |');
  say('| ---: | ---: | ---: | ---: |');
  const store = await benchStore([1000, 100_000, 500_000]);
  for (const r of store) say(`| ${r.n.toLocaleString('en-US')} | ${r.mean.toFixed(3)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} |`);
  const first = store[0];
  const last = store[store.length - 1];
  if (first && last) say(`\nCost at 500,000 / cost at 1,000 (p50): ${(last.p50 / first.p50).toFixed(2)} (target ≤ 2).`);

  // The figures before issue 16's changes, measured once with the same commands, are kept beside this run's.
  const before = join(import.meta.dirname, 'before-issue-16.md');
  if (existsSync(before)) say(`\n${readFileSync(before, 'utf8').trimEnd()}`);

  writeFileSync(join(ROOT, 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
  console.log('\nWritten to BENCHMARKS.md');
}

await main();
