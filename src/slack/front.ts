/**
 * The HTTP front: receives Slack's requests at /slack/events, checks them as Bolt's HTTPReceiver does
 * (signature, body size, ssl_check, url_verification) plus replays and future timestamps, acknowledges
 * the ones whose ack carries nothing at once, and hands every request to the back over a Link. It does no
 * answering, so an acknowledgement never waits behind an answer being built.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// Bolt's own request checks, imported alone: the whole of Bolt is not needed to acknowledge (and takes ~1 s to load).
import * as http from '@slack/bolt/dist/receivers/HTTPModuleFunctions.js';
import type { AppLogger } from '../logger.js';
import type { Inbox } from '../store/types.js';
import { type AckMessage, acksAtOnce, Forwarder, type Link } from './link.js';
import { payloadProblem } from './payload-shape.js';
import { TtlMap } from './state.js';

/** Slack's replay window: requests signed more than 5 minutes away from now, either way, are refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** Largest request body accepted (Slack's own payloads are far smaller). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface FrontOptions {
  signingSecret: string;
  port: number;
  logger: AppLogger;
  link: Link;
  now?: () => number;
  /** Where acknowledged requests are kept until answered (and Slack's retries recognised, across restarts). */
  inbox?: Inbox | undefined;
  /** At most this many acknowledged requests with the back at once (link.ts MAX_OUTSTANDING by default). */
  maxOutstanding?: number;
}

export interface Front {
  start(): Promise<number>;
  stop(): Promise<void>;
}

export function createFront(opts: FrontOptions): Front {
  const { logger, link } = opts;
  const now = opts.now ?? Date.now;
  // What was signed (the timestamp and the body), once verified, is remembered for the replay window:
  // the same signed request again is a replay, however its headers are dressed (an altered signature
  // suffix, a retry header, a zero-padded timestamp). Only verified requests are remembered, so forged
  // ones cannot flush it.
  const seenSigned = new TtlMap<true>(2 * MAX_CLOCK_SKEW_SECONDS * 1000, 200_000, now);
  let server: Server | null = null;
  const forwarder = new Forwarder<ServerResponse>(
    link,
    {
      acked: answer,
      // As Bolt: a request nobody acknowledged gets a 404 and a log line.
      unacked: (res) => {
        logger.error('An incoming request was not acknowledged within 3 seconds.');
        if (!res.headersSent) http.buildNoBodyResponse(res, 404);
      },
    },
    opts.inbox,
    logger,
    opts.maxOutstanding !== undefined ? { maxOutstanding: opts.maxOutstanding } : {},
  );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let body: Record<string, unknown>;
    try {
      const buffered = await http.parseAndVerifyHTTPRequest(
        { signingSecret: opts.signingSecret, bodyLimit: MAX_BODY_BYTES },
        req,
      );
      if (!isSslCheck(buffered.rawBody) && !seenSigned.claim(signedKey(req, buffered.rawBody), true)) {
        logger.warn('refused a replayed request (the same signed timestamp and body seen before)');
        return http.buildNoBodyResponse(res, 401);
      }
      try {
        body = http.parseHTTPRequestBody(buffered);
      } catch (err) {
        logger.warn(`Malformed request body: ${(err as Error).message}`);
        return http.buildNoBodyResponse(res, 400);
      }
    } catch (err) {
      if (http.isRawBodyError(err) && (err.type === 'entity.too.large' || err.statusCode === 413)) {
        logger.warn(`Request body exceeded the maximum allowed size (limit: ${MAX_BODY_BYTES} bytes)`);
        return http.buildNoBodyResponse(res, 413);
      }
      logger.warn(`Failed to parse and verify the request data: ${(err as Error).message}`);
      return http.buildNoBodyResponse(res, 401);
    }
    if (!body || typeof body !== 'object') {
      logger.warn('Malformed request body: not an object');
      return http.buildNoBodyResponse(res, 400);
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);
    const problem = payloadProblem(body);
    if (problem) {
      logger.warn(`refused a malformed Slack request: ${problem}`);
      return http.buildNoBodyResponse(res, 400);
    }
    const retry = {
      num: http.extractRetryNumFromHTTPRequest(req),
      reason: http.extractRetryReasonFromHTTPRequest(req),
    };
    // Acknowledged once it is written to the inbox (one write(2); its fsync follows in the background, see
    // src/store/inbox.ts), so a crash of the process after the ack loses nothing; the others wait for the
    // back's own ack.
    if (!acksAtOnce(body)) return forwarder.forward(body, retry, res);
    const kept = await forwarder.accept(body, retry).catch(() => 'accepted' as const);
    // Too many acknowledged requests still being answered: not acknowledged (Slack retries an event later).
    if (kept === 'busy') return http.buildNoBodyResponse(res, 503);
    http.buildContentResponse(res, undefined);
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/slack/events' || req.method !== 'POST') {
      logger.info(`Unhandled HTTP request (${req.method}) made to ${req.url}`);
      res.writeHead(404).end();
      return;
    }
    // Bolt refuses old timestamps; a request signed in the future is refused here.
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts > now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
      logger.warn('refused a request whose timestamp is more than 5 minutes in the future');
      res.writeHead(401).end();
      return;
    }
    // Slack signs as `v0=` and 64 hex digits; anything else (a suffix appended, say) is refused outright.
    const signature = req.headers['x-slack-signature'];
    if (signature !== undefined && (typeof signature !== 'string' || !SIGNATURE.test(signature))) {
      logger.warn('refused a request whose signature is not of the form v0=<64 hex digits>');
      res.writeHead(401).end();
      return;
    }
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > MAX_BODY_BYTES) {
      logger.warn(`refused a request body of ${length} bytes`);
      res.writeHead(413).end();
      return;
    }
    handle(req, res).catch((err) => {
      logger.error('An unexpected error occurred during a request:', err instanceof Error ? err.message : String(err));
      if (!res.headersSent) http.buildNoBodyResponse(res, 500);
    });
  };

  return {
    start: () =>
      new Promise<number>((resolve, reject) => {
        forwarder.start();
        const srv = createServer(listener);
        server = srv;
        srv.once('error', (err) => {
          forwarder.stop();
          reject(err);
        });
        srv.listen(opts.port, () => {
          const port = (srv.address() as AddressInfo).port;
          logger.info(`procure-bot listening for Slack on port ${port} at /slack/events`);
          void forwarder.recover(now()).finally(() => resolve(port));
        });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of forwarder.stop()) if (!res.headersSent) http.buildNoBodyResponse(res, 503);
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const SIGNATURE = /^v0=[0-9a-f]{64}$/;

/** What Slack signed: the timestamp as a number (as the check reads it) and the body's digest. */
function signedKey(req: IncomingMessage, rawBody: Buffer): string {
  const ts = Number(req.headers['x-slack-request-timestamp']);
  return `${ts}:${createHash('sha256').update(rawBody).digest('base64')}`;
}

function isSslCheck(rawBody: Buffer): boolean {
  return rawBody.length < 32 && rawBody.toString() === 'ssl_check=1';
}

function answer(res: ServerResponse, m: AckMessage): void {
  if (res.headersSent) return;
  if (m.status) http.buildNoBodyResponse(res, m.status);
  else http.buildContentResponse(res, m.body);
}
