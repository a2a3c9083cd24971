/**
 * `procure catalog refresh` as a buyer runs it: the real Alibaba adapter against the local fake ECS API
 * (PROCURE_ALIBABA_ENDPOINT), credentials from the environment, the report on stdout, progress on
 * stderr, the change visible in `procure catalog diff`; and the one-sentence refusals.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyProject, removeDir, tempDir } from '../helpers/project.js';
import { type FakeEcs, priceAnswer, startFakeEcs } from './fake-alibaba.js';

const WATCH = `provider: alibaba
watch:
  - instance_type: ecs.gn7i-c8g1.2xlarge
    family: gn7i
    kind: gpu-instance
    vcpu: 8
    memoryGiB: 30
    gpu: { model: A10, count: 1 }
    regions: [cn-hangzhou]
    billing: [payg, subscription-1m]
    source: https://help.aliyun.com/zh/ecs/user-guide/gpu-accelerated-compute-optimized-and-vgpu-accelerated-instance-families-1
    as_of: 2026-11-23
    dated: retrieved
`;
const SECRET = 'alibaba-secret-in-env-only';
const CREDENTIAL_VARS = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'TENCENTCLOUD_SECRET_ID',
  'TENCENTCLOUD_SECRET_KEY',
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_PROJECT_ID',
  'VOLC_ACCESSKEY',
  'VOLC_SECRETKEY',
];

let root: string;
let fake: FakeEcs | undefined;
let paygPrice = 11.5;

const cli = (argv: string[]) => runCli(argv, { root });

beforeEach(() => {
  root = copyProject();
  writeFileSync(join(root, 'catalog/watchlist/alibaba.yaml'), WATCH);
  for (const v of CREDENTIAL_VARS) vi.stubEnv(v, '');
  vi.stubEnv('PROCURE_DATA_DIR', tempDir('procure-cli-refresh-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
  removeDir(root);
});

describe('procure catalog refresh', () => {
  it('reads the prices through the real adapter, writes the rows and reports the change next time', async () => {
    fake = await startFakeEcs((req) =>
      priceAnswer({ instance: req.query.get('PriceUnit') === 'Month' ? 5600 : paygPrice }),
    );
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI-test-id');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', SECRET);
    vi.stubEnv('PROCURE_ALIBABA_ENDPOINT', fake.url);

    const first = await cli(['catalog', 'refresh', '--provider', 'alibaba']);
    expect(first.err).toContain('alibaba: 2/2 calls');
    expect(first.out).toContain('Alibaba Cloud: 2 of 2 prices read (2 new or changed, 0 unchanged), 0 failed');
    expect(first.code).toBe(0);
    const written = readFileSync(join(root, 'catalog/prices/api-alibaba.yaml'), 'utf8');
    expect(written).toContain('source: api:alibaba/ecs/DescribePrice?');
    expect(written).not.toContain(SECRET);
    expect(fake.requests).toHaveLength(2);

    paygPrice = 12.88;
    const second = await cli(['catalog', 'refresh']);
    expect(second.out).toContain('CNY 11.5 → CNY 12.88 per instance-hour (+12%)');
    expect(second.out).toContain('1 catalogue price change(s) recorded');
    const diff = await cli(['catalog', 'diff']);
    expect(diff.out).toContain('ecs.gn7i-c8g1.2xlarge in cn-hangzhou, pay-as-you-go: CNY 11.5 → CNY 12.88');
    expect(`${first.out}${first.err}${second.out}${second.err}`).not.toContain(SECRET);
  });

  it('a dry run lists the calls of every provider and needs no credentials', async () => {
    const r = await cli(['catalog', 'refresh', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Alibaba Cloud: would make 2 calls');
    expect(r.out).toContain('DescribePrice RegionId=cn-hangzhou');
    expect(r.out).toContain(
      'A real refresh needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET set.',
    );
    expect(r.out).toMatch(/Tencent Cloud: would make \d+ calls/);
  });

  it('names the missing credential variables in one sentence, and calls nothing', async () => {
    const r = await cli(['catalog', 'refresh', '--provider', 'alibaba']);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(
      /^Alibaba Cloud credentials are missing: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET .*\.$/,
    );
    const none = await cli(['catalog', 'refresh']);
    expect(none.err).toMatch(/^No provider has price-API credentials set/);
  });

  it('refuses an unknown provider and a bad endpoint with one sentence each', async () => {
    expect((await cli(['catalog', 'refresh', '--provider', 'ucloud'])).err).toMatch(/Unknown provider "ucloud"/);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'id');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', SECRET);
    vi.stubEnv('PROCURE_ALIBABA_ENDPOINT', 'ecs.example.com');
    const r = await cli(['catalog', 'refresh', '--provider', 'alibaba']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('PROCURE_ALIBABA_ENDPOINT must be an http(s) URL');
  });

  it('catalog lint names watchlist params the adapter would not use, before any call', async () => {
    writeFileSync(
      join(root, 'catalog/watchlist/alibaba.yaml'),
      WATCH.replace('    regions: [cn-hangzhou]', '    params: { ZoneID: cn-hangzhou-k }\n    regions: [cn-hangzhou]'),
    );
    const r = await cli(['catalog', 'lint']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'catalog/watchlist/alibaba.yaml: watch[0] (ecs.gn7i-c8g1.2xlarge): params ZoneID are not used (known: ZoneId,',
    );
    const dry = await cli(['catalog', 'refresh', '--provider', 'alibaba', '--dry-run']);
    expect(dry.out).toContain('Alibaba Cloud: The watchlist has problems: ');
  });

  it('catalog lint names a watchlist region that does not exist', async () => {
    writeFileSync(join(root, 'catalog/watchlist/alibaba.yaml'), WATCH.replace('[cn-hangzhou]', '[cn-atlantis]'));
    const r = await cli(['catalog', 'lint']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('catalog/watchlist/alibaba.yaml: watch[0] (ecs.gn7i-c8g1.2xlarge).regions: "cn-atlantis"');
  });
});
