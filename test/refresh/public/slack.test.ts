/**
 * `/procure admin refresh public [provider]` through SlackService.handle, with the real public refresh reading the
 * recorded feeds from a loopback server: admins only, the report in the reply, the new prices answer at once; a
 * failing feed is one sentence and changes nothing; the schedule reads the public feeds too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPublicRefresh } from '../../../src/app/refresh.js';
import { formatProblem, readProject } from '../../../src/catalog/load.js';
import { Engine } from '../../../src/engine.js';
import { SlackService } from '../../../src/slack/service.js';
import { FileStore } from '../../../src/store/file-store.js';
import { copyProject, removeDir, tempDir } from '../../helpers/project.js';
import { type FakeFeeds, startFakeFeeds } from './fake-feeds.js';

const ADMIN = 'UADMIN';
let root: string;
let dir: string;
let store: FileStore;
let feeds: FakeFeeds;
let dms: { user: string; text: string }[];

function service() {
  const load = () => {
    const { data, problems } = readProject(root);
    return data ? { engine: new Engine(data, {}) } : { problems: problems.map(formatProblem) };
  };
  const first = load();
  if (!('engine' in first) || !first.engine) throw new Error('bad test project');
  return new SlackService(first.engine, () => '2026-12-06', {
    store,
    admins: [ADMIN],
    reload: async () => load(),
    refreshPublic: async ({ providers, dryRun, by }) =>
      (
        await runPublicRefresh({
          root,
          providers,
          dryRun,
          env: feeds.env(),
          store,
          by,
          bounds: { timeoutMs: 5_000, maxBytes: 1_000_000, retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 5 } },
        })
      ).text,
    notify: async (user, text) => {
      dms.push({ user, text });
    },
    refreshReplyWithinMs: 20_000,
  });
}

beforeEach(async () => {
  root = copyProject();
  dir = tempDir('procure-slack-public-');
  store = await FileStore.open(dir, { writer: true });
  feeds = await startFakeFeeds();
  dms = [];
});
afterEach(async () => {
  await store.close();
  await feeds.close();
  removeDir(root);
  removeDir(dir);
});

describe('/procure admin refresh public', () => {
  it('is refused to a non-admin, and no feed is read', async () => {
    const m = await service().handle('admin refresh public tencent', { user: 'UUSER' });
    expect(m.text).toMatch(/Only procure-bot admins/);
    expect(feeds.seen).toEqual([]);
  });

  it('reads the provider’s feed, replies with the report, and the new prices answer at once', async () => {
    const s = service();
    const before = await s.handle('8 vCPU 32 GB on Huawei in Beijing', { user: 'UUSER', channel: 'C1' });
    expect(JSON.stringify(before.first)).not.toContain(feeds.url);
    const m = await s.handle('admin refresh public huawei', { user: ADMIN });
    expect(m.text).toContain('Price refresh done:');
    expect(m.text).toContain('Huawei Cloud: ');
    expect(m.text).toContain('public-huawei.json');
    expect(feeds.seen.every((k) => k.startsWith('huawei:'))).toBe(true);
    const after = await s.handle('8 vCPU 32 GB on Huawei in Beijing', { user: 'UUSER', channel: 'C1' });
    const blocks = JSON.stringify(after.first);
    expect(blocks).toContain('kc2.2xlarge.4');
    expect(blocks).toContain(`${feeds.url}/huawei/productInfo`);
  });

  it('a dry run lists what it would read', async () => {
    const m = await service().handle('admin refresh public huawei dry-run', { user: ADMIN });
    expect(m.text).toContain('Price refresh, dry run:');
    expect(m.text).toContain('/huawei/menuInfo');
    expect(feeds.seen).toEqual([]);
  });

  it('a failing feed is one sentence; an unknown provider is refused', async () => {
    feeds.answers.set('volcengine:GetTable', { status: 500 });
    const m = await service().handle('admin refresh public volcengine', { user: ADMIN });
    expect(m.text).toMatch(/Volcano Engine: the feed at \S+ answered HTTP 500/);
    const unknown = await service().handle('admin refresh public ucloud', { user: ADMIN });
    expect(unknown.text).toContain('Price refresh not run:');
    expect(unknown.text).toContain('No public price feed is read for "ucloud"');
  });

  it('the scheduled refresh (PROCURE_REFRESH_CRON) reads the public feeds and DMs the admins', async () => {
    await service().scheduledRefresh();
    expect(dms.map((d) => d.user)).toEqual([ADMIN]);
    expect(dms[0]?.text).toContain('Scheduled price refresh done:');
    expect(dms[0]?.text).toContain('Tencent Cloud: ');
    expect(dms[0]?.text).toContain('Huawei Cloud: ');
    expect(dms[0]?.text).toContain('Volcano Engine: ');
  });
});
