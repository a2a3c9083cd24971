/**
 * `procure catalog import csv` end to end: the sheet becomes a price table the catalogue loads, and a
 * re-import that clashes with the catalogue puts the earlier import back instead of deleting it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/catalog/load.js';
import { runCli } from '../helpers/cli.js';
import { copyProject, readYamlValue, removeDir, tempDir } from '../helpers/project.js';

const HEADER =
  'id,provider,kind,service,sku,region,unit,price,currency,source,as_of,gpu_model,gpu_count,vcpu,memory_gib';
let root: string;
let dir: string;

const cli = (argv: string[]) => runCli(argv, { root });

beforeEach(() => {
  root = copyProject();
  dir = tempDir('procure-csv-import-');
});
afterEach(() => {
  removeDir(root);
  removeDir(dir);
});

describe('procure catalog import csv', () => {
  it('writes a price table the catalogue loads, with the sheet row as it was', async () => {
    const sheet = join(dir, 'tencent-quotes.csv');
    writeFileSync(
      sheet,
      `${HEADER}\ntc-gn7-gz,tencent,gpu-instance,CVM GPU,GN7.2XLARGE32,ap-guangzhou,instance-hour,12.5,CNY,quote:TC-1,2026-11-20,T4,1,8,32\n`,
    );
    const r = await cli(['catalog', 'import', 'csv', sheet]);
    expect(r.code).toBe(0);
    const file = join(root, 'catalog/prices/csv-tencent-quotes.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).shared).toMatchObject({ provider: 'tencent', currency: 'CNY' });
    expect(loadProject(root).catalog.prices.find((p) => p.id === 'tc-gn7-gz')).toMatchObject({
      price: 12.5,
      source: 'quote:TC-1',
      gpu: { model: 'T4', count: 1 },
    });
  });

  it('a re-import that clashes with the catalogue puts the earlier import back', async () => {
    const sheet = join(dir, 'tencent-quotes.csv');
    writeFileSync(
      sheet,
      `${HEADER}\ntc-gn7-gz,tencent,gpu-instance,CVM GPU,GN7.2XLARGE32,ap-guangzhou,instance-hour,12.5,CNY,quote:TC-1,2026-11-20,T4,1,8,32\n`,
    );
    expect((await cli(['catalog', 'import', 'csv', sheet])).code).toBe(0);
    const file = join(root, 'catalog/prices/csv-tencent-quotes.json');
    const before = readFileSync(file, 'utf8');
    // The same id as a price already in aws.yaml: the catalogue would have two rows with one id.
    const taken = readYamlValue(root, 'catalog/prices/aws.yaml', ['prices', 0, 'id']) as string;
    writeFileSync(
      sheet,
      `${HEADER}\n${taken},tencent,gpu-instance,CVM GPU,GN7.2XLARGE32,ap-guangzhou,instance-hour,13,CNY,quote:TC-2,2026-11-21,T4,1,8,32\n`,
    );
    const r = await cli(['catalog', 'import', 'csv', sheet]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('put back as it was');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(loadProject(root).catalog.prices.find((p) => p.id === 'tc-gn7-gz')?.price).toBe(12.5);
  });
});
