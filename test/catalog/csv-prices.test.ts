/** Price sheets as CSV: sourced rows come in, unsourced or unplaceable rows are reported by line. */
import { describe, expect, it } from 'vitest';
import { pricesFromCsv } from '../../src/catalog/csv-prices.js';
import { loadProject } from '../../src/catalog/load.js';

const catalog = loadProject().catalog;

describe('CSV price import', () => {
  it('keeps good rows and reports bad ones by line number', () => {
    const csv = [
      'provider,kind,service,sku,region,unit,price,currency,source,as_of,gpu_model,gpu_count,vcpu,memory_gib',
      'tencent,gpu-instance,CVM GPU,GN7.2XLARGE32,ap-guangzhou,instance-hour,12.5,CNY,quote:TC-1,2026-11-20,T4,1,8,32',
      'tencent,compute,CVM,S5.LARGE8,ap-guangzhou,instance-hour,0.9,CNY,,2026-11-20,,,2,8',
      'tencent,storage,COS,,ap-nowhere,gb-month,0.1,CNY,quote:TC-1,2026-11-20,,,,',
      'tencent,egress,Traffic,,Guangzhou,gb,0.8,CNY,https://example.com/price,2026-02-30,,,,',
    ].join('\n');
    const { rows, problems } = pricesFromCsv(csv, catalog, 'csv-test');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      provider: 'tencent',
      kind: 'gpu-instance',
      price: 12.5,
      scope: { locations: ['guangzhou'] },
      gpu: { model: 'T4', count: 1 },
    });
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(problems[0]?.reason).toMatch(/source/);
    expect(problems[1]?.reason).toMatch(/ap-nowhere/);
    expect(problems[2]?.reason).toMatch(/as_of.*calendar date/);
  });

  it('refuses a sheet without the required columns', () => {
    const { rows, problems } = pricesFromCsv('provider,price\nalibaba,1', catalog, 'x');
    expect(rows).toHaveLength(0);
    expect(problems[0]).toMatchObject({ line: 1 });
    expect(problems[0]?.reason).toMatch(/lacks kind, service, unit, currency, source, as_of/);
  });
});
