/**
 * The answer templates' precompiled forms kept in the data directory (src/cli/template-cache.ts, src/render/hbs.ts):
 * a run with the cache answers exactly as one without it, an edited template is used on the next run, and a
 * damaged cache is ignored and written again.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
import { readTemplateCache, templateCacheFile } from '../../src/cli/template-cache.js';
import { compileTemplate, createEnv, newSpecs, rememberSpecs, specKey } from '../../src/render/hbs.js';
import { runCli } from '../helpers/cli.js';
import { copyProject, editText, REPO_ROOT, removeDir, tempDir } from '../helpers/project.js';

const dirs: string[] = [];
const track = (d: string) => {
  dirs.push(d);
  return d;
};
const savedDataDir = process.env.PROCURE_DATA_DIR;
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
  if (savedDataDir === undefined) delete process.env.PROCURE_DATA_DIR;
  else process.env.PROCURE_DATA_DIR = savedDataDir;
});

const BIN = join(REPO_ROOT, 'bin', 'procure.js');

function bin(argv: string[], dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PROCURE_DATA_DIR: dataDir };
  delete env.PROCURE_DEBUG;
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Replaces the cache body and its checksum: well-formed, but not what procure wrote. */
function rewriteBody(file: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n')));
  header.body = createHash('sha1').update(body).digest('hex');
  writeFileSync(file, `${JSON.stringify(header)}\n${body}`);
}

describe('compiled templates from their precompiled form', () => {
  it('give what Handlebars.compile gives, and a template not seen before is compiled and offered for the cache', () => {
    const source = `{{#each items}}{{inc @index}}. {{name}}{{#if (eq name "b")}} <b>{{/if}}\n{{/each}}{{missing}}`;
    const options = { strict: true, noEscape: true, preventIndent: true };
    const full = Handlebars.create();
    const env = createEnv();
    for (const hb of [full, env]) {
      hb.registerHelper('inc', (n: number) => n + 1);
      hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    }
    const view = { items: [{ name: 'a' }, { name: 'b' }], missing: 'x & y' };
    const expected = full.compile(source, options)(view);
    const unique = `${source}{{! ${Math.random()} }}`;
    const fresh = compileTemplate(env, unique, options);
    expect(fresh(view)).toBe(expected);
    const spec = newSpecs().get(specKey(unique, options));
    expect(spec).toBeTypeOf('string');

    // Known from the cache: evaluated, not compiled.
    const other = `${unique} `;
    rememberSpecs([[specKey(other, options), spec as string]]);
    expect(compileTemplate(env, other, options)(view)).toBe(expected); // the remembered spec, not this text
    expect(newSpecs().has(specKey(other, options))).toBe(false);

    // Strict templates still fail on a missing field, when called.
    const strict = compileTemplate(env, `{{nope}}${Math.random()}`, options);
    expect(() => strict({})).toThrow(/"nope" not defined/);
  });

  it('a remembered spec that does not evaluate is compiled again', () => {
    const options = { strict: true, noEscape: true };
    const source = `Hello {{name}} ${Math.random()}`;
    rememberSpecs([[specKey(source, options), '{ this is not a spec (']]);
    expect(compileTemplate(createEnv(), source, options)({ name: 'there' })).toBe(source.replace('{{name}}', 'there'));
  });
});

describe('the template cache in the data directory', () => {
  it('an edited template is used on the next run, and the cache then holds it', async () => {
    const root = track(copyProject());
    const dataDir = track(tempDir());
    process.env.PROCURE_DATA_DIR = dataDir;
    const ask = ['ask', '--no-record', '4 A10 GPUs in Shanghai for 3 months'];
    const before = await runCli(ask, { root });
    expect(before.code, before.err).toBe(0);
    expect(before.out).not.toContain('EDITED TEMPLATE');

    editText(root, 'templates/en/answer.hbs', (t) => `EDITED TEMPLATE ${t}`);
    const after = await runCli(ask, { root });
    expect(after.code, after.err).toBe(0);
    expect(after.out.startsWith('EDITED TEMPLATE ')).toBe(true);
    expect(after.out.slice('EDITED TEMPLATE '.length)).toBe(before.out);
    const cached = readTemplateCache(templateCacheFile(dataDir));
    expect(cached.some(([k]) => k.includes('EDITED TEMPLATE'))).toBe(true);
  });

  it('through the real bin: the cached run answers as the first; a corrupt or tampered cache is ignored and rewritten', () => {
    const dataDir = track(tempDir());
    const file = templateCacheFile(dataDir);
    const questions = [
      ['ask', '--no-record', '4 A10 GPUs in Shanghai for 3 months'],
      ['ask', '--no-record', '--json', '2x T4 in Hong Kong'],
      ['ask', '--no-record', '在上海用4张A10跑3个月多少钱'],
    ];
    const first = questions.map((q) => bin(q, dataDir));
    for (const r of first) expect(r.code, r.err).toBe(0);
    expect(existsSync(file)).toBe(true);
    const entries = readTemplateCache(file);
    expect(entries.length).toBeGreaterThan(0);

    expect(questions.map((q) => bin(q, dataDir).out)).toEqual(first.map((r) => r.out));

    // Truncated: ignored, answered the same, written again whole.
    writeFileSync(file, readFileSync(file).subarray(0, 500));
    expect(readTemplateCache(file)).toEqual([]);
    expect(bin(questions[0] as string[], dataDir).out).toBe(first[0]?.out);
    expect(readTemplateCache(file).length).toBeGreaterThan(0);

    // Well-formed, checksummed, but every spec broken: each is compiled again.
    rewriteBody(file, JSON.stringify(entries.map(([k]) => [k, 'function ('])));
    expect(bin(questions[0] as string[], dataDir).out).toBe(first[0]?.out);

    // Not JSON at all.
    writeFileSync(file, 'not a cache\n{');
    expect(bin(questions[2] as string[], dataDir).out).toBe(first[2]?.out);
  }, 240_000);
});
