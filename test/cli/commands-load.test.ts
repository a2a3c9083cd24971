/**
 * Every CLI command still loads now that each is a module imported only when it runs (src/cli/main.ts): through the
 * real bin in a subprocess (dist/ when built and current, else the sources through tsx), in a fresh data directory,
 * and every command module imports on its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheFile } from '../../src/catalog/cache.js';
import { REPO_ROOT, removeDir, tempDir } from '../helpers/project.js';

const BIN = join(REPO_ROOT, 'bin', 'procure.js');
const dataDir = tempDir();
afterAll(() => removeDir(dataDir));

function bin(argv: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PROCURE_DATA_DIR: dataDir };
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'PROCURE_DEBUG']) delete env[name];
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('every command loads through the real bin', () => {
  it('help, parse, ask (twice: the second from the catalogue cache), lint, coverage, history, quotes, unknown', () => {
    const help = bin(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage:\n {2}procure start/);

    const parse = bin(['parse', '--json', '2x A10 in Hangzhou for 3 months']);
    expect(parse.code, parse.err).toBe(0);
    expect(JSON.parse(parse.out)).toMatchObject({ intent: 'estimate', locations: ['hangzhou'] });
    // parse validated the catalogue once and kept it.
    expect(existsSync(cacheFile(dataDir, REPO_ROOT))).toBe(true);

    const asks = [1, 2].map(() => bin(['ask', '--json', '--no-record', '2x T4 in Hong Kong']));
    for (const a of asks) expect(a.code, a.err).toBe(0);
    expect(asks[1]?.out).toBe(asks[0]?.out);
    expect(JSON.parse(asks[0]?.out ?? '').answer.options.length).toBeGreaterThan(0);

    const lint = bin(['catalog', 'lint']);
    expect(lint.code, lint.err).toBe(0);
    expect(lint.out).toBe('catalog, watchlists, intents and templates: OK\n');

    const coverage = bin(['catalog', 'coverage', '--json']);
    expect(coverage.code, coverage.err).toBe(0);
    expect(Array.isArray(JSON.parse(coverage.out))).toBe(true);

    const history = bin(['history', 'export', '--format', 'json']);
    expect(history.code, history.err).toBe(0);
    expect(JSON.parse(history.out)).toEqual([]);

    const quotes = bin(['quotes', 'list']);
    expect(quotes.code, quotes.err).toBe(0);
    expect(quotes.out).toMatch(/^No vendor quotes yet/);

    for (const argv of [['frobnicate'], ['catalog', 'frobnicate'], ['catalog', 'import', 'nope', 'x']]) {
      const r = bin(argv);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  }, 240_000);

  it('each command module imports on its own and has a run function', async () => {
    const dir = join(REPO_ROOT, 'src', 'cli', 'commands');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const m = (await import(join(dir, f))) as Record<string, unknown>;
      const commands = Object.values(m).filter(
        (v) => typeof v === 'object' && v !== null && typeof (v as { run?: unknown }).run === 'function',
      );
      // import-file.ts and catalog-refresh-public.ts are parts of other commands (imports, `catalog refresh --public`).
      const part = f === 'import-file.ts' || f === 'catalog-refresh-public.ts';
      expect(typeof m.run === 'function' || commands.length > 0 || part, f).toBe(true);
    }
  });
});
