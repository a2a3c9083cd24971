/**
 * Configuration from the environment (and `.env` when present), validated once with zod.
 * Fails fast with one sentence naming the variable; never echoes a secret.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Cron } from 'croner';
import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const whole = (min: number, max: number, what: string) =>
  optional.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), {
    message: `must be ${what}`,
  });

const StaleDays = whole(1, 36500, 'a whole number of days above 0');

/** PROCURE_STALE_DAYS alone, for commands that need no Slack settings; one sentence when it is bad. */
export function readStaleDays(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const r = StaleDays.safeParse(env.PROCURE_STALE_DAYS);
  if (!r.success) throw new ConfigError(`Setting PROCURE_STALE_DAYS ${r.error.issues[0]?.message ?? 'is not valid'}.`);
  return r.data === undefined ? undefined : Number(r.data);
}

/** A public price feed's URL (`refresh --public`), when overridden: http(s) only. */
const feedUrl = optional.refine((v) => v === undefined || /^https?:\/\/[^\s/]+\S*$/.test(v), {
  message: 'must be an http(s) URL (see .env.sample for what each public feed URL is)',
});

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be a bot token starting with "xoxb-"',
  }),
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with "xapp-"',
  }),
  SLACK_SIGNING_SECRET: optional,
  PORT: whole(0, 65535, 'a port number from 0 to 65535'),
  SLACK_API_URL: optional.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    message: 'must be an http(s) URL such as https://slack.com/api/',
  }),
  PROCURE_DATA_DIR: optional,
  PROCURE_ADMINS: optional,
  PROCURE_STALE_DAYS: StaleDays,
  PROCURE_ALIBABA_PUBLIC_URL: feedUrl,
  PROCURE_TENCENT_PUBLIC_URL: feedUrl,
  PROCURE_HUAWEI_PUBLIC_URL: feedUrl,
  PROCURE_VOLCENGINE_PUBLIC_URL: feedUrl,
  PROCURE_REFRESH_CRON: optional.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        new Cron(v, { paused: true }).stop();
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a cron pattern such as "0 6 * * 1" (Mondays 06:00 UTC)' },
  ),
});

export type Mode = 'console' | 'socket' | 'http';

export interface Config {
  mode: Mode;
  botToken?: string | undefined;
  appToken?: string | undefined;
  signingSecret?: string | undefined;
  port: number;
  slackApiUrl?: string | undefined;
  dataDir: string;
  admins: string[];
  staleDays?: number | undefined;
  /** When set, a price refresh (public feeds, then price APIs) runs on this cron pattern (UTC) and the admins get the report. */
  refreshCron?: string | undefined;
  /** Overridden public price feed URLs by provider (PROCURE_<PROVIDER>_PUBLIC_URL). */
  publicUrls?: Partial<Record<'alibaba' | 'tencent' | 'huawei' | 'volcengine', string>> | undefined;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` into process.env (without overriding what is already set), when the file exists. */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  for (const [k, v] of Object.entries(parseDotEnv(readFileSync(path, 'utf8'))))
    if (process.env[k] === undefined) process.env[k] = v;
}

/**
 * `.env` as KEY=value lines: `export ` allowed, # comments, values in single or double quotes (\n in double
 * quotes is a newline), a # after a space ends an unquoted value. A line without `=` is skipped and the next
 * lines are still read (Node's own reader lost the setting after such a line).
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    const key = m[1] as string;
    let value = (m[2] as string).trim();
    const q = value[0];
    if ((q === '"' || q === "'" || q === '`') && value.indexOf(q, 1) > 0) {
      value = value.slice(1, value.indexOf(q, 1));
      if (q === '"') value = value.replace(/\\n/g, '\n');
    } else value = value.replace(/\s+#.*$/, '').trim();
    out[key] = value;
  }
  return out;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Setting ${String(issue?.path[0] ?? '?')} ${issue?.message ?? 'is not valid'}.`);
  }
  const e = parsed.data;
  let mode: Mode = 'console';
  if (e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN) mode = 'socket';
  else if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) mode = 'http';
  else if (e.SLACK_BOT_TOKEN)
    throw new ConfigError(
      'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is.',
    );
  else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)
    throw new ConfigError('SLACK_BOT_TOKEN is missing: Slack mode needs the bot token as well.');
  const publicUrls = (
    [
      ['alibaba', e.PROCURE_ALIBABA_PUBLIC_URL],
      ['tencent', e.PROCURE_TENCENT_PUBLIC_URL],
      ['huawei', e.PROCURE_HUAWEI_PUBLIC_URL],
      ['volcengine', e.PROCURE_VOLCENGINE_PUBLIC_URL],
    ] as const
  ).filter(([, url]) => url !== undefined);
  const slackApiUrl = e.SLACK_API_URL && !e.SLACK_API_URL.endsWith('/') ? `${e.SLACK_API_URL}/` : e.SLACK_API_URL;
  return {
    mode,
    botToken: e.SLACK_BOT_TOKEN,
    appToken: e.SLACK_APP_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    port: e.PORT === undefined ? 3000 : Number(e.PORT),
    slackApiUrl,
    dataDir: e.PROCURE_DATA_DIR ?? './data',
    admins: (e.PROCURE_ADMINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    staleDays: e.PROCURE_STALE_DAYS === undefined ? undefined : Number(e.PROCURE_STALE_DAYS),
    refreshCron: e.PROCURE_REFRESH_CRON,
    ...(publicUrls.length ? { publicUrls: Object.fromEntries(publicUrls) } : {}),
  };
}
