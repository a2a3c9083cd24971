/**
 * `/procure admin refresh` through SlackService.handle: admins only; a quick refresh answers in the reply,
 * a long one says so and sends the report by DM; one refresh at a time; the new prices answer at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRefresh } from '../../src/app/refresh.js';
import { formatProblem, readProject } from '../../src/catalog/load.js';
import { Engine } from '../../src/engine.js';
import { SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { fakeFactories, projectWithWatchlist, reading, type Script } from '../helpers/fake-price-source.js';
import { removeDir, tempDir } from '../helpers/project.js';

const ADMIN = 'UADMIN';
const WATCH = `provider: alibaba
watch:
  - instance_type: ecs.gn7i-c8g1.2xlarge
    kind: gpu-instance
    vcpu: 8
    memoryGiB: 30
    gpu: { model: A10, count: 1 }
    regions: [cn-hangzhou]
    billing: [payg]
    source: https://www.alibabacloud.com/help/en/ecs/user-guide/gpu-accelerated-compute-optimized-and-vgpu-accelerated-instance-families-1
    as_of: 2026-11-23
`;
// 6.5 CNY an hour: below every shipped A10 price in Hangzhou, so the next answer uses the refreshed row.
const SCRIPT: Script = { 'ecs.gn7i-c8g1.2xlarge|cn-hangzhou|payg': [reading(6.5)] };

let root: string;
let dir: string;
let store: FileStore;
let dms: { user: string; text: string }[];
let calls: string[];

function service(opts: { delayMs?: number; env?: Record<string, string>; replyWithinMs?: number } = {}) {
  const factories = fakeFactories(SCRIPT, calls, { delayMs: opts.delayMs ?? 0 });
  const load = () => {
    const { data, problems } = readProject(root);
    return data ? { engine: new Engine(data, {}) } : { problems: problems.map(formatProblem) };
  };
  const first = load();
  if (!('engine' in first) || !first.engine) throw new Error('bad test project');
  return new SlackService(first.engine, () => '2026-11-23', {
    store,
    admins: [ADMIN],
    reload: async () => load(),
    refresh: async ({ providers, dryRun, by }) =>
      (
        await runRefresh({
          root,
          providers,
          dryRun,
          env: opts.env ?? { FAKE_ALIBABA_KEY: 'k' },
          factories,
          store,
          by,
          retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2 },
        })
      ).text,
    notify: async (user, text) => {
      dms.push({ user, text });
    },
    refreshReplyWithinMs: opts.replyWithinMs ?? 5000,
  });
}

beforeEach(async () => {
  root = projectWithWatchlist('alibaba', WATCH);
  dir = tempDir('procure-slack-refresh-');
  store = await FileStore.open(dir, { writer: true });
  dms = [];
  calls = [];
});
afterEach(async () => {
  await store.close();
  removeDir(root);
  removeDir(dir);
});

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('/procure admin refresh', () => {
  it('is refused to a non-admin, and nothing is called', async () => {
    const m = await service().handle('admin refresh alibaba', { user: 'UUSER' });
    expect(m.ephemeral).toBe(true);
    expect(m.text).toMatch(/Only procure-bot admins can reload the catalogue or refresh prices/);
    expect(calls).toEqual([]);
  });

  it('a dry run lists the calls it would make', async () => {
    const m = await service().handle('admin refresh alibaba dry-run', { user: ADMIN });
    expect(m.text).toContain('Price refresh, dry run:');
    expect(m.text).toContain('Fake DescribePrice ecs.gn7i-c8g1.2xlarge cn-hangzhou payg');
    expect(calls).toEqual([]);
  });

  it('answers with the report and the refreshed price is used at once', async () => {
    const s = service();
    const before = await s.handle('1x A10 on Alibaba in Hangzhou', { user: 'UUSER', channel: 'C1' });
    expect(before.text).not.toContain('6.5');
    const m = await s.handle('admin refresh alibaba', { user: ADMIN });
    expect(m.text).toContain('Price refresh done:');
    expect(m.text).toContain('1 of 1 prices read');
    const after = await s.handle('1x A10 on Alibaba in Hangzhou', { user: 'UUSER', channel: 'C1' });
    const blocks = JSON.stringify(after.first);
    expect(blocks).toContain('ecs.gn7i-c8g1.2xlarge');
    expect(blocks).toContain('6.5');
  });

  it('a long refresh replies at once and sends the report by DM; a second one meanwhile is turned away', async () => {
    const s = service({ delayMs: 150, replyWithinMs: 10 });
    const m = await s.handle('admin refresh', { user: ADMIN });
    expect(m.text).toContain("I'll send you the report in a DM");
    const again = await s.handle('admin refresh alibaba', { user: ADMIN });
    expect(again.text).toContain('already running');
    await until(() => dms.length > 0);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.user).toBe(ADMIN);
    expect(dms[0]?.text).toContain('Price refresh done:');
    expect(calls).toHaveLength(1);
    // Once done, another refresh may start.
    const third = await s.handle('admin refresh alibaba', { user: ADMIN });
    expect(third.text).not.toContain('already running');
  });

  it('the scheduled refresh DMs every admin the report, or why it did not run', async () => {
    await service().scheduledRefresh();
    expect(dms.map((d) => d.user)).toEqual([ADMIN]);
    expect(dms[0]?.text).toContain('Scheduled price refresh done:');
    expect(dms[0]?.text).toContain('1 of 1 prices read');
    expect(calls).toHaveLength(1);
    dms.length = 0;
    await service({ env: {} }).scheduledRefresh();
    expect(dms[0]?.text).toMatch(/^Scheduled price refresh not run: No provider has price-API credentials set/);
    expect(calls).toHaveLength(1);
  });

  it('says which credentials are missing instead of running', async () => {
    const m = await service({ env: {} }).handle('admin refresh alibaba', { user: ADMIN });
    expect(m.text).toContain('Price refresh not run:');
    expect(m.text).toContain('FAKE_ALIBABA_KEY');
    expect(calls).toEqual([]);
  });
});
