/**
 * Crash safety of acknowledged work: `procure start` in HTTP mode against the fake Slack on loopback, a burst
 * of signed slash commands, kill -9 while it answers, start it again on the same data directory, then count
 * for every command that was acknowledged (HTTP 200): answered (at its response_url), lost (never answered),
 * answered twice (the same answer posted twice), and whether its history record is there.
 *   npx tsx scripts/slack-kill-trials.ts [trials=3] [burst=200]
 * Loopback only; each trial is bounded (a start has 60 s, the answers after the restart 90 s).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack, sendSigned, slashCommand } from '../test/slack/fake-slack.js';

const SECRET = 'kill-trial-signing-secret';
const TOKEN = 'xoxb-kill-trial-0000000000';
const ROOT = join(import.meta.dirname, '..');
const QUESTIONS = [
  '1x T4 on AWS in Hong Kong',
  '2x A10 inference in Hangzhou for 3 months',
  '8 vCPU 32GB in Singapore on Tencent',
  '4c8g web servers x3 in Shanghai',
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startBot(
  dir: string,
  port: number,
  fake: FakeSlack,
): Promise<{ proc: ChildProcess; log: () => string }> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/procure.js'), 'start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: String(port),
      PROCURE_DATA_DIR: join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout?.on('data', (d) => {
    log += d;
  });
  proc.stderr?.on('data', (d) => {
    log += d;
  });
  const t0 = Date.now();
  while (!/listening for Slack on port/.test(log)) {
    if (Date.now() - t0 > 60_000 || proc.exitCode !== null) throw new Error(`the bot did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, log: () => log };
}

export interface KillTrial {
  killedAfter: string;
  sent: number;
  acked: number;
  answeredBeforeKill: number;
  lost: number;
  answeredTwice: number;
  recoveredAfterRestart: number;
  refusedAsBusy: number;
  missingFromHistory: number;
}

async function trial(n: number, burst: number, fake: FakeSlack): Promise<KillTrial> {
  const dir = mkdtempSync(join(tmpdir(), 'procure-kill-slack-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/slack/events`;
  try {
    const first = await startBot(dir, port, fake);
    const acked = new Set<string>();
    const ids = Array.from({ length: burst }, (_, i) => `t${n}-${i}`);
    // Odd trials: kill -9 after a random share of the acks has come back (10–90%), while answers are built.
    const killOnAcks = process.env.KILL_MODE ? process.env.KILL_MODE === 'acks' : n % 2 === 1;
    const killAt = Math.floor(burst * (0.1 + Math.random() * 0.8));
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      first.proc.kill('SIGKILL');
    };
    await Promise.all(
      ids.map(async (id, i) => {
        const body = slashCommand(fake.url, QUESTIONS[i % QUESTIONS.length] as string, {
          trigger_id: id,
          user_id: `U${i % 20}`,
          response_url: `${fake.url}/response/${id}`,
        });
        try {
          const res = await sendSigned(url, SECRET, body, { contentType: 'application/x-www-form-urlencoded' });
          if (res.status === 200) acked.add(id);
        } catch {
          // the connection died with the process: not acknowledged
        }
        if (killOnAcks && acked.size >= killAt) kill();
      }),
    );
    // Even trials: kill -9 once a random number of answers has been delivered (answers in flight).
    if (!killOnAcks) {
      const delivered = () => ids.filter((id) => fake.responses.some((r) => r.path === `/response/${id}`)).length;
      await fake.waitFor(() => delivered() >= killAt, 120_000, 'answers').catch(() => undefined);
    }
    kill();
    await new Promise<void>((r) => (first.proc.exitCode !== null ? r() : first.proc.once('exit', () => r())));
    const answered = (id: string) => fake.responses.filter((r) => r.path === `/response/${id}`);
    const beforeKill = new Set(ids.filter((id) => answered(id).length > 0));
    // The same data directory: what was acknowledged and not answered is answered now.
    const second = await startBot(dir, port, fake);
    const t0 = Date.now();
    let last = fake.responses.length;
    let quietSince = Date.now();
    while (Date.now() - t0 < 90_000) {
      if ([...acked].every((id) => answered(id).length > 0) && Date.now() - quietSince > 3000) break;
      if (fake.responses.length !== last) {
        last = fake.responses.length;
        quietSince = Date.now();
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    second.proc.kill('SIGTERM');
    await new Promise<void>((r) => (second.proc.exitCode !== null ? r() : second.proc.once('exit', () => r())));
    const historyDir = join(dir, 'data', 'history');
    const history = existsSync(historyDir)
      ? readdirSync(historyDir)
          .map((f) => readFileSync(join(historyDir, f), 'utf8'))
          .join('')
      : '';
    const busy = (id: string) =>
      answered(id).some((r) => String(r.body.text ?? '').includes('too many questions waiting'));
    let twice = 0;
    for (const id of ids) {
      const bodies = answered(id).map((r) => JSON.stringify(r.body));
      if (new Set(bodies).size < bodies.length) {
        twice++;
        if (process.env.KILL_DEBUG)
          console.log(
            id,
            answered(id).map((r) => `${r.at} ${String(r.body.text).slice(0, 60)}`),
          );
      }
    }
    const lost = [...acked].filter((id) => answered(id).length === 0).length;
    return {
      killedAfter: `${killAt} ${killOnAcks ? 'acks' : 'answers'}`,
      sent: burst,
      acked: acked.size,
      answeredBeforeKill: beforeKill.size,
      lost,
      answeredTwice: twice,
      recoveredAfterRestart: [...acked].filter((id) => !beforeKill.has(id) && answered(id).length > 0).length,
      refusedAsBusy: [...acked].filter((id) => busy(id)).length,
      // Refused as busy is an answer, not an answered question: only real answers must be in the history.
      missingFromHistory: [...acked].filter(
        (id) => answered(id).length > 0 && !busy(id) && !history.includes(`"slack:command:${id}"`),
      ).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const trials = Number(process.argv[2] ?? 3);
  const burst = Number(process.argv[3] ?? 200);
  const fake = new FakeSlack();
  await fake.start();
  const totals = { acked: 0, lost: 0, twice: 0, recovered: 0, busy: 0, missingFromHistory: 0 };
  try {
    for (let i = 1; i <= trials; i++) {
      const r = await trial(i, burst, fake);
      console.log(`trial ${i}: ${JSON.stringify(r)}`);
      totals.acked += r.acked;
      totals.lost += r.lost;
      totals.twice += r.answeredTwice;
      totals.recovered += r.recoveredAfterRestart;
      totals.busy += r.refusedAsBusy;
      totals.missingFromHistory += r.missingFromHistory;
    }
  } finally {
    await fake.stop();
  }
  console.log(
    `${trials} kill -9 trials, ${burst} slash commands each: ${totals.acked} acknowledged, ${totals.lost} acknowledged answers lost, ${totals.twice} answered twice, ${totals.recovered} answered after the restart, ${totals.busy} told to retry (busy), ${totals.missingFromHistory} answered but missing from the history.`,
  );
  process.exitCode = totals.lost ? 1 : 0;
}
