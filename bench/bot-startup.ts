/**
 * Bot start-up as `npm start` runs it in HTTP mode: `node bin/procure.js start` with Slack credentials, pointed at
 * a fake Web API on loopback (auth.test answers at once). Timed from the spawn until the port accepts a signed
 * request and acks it (the front listens only once the answering worker is ready, with its catalogue loaded);
 * peak RSS of the whole process (both threads) from /proc. Each run gets a fresh data directory: "cold" is the
 * first start (validates the catalogue and writes the cache), "warm" a later start with the cache in place.
 * `npx tsx bench/bot-startup.ts [runs] [root]`.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SECRET = 'bench-startup-secret';

export interface StartupFigure {
  ms: number;
  /** CPU time the process (both threads) used until then: steadier than wall time on a busy machine. */
  cpuMs: number;
  peakRssMB: number;
}

function freePort(): Promise<number> {
  const s = createServer();
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    }),
  );
}

function ack(port: number): Promise<number> {
  const body = 'token=x&ssl_check=1';
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sig,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

function cpuMs(pid: number): number {
  // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function peakRssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function once(root: string, dataDir: string): Promise<StartupFigure> {
  const api = createServer((req, res) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'procure-bot' }));
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const port = await freePort();
  const t = performance.now();
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'procure.js'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-bench-0000',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`,
      PORT: String(port),
      PROCURE_DATA_DIR: dataDir,
      PROCURE_ADMINS: 'UADMIN',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (d) => {
    err = (err + d).slice(-2000);
  });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`procure start exited with ${proc.exitCode}: ${err}`);
      if ((await ack(port)) === 200) break;
      if (performance.now() - t > 60_000) throw new Error(`procure start did not listen within 60 s: ${err}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - t;
    return { ms, cpuMs: cpuMs(proc.pid as number), peakRssMB: peakRssMB(proc.pid as number) };
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    api.close();
  }
}

/** Cold (fresh data directory) then warm (cache in place) starts, `runs` of each kind. */
export async function benchBotStartup(runs = 3, root = ROOT): Promise<{ cold: StartupFigure[]; warm: StartupFigure[] }> {
  const cold: StartupFigure[] = [];
  const warm: StartupFigure[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'procure-bench-start-'));
    try {
      cold.push(await once(root, dataDir));
      warm.push(await once(root, dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { cold, warm };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchBotStartup(Number(process.argv[2] ?? 3), process.argv[3] ?? ROOT);
  for (const k of ['cold', 'warm'] as const)
    for (const f of r[k]) console.log(k, `${f.ms.toFixed(0)} ms`, `CPU ${f.cpuMs.toFixed(0)} ms`, `peak RSS ${f.peakRssMB.toFixed(0)} MB`);
}
