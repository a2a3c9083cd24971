/**
 * What kind of machine or storage a size is, read from the lexicon's words (intents/lexicon.yaml cpu_arch,
 * storage_kinds, storage_tiers, foreign_data_laws): set only when said, and only for a size the question asks about.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../src/engine.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('CPU architecture', () => {
  it.each([
    ['8c32g arm on alibaba hangzhou', 'arm64'],
    ['4 vCPU 16GB aarch64 in singapore', 'arm64'],
    ['graviton 8 vcpu 32gb on aws tokyo', 'arm64'],
    ['阿里云 杭州 倚天 8核32G', 'arm64'],
    ['华为云 鲲鹏 16核64G 上海', 'arm64'],
    ['8c32g x86 on alibaba hangzhou', 'x86_64'],
    ['8核32G 阿里云 杭州 3台', null],
    // No size: nothing to price on an architecture.
    ['does alibaba sell arm instances?', null],
  ])('%s → %s', (q, arch) => {
    expect(engine.parse(q).workload.cpuArch ?? null).toBe(arch);
  });
});

describe('storage kind and tier', () => {
  it.each([
    ['腾讯云 雅加达 SA2.4XLARGE32 x 4，外加每台 200G 云硬盘', 'block', null],
    ['500GB EBS gp3 in singapore', 'block', null],
    ['OSS 上海 存 500TB 归档', 'object', 'archive'],
    ['50TB cold storage on COS guangzhou', 'object', 'cold'],
    ['where should the log archive live (~200TB, rarely read)', null, 'archive'],
    ['COS jakarta 50TB infrequent access', 'object', 'infrequent'],
    ['100TB 低频 存储 在 百度 北京', null, 'infrequent'],
    ['OSS hangzhou 10TB', 'object', null],
  ])('%s → %s, %s', (q, kind, tier) => {
    const wl = engine.parse(q).workload;
    expect(wl.storageKind ?? null).toBe(kind);
    expect(wl.storageTier ?? null).toBe(tier);
  });
});

describe("another country's data law", () => {
  it.each([
    ['PDPL in saudi — can we keep customer data outside the kingdom?', 'saudi-pdpl', false],
    ['is the UAE PDPL a problem for hosting in dubai?', 'uae-pdpl', false],
    ['Singapore PDPA: can the data sit in hong kong?', 'singapore-pdpa', false],
    ['GDPR and PIPL both apply: users in mainland china and germany', 'gdpr', true],
    ['PIPL: can we keep customer data outside mainland china?', null, false],
  ])('%s → %s', (q, id, alsoChina) => {
    const law = engine.parse(q).signals.foreignDataLaw ?? null;
    expect(law?.id ?? null).toBe(id);
    if (law) expect(law.alsoChina).toBe(alsoChina);
  });
});
