/**
 * Instance-type tables (catalog/instance-types/*.json, format instance-types/1): the shipped ones load into
 * Catalog.instanceTypes with their provenance, and a broken table is refused naming the file and the row.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceTypesText, readInstanceTypeTable } from '../../src/catalog/instance-types.js';
import { formatProblem, readProject } from '../../src/catalog/load.js';
import { InstanceTypeSchema } from '../../src/catalog/schema.js';
import { copyProject, REPO_ROOT, removeDir } from '../helpers/project.js';

const HEADER = {
  provider: 'alibaba' as const,
  source: 'https://example.com/types.json',
  as_of: '2024-10-09',
  dated: 'page' as const,
  grade: 'second-hand' as const,
  note: 'test table',
};

function withTable(text: string, run: (root: string) => void): void {
  const root = copyProject();
  try {
    writeFileSync(join(root, 'catalog', 'instance-types', 'zz-test.json'), text);
    run(root);
  } finally {
    removeDir(root);
  }
}

describe('the shipped instance types', () => {
  const { data, problems } = readProject(REPO_ROOT);

  it('load with the catalogue, each with provider, family, category, shape and provenance', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    const types = data?.catalog.instanceTypes ?? [];
    expect(types.length).toBeGreaterThan(10);
    for (const t of types) expect(InstanceTypeSchema.safeParse(t).success, t.type).toBe(true);
  });

  it('know a Tencent GN7 size as one T4, and a vGPU slice as no GPU', () => {
    const types = data?.catalog.instanceTypes ?? [];
    const gn7 = types.find((t) => t.provider === 'tencent' && t.type === 'GN7.2XLARGE32');
    expect(gn7).toMatchObject({
      family: 'GN7',
      category: 'gpu',
      vcpu: 8,
      memoryGiB: 32,
      gpu: { model: 'T4', count: 1 },
    });
    expect(gn7?.source).toMatch(/^https:\/\/github\.com\/tencentyun\/intlcloud-documents\/blob\/b7e17ea/);
    expect(gn7?.as_of).toBe('2023-06-30');
    const slice = types.find((t) => t.provider === 'tencent' && t.type === 'GN7.LARGE20');
    expect(slice?.gpu).toBeNull();
  });
});

describe('readInstanceTypeTable', () => {
  it('reads a table written by instanceTypesText back to the same types', () => {
    const text = instanceTypesText(HEADER, [
      ['ecs.g7.large', 'ecs.g7', 'general', 2, 8, null, null, 'x86_64'],
      ['ecs.gn7i-c8g1.2xlarge', 'ecs.gn7i', 'gpu', 8, 30, 'A10', 1, 'x86_64'],
    ]);
    expect(text.split('\n')).toHaveLength(5); // header line, two rows, closing line, final newline
    const { types, issues } = readInstanceTypeTable(JSON.parse(text));
    expect(issues).toEqual([]);
    expect(types[1]).toMatchObject({
      provider: 'alibaba',
      type: 'ecs.gn7i-c8g1.2xlarge',
      gpu: { model: 'A10', count: 1 },
      source: HEADER.source,
      as_of: '2024-10-09',
      grade: 'second-hand',
    });
    expect(types[0]?.gpu).toBeNull();
  });

  it('accepts exactly the rows InstanceTypeSchema accepts', () => {
    const rows: unknown[][] = [
      ['a.large', 'a', 'general', 2, 8, null, null, 'x86_64'],
      ['a.large', 'a', 'general', 2, 8, null, null, null],
      ['a.large', 'a', 'general', 0, 8, null, null, 'x86_64'],
      ['a.large', 'a', 'general', 2, -1, null, null, 'x86_64'],
      ['a.large', 'a', 'weird', 2, 8, null, null, 'x86_64'],
      ['', 'a', 'general', 2, 8, null, null, 'x86_64'],
      ['a.large', 'a', 'gpu', 2, 8, 'a10', 1, 'x86_64'],
      ['a.large', 'a', 'gpu', 2, 8, 'A10', 0.5, 'x86_64'],
      ['a.large', 'a', 'gpu', 2, 8, 'A10', null, 'x86_64'],
      ['a.large', 'a', 'gpu', 2, 8, 'A10', 2, 'amd64'],
      ['a.large', 'a', 'gpu', 2, '8', 'A10', 2, 'arm64'],
    ];
    for (const row of rows) {
      const table = JSON.parse(instanceTypesText(HEADER, []));
      table.rows = [row];
      const { types } = readInstanceTypeTable(table);
      const [type, family, category, vcpu, memoryGiB, model, count, arch] = row;
      const zod = InstanceTypeSchema.safeParse({
        ...HEADER,
        type,
        family,
        category,
        vcpu,
        memoryGiB,
        gpu: model === null && count === null ? null : { model, count },
        arch,
      });
      expect(types.length === 1, JSON.stringify(row)).toBe(zod.success);
    }
  });
});

describe('the loader refuses a broken instance-type table', () => {
  it('names the file, the row and the type of a bad cell', () => {
    const text = instanceTypesText(HEADER, [
      ['ecs.g7.large', 'ecs.g7', 'general', 2, 8, null, null, 'x86_64'],
      ['ecs.g7.xlarge', 'ecs.g7', 'general', 'four', 16, null, null, 'x86_64'] as never,
    ]);
    withTable(text, (root) => {
      const result = readProject(root);
      expect(result.data).toBeNull();
      expect(result.problems.map(formatProblem)).toContain(
        'catalog/instance-types/zz-test.json: rows[1] (type ecs.g7.xlarge).vcpu: must be a number',
      );
    });
  });

  it('refuses a table without source or as_of', () => {
    const table = JSON.parse(instanceTypesText(HEADER, [['a.large', 'a', 'general', 2, 8, null, null, null]]));
    delete table.source;
    withTable(JSON.stringify(table), (root) => {
      const problems = readProject(root).problems.map(formatProblem);
      expect(problems.some((p) => p.startsWith('catalog/instance-types/zz-test.json: source: is required'))).toBe(true);
    });
  });

  it('refuses a GPU model without a count', () => {
    const text = instanceTypesText(HEADER, [['X.1', 'X', 'gpu', 8, 32, 'T4', null, null]]);
    withTable(text, (root) => {
      expect(readProject(root).problems.map(formatProblem)).toContain(
        'catalog/instance-types/zz-test.json: rows[0] (type X.1).gpuCount: give both gpuModel and gpuCount, or neither (null)',
      );
    });
  });

  it('refuses a type given in two files, naming both', () => {
    const text = instanceTypesText({ ...HEADER, provider: 'tencent' }, [
      ['GN7.2XLARGE32', 'GN7', 'gpu', 8, 32, 'T4', 1, null],
    ]);
    withTable(text, (root) => {
      expect(readProject(root).problems.map(formatProblem)).toContain(
        'catalog/instance-types/zz-test.json: (type GN7.2XLARGE32): tencent type is given twice (also in catalog/instance-types/tencent-gpu-page.json)',
      );
    });
  });

  it('refuses a file that is not an instance-type table, in one sentence', () => {
    withTable('{"format":"price-table/1","rows":[]}', (root) => {
      const problems = readProject(root).problems.map(formatProblem);
      expect(problems.filter((p) => p.includes('zz-test.json'))[0]).toMatch(/format: must be "instance-types\/1"/);
    });
  });
});
