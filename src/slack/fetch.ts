/**
 * The fetch Bolt and the Web API client use (clientOptions.fetch), with two guarantees they lack:
 *
 * response_url: each attempt is given `responseTimeoutMs` (Bolt's respond() has no timeout at all), and a
 * 429 is waited out (Retry-After, at most 10 s) and tried again, up to 3 times.
 *
 * chat.postMessage after a timeout: the Web API client retries a call that timed out, but a timed-out post
 * may have been delivered, and posting it again shows the answer twice. So a retry of a post that timed out
 * first looks for it (conversations.replies / conversations.history since the first attempt, the same
 * text): found, that message is the result; positively absent, it is posted again; when Slack cannot tell us
 * (no history scope, the lookup fails), it is taken as delivered and not posted again — a missing duplicate
 * is better than a duplicate answer. Other failures (refused connections, 5xx, 429) were not delivered and
 * are retried by the client as before.
 */
import type { AppLogger } from '../logger.js';

export interface SlackFetchOptions {
  /** The Web API base URL ("https://slack.com/api/"). */
  apiUrl: string;
  /** How long one response_url attempt may take (default 10 s). */
  responseTimeoutMs?: number;
  /**
   * At most this many response_url requests at once (default 16); the others wait their turn, in order. A
   * burst then costs a line of small messages, not thousands of sockets, and Slack (or a slow proxy) is not
   * flooded into timing them all out.
   */
  maxConcurrentResponses?: number;
  logger?: AppLogger;
  fetch?: typeof fetch;
}

const RESPONSE_ATTEMPTS = 3;
const MAX_RETRY_AFTER_S = 10;

export class ResponseTimeoutError extends Error {
  constructor(ms: number) {
    super(`response_url did not answer within ${ms} ms`);
    this.name = 'ResponseTimeoutError';
  }
}

export function slackFetch(opts: SlackFetchOptions): typeof fetch {
  const base = opts.fetch ?? globalThis.fetch;
  const api = opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/`;
  const responseTimeoutMs = opts.responseTimeoutMs ?? 10_000;
  /** Posts that timed out, by their exact body: when the first attempt was sent (seconds). */
  const timedOut = new Map<string, number>();
  const slots = new Slots(opts.maxConcurrentResponses ?? 16);

  const responseUrl = async (input: string, init: RequestInit | undefined): Promise<Response> => {
    await slots.take();
    try {
      return await responseUrlNow(input, init);
    } finally {
      slots.give();
    }
  };

  const responseUrlNow = async (input: string, init: RequestInit | undefined): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await base(input, { ...init, signal: AbortSignal.timeout(responseTimeoutMs) });
      } catch (err) {
        if ((err as Error).name === 'TimeoutError') throw new ResponseTimeoutError(responseTimeoutMs);
        throw err;
      }
      if (res.status !== 429 || attempt >= RESPONSE_ATTEMPTS) return res;
      const after = Math.min(MAX_RETRY_AFTER_S, Math.max(1, Number(res.headers.get('retry-after')) || 1));
      opts.logger?.info(`response_url rate-limited; trying again in ${after} s`);
      await res.body?.cancel().catch(() => undefined);
      await new Promise((r) => setTimeout(r, after * 1000));
    }
  };

  /** Where a timed-out post is now: the message, absent, or unknown. */
  const lookFor = async (
    body: URLSearchParams,
    since: number,
    headers: RequestInit['headers'],
  ): Promise<{ ts: string } | 'absent' | 'unknown'> => {
    const channel = body.get('channel');
    const thread = body.get('thread_ts');
    const text = body.get('text');
    if (!channel || text === null) return 'unknown';
    const query = new URLSearchParams({ channel, oldest: String(Math.floor(since) - 5), limit: '100' });
    if (thread) query.set('ts', thread);
    try {
      const res = await base(`${api}${thread ? 'conversations.replies' : 'conversations.history'}`, {
        method: 'POST',
        headers: { ...(headers as Record<string, string>), 'content-type': 'application/x-www-form-urlencoded' },
        body: query.toString(),
        signal: AbortSignal.timeout(responseTimeoutMs),
      });
      const data = (await res.json()) as { ok?: boolean; messages?: { text?: string; ts?: string }[] };
      if (!data.ok || !Array.isArray(data.messages)) return 'unknown';
      const found = data.messages.find((m) => m.text === text && typeof m.ts === 'string');
      return found ? { ts: found.ts as string } : 'absent';
    } catch {
      return 'unknown';
    }
  };

  const post = async (input: string, init: RequestInit): Promise<Response> => {
    const body = init.body as string;
    const first = timedOut.get(body);
    if (first !== undefined) {
      timedOut.delete(body);
      const params = new URLSearchParams(body);
      const where = await lookFor(params, first, init.headers);
      if (where !== 'absent') {
        opts.logger?.warn(
          where === 'unknown'
            ? 'a post timed out and Slack could not say whether it arrived; not posting it again'
            : 'a post that timed out had arrived; not posting it again',
        );
        const ts = where === 'unknown' ? undefined : where.ts;
        return Response.json({ ok: true, channel: params.get('channel'), ...(ts ? { ts } : {}), message: {} });
      }
    }
    const sent = Date.now() / 1000;
    try {
      return await base(input, init);
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        timedOut.set(body, first ?? sent);
        // Forget it if the client gives up without a retry.
        setTimeout(() => timedOut.delete(body), 10 * 60_000).unref();
      }
      throw err;
    }
  };

  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(api)) return responseUrl(url, init);
    if (url.slice(api.length).split('?')[0] === 'chat.postMessage' && init && typeof init.body === 'string')
      return post(url, init);
    return base(input, init);
  }) as typeof fetch;
}

/** A counting semaphore: take() resolves when one of `n` slots is free, in the order asked. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(n: number) {
    this.free = Math.max(1, n);
  }
  take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
