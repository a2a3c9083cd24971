/** Builds small AWS Price List offer files in the real format, with distractors, for import tests and benchmarks. */

interface Product {
  sku: string;
  productFamily: string;
  attributes: Record<string, string>;
}

export function instance(sku: string, attrs: Partial<Record<string, string>>): Product {
  return {
    sku,
    productFamily: 'Compute Instance',
    attributes: {
      servicecode: 'AmazonEC2',
      location: 'Asia Pacific (Hong Kong)',
      regionCode: 'ap-east-1',
      instanceType: 'g4dn.xlarge',
      vcpu: '4',
      memory: '16 GiB',
      gpu: '1',
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      capacitystatus: 'Used',
      preInstalledSw: 'NA',
      licenseModel: 'No License required',
      usagetype: 'APE1-BoxUsage:g4dn.xlarge',
      operation: 'RunInstances',
      ...attrs,
    } as Record<string, string>,
  };
}

export function transfer(sku: string, from: string): Product {
  return {
    sku,
    productFamily: 'Data Transfer',
    attributes: {
      transferType: 'AWS Outbound',
      fromLocation: 'x',
      fromRegionCode: from,
      toLocation: 'External',
      usagetype: 'DataTransfer-Out-Bytes',
    },
  };
}

export function onDemand(
  sku: string,
  usd: string,
  unit = 'Hrs',
  description = `$${usd} per On Demand Linux Instance Hour`,
) {
  return {
    [`${sku}.JRTCKXETXF`]: {
      offerTermCode: 'JRTCKXETXF',
      sku,
      effectiveDate: '2026-01-01T00:00:00Z',
      priceDimensions: {
        [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
          rateCode: 'x',
          description,
          beginRange: '0',
          endRange: 'Inf',
          unit,
          pricePerUnit: { USD: usd },
        },
      },
    },
  };
}

export function tiered(sku: string, tiers: [number, number | null, string][]) {
  const dims: Record<string, unknown> = {};
  for (const [i, [from, to, usd]] of tiers.entries())
    dims[`${sku}.JRTCKXETXF.T${i}`] = {
      rateCode: `r${i}`,
      description: `$${usd} per GB - ${from} GB to ${to ?? 'Inf'} GB data transfer out of Asia Pacific (Hong Kong)`,
      beginRange: String(from),
      endRange: to === null ? 'Inf' : String(to),
      unit: 'GB',
      pricePerUnit: { USD: usd },
    };
  return {
    [`${sku}.JRTCKXETXF`]: {
      offerTermCode: 'JRTCKXETXF',
      sku,
      effectiveDate: '2026-01-01T00:00:00Z',
      priceDimensions: dims,
    },
  };
}

/** An offer with the rows that must be imported and the distractors that must not. */
export function sampleOffer(): string {
  const products: Product[] = [
    instance('GOOD-G4', {}),
    instance('GOOD-M7I', {
      instanceType: 'm7i.large',
      vcpu: '2',
      memory: '8 GiB',
      gpu: '0',
      usagetype: 'APE1-BoxUsage:m7i.large',
    }),
    instance('WIN-G4', { operatingSystem: 'Windows', licenseModel: 'No License required' }),
    instance('DED-G4', { tenancy: 'Dedicated' }),
    instance('UNUSED-G4', { capacitystatus: 'UnusedCapacityReservation' }),
    instance('SQL-G4', { preInstalledSw: 'SQL Std' }),
    instance('SG-G4', { regionCode: 'ap-southeast-1', location: 'Asia Pacific (Singapore)' }),
    transfer('DT-OUT', 'ap-east-1'),
    transfer('DT-SG', 'ap-southeast-1'),
  ];
  const onDemandTerms = {
    'GOOD-G4': onDemand('GOOD-G4', '0.8100000000'),
    'GOOD-M7I': onDemand('GOOD-M7I', '0.1234000000'),
    'WIN-G4': onDemand('WIN-G4', '1.0000000000'),
    'DED-G4': onDemand('DED-G4', '2.0000000000'),
    'UNUSED-G4': onDemand('UNUSED-G4', '0.8100000000'),
    'SQL-G4': onDemand('SQL-G4', '3.0000000000'),
    'SG-G4': onDemand('SG-G4', '0.7360000000'),
    'DT-OUT': tiered('DT-OUT', [
      [0, 1, '0.0000000000'],
      [1, 10240, '0.1200000000'],
      [10240, null, '0.0850000000'],
    ]),
    'DT-SG': tiered('DT-SG', [[0, null, '0.0900000000']]),
  };
  const reserved = {
    'GOOD-G4': { 'GOOD-G4.RES': { priceDimensions: { x: { unit: 'Hrs', pricePerUnit: { USD: '0.5' } } } } },
  };
  return JSON.stringify({
    formatVersion: 'v1.0',
    disclaimer: 'This pricing list is for informational purposes only.',
    offerCode: 'AmazonEC2',
    version: '20260115000000',
    publicationDate: '2026-01-15T00:00:00Z',
    products: Object.fromEntries(products.map((p) => [p.sku, p])),
    terms: { OnDemand: onDemandTerms, Reserved: reserved },
  });
}
