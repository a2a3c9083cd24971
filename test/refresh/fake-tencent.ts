/**
 * A local stand-in for the Tencent Cloud CVM API 3.0 endpoint (node:http on 127.0.0.1, port 0). It
 * records every request (action from X-TC-Action, JSON body) and answers with bodies shaped as in the
 * CVM API reference examples: {"Response": {..., "RequestId": ...}} on success and
 * {"Response": {"Error": {"Code", "Message"}, "RequestId"}} on failure.
 */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { jsonOrText, listenLocal, sendAnswer } from './fake-http.js';

export interface SeenRequest {
  method: string;
  action: string;
  region: string;
  version: string;
  headers: IncomingMessage['headers'];
  /** The raw body, as signed. */
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are checked field by field in the tests
  body: any;
}

export interface Answer {
  status?: number;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  /** Never answer (to test timeouts). */
  hang?: boolean;
}

export type Handler = (req: SeenRequest, n: number) => Answer;

export interface FakeCvm {
  url: string;
  requests: SeenRequest[];
  /** The actions called, in order. */
  actions(): string[];
  close(): Promise<void>;
}

export async function startFakeCvm(handler: Handler): Promise<FakeCvm> {
  const requests: SeenRequest[] = [];
  const server = await listenLocal((req, raw, res) => {
    const seen: SeenRequest = {
      method: req.method ?? '',
      action: String(req.headers['x-tc-action'] ?? ''),
      region: String(req.headers['x-tc-region'] ?? ''),
      version: String(req.headers['x-tc-version'] ?? ''),
      headers: req.headers,
      raw,
      body: jsonOrText(raw),
    };
    requests.push(seen);
    sendAnswer(res, handler(seen, requests.length));
  });
  return { url: server.url, requests, actions: () => requests.map((r) => r.action), close: server.close };
}

const REQUEST_ID = '65b9edac-bca6-496b-a404-29f503b32495';

/** A failed call: HTTP 200 with Response.Error, as every Tencent Cloud API 3.0 action answers. */
export const apiError = (code: string, message: string): Answer => ({
  body: { Response: { Error: { Code: code, Message: message }, RequestId: REQUEST_ID } },
});

export interface ZoneRow {
  zone: string;
  status: 'SELL' | 'SOLD_OUT';
  reason?: string;
  category?: string;
}

/** A DescribeZoneInstanceConfigInfos answer (InstanceTypeQuotaSet items as in the reference example). */
export function zonesAnswer(type: string, chargeType: string, rows: ZoneRow[]): Answer {
  return {
    body: {
      Response: {
        InstanceTypeQuotaSet: rows.map((r) => ({
          Zone: r.zone,
          InstanceType: type,
          InstanceChargeType: chargeType,
          NetworkCard: 0,
          Externals: {},
          Cpu: 8,
          Memory: 32,
          InstanceFamily: type.split('.')[0],
          TypeName: 'GPU',
          LocalDiskTypeList: [],
          Status: r.status,
          Price: { UnitPrice: 0, ChargeUnit: 'HOUR', OriginalPrice: 0, DiscountPrice: 0 },
          SoldOutReason: r.reason ?? '',
          InstanceBandwidth: 3,
          InstancePps: 60,
          StorageBlockAmount: 0,
          CpuType: 'Intel Xeon Platinum 8255C',
          Gpu: 1,
          GpuCount: 1,
          Fpga: 0,
          Remark: '',
          Frequency: '2.5GHz',
          StatusCategory: r.category ?? (r.status === 'SELL' ? 'EnoughStock' : 'WithoutStock'),
        })),
        RequestId: 'c28559ca-d3cf-40f0-9664-2ab303484efa',
      },
    },
  };
}

/** A DescribeImages answer (ImageSet items as in the reference example). */
export function imagesAnswer(images: { id: string; name: string; platform?: string; state?: string }[]): Answer {
  return {
    body: {
      Response: {
        TotalCount: images.length,
        ImageSet: images.map((i) => ({
          LicenseType: 'TencentCloud',
          ImageId: i.id,
          OsName: i.name,
          ImageSize: 20,
          ImageType: 'PUBLIC_IMAGE',
          CreatedTime: '2024-09-22T00:00:00+00:00',
          ImageState: i.state ?? 'NORMAL',
          ImageSource: 'OFFICIAL',
          ImageName: i.name,
          ImageDescription: i.name,
          ImageCreator: 'tencent',
          SyncPercent: 100,
          IsSupportCloudinit: true,
          Platform: i.platform ?? 'TencentOS',
          Architecture: 'x86_64',
          SnapshotSet: [],
          Tags: [],
        })),
        RequestId: 'db145873-3128-4079-8cec-65e05a7c9f89',
      },
    },
  };
}

const ZERO_PRICE = {
  DiscountPrice: 0,
  OriginalPriceThreeYear: 0,
  DiscountOneYear: 0,
  UnitPrice: 0,
  UnitPriceThirdStep: 0,
  OriginalPriceFiveYear: 0,
  Discount: 0,
  DiscountFiveYear: 0,
  UnitPriceDiscountThirdStep: 0,
  UnitPriceSecondStep: 0,
  OriginalPrice: 0,
  DiscountThreeYear: 0,
  UnitPriceDiscountSecondStep: 0,
  UnitPriceDiscount: 0,
  DiscountPriceFiveYear: 0,
  OriginalPriceOneYear: 0,
  ChargeUnit: 'HOUR',
  DiscountPriceThreeYear: 0,
  DiscountPriceOneYear: 0,
};

/** An InquiryPriceRunInstances answer, laid out as the reference's examples (every ItemPrice field present). */
export function priceAnswer(instance: Partial<typeof ZERO_PRICE>, bandwidth: Partial<typeof ZERO_PRICE> = {}): Answer {
  return {
    body: {
      Response: {
        Price: { InstancePrice: { ...ZERO_PRICE, ...instance }, BandwidthPrice: { ...ZERO_PRICE, ...bandwidth } },
        RequestId: REQUEST_ID,
      },
    },
  };
}

/** The reference's pay-as-you-go example: list 16.09/h, discounted 3.33/h, the same in every step. */
export const PAYG_EXAMPLE = priceAnswer(
  {
    UnitPrice: 16.09,
    UnitPriceSecondStep: 16.09,
    UnitPriceThirdStep: 16.09,
    UnitPriceDiscount: 3.33,
    UnitPriceDiscountSecondStep: 3.33,
    UnitPriceDiscountThirdStep: 3.33,
  },
  { UnitPrice: 0.8, UnitPriceDiscount: 0.52 },
);

/** The reference's PREPAID example: original 8884.5, discounted 1804.9 for the period. */
export const PREPAID_EXAMPLE = priceAnswer({ OriginalPrice: 8884.5, DiscountPrice: 1804.9 }, { UnitPrice: 0.8 });

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * Checks a request's TC3-HMAC-SHA256 signature the way the API's signature v3 documentation describes
 * (canonical request of method, path, query, content-type and host, signed headers and payload hash;
 * then the date / service / tc3_request key chain). Returns the secret id it was made with, or why not.
 */
export function verifyTc3(
  req: SeenRequest,
  secretKey: string,
): { ok: true; secretId: string } | { ok: false; why: string } {
  const auth = String(req.headers.authorization ?? '');
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { ok: false, why: `Authorization is not a TC3 header: ${auth}` };
  const [, secretId, date, service, signedHeaders, signature] = m as unknown as string[];
  const timestamp = String(req.headers['x-tc-timestamp'] ?? '');
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date)
    return { ok: false, why: 'credential date does not match X-TC-Timestamp' };
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const canonical = [
    req.method,
    '/',
    '',
    `content-type:${req.headers['content-type']}\nhost:${host}\n`,
    signedHeaders,
    sha256hex(req.raw),
  ].join('\n');
  const toSign = ['TC3-HMAC-SHA256', timestamp, `${date}/${service}/tc3_request`, sha256hex(canonical)].join('\n');
  const kDate = hmac(`TC3${secretKey}`, String(date));
  const kService = hmac(kDate, String(service));
  const kSigning = hmac(kService, 'tc3_request');
  const expected = createHmac('sha256', kSigning).update(toSign, 'utf8').digest('hex');
  return expected === signature ? { ok: true, secretId: String(secretId) } : { ok: false, why: 'signature mismatch' };
}
