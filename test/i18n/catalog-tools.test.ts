/**
 * The catalogue maintainer's commands say what is wrong in the asker's language with the same facts: the file, the
 * line or place in it, the field and the value. English stays as it was.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problem, readProject } from '../../src/catalog/load.js';
import { problemIn, problemLineIn } from '../../src/catalog/problem-words.js';
import { issueSaid, own, ownSentences, REPORT_INPUT, reason } from '../../src/catalog/reasons.js';
import { type Said, sayNested } from '../../src/catalog/said.js';
import { Scope, WatchItemSchema } from '../../src/catalog/schema.js';
import { shippedMessages, shippedSay } from '../../src/catalog/shipped-messages.js';
import { volcengineFactory } from '../../src/refresh/providers/volcengine.js';
import { runCli } from '../helpers/cli.js';
import { copyProject, editYaml, removeDir, tempDir } from '../helpers/project.js';

const CJK = /[\u3400-\u9fff]/;
const zh = shippedSay('zh');
const en = shippedSay('en');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) removeDir(d);
});

describe('a catalogue problem said in Chinese', () => {
  it('every reason has its Chinese text, which names only values its English names', () => {
    const messages = shippedMessages();
    const keys = Object.keys(messages.en).filter((k) => k.startsWith('problem.reason.'));
    expect(keys.length).toBeGreaterThan(80);
    const names = (t: string) => new Set([...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
    for (const key of keys) {
      expect(messages.zh[key], key).toMatch(CJK);
      const english = names(messages.en[key] ?? '');
      for (const n of names(messages.zh[key] ?? ''))
        expect(english.has(n) || n === 'reason', `${key}: ${n}`).toBe(true);
    }
  });

  it("every sentence a schema sets itself is its key's English text, and has Chinese", () => {
    // The schemas file their sentences when they are defined (loading the project defines every one).
    readProject();
    const own = [...ownSentences()];
    expect(own.length).toBeGreaterThan(15);
    for (const [english, said] of own) {
      expect(sayNested(en, said), said.key).toBe(english);
      expect(sayNested(zh, said), said.key).toMatch(CJK);
    } // A refinement's or an added issue's key travels in the issue itself.
    const scope = Scope.safeParse({}, REPORT_INPUT).error?.issues[0];
    expect(scope && (scope as { params?: unknown }).params).toEqual({ said: { key: 'problem.reason.scope' } });
    const watch = WatchItemSchema.safeParse(
      {
        instance_type: 'ecs.gn7i-c8g1.2xlarge',
        kind: 'gpu-instance',
        vcpu: 8,
        memoryGiB: 30,
        regions: ['cn-hangzhou'],
        source: 'https://example.com/x',
        as_of: '2026-01-01',
      },
      REPORT_INPUT,
    ).error?.issues[0];
    expect(watch && issueSaid(watch)).toEqual({ key: 'problem.reason.watch-gpu-needed' });
    expect(watch && (watch as { params?: unknown }).params).toEqual({
      said: { key: 'problem.reason.watch-gpu-needed' },
    });
  });

  it("zod's own issues are said by their code and values: English as zod writes it, Chinese from the key", () => {
    const Shape = z.strictObject({
      n: z.number(),
      i: z.number().int(),
      big: z.number().max(3),
      lt: z.number().lt(3),
      few: z.array(z.string()).min(2),
      short: z.string().min(3),
      long: z.string().max(1),
      mode: z.enum(['payg', 'spot']),
      one: z.literal('instance-types/1'),
      code: z.string().regex(/^[A-Z]+$/),
      url: z.string().url(),
      pre: z.string().startsWith('ecs.'),
      step: z.number().multipleOf(5),
      kind: z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b') })]),
      keys: z.record(
        z
          .string()
          .regex(
            /^[a-z.]+$/,
            own('keys are lower-case words joined by dots, e.g. "gap.no-price"', 'problem.reason.message-key'),
          ),
        z.string(),
      ),
      flag: z.string().refine(() => false),
    });
    const bad = {
      n: 'seven',
      i: 1.5,
      big: 9,
      lt: 3,
      few: ['x'],
      short: 'ab',
      long: 'abc',
      mode: 'barter',
      one: 'instance-types/2',
      code: 'abc',
      url: 'nope',
      pre: 'g7',
      step: 7,
      kind: { k: 'c' },
      keys: { 'Bad Key': 'x' },
      flag: 'x',
      extra: 1,
      more: 2,
    };
    const r = Shape.safeParse(bad, REPORT_INPUT);
    if (r.success) throw new Error('the bad values were accepted');
    const codes = new Set<string>();
    for (const issue of r.error.issues) {
      codes.add(issue.code);
      const said = issueSaid(issue);
      expect(sayNested(en, said), issue.code).toBe(issue.message);
      const chinese = sayNested(zh, said);
      expect(chinese, issue.message).toMatch(CJK);
      expect(chinese).not.toContain(issue.message);
    }
    expect([...codes].sort()).toEqual(
      [
        'custom',
        'invalid_format',
        'invalid_key',
        'invalid_type',
        'invalid_union',
        'invalid_value',
        'not_multiple_of',
        'too_big',
        'too_small',
        'unrecognized_keys',
      ].sort(),
    );
    // A missing value: zod names the type it did not get.
    const missing = z.object({ n: z.number() }).safeParse({}, REPORT_INPUT);
    const issue = missing.error?.issues[0];
    if (!issue) throw new Error('a missing number was accepted');
    expect(sayNested(en, issueSaid(issue))).toBe(issue.message);
  });

  it("a watchlist entry's missing Volcano Engine codes are said by key: English as before, Chinese in full", () => {
    const item = WatchItemSchema.parse({
      instance_type: 'ecs.g3i.large',
      kind: 'compute',
      vcpu: 2,
      memoryGiB: 8,
      regions: ['cn-beijing', 'cn-shanghai'],
      source: 'https://www.volcengine.com/docs/6396/70840',
      as_of: '2026-01-01',
    });
    const check = volcengineFactory.checkItem;
    if (!check) throw new Error('the Volcano Engine adapter checks no watchlist entry');
    const none = check(item, item.regions);
    expect(none.map((w) => sayNested(en, w))).toEqual([
      'needs params.Product (or params.Product.cn-beijing)',
      'needs params.Product (or params.Product.cn-shanghai)',
    ]);
    const codeless = check({ ...item, params: { Product: 'ECS' } }, item.regions);
    expect(sayNested(en, codeless[0] as Said)).toBe(
      'needs params.ConfigurationCode.cn-beijing (the billing API takes no region, so each region needs its own code)',
    );
    for (const w of [...none, ...codeless]) expect(sayNested(zh, w).replace(/`[^`]*`/g, '')).not.toMatch(/[A-Za-z]{3}/);
  });

  it('keeps the file, the place and the value; English is unchanged', () => {
    const p = problem('catalog/prices/alibaba.yaml', 'prices[3] (id ali-1).as_of', reason('calendar'));
    expect(p.reason).toBe('is not a real calendar date');
    expect(problemIn(en, p)).toBe(
      'catalog/prices/alibaba.yaml: prices[3] (id ali-1).as_of: is not a real calendar date',
    );
    expect(problemIn(zh, p)).toBe('catalog/prices/alibaba.yaml：`prices[3] (id ali-1).as_of`：不是真实存在的日期');
    expect(
      problemIn(
        zh,
        problem('catalog/locations.yaml', '(id x).scope.locations', reason('unknown-location', { slug: 'atlantis' })),
      ),
    ).toContain('"atlantis"');
    const line = problem(
      'catalog/watchlist/alibaba.yaml',
      'watch[0] (ecs.g7.large).regions',
      reason('watch-region', { region: 'xx-1', provider: 'alibaba' }),
    );
    expect(problemLineIn(en, line)).toBe(
      'catalog/watchlist/alibaba.yaml: watch[0] (ecs.g7.large).regions: "xx-1" is not a alibaba region in catalog/providers.yaml',
    );
    expect(problemLineIn(zh, line)).toBe(
      'catalog/watchlist/alibaba.yaml：`watch[0] (ecs.g7.large).regions`："xx-1" 不是 catalog/providers.yaml 中 alibaba 的地域',
    );
    // The file as a whole: "(file)" in English, as the watchlists always wrote it.
    const whole = {
      ...problem('catalog/watchlist/alibaba.yaml', '', reason('zod-key', { keys: '"wach"' })),
      whole: true,
    };
    expect(problemLineIn(en, whole)).toBe('catalog/watchlist/alibaba.yaml: (file): Unrecognized key: "wach"');
    expect(problemLineIn(zh, whole)).toBe('catalog/watchlist/alibaba.yaml：`（顶层）`：未知字段："wach"');
  });

  it('is said from its key: an English reason no pattern could match, or a changed English text, is still said in Chinese', () => {
    // A reason whose English is anything at all: the Chinese comes from its key and values.
    const odd = {
      ...problem('catalog/facts/law.yaml', '(id pipl).locations', reason('unknown-location', { slug: 'atlantis' })),
      reason: 'zzz — no English sentence',
    };
    expect(problemIn(zh, odd)).toBe('catalog/facts/law.yaml：`(id pipl).locations`：未知的地点 "atlantis"');
    // The English texts changed (as an editor might reword templates/en/problems.yaml): the loader's and zod's
    // problems are said in English by the new words, and in Chinese exactly as before.
    const root = copyProject();
    dirs.push(root);
    editYaml(root, 'catalog/prices/alibaba.yaml', (d) => {
      d.setIn(['prices', 1, 'as_of'], '2026-02-30');
      d.setIn(['prices', 2, 'price'], 'cheap');
    });
    editYaml(root, 'catalog/providers.yaml', (d) => d.setIn(['providers', 0, 'regions', 0, 'location'], 'atlantis'));
    const before = readProject(root).problems;
    const chinese = before.map((p) => problemIn(zh, p));
    expect(chinese).toHaveLength(3);
    for (const line of chinese) expect(line.replace(/`[^`]*`|"[^"]*"|catalog\/\S+?：/g, '')).not.toMatch(/[A-Za-z]{3}/);
    const english = shippedMessages().en;
    const saved = { ...english };
    try {
      for (const key of ['problem.reason.calendar', 'problem.reason.number', 'problem.reason.unknown-location'])
        english[key] = `reworded: ${key} {{slug}}`;
      const after = readProject(root).problems;
      expect(after.map((p) => p.reason)).toEqual([
        ...before.map((p) => `reworded: ${p.said.key}${p.said.key.endsWith('location') ? ' atlantis' : ' {{slug}}'}`),
      ]);
      expect(after.map((p) => problemIn(zh, p))).toEqual(chinese);
    } finally {
      for (const key of Object.keys(english)) delete english[key];
      Object.assign(english, saved);
    }
  });
});

describe('procure catalog import and lint under --lang zh', () => {
  it('an importer names the file, the line and the column in Chinese; nothing is written', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sheet = join(dir, 'sky.csv');
    writeFileSync(
      sheet,
      'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,SpotPrice,Region,AvailabilityZone\nm5.large,,,two,8,0.1,,us-east-1,us-east-1a\n',
    );
    const out = join(dir, 'out');
    const r = await runCli(['catalog', 'import', 'skypilot', sheet, '--provider', 'aws', '--out', out, '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('sky.csv：第 2 行：vCPUs 的值 "two" 不是数字。\n');
    const e = await runCli(['catalog', 'import', 'skypilot', sheet, '--provider', 'aws', '--out', out, '--lang', 'en']);
    expect(e.err).toBe('sky.csv: line 2: vCPUs "two" is not a number.\n');
    const csv = join(dir, 'prices.csv');
    writeFileSync(
      csv,
      'id,provider,kind,service,unit,price,currency,source,as_of,region\nx1,alibaba,compute,ECS,instance-hour,1,CNY,https://example.com/p,2026-02-30,cn-hangzhou\n',
    );
    const c = await runCli(['catalog', 'import', 'csv', csv, '--out', out, '--lang', 'zh']);
    expect(c.code).toBe(1);
    expect(c.err).toContain(`${csv}：第 2 行：字段 \`as_of\`：不是真实存在的日期`);
    const feed = join(dir, 'feed.json');
    writeFileSync(feed, '{"Response": {');
    const t = await runCli(['catalog', 'import', 'tencent-feed', feed, '--out', out, '--lang', 'zh']);
    expect(t.err).toBe(
      `${feed} 与该价格源的格式不符：不是 JSON（内容在中途截断），因此不是腾讯云 DescribeZoneInstanceConfigInfos 接口的应答；未导入任何价格。\n`,
    );
  });

  it('catalog lint says each problem in Chinese, with its file, place and value', async () => {
    const root = copyProject();
    dirs.push(root);
    editYaml(root, 'catalog/prices/alibaba.yaml', (d) => {
      d.deleteIn(['prices', 0, 'source']);
      d.setIn(['prices', 1, 'as_of'], '2026-02-30');
    });
    const r = await runCli(['catalog', 'lint', '--lang', 'zh'], { root });
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^catalog\/prices\/alibaba\.yaml：`prices\[0\] \(id [\w.-]+\)\.source`：必填：每个价格和事实都要有来源/,
    );
    expect(lines[1]).toMatch(
      /^catalog\/prices\/alibaba\.yaml：`prices\[1\] \(id [\w.-]+\)\.as_of`：不是真实存在的日期$/,
    );
    const e = await runCli(['catalog', 'lint', '--lang', 'en'], { root });
    expect(e.err).toMatch(
      /^catalog\/prices\/alibaba\.yaml: prices\[1\] \(id [\w.-]+\)\.as_of: is not a real calendar date$/m,
    );
  }, 60_000);

  it("catalog lint says a watchlist's problems in Chinese, each from its key", async () => {
    const root = copyProject();
    dirs.push(root);
    editYaml(root, 'catalog/watchlist/alibaba.yaml', (d) => {
      d.setIn(['watch', 0, 'params'], { ZoneID: 'cn-hangzhou-k' });
      d.setIn(['watch', 0, 'regions'], ['xx-nowhere-1']);
    });
    editYaml(root, 'catalog/watchlist/tencent.yaml', (d) => d.setIn(['provider'], 'alibaba'));
    const r = await runCli(['catalog', 'lint', '--lang', 'zh'], { root });
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines).toContain(
      'catalog/watchlist/alibaba.yaml：`watch[0] (ecs.gn7i-c8g1.2xlarge).regions`："xx-nowhere-1" 不是 catalog/providers.yaml 中 alibaba 的地域',
    );
    expect(lines.some((l) => l.includes('`params` 中的 ZoneID 不会被使用（可用的有：`ZoneId'))).toBe(true);
    expect(lines).toContain('catalog/watchlist/tencent.yaml：文件中的 provider 是 "alibaba"，但该文件属于 tencent');
    const e = await runCli(['catalog', 'lint', '--lang', 'en'], { root });
    expect(e.err).toContain('catalog/watchlist/tencent.yaml: provider is "alibaba" but the file is for tencent\n');
    expect(e.err).toContain(': params ZoneID are not used (known: ZoneId,');
  }, 60_000);
});
