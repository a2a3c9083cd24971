/**
 * Sizes priced on real instance types, on a test catalogue of a few types (the shipped catalogue is not touched):
 * the cheapest current general-purpose type that fits, named, with the next ones one line away; GPU counts by a
 * multi-GPU type or N single-GPU types, said so; a named type priced exactly, or where it is priced; subscription
 * terms and spot from the type's own rows; every line's age, with the refresh command when stale; containers only
 * when asked; Chinese lines for a Chinese question.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, loadProject, readProject } from '../../src/catalog/load.js';
import type { Price } from '../../src/catalog/schema.js';
import type { Answer, OptionAnswer, PriceLine } from '../../src/domain/answer.js';
import type { Quote } from '../../src/domain/quote.js';
import type { Request } from '../../src/domain/request.js';
import { familyOfSku } from '../../src/domain/sizing.js';
import { Engine } from '../../src/engine.js';
import { copyProject, removeDir } from '../helpers/project.js';

const TODAY = '2026-11-23';

type Row = Partial<Price> & { id: string; sku?: string };

const ali = (loc: string, extra: Row): Row => ({
  provider: 'alibaba',
  kind: 'compute',
  service: 'ECS',
  scope: { locations: [loc] },
  billing: 'payg',
  unit: 'instance-hour',
  currency: 'CNY',
  source: 'file:test/domain/sizing.test.ts',
  as_of: '2026-10-01',
  ...extra,
});
const hz = (extra: Row) => ali('hangzhou', extra);
const gpu = (model: string, count: number) => ({ kind: 'gpu-instance' as const, gpu: { model, count } });

const ROWS: Row[] = [
  hz({ id: 't-g7-2x', sku: 'ecs.g7.2xlarge', vcpu: 8, memoryGiB: 32, price: 1.5 }),
  hz({ id: 't-g8i-2x', sku: 'ecs.g8i.2xlarge', vcpu: 8, memoryGiB: 32, price: 1.4 }),
  hz({ id: 't-g7a-2x', sku: 'ecs.g7a.2xlarge', vcpu: 8, memoryGiB: 32, price: 1.45 }),
  hz({ id: 't-g7-4x', sku: 'ecs.g7.4xlarge', vcpu: 16, memoryGiB: 64, price: 3 }),
  // Cheaper, but an older generation, a compute-optimised family and a burstable one: not picked for "8 vCPU 32 GB".
  hz({ id: 't-g6-2x', sku: 'ecs.g6.2xlarge', vcpu: 8, memoryGiB: 32, price: 1.0 }),
  hz({ id: 't-c8i-4x', sku: 'ecs.c8i.4xlarge', vcpu: 16, memoryGiB: 32, price: 1.3 }),
  hz({ id: 't-t6-2x', sku: 'ecs.t6-c1m4.2xlarge', vcpu: 8, memoryGiB: 32, price: 0.5 }),
  hz({ id: 't-g7-8x-old', sku: 'ecs.g7.8xlarge', vcpu: 32, memoryGiB: 128, price: 6, as_of: '2025-01-10' }),
  // Subscription (per month, by term) and spot (two zones) for the chosen type.
  hz({
    id: 't-g8i-2x-sub1',
    sku: 'ecs.g8i.2xlarge',
    billing: 'subscription',
    term_months: 1,
    unit: 'month',
    price: 700,
  }),
  hz({
    id: 't-g8i-2x-sub12',
    sku: 'ecs.g8i.2xlarge',
    billing: 'subscription',
    term_months: 12,
    unit: 'month',
    price: 600,
    note: 'a 1-year price ÷ 12',
  }),
  hz({ id: 't-g8i-2x-spot-a', sku: 'ecs.g8i.2xlarge', billing: 'spot', price: 0.3, as_of: '2026-11-20' }),
  hz({ id: 't-g8i-2x-spot-b', sku: 'ecs.g8i.2xlarge', billing: 'spot', price: 0.4, as_of: '2026-11-20' }),
  // GPUs: one- and two-A10 types; a second-hand copy with its caveats.
  hz({ id: 't-gn7i-1', sku: 'ecs.gn7i-c8g1.2xlarge', vcpu: 8, memoryGiB: 30, price: 10, ...gpu('A10', 1) }),
  hz({ id: 't-gn7i-2', sku: 'ecs.gn7i-2x.8xlarge', vcpu: 32, memoryGiB: 128, price: 25, ...gpu('A10', 2) }),
  hz({
    id: 't-gn7i-c16-sh',
    sku: 'ecs.gn7i-c16g1.4xlarge',
    vcpu: 16,
    memoryGiB: 60,
    price: 2.2,
    currency: 'USD',
    grade: 'second-hand',
    dated: 'retrieved',
    note: "an account's discounted price, not list; includes a 40 GiB system disk; USD at a fixed 0.138 per CNY",
    ...gpu('A10', 1),
  }),
  // Tencent: a type sold out in one Guangzhou zone when it was read.
  {
    ...ali('guangzhou', { id: 't-tc-s5', sku: 'S5.2XLARGE32', vcpu: 8, memoryGiB: 32, price: 0.58, currency: 'USD' }),
    provider: 'tencent',
    service: 'CVM',
    zones: [
      { zone: 'ap-guangzhou-3', status: 'sold-out' },
      { zone: 'ap-guangzhou-4', status: 'sell' },
    ],
  },
  // Singapore has only the g7.
  ali('singapore', { id: 't-sg-g7-2x', sku: 'ecs.g7.2xlarge', vcpu: 8, memoryGiB: 32, price: 1.6 }),
  // Shenzhen has only the Yitian (ARM) g8y.
  ali('shenzhen', { id: 't-sz-g8y-2x', sku: 'ecs.g8y.2xlarge', vcpu: 8, memoryGiB: 32, price: 1.2 }),
];

let root: string;
let engine: Engine;

beforeAll(() => {
  root = copyProject();
  // Only the test's rows for instance types: the shipped tables are left out so the expectations stay fixed.
  for (const f of readdirSync(join(root, 'catalog/prices')))
    if (f.startsWith('shipped-')) rmSync(join(root, 'catalog/prices', f));
  writeFileSync(join(root, 'catalog/prices/zz-test-types.json'), JSON.stringify({ prices: ROWS }));
  engine = new Engine(loadProject(root));
});
afterAll(() => removeDir(root));

function option(answer: Answer, provider: string, location: string): OptionAnswer {
  const o = answer.options.find((x) => x.provider === provider && x.location === location);
  if (!o)
    throw new Error(`no option ${provider}/${location} in ${answer.options.map((x) => `${x.provider}/${x.location}`)}`);
  return o;
}

function line(answer: Answer, provider: string, location: string, component = 'compute'): PriceLine {
  const l = option(answer, provider, location).lines.find((x) => x.component === component);
  if (!l) throw new Error(`no ${component} line: ${JSON.stringify(option(answer, provider, location).gaps)}`);
  return l;
}

/** A structured request, as a form or a button would send it. */
function request(patch: (r: Request) => void): Request {
  const r = engine.parse('8 vCPU 32 GB on Alibaba in Hangzhou');
  patch(r);
  return r;
}

describe('sizes priced on real instance types', () => {
  it('prices "8 vCPU 32 GB" on the cheapest current general-purpose type that fits, and names it', () => {
    const { answer } = engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou', TODAY);
    const l = line(answer, 'alibaba', 'hangzhou');
    expect(l.priceId).toBe('t-g8i-2x');
    expect(l.label).toMatch(/^ecs\.g8i\.2xlarge \(8 vCPU, 32 GiB\) × 1/);
    expect(l.unitPrice).toBe(1.4);
    expect(l.monthly.expected).toBeCloseTo(1.4 * 730, 2);
    expect(l.notes[0]).toMatch(/cheapest current-generation general-purpose type in cn-hangzhou/);
  });

  it('lists the next two types that fit one line away, with their hourly prices', () => {
    const { answer } = engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou', TODAY);
    const also = line(answer, 'alibaba', 'hangzhou').notes.find((n) => n.startsWith('also fits'));
    expect(also).toBe('also fits: ecs.g7a.2xlarge CNY 1.45/hour, ecs.g7.2xlarge CNY 1.5/hour');
    expect(engine.text(answer)).toContain('also fits: ecs.g7a.2xlarge CNY 1.45/hour');
  });

  it('prices on compute-optimised types when the workload asks for them', () => {
    const req = request((r) => Object.assign(r.workload, { family: 'compute' }));
    const { answer } = engine.rerun(req, TODAY);
    expect(line(answer, 'alibaba', 'hangzhou').priceId).toBe('t-c8i-4x');
    expect(line(answer, 'alibaba', 'hangzhou').notes[0]).toMatch(/compute-optimised/);
  });

  it('does not price a server on container (ECI) prices, and does when containers are asked for', () => {
    const { answer } = engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou', TODAY);
    expect(option(answer, 'alibaba', 'hangzhou').lines.some((l) => /ECI/.test(l.service))).toBe(false);
    const req = request((r) => Object.assign(r.workload, { containers: true }));
    const withContainers = engine.rerun(req, TODAY).answer;
    const lines = option(withContainers, 'alibaba', 'hangzhou').lines;
    expect(lines.map((l) => l.service)).toEqual([
      'ECI (elastic container instance)',
      'ECI (elastic container instance)',
    ]);
    expect(lines[0]?.notes[0]).toMatch(/containers were asked for/);
  });

  it('with no type fitting in a place, says so rather than pricing per vCPU', () => {
    const { answer } = engine.ask('128 vCPU 1024 GB on Alibaba in Hangzhou', TODAY);
    const o = option(answer, 'alibaba', 'hangzhou');
    expect(o.lines).toHaveLength(0);
    expect(o.gaps[0]?.why).toBe(
      'no general-purpose, compute- or memory-optimised type with at least 128 vCPU and 1024 GiB is priced in cn-hangzhou',
    );
  });
});

describe('GPU counts', () => {
  it('prices "2x A10" on a 2-GPU type when one is priced', () => {
    const { answer } = engine.ask('2x A10 on Alibaba in Hangzhou', TODAY);
    const l = line(answer, 'alibaba', 'hangzhou', 'gpu');
    expect(l.priceId).toBe('t-gn7i-2');
    expect(l.quantity).toBe(730);
    expect(l.notes[0]).toBe('the cheapest type in cn-hangzhou with 2x A10');
  });

  it('prices "4x A10" on four single-GPU types when no 4-GPU type exists, and says so', () => {
    const { answer } = engine.ask('4x A10 on Alibaba in Hangzhou', TODAY);
    const l = line(answer, 'alibaba', 'hangzhou', 'gpu');
    expect(l.priceId).toBe('t-gn7i-1');
    expect(l.label).toMatch(/× 4$/);
    expect(l.quantity).toBe(4 * 730);
    expect(l.notes[0]).toBe(
      'no 4-GPU A10 type is priced in cn-hangzhou: 4 × ecs.gn7i-c8g1.2xlarge (1 GPU each) instead',
    );
  });
});

describe('a named instance type', () => {
  it('is priced exactly: that type in that region', () => {
    const req = request((r) => {
      r.workload.vcpu = null;
      r.workload.memoryGiB = null;
      r.workload.instanceType = 'ecs.g7.2xlarge';
    });
    const { answer } = engine.rerun(req, TODAY);
    const l = line(answer, 'alibaba', 'hangzhou');
    expect(l.priceId).toBe('t-g7-2x');
    expect(l.notes[0]).toBe('priced as named: ecs.g7.2xlarge in cn-hangzhou');
  });

  it('not priced in the asked region: says where it is priced', () => {
    const req = request((r) => {
      r.locations = ['singapore'];
      r.workload.instanceType = 'ecs.g8i.2xlarge';
    });
    const o = option(engine.rerun(req, TODAY).answer, 'alibaba', 'singapore');
    expect(o.lines).toHaveLength(0);
    expect(o.gaps[0]?.why).toBe(
      'ecs.g8i.2xlarge is not priced in ap-southeast-1 in the catalogue; it is priced in cn-hangzhou (Hangzhou)',
    );
    expect(o.gaps[0]?.question).toBe('What is the pay-as-you-go price of ecs.g8i.2xlarge in ap-southeast-1?');
  });

  it('an old price says its age and the command that refreshes it; a fresh one is not flagged', () => {
    const req = request((r) => {
      r.workload.instanceType = 'ecs.g7.8xlarge';
    });
    const l = line(engine.rerun(req, TODAY).answer, 'alibaba', 'hangzhou');
    expect(l.stale).toBe(true);
    expect(l.ageDays).toBe(682);
    expect(l.refresh).toBe('procure catalog refresh --public --provider alibaba');
    expect(l.risks).toContain(
      'older than 180 days: refresh with `procure catalog refresh --public --provider alibaba`',
    );
    const fresh = line(engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou', TODAY).answer, 'alibaba', 'hangzhou');
    expect(fresh.stale).toBe(false);
    expect(fresh.ageDays).toBe(53);
    expect(fresh.risks.join(' ')).not.toMatch(/refresh/);
    expect(engine.text(engine.rerun(req, TODAY).answer)).toMatch(
      /as of 2025-01-10 · 682 days old .*⚠ older than 180 days/,
    );
  });

  it('a second-hand price shows its grade and caveats on the line', () => {
    const req = request((r) => {
      r.workload.instanceType = 'ecs.gn7i-c16g1.4xlarge';
    });
    const { answer } = engine.rerun(req, TODAY);
    const l = line(answer, 'alibaba', 'hangzhou', 'gpu');
    expect(l.grade).toBe('second-hand');
    expect(l.notes.join(' | ')).toContain('includes a 40 GiB system disk');
    expect(l.notes.join(' | ')).toContain('a second-hand copy of Alibaba Cloud');
    expect(engine.text(answer)).toMatch(/second-hand/);
  });
});

describe('subscription and spot from the type rows', () => {
  it('picks the longest subscription term the duration fills', () => {
    const year = engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou, subscription, for 12 months', TODAY).answer;
    const l = line(year, 'alibaba', 'hangzhou');
    expect(l.priceId).toBe('t-g8i-2x-sub12');
    expect(l.quantity).toBe(1);
    expect(l.quantityUnit).toBe('instance-months');
    expect(l.monthly.expected).toBe(600);
    expect(l.notes).toContain('subscription for a 12-month term');
    const short = engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou, subscription, for 3 months', TODAY).answer;
    expect(line(short, 'alibaba', 'hangzhou').priceId).toBe('t-g8i-2x-sub1');
  });

  it('prices spot on the observed spot rows, a range only because the zones differ, and not as a midpoint', () => {
    const { answer } = engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou, spot', TODAY);
    const l = line(answer, 'alibaba', 'hangzhou');
    expect(l.monthly.low).toBeCloseTo(0.3 * 730, 2);
    expect(l.monthly.high).toBeCloseTo(0.4 * 730, 2);
    expect(l.monthly.expected).toBeCloseTo(0.3 * 730, 2);
    expect(l.midpoint).toBe(false);
    expect(l.notes.join(' ')).toMatch(/spot prices as read on 2026-11-20 in 2 zones/);
  });

  it('an option priced from a spot discount range is not called fully priced', () => {
    const { answer } = engine.ask('8 vCPU 32 GB on Alibaba in Singapore', TODAY);
    const spot = option(answer, 'alibaba', 'singapore').alternatives.find((a) => a.billing === 'spot');
    expect(spot?.monthly).not.toBeNull();
    expect(spot?.note).toBe('estimated from a spot discount range, not a spot price');
  });
});

describe('language and hooks', () => {
  it('a Chinese question gets Chinese line texts', () => {
    const { answer } = engine.ask('阿里云杭州 8核32G 按量付费', TODAY);
    expect(answer.lang).toBe('zh');
    const l = line(answer, 'alibaba', 'hangzhou');
    expect(l.priceId).toBe('t-g8i-2x');
    expect(l.notes[0]).toBe('cn-hangzhou 满足至少 8 核 vCPU、32 GiB 内存的最便宜的当代通用型规格');
    expect(l.notes[1]).toMatch(/^同样满足：ecs\.g7a\.2xlarge ¥1\.45\/小时/);
  });

  it('says "sold out in <zone> as of <date>" on a line whose row carries that status', () => {
    const l = line(engine.ask('8 vCPU 32 GB on Tencent in Guangzhou', TODAY).answer, 'tencent', 'guangzhou');
    expect(l.priceId).toBe('t-tc-s5');
    expect(l.risks).toContain('sold out in ap-guangzhou-3 as of 2026-10-01');
    expect(l.risks.join(' ')).not.toMatch(/ap-guangzhou-4/);
  });

  it('reads the family from the providers’ type names', () => {
    expect(familyOfSku('ecs.gn7i-c8g1.2xlarge')).toBe('gn7i');
    expect(familyOfSku('ecs.t6-c1m4.2xlarge')).toBe('t6');
    expect(familyOfSku('m7i.large')).toBe('m7i');
    expect(familyOfSku('S5.LARGE8')).toBe('S5');
    expect(familyOfSku('s6.large.2')).toBe('s6');
  });
});

describe('catalog/families.yaml', () => {
  it('ships current general-purpose families with their source, and lint refuses an unsourced or doubled entry', () => {
    const fams = engine.data.catalog.families;
    const g8i = fams.find((f) => f.provider === 'alibaba' && f.family === 'g8i');
    expect(g8i).toMatchObject({ category: 'general', current: true });
    expect(g8i?.source).toMatch(/^https:\/\//);
    expect(g8i?.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const bad = copyProject();
    try {
      const lint = (yaml: string) => {
        writeFileSync(join(bad, 'catalog/families.yaml'), yaml);
        const { data, problems } = readProject(bad);
        expect(data).toBeNull();
        return problems.map(formatProblem).join('\n');
      };
      const entry = (family: string, src: string) =>
        `  - { provider: aws, family: ${family}, category: general, current: true${src} }\n`;
      expect(lint(`families:\n${entry('m7i', '')}`)).toContain(
        'catalog/families.yaml: families[0].source: is required',
      );
      const sourced = ', source: "https://x.example/", as_of: 2026-01-01';
      expect(lint(`families:\n${entry('m7i', sourced)}${entry('M7I', sourced)}`)).toContain(
        'catalog/families.yaml: families[1]: aws family "M7I" is listed twice',
      );
    } finally {
      removeDir(bad);
    }
  });
});

describe('when no type of the asked category fits', () => {
  it('prices the cheapest type of another server category that fits, and says so', () => {
    // In Hangzhou the only type with 16 vCPU and 32 GiB below the g7.4xlarge is the compute-optimised c8i.4xlarge;
    // asking for memory-optimised 16 vCPU / 32 GiB finds no r-family type of that size.
    const req = request((r) => {
      r.workload.vcpu = 16;
      r.workload.memoryGiB = 32;
      Object.assign(r.workload, { family: 'memory' });
    });
    const l = line(engine.rerun(req, TODAY).answer, 'alibaba', 'hangzhou');
    expect(l.priceId).toBe('t-c8i-4x');
    expect(l.notes[0]).toBe(
      'no memory-optimised type with at least 16 vCPU and 32 GiB is priced in cn-hangzhou: the cheapest compute-optimised type that fits',
    );
  });
});

describe('vendor quotes among the types', () => {
  const quote = (patch: Partial<Quote>): Quote => ({
    id: 'q1',
    provider: 'alibaba',
    resource: 'gpu-instance',
    sku: null,
    location: 'hangzhou',
    billing: 'payg',
    unit: 'instance-hour',
    price: 9.5,
    currency: 'CNY',
    reference: 'ALI-TEST-1',
    validUntil: '2027-01-31',
    gpu: { model: 'A10', count: 1 },
    model: null,
    direction: null,
    storageClass: null,
    addedBy: 'UTEST',
    addedAt: '2026-11-20T00:00:00.000Z',
    ...patch,
  });

  it('a 1x A10 quote prices "2x A10" as two quoted instances before any listed 2-GPU type', () => {
    const { answer } = engine.ask('2x A10 on Alibaba in Hangzhou', TODAY, { quotes: [quote({})] });
    const l = line(answer, 'alibaba', 'hangzhou', 'gpu');
    expect(l.grade).toBe('vendor-quote');
    expect(l.quantity).toBe(2 * 730);
    expect(l.notes[0]).toMatch(/^no 2-GPU A10 type is priced in cn-hangzhou: 2 × vendor quote/);
  });

  it('a compute quote that fits takes precedence over the listed types', () => {
    const q = quote({ resource: 'compute', sku: 'ecs.g7.2xlarge', gpu: null, price: 1.2 });
    const { answer } = engine.ask('8 vCPU 32 GB on Alibaba in Hangzhou', TODAY, { quotes: [q] });
    const l = line(answer, 'alibaba', 'hangzhou');
    expect(l.grade).toBe('vendor-quote');
    expect(l.unitPrice).toBe(1.2);
  });
});

describe('CPU architecture', () => {
  it('a plain size where only an ARM type fits is priced on it, and the line says it is ARM and why', () => {
    const l = line(engine.ask('8 vCPU 32 GB on Alibaba in Shenzhen', TODAY).answer, 'alibaba', 'shenzhen');
    expect(l.priceId).toBe('t-sz-g8y-2x');
    expect(l.notes).toContain(
      'ecs.g8y.2xlarge is an ARM (arm64) type: no x86 type of this size is priced in cn-shenzhen; check that the software runs on ARM, or ask for an x86 price',
    );
  });

  it('ARM asked where no ARM type fits: the x86 type is priced, and the line says ARM was not found', () => {
    const { answer, request } = engine.ask('8 vCPU 32 GB arm64 on Alibaba in Singapore', TODAY);
    expect(request.workload.cpuArch).toBe('arm64');
    const l = line(answer, 'alibaba', 'singapore');
    expect(l.priceId).toBe('t-sg-g7-2x');
    expect(l.notes.join('\n')).toContain('ARM was asked for, but no ARM (arm64) type of this size is priced in');
  });

  it('"倚天" asks for ARM: the ARM type is priced, said in Chinese', () => {
    const sz = line(engine.ask('8核32G 阿里云 深圳 倚天', TODAY).answer, 'alibaba', 'shenzhen');
    expect(sz.priceId).toBe('t-sz-g8y-2x');
    expect(sz.notes).toContain('ecs.g8y.2xlarge 是 ARM（arm64）规格，按问题要求');
  });
});
