/** Importing the AWS Price List offer format: what must come in, what must not, and bad files. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAwsOffer } from '../../src/catalog/aws-offer.js';
import { loadProject, readProject } from '../../src/catalog/load.js';
import { main } from '../../src/cli/main.js';
import { Engine } from '../../src/engine.js';
import { copyProject, removeDir, tempDir } from '../helpers/project.js';
import { sampleOffer } from './offer-fixture.js';

let root: string;
let dir: string;
let offer: string;

beforeAll(() => {
  root = copyProject();
  dir = tempDir('procure-offer-');
  offer = join(dir, 'index.json');
  writeFileSync(offer, sampleOffer());
});
afterAll(() => {
  removeDir(root);
  removeDir(dir);
});

describe('AWS offer import', () => {
  it('imports on-demand Linux shared used-capacity instances and transfer-out tiers, nothing else', async () => {
    const report = await importAwsOffer(offer, 'ap-east-1', loadProject(root).catalog);
    const ids = report.rows.map((r) => r.id).sort();
    expect(ids).toEqual([
      'aws-ap-east-1-egress-0',
      'aws-ap-east-1-egress-1',
      'aws-ap-east-1-egress-10240',
      'aws-ap-east-1-g4dn.xlarge',
      'aws-ap-east-1-m7i.large',
    ]);
    const g4 = report.rows.find((r) => r.id === 'aws-ap-east-1-g4dn.xlarge');
    expect(g4).toMatchObject({
      kind: 'gpu-instance',
      price: 0.81,
      currency: 'USD',
      gpu: { model: 'T4', count: 1 },
      vcpu: 4,
      memoryGiB: 16,
    });
    expect(g4?.as_of).toBe('2026-01-15');
    expect(g4?.source).toBe(
      'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/20260115000000/ap-east-1/index.json',
    );
    expect(report.rows.find((r) => r.id === 'aws-ap-east-1-egress-1')?.tier).toEqual({ from_gb: 1, to_gb: 10240 });
    expect(report.rows.every((r) => r.price !== 1 && r.price !== 2 && r.price !== 3 && r.price !== 0.5)).toBe(true);
    const reasons = report.skipped.map((s) => s.reason);
    for (const r of [
      'not Linux',
      'not shared tenancy',
      'capacity reservation (unused/allocated)',
      'pre-installed software',
      'other region',
    ])
      expect(reasons).toContain(r);
  });

  it('writes a price file the loader accepts, and estimates use it (tiers included)', async () => {
    const out: string[] = [];
    const io = {
      out: (s: string) => out.push(s),
      err: (s: string) => out.push(s),
      stdin: process.stdin,
      stdout: process.stdout,
      root,
    };
    expect(await main(['catalog', 'import', 'aws-offer', offer, '--region', 'ap-east-1'], io)).toBe(0);
    expect(out.join('')).toMatch(/Imported 5 price rows for ap-east-1/);
    const { data, problems } = readProject(root);
    expect(problems).toEqual([]);
    const engine = new Engine(data as NonNullable<typeof data>);
    const { answer } = engine.ask('2 vCPU 8GB on AWS in Hong Kong, 20 TB egress a month', '2026-11-23');
    const hk = answer.options.find((o) => o.location === 'hong-kong');
    expect(hk?.lines.find((l) => l.component === 'compute')?.label).toMatch(/m7i\.large/);
    const egress = hk?.lines.filter((l) => l.component === 'egress') ?? [];
    // 0–1 GB at USD 0, 1–10,240 GB at 0.12, the rest at 0.085.
    expect(egress.map((l) => l.quantity)).toEqual([1, 10239, 20000 - 10240]);
    expect(egress.reduce((s, l) => s + l.monthly.expected, 0)).toBeCloseTo(10239 * 0.12 + 9760 * 0.085, 2);
  });

  it('refuses a file that is not an offer file, and an unknown region, in one sentence', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hello": "world"}');
    await expect(importAwsOffer(bad, 'ap-east-1', loadProject(root).catalog)).rejects.toThrow(
      /does not look like an AWS Price List offer file/,
    );
    await expect(importAwsOffer(offer, 'mars-1', loadProject(root).catalog)).rejects.toThrow(
      /"mars-1" is not an AWS region/,
    );
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, sampleOffer().slice(0, 2000));
    await expect(importAwsOffer(truncated, 'ap-east-1', loadProject(root).catalog)).rejects.toThrow(/not valid JSON/);
  });
});

describe('AWS offer import that finds nothing', () => {
  it('exits 1 with one sentence and leaves the existing price file as it was', async () => {
    const { readFileSync } = await import('node:fs');
    const out: string[] = [];
    const io = {
      out: (s: string) => out.push(s),
      err: (s: string) => out.push(s),
      stdin: process.stdin,
      stdout: process.stdout,
      root,
    };
    expect(await main(['catalog', 'import', 'aws-offer', offer, '--region', 'ap-east-1'], io)).toBe(0);
    const target = join(root, 'catalog', 'prices', 'aws-ap-east-1.json');
    const before = readFileSync(target, 'utf8');
    // The same file name, from an offer with no ap-east-1 products at all.
    const empty = join(dir, 'no-rows.json');
    const parsed = JSON.parse(sampleOffer()) as {
      products: Record<string, unknown>;
      terms: { OnDemand: Record<string, unknown> };
    };
    parsed.products = {};
    parsed.terms.OnDemand = {};
    writeFileSync(empty, JSON.stringify(parsed));
    out.length = 0;
    expect(await main(['catalog', 'import', 'aws-offer', empty, '--region', 'ap-east-1'], io)).toBe(1);
    expect(out.join('')).toMatch(
      /No prices for ap-east-1 were found in .*no-rows\.json.*nothing was written and the catalogue is unchanged\./,
    );
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(readProject(root).problems).toEqual([]);
  });
});
