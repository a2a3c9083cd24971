/**
 * The command line a buyer types: `procure catalog refresh --public` against the recorded feeds on a loopback
 * server (PROCURE_<P>_PUBLIC_URL), progress per provider and region only on a terminal, one sentence on stderr
 * and exit 1 for a feed that fails; and `procure catalog import tencent-feed|huawei-feed|volcengine-feed`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { runCli } from '../../helpers/cli.js';
import { copyProject, removeDir, tempDir } from '../../helpers/project.js';
import { type FakeFeeds, FIXTURES, startFakeFeeds } from './fake-feeds.js';

let root: string;
let feeds: FakeFeeds;
const cli = (argv: string[]) => runCli(argv, { root });

beforeEach(async () => {
  root = copyProject();
  feeds = await startFakeFeeds();
  for (const [k, v] of Object.entries(feeds.env())) vi.stubEnv(k, v);
  vi.stubEnv('PROCURE_DATA_DIR', tempDir('procure-cli-public-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await feeds.close();
  removeDir(root);
});

describe('procure catalog refresh --public', () => {
  it('reads the feeds, prints the report, and the next answer is priced from them', async () => {
    const r = await cli(['catalog', 'refresh', '--public', '--provider', 'tencent,huawei']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Tencent Cloud: \d+ prices in 2 regions \(ap-guangzhou, ap-singapore\) → catalog\/prices\/public-tencent\.json/m,
    );
    expect(r.out).toMatch(/^Huawei Cloud: \d+ prices in 2 regions \(ap-southeast-3, cn-north-4\)/m);
    expect(existsSync(join(root, 'catalog/prices/public-volcengine.json'))).toBe(false);
    const ask = await cli(['ask', '--json', '--no-record', '8 vCPU 32 GB on Huawei in Singapore']);
    const line = JSON.parse(ask.out).answer.options[0].lines.find(
      (l: { component: string }) => l.component === 'compute',
    );
    expect(line).toMatchObject({ unitPrice: 0.62, currency: 'CNY' });
    expect(line.source).toContain(
      `${feeds.url}/huawei/productInfo?urlPath=ecs&tag=general.online.portal&region=ap-southeast-3`,
    );
  });

  it('writes a progress line per provider and region on a terminal', async () => {
    let err = '';
    const code = await main(['catalog', 'refresh', '--public', '--provider', 'tencent'], {
      out: () => undefined,
      err: (s) => {
        err += s;
      },
      stdin: Readable.from([]),
      stdout: new PassThrough(),
      root,
      errIsTTY: true,
    });
    expect(code).toBe(0);
    expect(err).toBe('Tencent Cloud: ap-guangzhou (1/2)\nTencent Cloud: ap-singapore (2/2)\n');
  });

  it('exits 1 with one sentence on stderr when a feed fails, and changes nothing', async () => {
    feeds.answers.set('volcengine:ListTemplate', { body: '{"Result": {"Items": []}}' });
    const r = await cli(['catalog', 'refresh', '--public', '--provider', 'volcengine']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^Volcano Engine: the feed at \S+ has changed shape: it is not Volcano Engine's ListTemplate answer: Result\.List is missing or empty; its prices in catalog\/prices\/public-volcengine\.json are unchanged\.\n$/,
    );
    expect(readdirSync(join(root, 'catalog/prices')).some((f) => f.startsWith('public-'))).toBe(false);
  });

  it('refuses a bad feed URL and an unknown provider in one sentence', async () => {
    vi.stubEnv('PROCURE_TENCENT_PUBLIC_URL', 'workbench.cloud.tencent.com');
    const bad = await cli(['catalog', 'refresh', '--public', '--provider', 'tencent']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^Tencent Cloud: PROCURE_TENCENT_PUBLIC_URL must be an http\(s\) URL: /);
    const unknown = await cli(['catalog', 'refresh', '--public', '--provider', 'baidu']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('No public price feed is read for "baidu": use tencent, huawei, volcengine or all.\n');
  });

  it('a dry run lists the URLs and reads nothing', async () => {
    const r = await cli(['catalog', 'refresh', '--public', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`POST ${feeds.url}/tencent/cgi/area/queryCvmRegion`);
    expect(r.out).toContain(`GET ${feeds.url}/volcengine?Action=ListTemplate`);
    expect(feeds.seen).toEqual([]);
  });
});

describe('procure catalog import <provider>-feed', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'procure-feed-import-'));
  });
  afterEach(() => removeDir(out));

  it('imports a saved Tencent answer into a price table, citing the URL it was saved from', async () => {
    const file = join(FIXTURES, 'tencent/DescribeZoneInstanceConfigInfos-ap-guangzhou.json');
    const url =
      'https://workbench.cloud.tencent.com/cgi/api?i=cvm/DescribeZoneInstanceConfigInfos&uin=&region=ap-guangzhou';
    const r = await cli(['catalog', 'import', 'tencent-feed', file, '--source-url', url, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Imported \d+ price row\(s\) for ap-guangzhou into \S+tencent-feed-describezoneinstanceconfiginfos-ap-guangzhou\.json; skipped /,
    );
    const table = JSON.parse(
      readFileSync(join(out, 'tencent-feed-describezoneinstanceconfiginfos-ap-guangzhou.json'), 'utf8'),
    );
    expect(table.shared.source).toBe(url);
    expect(table.columns).toContain('zones');
  });

  it('imports Huawei and Volcano answers', async () => {
    const hw = await cli([
      'catalog',
      'import',
      'huawei-feed',
      join(FIXTURES, 'huawei/productInfo-cn-north-4.json'),
      '--out',
      out,
    ]);
    expect(hw.code).toBe(0);
    expect(hw.out).toContain('for cn-north-4');
    const volc = await cli([
      'catalog',
      'import',
      'volcengine-feed',
      join(FIXTURES, 'volcengine/ListTemplate.json'),
      '--table',
      join(FIXTURES, 'volcengine/GetTable.json'),
      '--out',
      out,
    ]);
    expect(volc.err).toBe('');
    expect(volc.code).toBe(0);
    expect(volc.out).toContain('for cn-beijing, cn-shanghai');
  });

  it('a file of another shape, or a row that does not parse, is one sentence naming the file and the row; nothing is written', async () => {
    const wrong = join(out, 'wrong.json');
    writeFileSync(wrong, readFileSync(join(FIXTURES, 'huawei/productInfo-cn-north-4.json')));
    const r = await cli(['catalog', 'import', 'tencent-feed', wrong, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${wrong}: is not Tencent's DescribeZoneInstanceConfigInfos answer: it has no data.Response; nothing was imported.\n`,
    );
    const badRow = join(out, 'bad-row.json');
    writeFileSync(
      badRow,
      readFileSync(join(FIXTURES, 'huawei/productInfo-cn-north-4.json'), 'utf8').replace(
        '"cpu": "2vCPUs"',
        '"cpu": "two"',
      ),
    );
    const b = await cli(['catalog', 'import', 'huawei-feed', badRow, '--out', out]);
    expect(b.code).toBe(1);
    expect(b.err).toBe(
      `${badRow}: product.ec2_vm[3] (c7.large.2): cpu and mem must start with a number (got "two", "4GiB"); nothing was imported.\n`,
    );
    expect(readdirSync(out).sort()).toEqual(['bad-row.json', 'wrong.json']);
  });
});
