import type { Config } from '../config/env.js';
import { type AppLogger, createLogger } from '../logger.js';
import { CREDENTIAL_VARS } from '../refresh/credentials.js';

/** The bot's logger: every Slack token and provider price-API secret is redacted from what it writes. */
export function botLogger(config: Config, env: NodeJS.ProcessEnv = process.env): AppLogger {
  const providerSecrets = Object.values(CREDENTIAL_VARS).flatMap((vars) => vars.map((v) => env[v]));
  const secrets = [config.botToken, config.appToken, config.signingSecret, ...providerSecrets].filter(
    (s): s is string => Boolean(s),
  );
  return createLogger({ secrets });
}
