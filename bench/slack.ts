/**
 * Slack HTTP mode under load: signed /procure commands over loopback against procure-bot's app and a bare
 * Bolt app that only acks the same command, side by side. The apps, the fake Web API (which receives the
 * answers) and this load generator run in four processes (each app in its own). Requests are bounded in number and time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { form, postSignedForm } from '../test/slack/fake-slack.js';
import { QUESTIONS } from './questions.js';

const SECRET = 'bench-signing-secret';

function child(script: string, args: string[] = []): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  // BENCH_APPS_NODE_FLAGS (e.g. "--trace-gc") are given to the apps' process, to look into its pauses.
  const flags = script === 'slack-apps.ts' ? (process.env.BENCH_APPS_NODE_FLAGS?.split(' ').filter(Boolean) ?? []) : [];
  const proc = spawn(process.execPath, [...flags, '--import', 'tsx', join(import.meta.dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The apps' log (e.g. one line per answer shed under saturation) is kept out of the figures; its end is
  // shown if the child fails to start.
  let err = '';
  proc.stderr?.on('data', (d) => {
    err = (err + d).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d) => {
      // With node flags for the apps (e.g. --trace-gc), show what they print.
      if (process.env.BENCH_APPS_NODE_FLAGS) process.stderr.write(d);
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ proc, info: JSON.parse(line) });
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${err}`)));
  });
}

/**
 * The load generator's client: node:http with kept-alive connections, which costs the generator far less
 * CPU and garbage than fetch, so its own pauses add less noise to what both apps are timed at.
 */
let agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * A fresh pool for each round: a connection left idle for 5 s (while the other app was measured) is closed by
 * the server, and reusing it just then would fail the request with ECONNRESET.
 */
function freshConnections(): void {
  agent.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: 256 });
}

let sent = 0;

/**
 * The n-th request of a round: the same mix for both apps (the benchmark's 50 questions in turn, from 8 users),
 * each with a response_url of its own so the fake Web API counts answers, not messages.
 */
function signedRequest(url: string, n: number, responseUrl: string): Promise<number> {
  const id = ++sent;
  const body = form({
    team_id: 'T1',
    channel_id: 'C1',
    user_id: `U${n % 8}`,
    command: '/procure',
    text: QUESTIONS[n % QUESTIONS.length] as string,
    response_url: `${responseUrl}/${id}`,
    trigger_id: `bench.${id}.${Math.random()}`,
  });
  return postSignedForm(url, SECRET, body, agent);
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** Closed loop: `concurrency` clients sending back to back, as fast as the app answers (its sustained rate). */
async function saturate(url: string, requests: number, concurrency: number, responseUrl: string) {
  freshConnections();
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < requests) {
      next++;
      const status = await signedRequest(url, next, responseUrl);
      if (status !== 200) throw new Error(`HTTP ${status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Open loop: requests sent at a fixed rate whatever the app does, each timed from when it was due, so a
 * slow ack delays the ones behind it in the figures too (no coordinated omission). Both apps get the same
 * rate: "the same load". With two URLs, the n-th request (the same question) goes to each in turn, half a
 * period apart, so both are timed in the very same moments of the machine.
 */
async function atRate(urls: string[], rate: number, requests: number, responseUrl: string): Promise<number[][]> {
  freshConnections();
  const times: number[][] = urls.map(() => []);
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let failed: Error | undefined;
  for (let n = 0; n < requests; n++) {
    for (let i = 0; i < urls.length; i++) {
      const due = start + (n * 1000) / rate + (i * 1000) / rate / urls.length;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const url = urls[i] as string;
      pending.push(
        signedRequest(url, n, responseUrl).then(
          (status) => {
            if (status !== 200) failed ??= new Error(`HTTP ${status} from ${url}`);
            times[i]?.push(performance.now() - due);
          },
          (err: Error) => {
            failed ??= new Error(`a request to ${url} failed: ${err.message}`);
          },
        ),
      );
    }
  }
  await Promise.all(pending);
  // A failed request ends the benchmark with its reason (not an unhandled rejection mid-round).
  if (failed) throw failed;
  return times;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/**
 * Ack latency of both apps at the same offered rate and the same request mix, in `rounds` rounds of
 * `perRound` requests to each app. Interleaved (the default): within a round the n-th request goes to bare
 * Bolt and to procure-bot half a period apart, so both are timed under the very same load of the machine
 * (procure-bot's answering included: it answers throughout, as in production); after each round the benchmark
 * waits until every answer has been posted. Sequential (BENCH_SLACK_ROUNDS=sequential, as before): a round of
 * bare Bolt alone, then one of procure-bot alone while it answers, the order alternating from round to round,
 * which also charges procure-bot's answering CPU to its ack times.
 * Each round gives a ratio of p99s; the figure is the median of those ratios (one noisy round does not decide
 * it), and every round's ratio is reported. Then each app's sustained requests per second.
 */
export async function benchSlack(
  rate = 200,
  rounds = 12,
  perRound = 500,
  concurrency = 8,
  mode: 'interleaved' | 'sequential' = process.env.BENCH_SLACK_ROUNDS === 'sequential' ? 'sequential' : 'interleaved',
) {
  const fake = await child('slack-fake.ts');
  // Each app in a process of its own, so neither waits behind the other's event loop.
  const started: ChildProcess[] = [fake.proc];
  const apps = { info: {} as Record<string, string>, proc: { kill: (sig?: NodeJS.Signals) => started.forEach((p) => p.kill(sig)) } };
  try {
    for (const which of ['bare', 'ours']) {
      const app = await child('slack-apps.ts', [`${fake.info.url}/api/`, which]);
      started.push(app.proc);
      apps.info[which] = app.info[which] as string;
    }
  } catch (err) {
    apps.proc.kill();
    throw err;
  }
  const responseUrl = `${fake.info.url}/response/bench`;
  let sentToOurs = 0;
  /** Waits until every request sent to procure-bot has had its answer, so no answering spills into the next round. */
  const drained = async (): Promise<{ answered: number; busy: number }> => {
    const until = Date.now() + 60_000;
    for (;;) {
      const counts = (await (await fetch(fake.info.answered as string)).json()) as { answered: number; busy: number };
      if (counts.answered >= sentToOurs) return counts;
      if (Date.now() > until) throw new Error('procure-bot did not post every answer within 60 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const bareUrl = apps.info.bare as string;
  const oursUrl = apps.info.ours as string;
  const ourRound = async (n: number) => {
    sentToOurs += n;
    const [times = []] = await atRate([oursUrl], rate, n, responseUrl);
    await drained();
    return times;
  };
  const bareRound = async (n: number) => (await atRate([bareUrl], rate, n, responseUrl))[0] ?? [];
  const bothRound = async (n: number, oursFirst: boolean) => {
    sentToOurs += n;
    const [x = [], y = []] = await atRate(oursFirst ? [oursUrl, bareUrl] : [bareUrl, oursUrl], rate, n, responseUrl);
    await drained();
    return oursFirst ? { b: y, o: x } : { b: x, o: y };
  };
  const interleaved = mode === 'interleaved';
  try {
    // Warm up both.
    await bareRound(200);
    await ourRound(200);
    const bare: number[] = [];
    const ours: number[] = [];
    const roundRatios: number[] = [];
    const roundP99s: { bare: number; ours: number }[] = [];
    const sortedP99 = (t: number[]) => quantile([...t].sort((x, y) => x - y), 0.99);
    for (let r = 0; r < rounds; r++) {
      let b: number[];
      let o: number[];
      if (interleaved) ({ b, o } = await bothRound(perRound, r % 2 === 1));
      else if (r % 2 === 0) {
        b = await bareRound(perRound);
        o = await ourRound(perRound);
      } else {
        o = await ourRound(perRound);
        b = await bareRound(perRound);
      }
      bare.push(...b);
      ours.push(...o);
      roundP99s.push({ bare: sortedP99(b), ours: sortedP99(o) });
      roundRatios.push(sortedP99(o) / sortedP99(b));
    }
    bare.sort((a, b) => a - b);
    ours.sort((a, b) => a - b);
    const bareRps = await saturate(apps.info.bare as string, 1000, concurrency, responseUrl);
    const before = await drained();
    sentToOurs += 1000;
    const saturateStart = performance.now();
    const oursRps = await saturate(apps.info.ours as string, 1000, concurrency, responseUrl);
    // Acks come back faster than answers are built: the end-to-end rate counts until the last answer is posted,
    // and answers turned away as "too many waiting" (load shedding) are counted apart.
    const after = await drained();
    const answeredRps = 1000 / ((performance.now() - saturateStart) / 1000);
    const shed = after.busy - before.busy;
    const row = (name: string, t: number[], rps: number) => ({
      name,
      requests: t.length,
      rate,
      p50: quantile(t, 0.5),
      p99: quantile(t, 0.99),
      rps,
    });
    return {
      rows: [
        row('bare Bolt (ack only)', bare, bareRps),
        row('procure-bot (ack, then answer via response_url)', ours, oursRps),
      ],
      /** The figure: the median of the pairs' p99 ratios. */
      ratio: median(roundRatios),
      /** p99 of every sample of ours over p99 of every sample of bare (one noisy pair weighs on it). */
      pooledRatio: quantile(ours, 0.99) / quantile(bare, 0.99),
      /** Each pair's ratio in order (adjacent runs, so they share the machine's state), and its two p99s. */
      roundRatios,
      roundP99s,
      perRound,
      mode,
      concurrency,
      /** procure-bot end to end under the same saturation: answers posted per second, and how many were shed. */
      answered: { rps: answeredRps, shed },
    };
  } finally {
    apps.proc.kill('SIGTERM');
  }
}
