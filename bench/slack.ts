/**
 * Slack HTTP mode under load: signed /procure commands over loopback against procure-bot's app and a bare
 * Bolt app that only acks the same command, side by side. The apps, the fake Web API (which receives the
 * answers) and this load generator run in three processes. Requests are bounded in number and time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { form, sign } from '../test/slack/fake-slack.js';

const SECRET = 'bench-signing-secret';

function child(script: string, args: string[] = []): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ proc, info: JSON.parse(line) });
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(url: string, requests: number, concurrency: number, responseUrl: string) {
  const times: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < requests) {
      next++;
      const body = form({
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        command: '/procure',
        text: '2x T4 on AWS in Hong Kong',
        response_url: responseUrl,
        trigger_id: `bench.${next}.${Math.random()}`,
      });
      const ts = Math.floor(Date.now() / 1000);
      const t = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(SECRET, ts, body),
        },
        body,
      });
      await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { p50: q(0.5), p99: q(0.99), rps: times.length / seconds };
}

export async function benchSlack(requests = 2000, concurrency = 8) {
  const fake = await child('slack-fake.ts');
  const apps = await child('slack-apps.ts', [`${fake.info.url}/api/`]);
  const responseUrl = `${fake.info.url}/response/bench`;
  try {
    await load(apps.info.bare as string, 200, concurrency, responseUrl); // warm up both
    await load(apps.info.ours as string, 200, concurrency, responseUrl);
    const b = await load(apps.info.bare as string, requests, concurrency, responseUrl);
    const o = await load(apps.info.ours as string, requests, concurrency, responseUrl);
    return {
      rows: [
        { name: 'bare Bolt (ack only)', requests, concurrency, ...b },
        { name: 'procure-bot (ack, then answer via response_url)', requests, concurrency, ...o },
      ],
      ratio: o.p99 / b.p99,
    };
  } finally {
    apps.proc.kill();
    fake.proc.kill();
  }
}
