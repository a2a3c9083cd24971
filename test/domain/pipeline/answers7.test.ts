/**
 * Answers a procurement lead would forward: a plain size is priced on an x86 type (an ARM type only when ARM is asked
 * for, said on the line). Types and their architectures are found in the shipped catalogue by the test, not written in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { askEngine } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const ask = (text: string) => askEngine(engine, text);

/** The architecture of a provider's type, from the catalogue's instance-type tables. */
function archOf(provider: string, sku: string): string | null | undefined {
  return engine.pipeline.index.catalog.instanceTypes.find(
    (t) => t.provider === provider && t.type.toLowerCase() === sku.toLowerCase(),
  )?.arch;
}

function computeLine(q: string, provider: string, location: string) {
  const { answer, request } = ask(q);
  const o = answer.options.find((x) => x.provider === provider && x.location === location);
  const l = o?.lines.find((x) => x.component === 'compute');
  const sku = l && engine.pipeline.index.catalog.prices.find((p) => p.id === l.priceId)?.sku;
  if (!l || !sku) throw new Error(`no compute line for ${provider}/${location}: ${JSON.stringify(o?.gaps)}`);
  return { line: l, sku, request };
}

describe('a size with no type named is an x86 workload', () => {
  it.each([
    ['8核32G 阿里云 杭州 3台', 'alibaba', 'hangzhou'],
    [
      "we're on tencent in shanghai for the CRM db. would moving to aliyun hangzhou save anything? 2x M4.2XLARGE64",
      'alibaba',
      'hangzhou',
    ],
    ['8 vCPU 32 GB on AWS in Singapore', 'aws', 'singapore'],
  ])('%s: priced on an x86_64 type, with no word of ARM', (q, provider, location) => {
    const { sku, line, request } = computeLine(q, provider, location);
    expect(request.workload.cpuArch ?? null).toBeNull();
    expect(archOf(provider, sku)).toBe('x86_64');
    expect(line.notes.join('\n')).not.toMatch(/ARM|arm64/);
  });

  it('the case is real: the ARM type of the size is cheaper in Hangzhou, and only priced when ARM is asked for', () => {
    const x86 = computeLine('8核32G 阿里云 杭州 3台', 'alibaba', 'hangzhou');
    const arm = computeLine('8核32G arm 阿里云 杭州 3台', 'alibaba', 'hangzhou');
    expect(archOf('alibaba', arm.sku)).toBe('arm64');
    expect(arm.line.unitPrice).toBeLessThan(x86.line.unitPrice);
  });

  it.each([
    ['8c32g arm on alibaba hangzhou', 'alibaba', 'hangzhou', 'is an ARM (arm64) type, as asked'],
    ['阿里云 杭州 倚天 8核32G', 'alibaba', 'hangzhou', '是 ARM（arm64）规格，按问题要求'],
    ['8 vCPU 32 GB graviton on AWS in Singapore', 'aws', 'singapore', 'is an ARM (arm64) type, as asked'],
  ])('%s: ARM asked for, an arm64 type priced, and the line says so', (q, provider, location, said) => {
    const { sku, line, request } = computeLine(q, provider, location);
    expect(request.workload.cpuArch).toBe('arm64');
    expect(archOf(provider, sku)).toBe('arm64');
    expect(line.notes.join('\n')).toContain(said);
  });
});

/** The catalogue row a line is priced on. */
function rowOf(priceId: string) {
  return engine.pipeline.index.catalog.prices.find((p) => p.id === priceId);
}

describe('storage: the tier and the kind said are the ones priced', () => {
  it('"存 500TB 归档": the Standard price is shown as Standard, and the archive tier is asked for', () => {
    const { answer, request } = ask('OSS 上海 和 COS 上海 存 500TB 归档 比一下月费');
    expect(request.workload.storageTier).toBe('archive');
    const ali = answer.options.find((o) => o.provider === 'alibaba');
    const line = ali?.lines.find((l) => l.component === 'storage');
    expect(line && rowOf(line.priceId)?.storage_class).toBe('object-standard');
    expect(line?.notes[0]).toContain('此为标准型价格，并非所问的归档型');
    for (const o of answer.options) {
      const gap = o.gaps.find((g) => g.component === 'storage');
      expect(gap?.question).toContain('归档型对象存储每 GB 每月价格');
    }
  });

  it('"log archive, rarely read": no option prices Standard storage without saying so', () => {
    const { answer } = ask('where should the log archive live (~200TB, rarely read)');
    const lines = answer.options.flatMap((o) => o.lines.filter((l) => l.component === 'storage'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.notes.join('\n')).toContain('not the archive tier asked for');
  });

  it('"infrequent access" where the catalogue has that tier: priced at it, with no tier gap', () => {
    const { answer, request } = ask('COS jakarta 50TB infrequent access');
    expect(request.workload.storageTier).toBe('infrequent');
    const o = answer.options.find((x) => x.provider === 'tencent');
    const line = o?.lines.find((l) => l.component === 'storage');
    expect(line && rowOf(line.priceId)?.storage_class).toBe('object-ia');
    expect(o?.gaps.filter((g) => g.component === 'storage')).toEqual([]);
  });

  it.each([
    ['腾讯云 雅加达 SA2.4XLARGE32 x 4，包月，外加每台 200G 云硬盘', '块存储（云盘）'],
    ['200GB EBS volume and 8 vCPU 32 GB on AWS in Singapore', 'block storage (cloud disk)'],
  ])('%s: block storage is never priced as object storage; a block-storage gap instead', (q, words) => {
    const { answer, request } = ask(q);
    expect(request.workload.storageKind).toBe('block');
    expect(answer.options.length).toBeGreaterThan(0);
    for (const o of answer.options) {
      for (const l of o.lines.filter((x) => x.component === 'storage'))
        expect(rowOf(l.priceId)?.storage_class).toBe('block');
      const gap = o.gaps.find((g) => g.component === 'storage');
      expect(gap?.what).toContain(words);
    }
  });
});

describe("another country's data law is not answered with China's", () => {
  const chinaFact = (id: string) => /^(?:cn-|cac-|pipl-)/.test(id);

  it.each([
    ['PDPL in saudi — can we keep customer data outside the kingdom?', "Saudi Arabia's Personal Data Protection Law"],
    ['沙特 PDPL 下 客户数据能存在沙特境外吗', '沙特《个人数据保护法》'],
    ['does GDPR let us keep EU customer data in singapore?', 'General Data Protection Regulation'],
    ['Vietnam decree 13 - do we need to store user data in vietnam?', "Vietnam's Decree 13/2023"],
  ])('%s: says the catalogue has no sourced facts on that law, and asks the vendor about it', (q, law) => {
    const { answer, text } = ask(q);
    expect(answer.facts.filter((f) => chinaFact(f.id))).toEqual([]);
    expect(text).not.toMatch(/CAC|数据出境安全评估/);
    expect(answer.lead.join('\n')).toContain(law);
    expect(answer.topQuestions.map((x) => x.text).join('\n')).toContain(law);
  });

  it('the data leaving mainland China as well: China’s rules stay, and the other law’s gap is said too', () => {
    const { answer } = ask(
      'our customers are in mainland china; GDPR also applies to our EU users - can we keep data in frankfurt?',
    );
    expect(answer.facts.some((f) => chinaFact(f.id))).toBe(true);
    expect(answer.lead.join('\n')).toContain('no sourced facts on the EU');
  });

  it('a placement question naming the law: its gap and question, not China’s export question', () => {
    const { answer, request, text } = ask('印尼 PDP 法 允许我们把客户数据放在新加坡吗');
    expect(request.signals.foreignDataLaw).toEqual({ id: 'indonesia-pdp', alsoChina: false });
    expect(answer.kind).not.toBe('facts');
    expect(text).not.toContain('数据出境安全评估');
    expect(answer.notes.join('\n')).toContain('价格库中没有关于印尼《个人数据保护法》');
    expect(answer.topQuestions[0]?.text).toContain('印尼《个人数据保护法》');
  });

  it('a China question is unchanged: PIPL gets China’s export rules', () => {
    const { answer } = ask('PIPL: can we keep customer data outside mainland china?');
    expect(answer.facts.some((f) => chinaFact(f.id))).toBe(true);
    expect(answer.lead.join('\n')).not.toContain('no sourced facts on');
  });
});
