/**
 * Reading a public feed over HTTP with bounds: each try has a time limit, a failed try is retried with
 * back-off (network faults, time-outs, 429 and 5xx only), and an answer larger than the size bound is cut off
 * and refused. No credentials, no cookies: the calculators' feeds need none.
 */

import pRetry from 'p-retry';
import type { SaidError } from '../../catalog/said.js';

export type FeedFailureKind = 'unreachable' | 'slow' | 'oversized' | 'http' | 'shape' | 'setup';

/** A feed that could not be read; `message` is the end of a sentence ("did not answer within 20 s"). */
export class FeedError extends Error {
  constructor(
    readonly kind: FeedFailureKind,
    message: string,
    readonly url?: string,
    readonly retryable = false,
    /** What was wrong with a changed shape, sayable in the asker's language (an importer's error). */
    readonly said?: SaidError,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

export interface HttpBounds {
  /** Time limit of one try, in milliseconds (headers and body). */
  timeoutMs: number;
  /** Largest answer accepted, in bytes. */
  maxBytes: number;
  /** Tries after the first, and the first and longest wait between tries. */
  retry: { retries: number; minTimeoutMs: number; maxTimeoutMs: number };
}

export const DEFAULT_BOUNDS: HttpBounds = {
  timeoutMs: 30_000,
  maxBytes: 128 * 1024 * 1024,
  retry: { retries: 3, minTimeoutMs: 1_000, maxTimeoutMs: 8_000 },
};

export interface FeedRequest {
  method?: 'GET' | 'POST';
  /** A JSON body for POST. */
  json?: unknown;
  /** Headers a calculator page sends with its own requests (Origin, Referer). Never credentials. */
  headers?: Record<string, string>;
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);
const megabytes = (n: number) => (n >= 1e6 ? `${Math.round(n / 1e5) / 10} MB` : `${Math.round(n / 100) / 10} kB`);

async function tryOnce(url: string, req: FeedRequest, bounds: HttpBounds): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), bounds.timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(url, {
        method: req.method ?? 'GET',
        headers: {
          accept: 'application/json',
          ...(req.json !== undefined ? { 'content-type': 'application/json; charset=UTF-8' } : {}),
          ...req.headers,
        },
        ...(req.json !== undefined ? { body: JSON.stringify(req.json) } : {}),
        signal: controller.signal,
        redirect: 'follow',
      });
    } catch (err) {
      if (controller.signal.aborted)
        throw new FeedError('slow', `did not answer within ${seconds(bounds.timeoutMs)}`, url, true);
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new FeedError(
        'unreachable',
        `could not be reached (${cause?.code ?? cause?.message ?? (err as Error).message})`,
        url,
        true,
      );
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const retryable = res.status === 429 || res.status >= 500;
      throw new FeedError(
        'http',
        `answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
        url,
        retryable,
      );
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > bounds.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new FeedError(
        'oversized',
        `is ${megabytes(declared)}, more than the ${megabytes(bounds.maxBytes)} allowed`,
        url,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body ?? []) {
        size += (chunk as Uint8Array).byteLength;
        if (size > bounds.maxBytes) {
          controller.abort();
          throw new FeedError('oversized', `is more than the ${megabytes(bounds.maxBytes)} allowed`, url);
        }
        chunks.push(chunk as Uint8Array);
      }
    } catch (err) {
      if (err instanceof FeedError) throw err;
      if (controller.signal.aborted)
        throw new FeedError('slow', `did not finish answering within ${seconds(bounds.timeoutMs)}`, url, true);
      throw new FeedError('unreachable', `broke off while answering (${(err as Error).message})`, url, true);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    clearTimeout(timer);
  }
}

/** The feed's text, or a FeedError after the last try. */
export async function fetchFeed(url: string, req: FeedRequest, bounds: HttpBounds): Promise<string> {
  let tries = 0;
  try {
    return await pRetry(
      () => {
        tries++;
        return tryOnce(url, req, bounds);
      },
      {
        retries: bounds.retry.retries,
        minTimeout: bounds.retry.minTimeoutMs,
        maxTimeout: bounds.retry.maxTimeoutMs,
        randomize: true,
        shouldRetry: (error) => error instanceof FeedError && error.retryable,
      },
    );
  } catch (err) {
    if (err instanceof FeedError && tries > 1)
      throw new FeedError(err.kind, `${err.message} (${tries} tries)`, err.url, err.retryable);
    throw err;
  }
}
