/** The per-zone sale status on a price row: checked by PriceSchema, carried by the price-table fast path unchanged. */
import { describe, expect, it } from 'vitest';
import { fastPrices, priceTableText, readPriceTableText } from '../../../src/catalog/price-table.js';
import { type Price, PriceSchema } from '../../../src/catalog/schema.js';

const base = {
  provider: 'tencent',
  kind: 'compute',
  service: 'CVM',
  sku: 'S5.2XLARGE32',
  scope: { locations: ['guangzhou'] },
  region: 'ap-guangzhou',
  billing: 'payg',
  unit: 'instance-hour',
  price: 1.76,
  currency: 'CNY',
  source: 'https://workbench.cloud.tencent.com/cgi/api?i=cvm/DescribeZoneInstanceConfigInfos&uin=&region=ap-guangzhou',
  as_of: '2026-12-06',
  dated: 'retrieved',
};

describe('zones on a price', () => {
  const zones = [
    { zone: 'ap-guangzhou-3', status: 'sell' },
    { zone: 'ap-guangzhou-6', status: 'sold-out' },
  ];
  const rows = [
    PriceSchema.parse({ ...base, id: 'a', zones }),
    PriceSchema.parse({ ...base, id: 'b', zones: [{ zone: 'ap-guangzhou-3', status: 'sold-out' }] }),
    PriceSchema.parse({ ...base, id: 'c' }),
  ] as Price[];

  it('round-trips through a price table, read line by line and by the fast check', () => {
    const read = readPriceTableText(priceTableText(rows));
    expect(read?.issues).toEqual([]);
    expect(read?.prices).toEqual(rows);
    expect(fastPrices(rows.map((r) => ({ ...r })))).toEqual(rows);
  });

  it('refuses a status other than sell or sold-out, in the table as in YAML', () => {
    expect(PriceSchema.safeParse({ ...base, id: 'x', zones: [{ zone: 'z', status: 'SOLD_OUT' }] }).success).toBe(false);
    const text = priceTableText(rows).replace('"sold-out"', '"limited"');
    const read = readPriceTableText(text);
    expect(read?.issues[0]?.path.slice(0, 3)).toEqual(['prices', 0, 'zones']);
  });
});
