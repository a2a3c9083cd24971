/**
 * `npx tsx bench/aws-import.ts [MB=200]`: writes a synthetic AWS offer file of about that size (real format,
 * mostly distractors: other regions, Windows, dedicated, reserved terms), imports it for ap-east-1 in a fresh
 * process, and reports the time and the peak resident memory (getrusage maxRSS of that process).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instance, onDemand } from '../test/catalog/offer-fixture.js';

const targetMB = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'procure-offer-bench-'));
const file = join(dir, 'index.json');

async function write(): Promise<void> {
  const out = createWriteStream(file);
  const put = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await put('{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"20260115000000","publicationDate":"2026-01-15T00:00:00Z","products":{');
  const regions = ['ap-east-1', 'ap-southeast-1', 'us-east-1', 'eu-central-1', 'ap-northeast-1'];
  const types = ['m7i.large', 'c7i.xlarge', 'r7i.2xlarge', 'g4dn.xlarge', 'g5.xlarge', 't3.micro'];
  const oses = ['Linux', 'Windows', 'RHEL', 'SUSE'];
  // Products take about 40% of a real file, terms the rest.
  const n = Math.floor((targetMB * 1e6) / 1140);
  for (let i = 0; i < n; i++) {
    const p = instance(`SKU${i}`, {
      regionCode: regions[i % regions.length] as string,
      instanceType: types[i % types.length] as string,
      operatingSystem: oses[Math.floor(i / regions.length) % oses.length] as string,
      tenancy: i % 7 === 0 ? 'Dedicated' : 'Shared',
      gpu: types[i % types.length]?.startsWith('g') ? '1' : '0',
    });
    await put(`${i ? ',' : ''}"SKU${i}":${JSON.stringify(p)}`);
  }
  await put('},"terms":{"OnDemand":{');
  for (let i = 0; i < n; i++) await put(`${i ? ',' : ''}"SKU${i}":${JSON.stringify(onDemand(`SKU${i}`, (0.05 + (i % 100) / 100).toFixed(10)))}`);
  await put('},"Reserved":{');
  for (let i = 0; i < n; i++) await put(`${i ? ',' : ''}"SKU${i}":${JSON.stringify(onDemand(`SKU${i}`, '0.0300000000'))}`);
  await put('}}}');
  await new Promise<void>((r) => out.end(() => r()));
}

try {
  await write();
  const mb = statSync(file).size / 1e6;
  const child = join(import.meta.dirname, 'aws-import-child.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, file], { encoding: 'utf8' }).trim();
  const r = JSON.parse(out.split('\n').pop() as string) as { rows: number; ms: number; maxRssMB: number };
  console.log(`AWS offer import: ${mb.toFixed(0)} MB file, ${r.rows} rows for ap-east-1, ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.maxRssMB.toFixed(0)} MB (target < 300 MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
