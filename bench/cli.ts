/**
 * Whole-process timings of the real bin (`node bin/procure.js …`) against `node -e 0`, measured alternately in
 * the same run so a busy moment falls on all of them. Each command runs in a fresh data directory that
 * persists across its runs (the first run may build caches; the median is what a user sees from then on).
 * `npx tsx bench/cli.ts [runs]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'procure.js');

export interface CliFigure {
  name: string;
  command: string;
  p50: number;
  p90: number;
  max: number;
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

export function benchCli(runs = 10, root = ROOT): CliFigure[] {
  const dataDir = mkdtempSync(join(tmpdir(), 'procure-bench-cli-'));
  const cases: { name: string; args: string[] }[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'procure help', args: [BIN, 'help'] },
    { name: 'procure parse --json', args: [BIN, 'parse', '--json', '4 A10 GPUs in Shanghai for 3 months'] },
    { name: 'procure ask', args: [BIN, 'ask', '4 A10 GPUs in Shanghai for 3 months'] },
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  try {
    for (let i = 0; i < runs; i++)
      for (const c of cases) {
        const t = performance.now();
        const r = spawnSync(process.execPath, c.args, {
          cwd: root,
          env: { ...process.env, PROCURE_DATA_DIR: dataDir },
          encoding: 'utf8',
        });
        const ms = performance.now() - t;
        if (r.status !== 0) throw new Error(`${c.name} exited with ${r.status}: ${r.stderr}`);
        times.get(c.name)?.push(ms);
      }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return cases.map((c) => {
    const xs = times.get(c.name) ?? [];
    return {
      name: c.name,
      command: c.args[0] === BIN ? `node bin/procure.js ${c.args.slice(1).join(' ')}` : `node ${c.args.join(' ')}`,
      p50: pct(xs, 0.5),
      p90: pct(xs, 0.9),
      max: Math.max(...xs),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 10);
  const rows = benchCli(runs);
  const base = rows[0]?.p50 ?? 1;
  for (const r of rows)
    console.log(
      `${r.name.padEnd(22)} p50 ${r.p50.toFixed(0).padStart(5)} ms  p90 ${r.p90.toFixed(0).padStart(5)} ms  max ${r.max.toFixed(0).padStart(5)} ms  ${(r.p50 / base).toFixed(1)}× node -e 0`,
    );
}
