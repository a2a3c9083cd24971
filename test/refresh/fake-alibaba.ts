/**
 * A local stand-in for the Alibaba Cloud ECS API (node:http on 127.0.0.1, port 0). It records every
 * request and answers with bodies shaped as in the DescribePrice / DescribeSpotPriceHistory references.
 */
import type { IncomingMessage } from 'node:http';
import { listenLocal, sendAnswer } from './fake-http.js';

export interface SeenRequest {
  method: string;
  action: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  url: string;
}

export interface Answer {
  status?: number;
  /** An object is sent as JSON; a string is sent as is. */
  body: unknown;
  /** Never answer (to test timeouts). */
  hang?: boolean;
}

export type Handler = (req: SeenRequest, n: number) => Answer;

export interface FakeEcs {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeEcs(handler: Handler): Promise<FakeEcs> {
  const requests: SeenRequest[] = [];
  const server = await listenLocal((req, _raw, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = {
      method: req.method ?? '',
      action: String(req.headers['x-acs-action'] ?? url.searchParams.get('Action') ?? ''),
      query: url.searchParams,
      headers: req.headers,
      url: req.url ?? '',
    };
    requests.push(seen);
    sendAnswer(res, handler(seen, requests.length), 'application/json;charset=utf-8');
  });
  return { url: server.url, requests, close: server.close };
}

/** The error body every Alibaba RPC API returns (RequestId, HostId, Code, Message, Recommend). */
export const apiError = (status: number, code: string, message: string): Answer => ({
  status,
  body: {
    RequestId: '5E2D59BA-4EB0-45C4-A0D7-D98C1A4B320B',
    HostId: 'ecs.cn-hangzhou.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: 'https://api.aliyun.com/troubleshoot?q=x',
  },
});

/** A DescribePrice answer: list (Original) and trade prices, with the per-resource breakdown. */
export const priceAnswer = (o: {
  instance: number;
  disk?: number;
  currency?: string;
  breakdown?: boolean;
  trade?: number;
}): Answer => {
  const disk = o.disk ?? 0.05;
  const total = Math.round((o.instance + disk) * 1e6) / 1e6;
  return {
    body: {
      RequestId: '473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E',
      PriceInfo: {
        Rules: { Rule: [{ Description: 'Receive a 15% discount on a 1-year subscription', RuleId: 587 }] },
        Price: {
          OriginalPrice: total,
          DiscountPrice: Math.round((total - (o.trade ?? total * 0.85)) * 1e6) / 1e6,
          TradePrice: o.trade ?? Math.round(total * 0.85 * 1e6) / 1e6,
          Currency: o.currency ?? 'CNY',
          ...(o.breakdown === false
            ? {}
            : {
                DetailInfos: {
                  DetailInfo: [
                    {
                      Resource: 'instanceType',
                      OriginalPrice: o.instance,
                      DiscountPrice: 0,
                      TradePrice: Math.round(o.instance * 0.85 * 1e6) / 1e6,
                    },
                    { Resource: 'systemDisk', OriginalPrice: disk, DiscountPrice: 0, TradePrice: disk },
                  ],
                },
              }),
        },
      },
    },
  };
};

export const spotAnswer = (
  points: { zone: string; at: string; price: number; origin?: number }[],
  currency = 'CNY',
): Answer => ({
  body: {
    RequestId: '473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E',
    Currency: currency,
    SpotPrices: {
      SpotPriceType: points.map((p) => ({
        IoOptimized: 'optimized',
        ZoneId: p.zone,
        SpotPrice: p.price,
        Timestamp: p.at,
        NetworkType: 'vpc',
        InstanceType: 'ecs.gn7i-c8g1.2xlarge',
        OriginPrice: p.origin ?? 11.99,
      })),
    },
  },
});
