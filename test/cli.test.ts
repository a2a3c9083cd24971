/**
 * The `procure` command line (src/cli/main.ts) as shared/contract.md fixes it: `parse --json`, `ask [--json]`,
 * `catalog lint`, `start` (the local console), and one sentence on stderr with exit 1 for bad input.
 * Most tests call main() in-process with a capturing io; a few run `node bin/procure.js` to prove the bin works.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatProblem, readProject } from '../src/catalog/load.js';
import type { Answer } from '../src/domain/answer.js';
import type { Request } from '../src/domain/request.js';
import { type Engine, loadEngine } from '../src/engine.js';
import { type Run, runCli as run } from './helpers/cli.js';
import { copyProject, editYaml, REPO_ROOT, removeDir, tempDir } from './helpers/project.js';

const ESTIMATE_QUESTION = '2x A10 inference in Hangzhou for 3 months';
/** An estimate the shipped catalogue prices (AWS g4dn in Hong Kong), so the answer has price lines. */
const PRICED_QUESTION = '2x T4 in Hong Kong';
const STORAGE_QUESTION = '1.5 TB of object storage and 500 GB/month egress in Hong Kong, in dollars';
const SLACK_VARS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const;
const BIN = join(REPO_ROOT, 'bin', 'procure.js');

/** Runs `node bin/procure.js …` with the store in a temporary PROCURE_DATA_DIR and no Slack credentials. */
function runBin(argv: string[], options: { input?: string; cwd?: string; dataDir: string }): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, PROCURE_DATA_DIR: options.dataDir };
  for (const name of [...SLACK_VARS, 'PROCURE_DEBUG']) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

/** Exit 1, nothing on stdout, exactly one line on stderr and no stack trace. */
function expectOneLineError(r: Run): void {
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err.endsWith('\n')).toBe(true);
  const lines = r.err.trimEnd().split('\n');
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]?.trim()).not.toBe('');
  expect(r.err).not.toMatch(/^ {4}at /m);
  expect(r.err).not.toMatch(/\b(TypeError|ReferenceError|ZodError)\b/);
}

function lines(answer: Answer) {
  return answer.options.flatMap((o) => o.lines.map((line) => ({ option: `${o.provider}/${o.location}`, line })));
}

function unsetSlack(): void {
  for (const name of SLACK_VARS) vi.stubEnv(name, undefined);
}

let engine: Engine;

beforeAll(async () => {
  engine = await loadEngine(REPO_ROOT);
});

beforeEach(() => {
  unsetSlack();
  vi.stubEnv('PROCURE_STALE_DAYS', undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('procure parse --json', () => {
  it('prints the Request for "2x A10 inference in Hangzhou for 3 months"', async () => {
    const r = await run(['parse', '--json', ESTIMATE_QUESTION]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const request = JSON.parse(r.out) as Request;
    expect(request.intent).toBe('estimate');
    expect(request.workload.gpu).toEqual({ model: 'A10', count: 2 });
    expect(request.locations).toEqual(['hangzhou']);
    expect(request.durationMonths).toBe(3);
    expect(request.workload.kind).toBe('inference');
  });

  it('prints every field the contract fixes, with unknown values as null', async () => {
    const r = await run(['parse', '--json', ESTIMATE_QUESTION]);
    const request = JSON.parse(r.out) as Record<string, unknown>;
    for (const key of ['intent', 'providers', 'locations', 'billing', 'durationMonths', 'currency', 'workload'])
      expect(request).toHaveProperty(key);
    expect(request.providers).toEqual([]);
    expect(request.billing).toBeNull();
    expect(request.currency).toBeNull();
    const workload = request.workload as Record<string, unknown>;
    for (const key of [
      'kind',
      'instances',
      'vcpu',
      'memoryGiB',
      'gpu',
      'storageGB',
      'egressGBPerMonth',
      'hoursPerMonth',
      'model',
      'tokensPerMonth',
    ])
      expect(workload).toHaveProperty(key);
    expect(workload.storageGB).toBeNull();
    expect(workload.tokensPerMonth).toBeNull();
  });
});

describe('procure ask', () => {
  it('--json prints one JSON document {request, answer}', async () => {
    const r = await run(['ask', '--json', ESTIMATE_QUESTION]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { request: Request; answer: Answer };
    expect(Object.keys(doc).sort()).toEqual(['answer', 'request']);
    expect(doc.request.intent).toBe('estimate');
    expect(doc.request.workload.gpu).toEqual({ model: 'A10', count: 2 });
    expect(doc.answer.kind).toBe('estimate');
    expect(doc.answer.options.length).toBeGreaterThan(0);
  });

  it('--json gives source and asOf on every price line', async () => {
    let priced = 0;
    for (const question of [ESTIMATE_QUESTION, PRICED_QUESTION, STORAGE_QUESTION]) {
      const r = await run(['ask', '--json', question]);
      expect(r.code, r.err).toBe(0);
      const { answer } = JSON.parse(r.out) as { answer: Answer };
      expect(answer.options.length, question).toBeGreaterThan(0);
      for (const { option, line } of lines(answer)) {
        priced += 1;
        expect(line.source, `${question}: ${option} ${line.priceId}`).toMatch(/^(https?:\/\/|quote:|api:|file:)\S+/);
        expect(line.asOf, `${question}: ${option} ${line.priceId}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    expect(priced, 'no question produced a price line').toBeGreaterThan(0);
  });

  it('prints text with the provider name and "source:"', async () => {
    const r = await run(['ask', PRICED_QUESTION]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { answer } = engine.ask(PRICED_QUESTION);
    const priced = answer.options.find((o) => o.lines.length > 0);
    expect(priced, 'the catalogue prices nothing for this question').toBeDefined();
    expect(r.out).toContain(priced?.providerName);
    expect(r.out).toContain('source:');
    expect(r.out).toContain(priced?.lines[0]?.source);
  });
});

describe('procure catalog lint', () => {
  let root: string;

  beforeEach(() => {
    root = copyProject();
  });

  afterEach(() => {
    removeDir(root);
  });

  it('exits 0 on the repository', async () => {
    const r = await run(['catalog', 'lint']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 1 on a broken copy, one `file: path: reason` line per problem', async () => {
    editYaml(root, 'catalog/prices/alibaba.yaml', (doc) => {
      doc.deleteIn(['prices', 0, 'source']);
    });
    rmSync(join(root, 'templates', 'en', 'gaps.hbs'));
    const { problems } = readProject(root);
    expect(problems.length).toBeGreaterThanOrEqual(2);

    const r = await run(['catalog', 'lint'], { root });
    expect(r.code).toBe(1);
    const printed = r.err.trimEnd().split('\n');
    expect(printed).toEqual(problems.map(formatProblem));
    for (const line of printed) expect(line).toMatch(/^[^\s:]+: [^:]+: .+$/);
    expect(printed).toContainEqual(expect.stringMatching(/^catalog\/prices\/alibaba\.yaml: prices\[0\].*\.source: /));
    expect(printed).toContain(
      'templates/en/gaps.hbs: (top): is missing (templates/zh/gaps.hbs exists; every template is needed in each language)',
    );
    expect(r.err).not.toMatch(/^ {4}at /m);
  });

  it('a broken copy makes ask fail with one sentence, not a stack trace', async () => {
    rmSync(join(root, 'templates', 'en', 'gaps.hbs'));
    expectOneLineError(await run(['ask', PRICED_QUESTION], { root }));
  });

  it('a template with a Handlebars syntax error fails lint, and ask says so in one line', async () => {
    writeFileSync(join(root, 'templates', 'en', 'answer.hbs'), '{{#if title}}\n*{{title}}*\n');
    const lint = await run(['catalog', 'lint'], { root });
    expect(lint.code).toBe(1);
    expect(lint.err).toContain('templates/en/answer.hbs: ');
    expectOneLineError(await run(['ask', PRICED_QUESTION], { root }));
  });
});

describe('bad input: exit 1, one line on stderr, no stack trace', () => {
  it('an empty question', async () => {
    expectOneLineError(await run(['ask', '']));
  });

  it('a question of blanks', async () => {
    expectOneLineError(await run(['ask', '--json', '   ']));
  });

  it('no question at all', async () => {
    expectOneLineError(await run(['parse', '--json']));
  });

  it('a 10,000-character question', async () => {
    const r = await run(['ask', 'a'.repeat(10_000)]);
    expectOneLineError(r);
    expect(r.err).toMatch(/10000|10,000/);
  });

  it('a 10,000-character question to parse', async () => {
    expectOneLineError(await run(['parse', '--json', `2x A10 ${'in Hangzhou '.repeat(1000)}`]));
  });

  it('an unknown command', async () => {
    const r = await run(['frobnicate', 'now']);
    expectOneLineError(r);
    expect(r.err).toContain('frobnicate');
  });

  it('an unknown flag', async () => {
    const r = await run(['ask', '--verbose', PRICED_QUESTION]);
    expectOneLineError(r);
    expect(r.err).toContain('--verbose');
  });

  it('an unknown catalog subcommand', async () => {
    expectOneLineError(await run(['catalog', 'polish']));
  });

  it('a bad PROCURE_STALE_DAYS', async () => {
    vi.stubEnv('PROCURE_STALE_DAYS', 'soon');
    expectOneLineError(await run(['ask', PRICED_QUESTION]));
  });
});

describe('procure start (the local console)', () => {
  it('answers each line and exits 0 on "exit"', async () => {
    const stdin = Readable.from(['help\n', `${PRICED_QUESTION}\n`, 'exit\n', `${STORAGE_QUESTION}\n`]);
    const r = await run(['start'], { stdin });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const help = engine.text(engine.ask('help').answer);
    const estimate = engine.text(engine.ask(PRICED_QUESTION).answer);
    expect(r.out).toContain(help);
    expect(r.out).toContain(estimate);
    expect(r.out.indexOf(help)).toBeLessThan(r.out.indexOf(estimate));
    expect(r.out).toContain('source:');
    // Nothing after "exit" is answered.
    expect(r.out).not.toContain(engine.text(engine.ask(STORAGE_QUESTION).answer));
  });

  it('ends with exit 0 at the end of input', async () => {
    const r = await run(['start'], { stdin: Readable.from([`${PRICED_QUESTION}\n`]) });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('T4');
  });

  it('is what runs with no command', async () => {
    const r = await run([], { stdin: Readable.from(['exit\n']) });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('answers bad input in the console with a message and carries on', async () => {
    const stdin = Readable.from([`${'x'.repeat(10_000)}\n`, `${PRICED_QUESTION}\n`, 'exit\n']);
    const r = await run(['start'], { stdin });
    expect(r.code).toBe(0);
    expect(r.out).toContain(engine.text(engine.ask(PRICED_QUESTION).answer));
    expect(r.out).not.toMatch(/^ {4}at /m);
  });

  it('asks a follow-up for "how much for GPUs?" and prices the reply "2x T4 in Hong Kong"', async () => {
    const first = engine.ask('how much for GPUs?');
    expect(first.answer.kind).toBe('followup');
    const ask = first.answer.followup?.ask;
    expect(ask).toBeTruthy();
    const second = engine.continue(first.request, PRICED_QUESTION);
    expect(second.answer.kind).toBe('estimate');
    expect(second.request.workload.gpu).toEqual({ model: 'T4', count: 2 });
    expect(second.request.locations).toEqual(['hong-kong']);

    const stdin = Readable.from(['how much for GPUs?\n', `${PRICED_QUESTION}\n`]);
    const r = await run(['start'], { stdin });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const at = r.out.indexOf(String(ask));
    expect(at, 'the follow-up question is not in the output').toBeGreaterThanOrEqual(0);
    const after = r.out.slice(at + String(ask).length);
    expect(after).toContain('T4');
    expect(after).toContain('source:');
    expect(after).toContain(engine.text(second.answer));
  });
});

describe('node bin/procure.js (subprocess)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = tempDir('procure-data-');
  });

  afterAll(() => {
    removeDir(dataDir);
  });

  it('parse --json prints the Request and exits 0', () => {
    const r = runBin(['parse', '--json', ESTIMATE_QUESTION], { dataDir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const request = JSON.parse(r.out) as Request;
    expect(request.intent).toBe('estimate');
    expect(request.workload.gpu).toEqual({ model: 'A10', count: 2 });
    expect(request.locations).toEqual(['hangzhou']);
    expect(request.durationMonths).toBe(3);
  });

  it('ask --json prints one JSON document and exits 0, from any working directory', () => {
    const r = runBin(['ask', '--json', PRICED_QUESTION], { dataDir, cwd: dataDir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { request: Request; answer: Answer };
    expect(doc.request.workload.gpu).toEqual({ model: 'T4', count: 2 });
    expect(doc.answer.options.length).toBeGreaterThan(0);
    for (const { line } of lines(doc.answer)) {
      expect(line.source).toBeTruthy();
      expect(line.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('catalog lint exits 0 on the repository', () => {
    const r = runBin(['catalog', 'lint'], { dataDir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('an unknown flag exits 1 with one line on stderr and no stack trace', () => {
    expectOneLineError(runBin(['ask', '--frob', PRICED_QUESTION], { dataDir }));
  });

  it('start reads questions from stdin and exits 0', () => {
    const r = runBin(['start'], { dataDir, input: `help\n${PRICED_QUESTION}\nexit\n` });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('T4');
    expect(r.out).toContain('source:');
  });
});
