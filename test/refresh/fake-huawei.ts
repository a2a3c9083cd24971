/**
 * A local stand-in for Huawei Cloud BSS (node:http on 127.0.0.1, port 0). It records every request,
 * checks its SDK-HMAC-SHA256 signature the way API Gateway does (its own implementation of the
 * documented algorithm, independent of the SDK signer the adapter uses) and answers with bodies
 * shaped as in the ListOnDemandResourceRatings / ListRateOnPeriodDetail references. A request with a
 * wrong signature gets the gateway's APIGW.0301 answer, as the real endpoint would give.
 */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { jsonOrText, listenLocal, sendAnswer } from './fake-http.js';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  /** The parsed JSON body (undefined when it is not JSON). */
  body: { project_id?: string; product_infos?: Record<string, unknown>[] } | undefined;
  /** True when the Authorization header's signature matches the request and the known SK. */
  signatureOk: boolean;
  /** The product the request asks about (product_infos[0]). */
  product: Record<string, unknown>;
}

export interface Answer {
  status?: number;
  /** An object is sent as JSON; a string is sent as is. */
  body: unknown;
  /** Never answer (to test timeouts). */
  hang?: boolean;
}

export type Handler = (req: SeenRequest, n: number) => Answer;

export interface FakeBss {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Recomputes the signature per "AK/SK Signing and Authentication Algorithm" (devg-apisign):
 * CanonicalRequest = Method \n CanonicalURI (ending in "/") \n CanonicalQueryString \n
 * CanonicalHeaders \n SignedHeaders \n HexEncode(SHA256(body)); StringToSign = "SDK-HMAC-SHA256" \n
 * X-Sdk-Date \n HexEncode(SHA256(CanonicalRequest)); Signature = HexEncode(HMAC-SHA256(SK, StringToSign)).
 */
export function verifySignature(
  req: { method: string; url: string; headers: IncomingMessage['headers']; raw: string },
  ak: string,
  sk: string,
): boolean {
  const auth = String(req.headers.authorization ?? '');
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m || m[1] !== ak) return false;
  const signedHeaders = (m[2] ?? '').split(';');
  const date = String(req.headers['x-sdk-date'] ?? '');
  if (!/^\d{8}T\d{6}Z$/.test(date)) return false;
  const url = new URL(req.url, 'http://placeholder');
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const query = [...url.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonical = [req.method, path, query, canonicalHeaders, signedHeaders.join(';'), sha256(req.raw)].join('\n');
  const toSign = ['SDK-HMAC-SHA256', date, sha256(canonical)].join('\n');
  return createHmac('sha256', sk).update(toSign).digest('hex') === m[3];
}

export async function startFakeBss(handler: Handler, keys: { ak: string; sk: string }): Promise<FakeBss> {
  const requests: SeenRequest[] = [];
  const server = await listenLocal((req, raw, res) => {
    const parsed = jsonOrText(raw);
    const body = parsed && typeof parsed === 'object' ? (parsed as SeenRequest['body']) : undefined;
    const seen: SeenRequest = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://placeholder').pathname,
      headers: req.headers,
      raw,
      body,
      signatureOk: verifySignature(
        { method: req.method ?? '', url: req.url ?? '/', headers: req.headers, raw },
        keys.ak,
        keys.sk,
      ),
      product: body?.product_infos?.[0] ?? {},
    };
    requests.push(seen);
    // The gateway checks the signature before the service sees the request.
    const answer = seen.signatureOk
      ? handler(seen, requests.length)
      : apiError(401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail');
    sendAnswer(res, answer, 'application/json;charset=UTF-8');
  });
  return { url: server.url, requests, close: server.close };
}

/** The documented error body: {"error_code": "...", "error_msg": "..."} (the gateway adds request_id). */
export const apiError = (status: number, code: string, message: string): Answer => ({
  status,
  body: code.startsWith('APIGW')
    ? { error_code: code, error_msg: message, request_id: '2f2e0e1d5a9c4b6f8e7d6c5b4a392817' }
    : { error_code: code, error_msg: message },
});

/**
 * A ListOnDemandResourceRatings answer (ListOnDemandResourceRatingsResponse): the total and one
 * product line, each with amount (after discount), discount_amount, official_website_amount (list
 * price) and measure_id 1 (元).
 */
export const onDemandAnswer = (o: { list: number; paid?: number; currency?: string; lines?: boolean }) => {
  const paid = o.paid ?? o.list;
  const discount = Math.round((o.list - paid) * 1e6) / 1e6;
  return {
    amount: paid,
    discount_amount: discount,
    official_website_amount: o.list,
    measure_id: 1,
    currency: o.currency ?? 'CNY',
    ...(o.lines === false
      ? {}
      : {
          product_rating_results: [
            {
              id: '1',
              product_id: '00301-234567-0--0',
              amount: paid,
              discount_amount: discount,
              official_website_amount: o.list,
              measure_id: 1,
              discount_rating_results: [],
            },
          ],
        }),
  };
};

/**
 * A ListRateOnPeriodDetail answer (ListRateOnPeriodDetailResponse): the list price under
 * official_website_rating_result, each optional discount under optional_discount_rating_results.
 */
export const periodAnswer = (o: { list: number; paid?: number; currency?: string | null }) => ({
  official_website_rating_result: {
    official_website_amount: o.list,
    measure_id: 1,
    product_rating_results: [
      { id: '1', product_id: '00301-765432-0--0', official_website_amount: o.list, measure_id: 1 },
    ],
  },
  optional_discount_rating_results: [
    {
      discount_id: '300000000000000001',
      amount: o.paid ?? o.list,
      official_website_amount: o.list,
      discount_amount: Math.round((o.list - (o.paid ?? o.list)) * 1e6) / 1e6,
      measure_id: 1,
      discount_type: 605,
      discount_name: 'business discount',
      best_offer: 1,
      product_rating_results: [
        { id: '1', product_id: '00301-765432-0--0', amount: o.paid ?? o.list, official_website_amount: o.list },
      ],
    },
  ],
  ...(o.currency === null ? {} : { currency: o.currency ?? 'CNY' }),
});
