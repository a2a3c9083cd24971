/**
 * Answers a procurement lead would forward: a plain size is priced on an x86 type (an ARM type only when ARM is asked
 * for, said on the line). Types and their architectures are found in the shipped catalogue by the test, not written in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

function ask(text: string) {
  const { answer, request } = engine.ask(text, TODAY);
  return { answer, request, text: engine.text(answer) };
}

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
