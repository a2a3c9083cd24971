/**
 * One loopback server playing the three public feeds from the recorded samples in fixtures/:
 * Tencent under /tencent (queryCvmRegion, DescribeZoneInstanceConfigInfos per region), Huawei under /huawei
 * (menuInfo, productInfo per region), Volcano Engine at /volcengine (ListTemplate, GetTable). `answers` replaces
 * what a request gets (a status, a body, a hang, an oversized body), keyed by a name such as "tencent:ap-guangzhou".
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type LocalServer, listenLocal } from '../fake-http.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const fixture = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');

export interface Answer {
  status?: number;
  body?: string;
  /** Never answers. */
  hang?: boolean;
  /** Answers this many bytes of JSON-looking text. */
  bytes?: number;
}

export interface FakeFeeds extends LocalServer {
  /** Replace the answer for a key ("tencent:regions", "tencent:ap-guangzhou", "huawei:menu", "huawei:cn-north-4", "volcengine:ListTemplate", "volcengine:GetTable"). */
  answers: Map<string, Answer>;
  /** Keys requested, in order. */
  seen: string[];
  env(): Record<string, string>;
}

function keyOf(req: IncomingMessage): { key: string; file?: string } {
  const url = new URL(req.url ?? '/', 'http://x');
  const region = url.searchParams.get('region') ?? '';
  if (url.pathname === '/tencent/cgi/area/queryCvmRegion')
    return { key: 'tencent:regions', file: 'tencent/queryCvmRegion.json' };
  if (url.pathname === '/tencent/cgi/api' && url.searchParams.get('i') === 'cvm/DescribeZoneInstanceConfigInfos')
    return { key: `tencent:${region}`, file: `tencent/DescribeZoneInstanceConfigInfos-${region}.json` };
  if (url.pathname === '/huawei/menuInfo') return { key: 'huawei:menu', file: 'huawei/menuInfo.json' };
  if (url.pathname === '/huawei/productInfo' && url.searchParams.get('urlPath') === 'ecs')
    return { key: `huawei:${region}`, file: `huawei/productInfo-${region}.json` };
  if (url.pathname === '/volcengine') {
    const action = url.searchParams.get('Action') ?? '';
    return { key: `volcengine:${action}`, file: `volcengine/${action}.json` };
  }
  return { key: `unknown:${url.pathname}` };
}

export async function startFakeFeeds(): Promise<FakeFeeds> {
  const answers = new Map<string, Answer>();
  const seen: string[] = [];
  const server = await listenLocal((req: IncomingMessage, _raw: string, res: ServerResponse) => {
    const { key, file } = keyOf(req);
    seen.push(key);
    const a = answers.get(key);
    if (a?.hang) return;
    if (a?.bytes) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"pad": "${'x'.repeat(a.bytes)}"}`);
      return;
    }
    let body = a?.body;
    if (body === undefined && file) {
      try {
        body = fixture(file);
      } catch {
        body = undefined;
      }
    }
    res.writeHead(a?.status ?? (body === undefined ? 404 : 200), { 'content-type': 'application/json' });
    res.end(body ?? '{"error":"not found"}');
  });
  return {
    ...server,
    answers,
    seen,
    env: () => ({
      PROCURE_TENCENT_PUBLIC_URL: `${server.url}/tencent`,
      PROCURE_HUAWEI_PUBLIC_URL: `${server.url}/huawei`,
      PROCURE_VOLCENGINE_PUBLIC_URL: `${server.url}/volcengine`,
    }),
  };
}
