/**
 * readConfig (which mode the bot starts in, and one sentence naming a bad variable without echoing a
 * secret) and the logger's redaction of Slack tokens and given secrets.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config/env.js';
import { createLogger, redact } from '../../src/logger.js';

const BOT = 'xoxb-1111-2222-abcdefghijklmnop';
const APP = 'xapp-1-A0123-4567-abcdefabcdef';
const SECRET = 'signing-secret-0123456789abcdef';

/** The ConfigError readConfig throws for env (fails the test when it does not throw one). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`readConfig accepted ${JSON.stringify(Object.keys(env))}`);
}

/** One sentence: a single line ending with a full stop. */
const ONE_SENTENCE = /^[^\n]+\.$/;

describe('readConfig: modes', () => {
  it('console mode with nothing set, with the defaults', () => {
    expect(readConfig({})).toEqual({
      mode: 'console',
      botToken: undefined,
      appToken: undefined,
      signingSecret: undefined,
      port: 3000,
      slackApiUrl: undefined,
      dataDir: './data',
      admins: [],
      staleDays: undefined,
    });
  });

  it('empty and blank variables count as not set', () => {
    const c = readConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', PORT: '', SLACK_API_URL: '' });
    expect(c.mode).toBe('console');
    expect(c.port).toBe(3000);
    expect(c.slackApiUrl).toBeUndefined();
  });

  it('socket mode with a bot and an app token', () => {
    const c = readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    expect(c.mode).toBe('socket');
    expect(c.botToken).toBe(BOT);
    expect(c.appToken).toBe(APP);
  });

  it('socket mode wins when the signing secret is set as well', () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET }).mode).toBe(
      'socket',
    );
  });

  it('http mode with a bot token and a signing secret', () => {
    const c = readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '8080' });
    expect(c.mode).toBe('http');
    expect(c.signingSecret).toBe(SECRET);
    expect(c.port).toBe(8080);
  });

  it('surrounding whitespace (a stray newline from a .env file) is trimmed off tokens', () => {
    const c = readConfig({ SLACK_BOT_TOKEN: ` ${BOT}\n`, SLACK_APP_TOKEN: `${APP} ` });
    expect(c.botToken).toBe(BOT);
    expect(c.appToken).toBe(APP);
  });

  it('PORT 0 (any free port) is allowed', () => {
    expect(readConfig({ PORT: '0' }).port).toBe(0);
  });
});

describe('readConfig: errors', () => {
  it('a bot token alone: one sentence naming the missing variables', () => {
    const err = configError({ SLACK_BOT_TOKEN: BOT });
    expect(err.name).toBe('ConfigError');
    expect(err.message).toMatch(ONE_SENTENCE);
    expect(err.message).toContain('SLACK_APP_TOKEN');
    expect(err.message).toContain('SLACK_SIGNING_SECRET');
    expect(err.message).not.toContain(BOT);
  });

  it('an app token without a bot token names SLACK_BOT_TOKEN', () => {
    const err = configError({ SLACK_APP_TOKEN: APP });
    expect(err.message).toMatch(ONE_SENTENCE);
    expect(err.message).toContain('SLACK_BOT_TOKEN');
    expect(err.message).not.toContain(APP);
  });

  it('a signing secret without a bot token names SLACK_BOT_TOKEN', () => {
    const err = configError({ SLACK_SIGNING_SECRET: SECRET });
    expect(err.message).toContain('SLACK_BOT_TOKEN');
    expect(err.message).not.toContain(SECRET);
  });

  it.each(['abc', '70000', '65536', '-1', '80.5', '8080x', ' 1e3'])('PORT %j names PORT', (port) => {
    const err = configError({ PORT: port });
    expect(err.message).toMatch(ONE_SENTENCE);
    expect(err.message).toMatch(/^Setting PORT /);
    expect(err.message).toContain('0 to 65535');
  });

  it.each(['not a url', 'slack.example/api', '://x', 'http//slack.example', 'api key 4242424242'])(
    'SLACK_API_URL %j names SLACK_API_URL',
    (url) => {
      const err = configError({ SLACK_API_URL: url });
      expect(err.message).toMatch(ONE_SENTENCE);
      expect(err.message).toMatch(/^Setting SLACK_API_URL /);
      expect(err.message).not.toContain(url);
    },
  );

  it.each([
    ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'secret-value-4242424242', SLACK_SIGNING_SECRET: SECRET }, 'xoxb-'],
    ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: APP }, 'xoxb-'],
    ['SLACK_APP_TOKEN', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT }, 'xapp-'],
    ['SLACK_APP_TOKEN', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'secret-value-4242424242' }, 'xapp-'],
  ])('a bad %s prefix names the variable and never contains the token', (name, env, prefix) => {
    const err = configError(env);
    expect(err.message).toMatch(ONE_SENTENCE);
    expect(err.message).toContain(name);
    expect(err.message).toContain(prefix);
    for (const value of Object.values(env)) expect(err.message).not.toContain(value);
    expect(err.message).not.toContain('4242424242');
  });

  it('PROCURE_STALE_DAYS must be a whole number above 0', () => {
    expect(readConfig({ PROCURE_STALE_DAYS: '90' }).staleDays).toBe(90);
    for (const bad of ['0', '-5', 'ten', '1.5']) {
      const err = configError({ PROCURE_STALE_DAYS: bad });
      expect(err.message).toMatch(/^Setting PROCURE_STALE_DAYS /);
    }
  });

  it('PROCURE_REFRESH_CRON must be a cron pattern, named in one sentence when it is not', () => {
    expect(readConfig({ PROCURE_REFRESH_CRON: '0 6 * * 1' }).refreshCron).toBe('0 6 * * 1');
    expect(readConfig({ PROCURE_REFRESH_CRON: '' }).refreshCron).toBeUndefined();
    for (const bad of ['every monday', '61 * * * *', '0 6 * *']) {
      const err = configError({ PROCURE_REFRESH_CRON: bad });
      expect(err.message).toMatch(ONE_SENTENCE);
      expect(err.message).toMatch(/^Setting PROCURE_REFRESH_CRON must be a cron pattern such as "0 6 \* \* 1"/);
    }
  });

  it('only the first problem is reported, as one sentence', () => {
    const err = configError({ SLACK_BOT_TOKEN: 'nope-123456', PORT: 'x', SLACK_API_URL: 'y' });
    expect(err.message).toMatch(ONE_SENTENCE);
    expect(err.message.match(/Setting /g)).toHaveLength(1);
  });
});

describe('readConfig: values', () => {
  it('PROCURE_ADMINS is a trimmed list without empty entries', () => {
    expect(readConfig({ PROCURE_ADMINS: 'U1, U2 ,,U3 ' }).admins).toEqual(['U1', 'U2', 'U3']);
    expect(readConfig({ PROCURE_ADMINS: 'U1' }).admins).toEqual(['U1']);
    expect(readConfig({ PROCURE_ADMINS: ' , ' }).admins).toEqual([]);
  });

  it('SLACK_API_URL gets a trailing slash, and keeps the one it has', () => {
    expect(readConfig({ SLACK_API_URL: 'http://127.0.0.1:4000/api' }).slackApiUrl).toBe('http://127.0.0.1:4000/api/');
    expect(readConfig({ SLACK_API_URL: 'https://slack.com/api/' }).slackApiUrl).toBe('https://slack.com/api/');
  });

  it('PROCURE_DATA_DIR is used when set', () => {
    expect(readConfig({ PROCURE_DATA_DIR: '/var/lib/procure' }).dataDir).toBe('/var/lib/procure');
  });

  it('unrelated variables are ignored', () => {
    expect(readConfig({ PATH: '/usr/bin', HOME: '/root', SLACK_WHATEVER: 'x' }).mode).toBe('console');
  });
});

describe('redact', () => {
  it.each([
    ['a bot token', BOT],
    ['an app-level token', APP],
    ['a user token', 'xoxp-1111-2222-3333-abcdef'],
  ])('removes %s', (_name, token) => {
    const out = redact(`calling auth.test with ${token} failed`);
    expect(out).not.toContain(token);
    expect(out).toContain('[redacted]');
    expect(out).toMatch(/^calling auth\.test with /);
    expect(out).toMatch(/ failed$/);
  });

  it('removes every token in the text, wherever it stands', () => {
    const out = redact(`{"token":"${BOT}","app":"${APP}"} Bearer ${BOT}`);
    expect(out).not.toContain(BOT);
    expect(out).not.toContain(APP);
    expect(out.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it('removes given secrets, every occurrence', () => {
    const out = redact(`secret=${SECRET}; again ${SECRET}.`, [SECRET]);
    expect(out).toBe('secret=[redacted]; again [redacted].');
  });

  it('secrets with characters special in regular expressions are removed literally', () => {
    const secret = 'a.b*c+d?(e)[f]';
    expect(redact(`x ${secret} y axbbbcd`, [secret])).toBe('x [redacted] y axbbbcd');
  });

  it('leaves text without tokens or secrets alone', () => {
    const text = 'procure-bot listening on port 3000 at /slack/events (xoxb is a prefix)';
    expect(redact(text, [SECRET])).toBe(text);
  });

  it('ignores empty and very short secrets rather than blanking common words', () => {
    expect(redact('an error occurred', ['', 'an', 'e'])).toBe('an error occurred');
  });
});

describe('createLogger', () => {
  it('writes JSON lines with tokens, secrets and error messages redacted', () => {
    const lines: string[] = [];
    const logger = createLogger({ secrets: [SECRET], write: (l) => lines.push(l) });
    logger.error('failed:', new Error(`bad token ${BOT}`), { secret: SECRET, app: APP });
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line.endsWith('\n')).toBe(true);
    const entry = JSON.parse(line) as { level: string; msg: string; name: string };
    expect(entry.level).toBe('error');
    expect(entry.name).toBe('procure-bot');
    expect(entry.msg).toContain('failed: Error: bad token');
    for (const s of [BOT, APP, SECRET]) expect(line).not.toContain(s);
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['w', 'e']);
    logger.setLevel('debug');
    logger.debug('d2');
    expect(lines).toHaveLength(3);
    expect(logger.getLevel()).toBe('debug');
  });
});

describe('.env', () => {
  it('keeps reading after a line without "=", with quotes, comments and export', async () => {
    const { parseDotEnv } = await import('../../src/config/env.js');
    const env = parseDotEnv(
      [
        '# settings',
        'SLACK_BOT_TOKEN=xoxb-1',
        'this line has no equals sign',
        'SLACK_SIGNING_SECRET=abc # the secret',
        'export PROCURE_ADMINS="U1,U2"',
        "PORT='3001'",
        'PROCURE_DATA_DIR=./data',
      ].join('\n'),
    );
    expect(env).toEqual({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abc',
      PROCURE_ADMINS: 'U1,U2',
      PORT: '3001',
      PROCURE_DATA_DIR: './data',
    });
  });
});
