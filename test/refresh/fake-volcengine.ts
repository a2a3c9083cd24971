/**
 * A local stand-in for Volcano Engine's billing endpoint (billing.volcengineapi.com), on 127.0.0.1 and a
 * free port. It records every request and answers from a handler with bodies shaped as in the
 * reference pages (https://www.volcengine.com/docs/6269/1477195): {ResponseMetadata, Result} on success,
 * {ResponseMetadata: {…, Error: {CodeN, Code, Message}}} on failure. The figures are test fixtures.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { jsonOrText, listenLocal, sendAnswer } from './fake-http.js';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
}

export interface FakeReply {
  status?: number;
  /** An object is sent as JSON; a string is sent as it is (for malformed answers). */
  body: unknown;
  contentType?: string;
  delayMs?: number;
}

export type Handler = (req: RecordedRequest) => FakeReply;

export interface FakeVolcengine {
  endpoint: string;
  requests: RecordedRequest[];
  /** Replaces the handler (each test sets its own). */
  handle(h: Handler): void;
  close(): Promise<void>;
}

const meta = (action: string) => ({
  RequestId: '20261123080000FAKE0000000000000000',
  Action: action,
  Version: '2022-01-01',
  Service: 'billing',
  Region: 'cn-beijing',
});

/** A successful price answer for one ConfigList entry (amounts are decimal strings, as documented). */
export function priceReply(
  action: string,
  configurationCode: string,
  original: string,
  discounted: string,
  currency = 'CNY',
  extra: Record<string, unknown> = {},
): FakeReply {
  return {
    body: {
      ResponseMetadata: meta(action),
      Result: {
        Currency: currency,
        TotalOriginalAmount: original,
        TotalDiscountAmount: discounted,
        ConfigList: [
          {
            ConfigurationCode: configurationCode,
            OriginalAmount: original,
            DiscountAmount: discounted,
            Quantity: 1,
            Price: original,
            DiscountDetail: { DiscountType: 'fixed_price', DiscountPrice: discounted },
            ...extra,
          },
        ],
      },
    },
  };
}

/** A gateway or service error, shaped as the documented ResponseMetadata.Error. */
export function errorReply(action: string, status: number, code: string, codeN: number, message: string): FakeReply {
  return {
    status,
    body: { ResponseMetadata: { ...meta(action), Error: { CodeN: codeN, Code: code, Message: message } } },
  };
}

export async function startFakeVolcengine(): Promise<FakeVolcengine> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = () => ({ status: 500, body: 'no handler' });
  const server = await listenLocal((req, rawBody, res) => {
    const rec: RecordedRequest = {
      method: req.method ?? '',
      url: new URL(req.url ?? '/', 'http://127.0.0.1'),
      headers: req.headers,
      rawBody,
      body: jsonOrText(rawBody),
    };
    requests.push(rec);
    const reply = handler(rec);
    const send = () =>
      sendAnswer(res, reply, reply.contentType ?? (typeof reply.body === 'string' ? 'text/html' : 'application/json'));
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  return {
    endpoint: server.url,
    requests,
    handle(h) {
      handler = h;
    },
    close: server.close,
  };
}
