/**
 * The public feeds `procure catalog refresh --public` reads, one per provider (shared/sources/public-price-feeds.md).
 * Each knows its default URL, the variable that overrides it (PROCURE_<PROVIDER>_PUBLIC_URL, how tests point it at a
 * local server), which answers to read in which order, and which reader turns them into rows.
 */

import { readAlibabaPriceFile } from '../../catalog/importers/alibaba-price-file.js';
import type { FeedOptions, FeedResult, Skipped } from '../../catalog/importers/feed-common.js';
import { readHuaweiFeed, readHuaweiMenu } from '../../catalog/importers/huawei-feed.js';
import { readTencentFeed } from '../../catalog/importers/tencent-feed.js';
import { readVolcengineFeed } from '../../catalog/importers/volcengine-feed.js';
import type { Catalog } from '../../catalog/load.js';
import { SaidError } from '../../catalog/said.js';
import type { Price, RefreshProvider } from '../../catalog/schema.js';
import { shippedSay } from '../../catalog/shipped-messages.js';
import { FeedError, type FeedRequest } from './http.js';

export interface FeedContext {
  /** The catalogue as it is (providers, GPU models, instance types). */
  catalog: Catalog;
  /** The day the feeds are read (YYYY-MM-DD). */
  asOf: string;
  /** Reads one answer (bounded, retried); throws FeedError. */
  get(url: string, req?: FeedRequest): Promise<string>;
  /** Reader options for text read from `source` (the URL actually read). */
  options(source: string, region?: string): FeedOptions;
  /** The provider's regions in catalog/providers.yaml. */
  knownRegions: ReadonlySet<string>;
  /** Called before each region is read (progress lines). */
  progress(region: string, index: number, total: number): void;
}

export interface FeedRead {
  prices: Price[];
  skipped: Skipped[];
  regions: string[];
  /** Every URL read. */
  urls: string[];
  /** Regions the feed lists that catalog/providers.yaml does not (not read). */
  unknownRegions: string[];
}

export interface PublicFeed {
  provider: RefreshProvider;
  name: string;
  /** PROCURE_<PROVIDER>_PUBLIC_URL */
  envVar: string;
  defaultUrl: string;
  /** What the override is: "the base URL of …" or "the full URL of …". */
  urlMeaning: string;
  /** The reads a dry run lists, for this base URL. */
  plan(base: string): string[];
  read(base: string, ctx: FeedContext): Promise<FeedRead>;
}

/** Runs a reader; a changed shape becomes FeedError('shape') naming the URL. */
function readWith<T>(url: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof FeedError) throw err;
    // The feed readers' sentences continue "it …"; the Alibaba importer's (ImportError) stand alone.
    const message = (err as Error).message.replace(/\.$/, '');
    throw new FeedError(
      'shape',
      (err as Error).name === 'ImportError' ? `has changed shape: ${message}` : `has changed shape: it ${message}`,
      url,
      false,
      err instanceof SaidError ? err : undefined,
    );
  }
}

function merge(results: FeedResult[]): Pick<FeedRead, 'prices' | 'skipped' | 'regions'> {
  const skipped = new Map<string, Skipped>();
  for (const r of results)
    for (const s of r.skipped) {
      const was = skipped.get(s.reason);
      if (was) {
        was.count += s.count;
        for (const e of s.examples) if (was.examples.length < 3) was.examples.push(e);
      } else skipped.set(s.reason, { ...s, examples: [...s.examples] });
    }
  return {
    prices: results.flatMap((r) => r.prices),
    skipped: [...skipped.values()],
    regions: [...new Set(results.flatMap((r) => r.regions))].sort(),
  };
}

/** What the calculator pages send with their own requests (as public readers of these feeds do). */
const HUAWEI_HEADERS = {
  origin: 'https://www.huaweicloud.com',
  referer: 'https://www.huaweicloud.com/pricing/calculator.html',
};
const VOLC_HEADERS = {
  origin: 'https://www.volcengine.com',
  referer: 'https://www.volcengine.com/pricing?product=ECS&tab=2',
};

const trimSlash = (s: string) => s.replace(/\/+$/, '');

export const tencentFeed: PublicFeed = {
  provider: 'tencent',
  name: 'Tencent Cloud',
  envVar: 'PROCURE_TENCENT_PUBLIC_URL',
  defaultUrl: 'https://workbench.cloud.tencent.com',
  urlMeaning: 'the base URL of the CVM purchase page feed (…/cgi/area/queryCvmRegion and …/cgi/api are read under it)',
  plan: (base) => [
    `POST ${trimSlash(base)}/cgi/area/queryCvmRegion`,
    `POST ${trimSlash(base)}/cgi/api?i=cvm/DescribeZoneInstanceConfigInfos&uin=&region=<each region listed there and in catalog/providers.yaml>`,
  ],
  async read(base, ctx) {
    const regionsUrl = `${trimSlash(base)}/cgi/area/queryCvmRegion`;
    const regionNames = await tencentRegions(ctx.get, regionsUrl);
    const regions = regionNames.filter((r) => ctx.knownRegions.has(r));
    const results: FeedResult[] = [];
    const urls = [regionsUrl];
    for (const [i, region] of regions.entries()) {
      ctx.progress(region, i + 1, regions.length);
      const url = `${trimSlash(base)}/cgi/api?i=cvm/DescribeZoneInstanceConfigInfos&uin=&region=${encodeURIComponent(region)}`;
      const text = await ctx.get(url, {
        method: 'POST',
        json: {
          serviceType: 'cvm',
          action: 'DescribeZoneInstanceConfigInfos',
          region,
          data: {
            Filters: [{ Name: 'instance-charge-type', Values: ['PREPAID', 'POSTPAID_BY_HOUR', 'SPOTPAID'] }],
            Platform: 'LINUX',
            Version: '2017-03-12',
          },
          cgiName: 'api',
        },
      });
      urls.push(url);
      results.push(readWith(url, () => readTencentFeed(text, ctx.options(url, region))));
    }
    return { ...merge(results), urls, unknownRegions: regionNames.filter((r) => !ctx.knownRegions.has(r)) };
  },
};

async function tencentRegions(get: FeedContext['get'], url: string): Promise<string[]> {
  const text = await get(url, { method: 'POST', json: {} });
  return readWith(url, () => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error('is not JSON');
    }
    const r = raw as { code?: unknown; data?: { Response?: { RegionSet?: unknown } } };
    if (r?.code !== undefined && r.code !== 0) throw new Error(`answered with code ${String(r.code)}`);
    const set = r?.data?.Response?.RegionSet;
    if (!Array.isArray(set) || !set.length) throw new Error('lists no regions (data.Response.RegionSet)');
    const names = set.map((x) => (x as { region?: unknown })?.region ?? (x as { Region?: unknown })?.Region);
    if (!names.every((n) => typeof n === 'string' && n)) throw new Error('has a RegionSet entry without a region');
    return [...new Set(names as string[])];
  });
}

export const huaweiFeed: PublicFeed = {
  provider: 'huawei',
  name: 'Huawei Cloud',
  envVar: 'PROCURE_HUAWEI_PUBLIC_URL',
  defaultUrl: 'https://portal.huaweicloud.com/api/calculator/rest/cbc/portalcalculatornodeservice/v4/api',
  urlMeaning: 'the base URL of the price calculator API (…/menuInfo and …/productInfo are read under it)',
  plan: (base) => [
    `GET ${trimSlash(base)}/menuInfo?sign=common&language=zh-cn`,
    `GET ${trimSlash(base)}/productInfo?urlPath=ecs&tag=general.online.portal&region=<each ECS region listed there and in catalog/providers.yaml>`,
  ],
  async read(base, ctx) {
    const menuUrl = `${trimSlash(base)}/menuInfo?sign=common&language=zh-cn`;
    const menu = await ctx.get(menuUrl, { headers: HUAWEI_HEADERS });
    const listed = readWith(menuUrl, () => readHuaweiMenu(menu));
    const regions = listed.filter((r) => ctx.knownRegions.has(r));
    const results: FeedResult[] = [];
    const urls = [menuUrl];
    for (const [i, region] of regions.entries()) {
      ctx.progress(region, i + 1, regions.length);
      const url = `${trimSlash(base)}/productInfo?urlPath=ecs&tag=general.online.portal&region=${encodeURIComponent(region)}&tab=calc&sign=common`;
      const text = await ctx.get(url, { headers: HUAWEI_HEADERS });
      urls.push(url);
      results.push(readWith(url, () => readHuaweiFeed(text, ctx.options(url, region))));
    }
    return { ...merge(results), urls, unknownRegions: listed.filter((r) => !ctx.knownRegions.has(r)) };
  },
};

const VOLC_TEMPLATE = 'CLT7310571628986405164';

export const volcengineFeed: PublicFeed = {
  provider: 'volcengine',
  name: 'Volcano Engine',
  envVar: 'PROCURE_VOLCENGINE_PUBLIC_URL',
  defaultUrl: 'https://www.volcengine.com/anonymous-api/trade/price',
  urlMeaning: 'the URL of the calculator price endpoint (?Action=ListTemplate and ?Action=GetTable are read from it)',
  plan: (base) => [
    `GET ${base}?Action=ListTemplate&Version=2020-01-01&TemplateCode=${VOLC_TEMPLATE}`,
    `POST ${base}?Action=GetTable&Version=2020-01-01 {"TemplateCode": "${VOLC_TEMPLATE}"}`,
  ],
  async read(base, ctx) {
    const sep = base.includes('?') ? '&' : '?';
    const templateUrl = `${base}${sep}Action=ListTemplate&Version=2020-01-01&TemplateCode=${VOLC_TEMPLATE}`;
    const tableUrl = `${base}${sep}Action=GetTable&Version=2020-01-01`;
    ctx.progress('ListTemplate', 1, 2);
    const template = await ctx.get(templateUrl, { headers: VOLC_HEADERS });
    ctx.progress('GetTable', 2, 2);
    const table = await ctx.get(tableUrl, {
      method: 'POST',
      json: { TemplateCode: VOLC_TEMPLATE },
      headers: VOLC_HEADERS,
    });
    const result = readWith(tableUrl, () => readVolcengineFeed(template, { ...ctx.options(tableUrl), table }));
    const prices = result.prices.map((p) => ({ ...p, also_sources: [templateUrl] }));
    return {
      ...merge([{ ...result, prices }]),
      urls: [templateUrl, tableUrl],
      unknownRegions: [],
    };
  },
};

export const alibabaFeed: PublicFeed = {
  provider: 'alibaba',
  name: 'Alibaba Cloud',
  envVar: 'PROCURE_ALIBABA_PUBLIC_URL',
  // The China-site price file of the last version seen (shared/sources/public-price-feeds.md); the price page
  // https://www.aliyun.com/price/ecs/ecs-pricing/zh links the current one.
  defaultUrl: 'https://g.alicdn.com/aliyun/ecs-price-info/2.0.421/price/download/instancePrice.json',
  urlMeaning:
    'the full URL of the ECS price file instancePrice.json (the price page https://www.aliyun.com/price/ecs/ecs-pricing/zh links the current version)',
  plan: (url) => [`GET ${url}`],
  async read(url, ctx) {
    ctx.progress('instancePrice.json (every region)', 1, 1);
    const text = await ctx.get(url);
    const r = readWith(url, () =>
      readAlibabaPriceFile(text, {
        catalog: ctx.catalog,
        file: 'the price file',
        source: url,
        as_of: ctx.asOf,
        dated: 'retrieved',
        grade: 'official',
        idPrefix: 'pub-alibaba',
        note: shippedSay('en')('import.note.alibaba-file'),
        note_zh: shippedSay('zh')('import.note.alibaba-file'),
      }),
    );
    const prices = r.prices
      .map((p) => (p.region && !ctx.knownRegions.has(p.region) ? null : p))
      .filter((p) => p !== null);
    return {
      prices,
      skipped: r.skipped.map((s) => ({ reason: s.reason, count: s.count, examples: [] })),
      regions: [...new Set(prices.map((p) => p.region as string))].sort(),
      urls: [url],
      unknownRegions: [],
    };
  },
};

/** The feeds by provider. */
export const PUBLIC_FEEDS: Partial<Record<RefreshProvider, PublicFeed>> = {
  alibaba: alibabaFeed,
  tencent: tencentFeed,
  huawei: huaweiFeed,
  volcengine: volcengineFeed,
};
