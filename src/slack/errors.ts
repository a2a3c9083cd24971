/**
 * Coded errors for the Slack surface: each code maps to one sentence for the user, in their language
 * (templates/<lang>/slack.yaml, slack.error.*); details go to the log.
 */
import type { Say } from '../domain/say.js';

export enum ErrorCode {
  BadInput = 'procure_bad_input',
  Internal = 'procure_internal',
  SlackApi = 'procure_slack_api',
  Expired = 'procure_expired',
}

export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

const KEYS: Record<Exclude<ErrorCode, ErrorCode.BadInput>, string> = {
  [ErrorCode.Internal]: 'slack.error.internal',
  [ErrorCode.SlackApi]: 'slack.error.slack-api',
  [ErrorCode.Expired]: 'slack.error.expired',
};

/** The one sentence a user sees for an error (bad input says what is wrong; the rest say what to do). */
export function userMessage(err: unknown, say: Say): string {
  if (err instanceof CodedError)
    return err.code === ErrorCode.BadInput ? err.message : say(KEYS[err.code as keyof typeof KEYS]);
  if (err && typeof err === 'object' && (err as { name?: string }).name === 'InputError') return (err as Error).message;
  if (err && typeof err === 'object' && (err as { name?: string }).name === 'QueueFullError') {
    const s = Number((err as { retryAfterSeconds?: number }).retryAfterSeconds) || 60;
    const when =
      s < 60
        ? say('slack.error.busy.seconds', { n: s })
        : s < 120
          ? say('slack.error.busy.minute')
          : say('slack.error.busy.minutes', { n: Math.ceil(s / 60) });
    return say('slack.error.busy', { when });
  }
  // Errors from the Slack Web API client carry codes such as slack_webapi_platform_error.
  if (err && typeof err === 'object' && String((err as { code?: unknown }).code ?? '').startsWith('slack_'))
    return say(KEYS[ErrorCode.SlackApi]);
  return say(KEYS[ErrorCode.Internal]);
}
