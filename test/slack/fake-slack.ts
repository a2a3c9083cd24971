/**
 * A local fake of the Slack Web API (and of response_url and file upload URLs) on loopback, for
 * end-to-end tests: records every call, answers like Slack does, and can be told to fail a method
 * with 429 + Retry-After, a 500, or a hang. It is Socket Mode's WebSocket too: apps.connections.open
 * gives a ws:// URL on the same port, which greets with `hello`; `envelope()` sends a request over it.
 */
import { createHmac } from 'node:crypto';
import { type Agent, createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Call {
  method: string;
  /** Form fields or JSON body, parsed. */
  args: Record<string, unknown>;
  at: number;
}

type Fault =
  | { kind: 'ratelimit'; retryAfter: number }
  | { kind: 'error'; status: number }
  | { kind: 'hang' }
  /** The call takes effect (a post is posted, conversations.history shows it) but its answer never comes. */
  | { kind: 'hang-after-effect' }
  /** Slack's own refusal: HTTP 200 with ok: false and this error code (invalid_auth, not_in_channel…). */
  | { kind: 'refuse'; error: string };

export class FakeSlack {
  readonly calls: Call[] = [];
  readonly responses: { path: string; body: Record<string, unknown>; at: number }[] = [];
  readonly uploads: { path: string; body: string }[] = [];
  private server: Server | null = null;
  private faults = new Map<string, Fault[]>();
  private waiters: { pred: () => boolean; resolve: () => void }[] = [];
  private tsCounter = 1000;
  /** Messages chat.postMessage posted, for conversations.history and conversations.replies. */
  readonly posted: { channel: string; thread_ts: string | undefined; text: string; ts: string }[] = [];
  private sockets = new Set<WebSocket>();
  private envelopes = 0;
  /** The acks received over Socket Mode: envelope id and payload. */
  readonly socketAcks: { envelope_id: string; payload?: Record<string, unknown> }[] = [];
  url = '';

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, headers, body }) => {
          if (status === 0) {
            this.notify(); // hang: never answer (a hang-after-effect has taken effect)
            return;
          }
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
          this.notify();
        },
        () => {
          res.writeHead(500).end();
        },
      );
    });
    this.server = server;
    const wss = new WebSocketServer({ server, path: '/socket' });
    wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => {
        try {
          this.socketAcks.push(JSON.parse(String(data)));
        } catch {
          // not an ack
        }
        this.notify();
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      this.notify();
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Socket Mode connections open now. */
  get socketCount(): number {
    return this.sockets.size;
  }

  /**
   * Sends one Socket Mode envelope (`slash_commands`, `events_api`, `interactive`) to every connected client
   * and resolves with its ack's payload.
   */
  async envelope(type: string, payload: Record<string, unknown>, ms = 8000): Promise<Record<string, unknown>> {
    const id = `env-${++this.envelopes}`;
    const message = JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type !== 'events_api' });
    for (const ws of this.sockets) ws.send(message);
    await this.waitFor(() => this.socketAcks.some((a) => a.envelope_id === id), ms, `the ack of ${id}`);
    return this.socketAcks.find((a) => a.envelope_id === id)?.payload ?? {};
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next `times` calls of `method` fail this way. */
  fail(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(method, list);
  }

  /** Drops the faults still waiting for `method`. */
  clearFaults(method: string): void {
    this.faults.delete(method);
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves when the predicate holds (checked after every request), or rejects after `ms`. */
  waitFor(pred: () => boolean, ms = 8000, what = 'condition'): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      this.waiters.push({
        pred,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (w.pred()) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => resolve(data));
    });
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/response/')) {
      const fault = this.faults.get('response_url')?.shift();
      if (fault?.kind === 'error') return { status: fault.status, body: { ok: false } };
      if (fault?.kind === 'hang') return { status: 0, body: null };
      if (fault?.kind === 'ratelimit')
        return { status: 429, headers: { 'retry-after': String(fault.retryAfter) }, body: { ok: false } };
      if (fault?.kind === 'hang-after-effect') {
        this.responses.push({ path, body: JSON.parse(raw || '{}'), at: Date.now() });
        return { status: 0, body: null };
      }
      this.responses.push({ path, body: JSON.parse(raw || '{}'), at: Date.now() });
      return { status: 200, body: { ok: true } };
    }
    if (path.startsWith('/upload/')) {
      this.uploads.push({ path, body: raw });
      return { status: 200, body: { ok: true } };
    }
    const method = path.replace(/^\/api\//, '');
    const args = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const fault = this.faults.get(method)?.shift();
    this.calls.push({ method, args, at: Date.now() });
    if (fault?.kind === 'ratelimit')
      return {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfter) },
        body: { ok: false, error: 'ratelimited' },
      };
    if (fault?.kind === 'error') return { status: fault.status, body: { ok: false, error: 'internal_error' } };
    if (fault?.kind === 'hang') return { status: 0, body: null };
    if (fault?.kind === 'hang-after-effect') {
      this.answer(method, args);
      return { status: 0, body: null };
    }
    if (fault?.kind === 'refuse') return { status: 200, body: { ok: false, error: fault.error } };
    return { status: 200, body: this.answer(method, args) };
  }

  private answer(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace(/^http/, 'ws')}/socket` };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'procure-bot' };
      case 'chat.postMessage': {
        const ts = `1700000000.${String(this.tsCounter++).padStart(6, '0')}`;
        this.posted.push({
          channel: String(args.channel),
          thread_ts: args.thread_ts as string | undefined,
          text: String(args.text ?? ''),
          ts,
        });
        return { ok: true, channel: args.channel, ts, message: {} };
      }
      // What was posted (answered or not), newest first, as Slack lists it.
      case 'conversations.history':
      case 'conversations.replies':
        return {
          ok: true,
          messages: this.posted
            .filter(
              (m) =>
                m.channel === args.channel &&
                (method === 'conversations.history' ? !m.thread_ts : m.thread_ts === args.ts || m.ts === args.ts),
            )
            .map((m) => ({ type: 'message', bot_id: 'BBOT', text: m.text, ts: m.ts, thread_ts: m.thread_ts }))
            .reverse(),
        };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: 'V1' } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F1`, file_id: 'F1' };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F1', title: 'x' }] };
      default:
        return { ok: true };
    }
  }
}

function parseBody(raw: string, type: string): Record<string, unknown> {
  if (!raw) return {};
  if (type.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/** Slack's request signature: v0= HMAC-SHA256 of "v0:{timestamp}:{body}". */
export function sign(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SentRequest {
  status: number;
  text: string;
}

/** Posts a signed request to the app, as Slack would. */
export async function sendSigned(
  url: string,
  secret: string,
  body: string,
  opts: { contentType?: string; timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
): Promise<SentRequest> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': opts.signature ?? sign(secret, ts, body),
      ...opts.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/**
 * A signed form post over a keep-alive `agent` (benchmarks and load scripts, where fetch's own pooling would be
 * measured too): resolves with the status once the response has been read; rejects when the connection fails.
 */
export function postSignedForm(url: string, secret: string, body: string, agent: Agent): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(secret, ts, body),
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** A /procure slash command as Slack posts it (form-encoded); its response_url is on the fake at `fakeUrl`. */
export function slashCommand(fakeUrl: string, text: string, fields: Record<string, string> = {}): string {
  return form({
    token: 'legacy',
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    command: '/procure',
    text,
    response_url: `${fakeUrl}/response/${Math.random().toString(36).slice(2)}`,
    trigger_id: '123.456.abc',
    ...fields,
  });
}

/** A modal's view_submission payload, by user U1 (Socket Mode sends it as is, HTTP form-encoded). */
export function viewSubmissionPayload(view: {
  callbackId: string;
  values?: Record<string, unknown>;
  privateMetadata?: string;
  id?: string;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: 'U1' },
    api_app_id: 'A1',
    trigger_id: '1',
    view: {
      id: view.id ?? 'V1',
      type: 'modal',
      callback_id: view.callbackId,
      private_metadata: view.privateMetadata ?? '',
      state: { values: view.values ?? {} },
    },
  };
}

/** The same as Slack posts it over HTTP (form-encoded `payload`). */
export function viewSubmission(view: Parameters<typeof viewSubmissionPayload>[0]): string {
  return form({ payload: JSON.stringify(viewSubmissionPayload(view)) });
}
