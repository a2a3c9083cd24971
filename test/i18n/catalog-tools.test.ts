/**
 * The catalogue maintainer's commands say what is wrong in the asker's language with the same facts: the file, the
 * line or place in it, the field and the value. English stays as it was.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { problemIn, problemLineIn, reasonIn } from '../../src/catalog/problem-words.js';
import { shippedMessages, shippedSay } from '../../src/catalog/shipped-messages.js';
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
  it('every English reason in templates/en/problems.yaml is recognised and said in Chinese with its values', () => {
    const messages = shippedMessages();
    const keys = Object.keys(messages.en).filter((k) => k.startsWith('problem.reason.'));
    expect(keys.length).toBeGreaterThan(80);
    for (const key of keys) {
      const english = en(
        key,
        Object.fromEntries(
          [...(messages.en[key] ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m, i) => [m[1] as string, `v${i}x`]),
        ),
      );
      const chinese = reasonIn(zh, english);
      expect(chinese, key).toMatch(CJK);
      // The values it names are kept (the Chinese may leave out a parser's own English words).
      for (const v of chinese.match(/v\dx/g) ?? []) expect(english).toContain(v);
    }
  });

  it('keeps the file, the place and the value; English is unchanged', () => {
    const p = {
      file: 'catalog/prices/alibaba.yaml',
      path: 'prices[3] (id ali-1).as_of',
      reason: 'is not a real calendar date',
    };
    expect(problemIn(en, p)).toBe(
      'catalog/prices/alibaba.yaml: prices[3] (id ali-1).as_of: is not a real calendar date',
    );
    expect(problemIn(zh, p)).toBe('catalog/prices/alibaba.yaml：`prices[3] (id ali-1).as_of`：不是真实存在的日期');
    expect(
      problemIn(zh, {
        file: 'catalog/locations.yaml',
        path: '(id x).scope.locations',
        reason: 'unknown location "atlantis"',
      }),
    ).toContain('"atlantis"');
    expect(
      problemLineIn(
        zh,
        'catalog/watchlist/alibaba.yaml: watch[0] (ecs.g7.large).regions: "xx-1" is not a alibaba region in catalog/providers.yaml',
      ),
    ).toBe(
      'catalog/watchlist/alibaba.yaml：`watch[0] (ecs.g7.large).regions`："xx-1" 不是 catalog/providers.yaml 中 alibaba 的地域',
    );
    // A reason no English text matches is shown as written, never dropped.
    expect(reasonIn(zh, 'something new')).toBe('something new');
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
});
