/** Coded errors for the Slack surface: each code maps to one sentence for the user; details go to the log. */
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

const USER_MESSAGES: Record<ErrorCode, string> = {
  [ErrorCode.BadInput]: '',
  [ErrorCode.Internal]: 'something went wrong while answering. The details are in the bot log; please try again.',
  [ErrorCode.SlackApi]: 'Slack did not accept the reply. The details are in the bot log; please try again in a minute.',
  [ErrorCode.Expired]: 'that button belongs to an answer I can no longer read; ask the question again.',
};

/** The one sentence a user sees for an error (bad input says what is wrong; the rest say what to do). */
export function userMessage(err: unknown): string {
  if (err instanceof CodedError) return err.code === ErrorCode.BadInput ? err.message : USER_MESSAGES[err.code];
  if (err && typeof err === 'object' && (err as { name?: string }).name === 'InputError') return (err as Error).message;
  if (err && typeof err === 'object' && (err as { name?: string }).name === 'QueueFullError') {
    const s = Number((err as { retryAfterSeconds?: number }).retryAfterSeconds) || 60;
    const when = s < 60 ? `in ${s} seconds` : s < 120 ? 'in a minute' : `in ${Math.ceil(s / 60)} minutes`;
    return `I have too many questions waiting right now; please ask again ${when}.`;
  }
  // Errors from the Slack Web API client carry codes such as slack_webapi_platform_error.
  if (err && typeof err === 'object' && String((err as { code?: unknown }).code ?? '').startsWith('slack_'))
    return USER_MESSAGES[ErrorCode.SlackApi];
  return USER_MESSAGES[ErrorCode.Internal];
}
