/**
 * A scripted price source for tests of the refresh orchestration (not of any one provider's API):
 * each (instance type, region, billing) answers from a queue of readings and errors, the last one repeating.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFRESH_PROVIDERS, type RefreshProvider } from '../../src/catalog/schema.js';
import type { PriceQuery, PriceReading, SourceFactory } from '../../src/refresh/types.js';
import { PriceApiError } from '../../src/refresh/types.js';
import { copyProject } from './project.js';

export type Script = Record<string, (PriceReading | PriceApiError)[]>;

export const keyOf = (q: PriceQuery) => `${q.item.instance_type}|${q.region}|${q.billing}`;

export function reading(amount: number, per: PriceReading['per'] = 'hour', currency: 'CNY' | 'USD' = 'CNY') {
  return {
    amount,
    per,
    currency,
    call: 'Fake DescribePrice',
    ref: `api:fake/DescribePrice?amount=${amount}`,
    quote: `OriginalPrice ${amount}`,
  } satisfies PriceReading;
}

export function fakeFactory(
  provider: RefreshProvider,
  script: Script,
  calls: string[] = [],
  opts: Partial<Pick<SourceFactory, 'billing' | 'perSecond'>> & { delayMs?: number } = {},
): SourceFactory {
  return {
    provider,
    name: `Fake ${provider}`,
    service: 'ECS',
    credentialVars: [`FAKE_${provider.toUpperCase()}_KEY`],
    billing: opts.billing ?? ['payg', 'subscription-1m', 'subscription-1y', 'spot'],
    perSecond: opts.perSecond ?? 50,
    permission: 'fake:DescribePrice',
    create: (_env, sopts) => ({
      provider,
      describe: (q) =>
        `Fake DescribePrice ${q.item.instance_type} ${q.region} ${q.billing}${sopts.endpoint ? ` @${sopts.endpoint}` : ''}`,
      read: async (q) => {
        const key = keyOf(q);
        calls.push(key);
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        const queue = script[key];
        if (!queue?.length)
          throw new PriceApiError(
            'unknown-type',
            `${q.item.instance_type} is not sold in ${q.region}`,
            'InvalidInstanceType.NotFound',
          );
        const next = queue.length > 1 ? queue.shift() : queue[0];
        if (next instanceof PriceApiError) throw next;
        return next as PriceReading;
      },
    }),
  };
}

/** Every refresh provider backed by the same script (only the providers given a watchlist are used). */
export function fakeFactories(
  script: Script,
  calls: string[] = [],
  opts: { delayMs?: number } = {},
): Record<RefreshProvider, SourceFactory> {
  return Object.fromEntries(REFRESH_PROVIDERS.map((p) => [p, fakeFactory(p, script, calls, opts)])) as Record<
    RefreshProvider,
    SourceFactory
  >;
}

/** A copy of the project (never the checkout: the refresh writes catalog/prices) with a watchlist for `provider`. */
export function projectWithWatchlist(provider: RefreshProvider, watchlistYaml: string): string {
  const root = copyProject();
  mkdirSync(join(root, 'catalog', 'watchlist'), { recursive: true });
  writeFileSync(join(root, 'catalog', 'watchlist', `${provider}.yaml`), watchlistYaml);
  return root;
}
