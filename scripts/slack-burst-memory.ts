/**
 * The bot's memory under a burst: procure-bot as `npm start` runs it in HTTP mode (front, answering worker,
 * store and inbox; bench/slack-apps.ts) in a process of its own, against the fake Web API on loopback; a
 * burst of signed slash commands from 200 users sent by 64 clients as fast as it acks them; then its peak
 * RSS (VmHWM, both threads) and how the requests ended (acknowledged, refused with 503, answered, told busy).
 *   npx tsx scripts/slack-burst-memory.ts [burst=2000,20000]
 * Each burst size runs against a fresh process, so the peaks compare. Loopback only; bounded in time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { form, postSignedForm } from '../test/slack/fake-slack.js';

const SECRET = 'bench-signing-secret';
const BENCH = join(import.meta.dirname, '..', 'bench');

function child(script: string, args: string[]): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(BENCH, script), ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
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

const kb = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function burst(size: number) {
  const fake = await child('slack-fake.ts', []);
  const app = await child('slack-apps.ts', [`${fake.info.url}/api/`, 'ours']);
  const pid = app.proc.pid as number;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const statuses = new Map<number, number>();
  const rssBefore = kb(pid, 'VmRSS');
  let next = 0;
  const t0 = performance.now();
  const client = async () => {
    while (next < size) {
      const n = next++;
      const body = form({
        team_id: 'T1',
        channel_id: 'C1',
        user_id: `U${n % 200}`,
        command: '/procure',
        text: '2x A10 inference in Hangzhou for 3 months',
        response_url: `${fake.info.url}/response/burst/${n}`,
        trigger_id: `burst.${size}.${n}`,
      });
      const status = await postSignedForm(app.info.ours as string, SECRET, body, agent).catch(() => 0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 64 }, client));
  const sent = (performance.now() - t0) / 1000;
  // Until every acknowledged request is answered (or told busy), at most 5 minutes.
  const acked = statuses.get(200) ?? 0;
  let counts = { answered: 0, busy: 0 };
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    counts = (await (await fetch(fake.info.answered as string)).json()) as typeof counts;
    if (counts.answered >= acked) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const peak = kb(pid, 'VmHWM');
  app.proc.kill('SIGTERM');
  fake.proc.kill();
  agent.destroy();
  return {
    size,
    sentInSeconds: +sent.toFixed(1),
    statuses: Object.fromEntries(statuses),
    ...counts,
    rssBeforeMB: Math.round(rssBefore / 1024),
    peakRssMB: Math.round(peak / 1024),
  };
}

for (const size of (process.argv[2] ?? '2000,20000').split(',').map(Number))
  console.log(JSON.stringify(await burst(size)));
