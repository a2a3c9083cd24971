/**
 * HTTP mode as `npm start` runs it: the front in this thread, Bolt, the service and the store in the
 * answering worker thread, over real signed HTTP against the fake Slack Web API.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/logger.js';
import { type Bot, startBot, WorkerStartError } from '../../src/slack/bot.js';
import { REPO_ROOT } from '../helpers/project.js';
import { FakeSlack, sendSigned, slashCommand, viewSubmission } from './fake-slack.js';

const SECRET = 'test-signing-secret-worker';
const TOKEN = 'xoxb-333-444-workerworkerwork';
let fake: FakeSlack;
let bot: Bot;
let url: string;
let dataDir: string;
const logLines: string[] = [];
const logger = createLogger({ secrets: [TOKEN, SECRET], write: (l) => logLines.push(l) });

const envFor = (dir: string) => ({
  SLACK_BOT_TOKEN: TOKEN,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: `${fake.url}/api/`,
  PORT: '0',
  PROCURE_DATA_DIR: dir,
  PROCURE_ADMINS: 'UADMIN',
});

/** `npm start`'s shape in HTTP mode with these settings. */
const start = (env: Record<string, string>) => startBot({ config: readConfig(env), env, engineOptions: {}, logger });

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  dataDir = mkdtempSync(join(tmpdir(), 'procure-worker-'));
  const env = envFor(dataDir);
  bot = await start(env);
  url = `http://127.0.0.1:${bot.port}/slack/events`;
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await fake.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const slash = (text: string) => slashCommand(fake.url, text);

/** Everything in the history files (one per ISO week). */
const history = (dir: string) => {
  const d = join(dir, 'history');
  return existsSync(d)
    ? readdirSync(d)
        .map((f) => readFileSync(join(d, f), 'utf8'))
        .join('')
    : '';
};

describe('HTTP mode with the answering worker', () => {
  it('checks the token with auth.test when it starts', () => {
    expect(fake.callsOf('auth.test').length).toBeGreaterThan(0);
  });

  it('acks a slash command with an empty 200; the worker posts the answer and records it in the history', async () => {
    const res = await sendSigned(url, SECRET, slash('2x A10 inference in Hangzhou or Singapore for 3 months'), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await fake.waitFor(() => fake.responses.length > 0, 15_000, 'the answer at response_url');
    const answer = JSON.stringify(fake.responses[0]?.body);
    expect(answer).toContain('2x A10 (inference), 3 months');
    expect(answer).toContain('Singapore');
    // The worker owns the store: the request is in the history on disk.
    await expect.poll(() => history(dataDir), { timeout: 10_000 }).toContain('hangzhou');
  });

  it('holds a view submission open until the worker acks it, and returns its field errors', async () => {
    const submission = viewSubmission({
      callbackId: 'procure_refine_submit',
      values: { vcpu: { value: { type: 'plain_text_input', value: '-3' } } },
      privateMetadata: JSON.stringify({ channel: 'C1' }),
    });
    const res = await sendSigned(url, SECRET, submission, { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.vcpu).toMatch(/above 0/);
  });

  it('refuses a forged signature with 401, and the worker never sees it', async () => {
    const before = fake.responses.length;
    const res = await sendSigned(url, 'not-the-secret', slash('1x T4 on AWS in Hong Kong'), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responses.length).toBe(before);
  });

  it('does not start when Slack refuses the token: one sentence, and the data directory is left unlocked', async () => {
    const other = mkdtempSync(join(tmpdir(), 'procure-worker-'));
    try {
      fake.fail('auth.test', { kind: 'refuse', error: 'invalid_auth' });
      const env = envFor(other);
      const err = await start(env).catch((e) => e);
      expect(err).toBeInstanceOf(WorkerStartError);
      expect((err as Error).message).toMatch(/did not accept SLACK_BOT_TOKEN.*invalid_auth/);
      expect((err as Error).message.split('\n')).toHaveLength(1);
      // The worker opened the store (and its lock) before failing; it closed it again.
      expect(existsSync(join(other, 'procure.lock'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 30_000);

  it('does not start on a port in use: one sentence, and its worker has closed its store', async () => {
    const other = mkdtempSync(join(tmpdir(), 'procure-worker-'));
    try {
      const env = { ...envFor(other), PORT: String(bot.port) };
      const err = await start(env).catch((e) => e);
      expect(err).toBeInstanceOf(WorkerStartError);
      expect((err as Error).message).toBe(
        `Port ${bot.port} is already in use; stop what is listening there, or set PORT to a free one.`,
      );
      // The worker opened the store (and its lock) before failing; it closed it again.
      expect(existsSync(join(other, 'procure.lock'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 30_000);

  it('stops cleanly: the worker closes the store, so the data directory can be opened again', async () => {
    expect(existsSync(join(dataDir, 'procure.lock'))).toBe(true);
    await bot.stop();
    expect(existsSync(join(dataDir, 'procure.lock'))).toBe(false);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});

describe('procure start in HTTP mode (the real process)', () => {
  it('listens, answers through its worker, and on SIGTERM stops with exit code 0 and the store closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-start-'));
    try {
      const proc = spawn(process.execPath, [join(REPO_ROOT, 'bin/procure.js'), 'start'], {
        cwd: dir,
        env: { PATH: process.env.PATH, ...envFor(dir) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      proc.stdout.on('data', (d) => {
        log += d;
      });
      proc.stderr.on('data', (d) => {
        log += d;
      });
      const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
      await expect.poll(() => /listening for Slack on port (\d+)/.exec(log)?.[1], { timeout: 20_000 }).toBeDefined();
      const port = /listening for Slack on port (\d+)/.exec(log)?.[1];
      const before = fake.responses.length;
      const res = await sendSigned(
        `http://127.0.0.1:${port}/slack/events`,
        SECRET,
        slash('1x T4 on AWS in Hong Kong'),
        {
          contentType: 'application/x-www-form-urlencoded',
        },
      );
      expect(res.status).toBe(200);
      await fake.waitFor(() => fake.responses.length > before, 15_000, 'the answer');
      expect(JSON.stringify(fake.responses.at(-1)?.body)).toContain('T4');
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).toContain('procure-bot stopping');
      expect(log).not.toContain(TOKEN);
      expect(existsSync(join(dir, 'procure.lock'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('SIGTERM while it is starting (auth.test hangs) stops it with exit code 0 and the store closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-start-'));
    try {
      const before = fake.callsOf('auth.test').length;
      fake.fail('auth.test', { kind: 'hang' }, 5);
      const proc = spawn(process.execPath, [join(REPO_ROOT, 'bin/procure.js'), 'start'], {
        cwd: dir,
        env: { PATH: process.env.PATH, ...envFor(dir) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      proc.stdout.on('data', (d) => {
        log += d;
      });
      proc.stderr.on('data', (d) => {
        log += d;
      });
      const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
      await fake.waitFor(() => fake.callsOf('auth.test').length > before, 30_000, 'auth.test');
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).toContain('stopping (it was still starting)');
      expect(existsSync(join(dir, 'procure.lock'))).toBe(false);
    } finally {
      fake.clearFaults('auth.test');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
