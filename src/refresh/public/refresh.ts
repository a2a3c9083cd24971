/**
 * `procure catalog refresh --public`: reads list prices from the public feeds the providers' own calculators use
 * (no credentials), validates them, and swaps each provider's price table in whole
 * (catalog/prices/public-<provider>.json, written to a temporary file and renamed over the old one). A provider
 * whose feed cannot be read — unreachable, too slow after the retries, too large, or of a changed shape — keeps
 * its file exactly as it was, and the report says why in one sentence. Every row cites the URL actually read and
 * the day it was read. What changed (old → new) is in the report; the caller records it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { catalogGpuOf, type Skipped } from '../../catalog/importers/feed-common.js';
import { type Catalog, formatProblem, readProject } from '../../catalog/load.js';
import { priceTableText, readPriceTableText } from '../../catalog/price-table.js';
import type { Price, RefreshProvider } from '../../catalog/schema.js';
import { writeFileDurably } from '../../store/durable-json.js';
import { PUBLIC_FEEDS, type PublicFeed } from './feeds.js';
import { DEFAULT_BOUNDS, FeedError, fetchFeed, type HttpBounds } from './http.js';

export interface PublicProgress {
  provider: RefreshProvider;
  name: string;
  region: string;
  index: number;
  total: number;
}

export interface PublicRefreshOptions {
  /** Project root (holds catalog/). */
  root: string;
  catalog: Catalog;
  providers: readonly RefreshProvider[];
  dryRun: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  bounds?: Partial<HttpBounds>;
  feeds?: Partial<Record<RefreshProvider, PublicFeed>>;
  onProgress?: (p: PublicProgress) => void;
}

export interface PublicRowChange {
  id: string;
  label: string;
  old: number | null;
  new: number | null;
  currency: string;
  unit: string;
}

export interface PublicProviderResult {
  provider: RefreshProvider;
  name: string;
  status: 'done' | 'failed' | 'dry-run' | 'skipped';
  /** One sentence when failed or skipped. */
  reason?: string;
  /** The feed's base URL, and the URLs read (or a dry run's plan). */
  url: string;
  urls: string[];
  /** The price table written, relative to the root. */
  file: string;
  rows: number;
  regions: string[];
  added: PublicRowChange[];
  changed: PublicRowChange[];
  removed: PublicRowChange[];
  unchanged: number;
  skipped: Skipped[];
  /** Regions the feed lists that catalog/providers.yaml does not know (not read). */
  unknownRegions: string[];
}

export interface PublicRefreshReport {
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  providers: PublicProviderResult[];
}

export function publicPricesPath(root: string, provider: RefreshProvider): string {
  return join(root, 'catalog', 'prices', `public-${provider}.json`);
}

const BILLING_WORDS: Record<string, string> = { payg: 'pay-as-you-go', spot: 'spot' };
function label(p: Price): string {
  const billing = p.billing === 'subscription' ? `${p.term_months}-month subscription` : BILLING_WORDS[p.billing];
  return `${p.sku ?? p.id} in ${p.region ?? p.scope.locations?.join(', ') ?? '?'}, ${billing}`;
}

/** The rows of an earlier public table; an unreadable one counts as empty (it is replaced whole). */
function previousRows(file: string): Price[] {
  if (!existsSync(file)) return [];
  try {
    return readPriceTableText(readFileSync(file, 'utf8'))?.prices ?? [];
  } catch {
    return [];
  }
}

function diff(before: Price[], after: Price[]) {
  const old = new Map(before.map((p) => [p.id, p]));
  const added: PublicRowChange[] = [];
  const changed: PublicRowChange[] = [];
  let unchanged = 0;
  for (const p of after) {
    const was = old.get(p.id);
    old.delete(p.id);
    const change = { id: p.id, label: label(p), new: p.price, currency: p.currency, unit: p.unit };
    if (!was) added.push({ ...change, old: null });
    else if (was.price !== p.price || was.currency !== p.currency || was.unit !== p.unit)
      changed.push({ ...change, old: was.currency === p.currency ? was.price : null });
    else unchanged++;
  }
  const removed = [...old.values()].map((p) => ({
    id: p.id,
    label: label(p),
    old: p.price,
    new: null,
    currency: p.currency,
    unit: p.unit,
  }));
  return { added, changed, removed, unchanged };
}

/** The feed URL to read: PROCURE_<PROVIDER>_PUBLIC_URL, or the provider's own. Throws FeedError('setup'). */
export function feedUrl(feed: PublicFeed, env: Readonly<Record<string, string | undefined>>): string {
  const set = env[feed.envVar]?.trim();
  if (!set) return feed.defaultUrl;
  if (!/^https?:\/\/[^\s/]+\S*$/.test(set))
    throw new FeedError('setup', `${feed.envVar} must be an http(s) URL: ${feed.urlMeaning}`);
  return set;
}

async function readProvider(
  provider: RefreshProvider,
  feed: PublicFeed,
  opts: PublicRefreshOptions,
  asOf: string,
): Promise<{ result: PublicProviderResult; rows?: Price[] }> {
  const rel = `catalog/prices/public-${provider}.json`;
  const result: PublicProviderResult = {
    provider,
    name: feed.name,
    status: 'done',
    url: feed.defaultUrl,
    urls: [],
    file: rel,
    rows: 0,
    regions: [],
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    skipped: [],
    unknownRegions: [],
  };
  const fail = (why: string) => ({
    result: {
      ...result,
      status: 'failed' as const,
      reason: `${feed.name}: ${why}; its prices in ${rel} are unchanged.`,
    },
  });
  try {
    result.url = feedUrl(feed, opts.env);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (opts.dryRun) return { result: { ...result, status: 'dry-run', urls: feed.plan(result.url) } };

  const bounds: HttpBounds = { ...DEFAULT_BOUNDS, ...opts.bounds };
  const prov = opts.catalog.providers.find((p) => p.id === provider);
  const locations = new Map((prov?.regions ?? []).map((r) => [r.id, r.location]));
  const gpuOf = catalogGpuOf(opts.catalog, provider);
  try {
    const read = await feed.read(result.url, {
      get: (url, req) => fetchFeed(url, req ?? {}, bounds),
      options: (source, region) => ({
        source,
        asOf,
        locations,
        gpuModels: opts.catalog.gpus,
        gpuOf,
        idPrefix: 'pub',
        ...(region ? { region } : {}),
      }),
      knownRegions: new Set(locations.keys()),
      progress: (region, index, total) => opts.onProgress?.({ provider, name: feed.name, region, index, total }),
    });
    if (!read.prices.length)
      return fail(
        `the feed at ${read.urls.at(-1) ?? result.url} gave no price that could be read${read.skipped.length ? ` (skipped: ${read.skipped.map((s) => `${s.count} ${s.reason}`).join(', ')})` : ''}`,
      );
    const ids = new Set<string>();
    for (const p of read.prices) {
      if (ids.has(p.id)) return fail(`the feed gave two prices for ${label(p)}`);
      ids.add(p.id);
    }
    const rows = [...read.prices].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const changes = diff(previousRows(publicPricesPath(opts.root, provider)), rows);
    return {
      result: {
        ...result,
        urls: read.urls,
        rows: rows.length,
        regions: read.regions,
        skipped: read.skipped,
        unknownRegions: read.unknownRegions,
        ...changes,
      },
      rows,
    };
  } catch (err) {
    if (err instanceof FeedError) return fail(`the feed at ${err.url ?? result.url} ${err.message}`);
    return fail(`reading the feed failed (${(err as Error).message})`);
  }
}

/** Reads each chosen provider's feed, then swaps in the tables of those that were read whole. */
export async function refreshPublicPrices(opts: PublicRefreshOptions): Promise<PublicRefreshReport> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const asOf = started.toISOString().slice(0, 10);
  const feeds = { ...PUBLIC_FEEDS, ...opts.feeds };
  const results: PublicProviderResult[] = [];
  const writes: { provider: RefreshProvider; file: string; text: string; previous: string | null }[] = [];
  for (const provider of opts.providers) {
    const feed = feeds[provider];
    if (!feed) {
      results.push({
        provider,
        name: provider,
        status: 'skipped',
        reason: `${provider}: no public feed is read for this provider yet.`,
        url: '',
        urls: [],
        file: '',
        rows: 0,
        regions: [],
        added: [],
        changed: [],
        removed: [],
        unchanged: 0,
        skipped: [],
        unknownRegions: [],
      });
      continue;
    }
    const { result, rows } = await readProvider(provider, feed, opts, asOf);
    results.push(result);
    if (rows) {
      const file = publicPricesPath(opts.root, provider);
      writes.push({
        provider,
        file,
        text: priceTableText(rows),
        previous: existsSync(file) ? readFileSync(file, 'utf8') : null,
      });
    }
  }
  // Each provider's table is written whole (temporary file, then rename); then the catalogue must still load.
  for (const w of writes) writeFileDurably(w.file, w.text);
  if (writes.length) {
    const after = readProject(opts.root);
    if (!after.data) {
      for (const w of writes) {
        if (w.previous === null) rmSync(w.file, { force: true });
        else writeFileDurably(w.file, w.previous);
      }
      const first = after.problems[0] ? formatProblem(after.problems[0]) : 'unknown';
      for (const r of results)
        if (writes.some((w) => w.provider === r.provider)) {
          r.status = 'failed';
          r.reason = `${r.name}: the new prices would make the catalogue invalid (${first}); ${r.file} is unchanged.`;
          r.added = [];
          r.changed = [];
          r.removed = [];
        }
    }
  }
  return { startedAt: started.toISOString(), finishedAt: now().toISOString(), dryRun: opts.dryRun, providers: results };
}

const pct = (c: PublicRowChange) =>
  c.old && c.new !== null ? ` (${c.new >= c.old ? '+' : ''}${Math.round(((c.new - c.old) / c.old) * 1000) / 10}%)` : '';

/** The report as plain text (also fine as Slack mrkdwn). */
export function formatPublicReport(
  r: PublicRefreshReport,
  opts: { maxLines?: number; failures?: boolean } = {},
): string {
  const max = opts.maxLines ?? 30;
  const lines: string[] = [];
  const cap = (items: string[]) =>
    items.length > max ? [...items.slice(0, max), `  … and ${items.length - max} more`] : items;
  for (const p of r.providers) {
    if (p.status === 'dry-run') {
      lines.push(`${p.name}: would read (no credentials needed):`);
      lines.push(...p.urls.map((u) => `  ${u}`));
      continue;
    }
    if (p.status !== 'done') {
      if (opts.failures !== false) lines.push(p.reason ?? `${p.name}: ${p.status}`);
      continue;
    }
    lines.push(
      `${p.name}: ${p.rows} prices in ${p.regions.length} region${p.regions.length === 1 ? '' : 's'} (${p.regions.join(', ')}) → ${p.file}: ${p.added.length} new, ${p.changed.length} changed, ${p.removed.length} gone, ${p.unchanged} unchanged.`,
    );
    const money = (n: number | null, c: PublicRowChange) => (n === null ? '—' : `${c.currency} ${n}`);
    lines.push(
      ...cap([
        ...p.changed.map((c) => `  ~ ${c.label}: ${money(c.old, c)} → ${money(c.new, c)} per ${c.unit}${pct(c)}`),
        ...p.added.map((c) => `  + ${c.label}: ${money(c.new, c)} per ${c.unit}`),
        ...p.removed.map((c) => `  − ${c.label}: was ${money(c.old, c)} per ${c.unit} (no longer in the feed)`),
      ]),
    );
    if (p.skipped.length) lines.push(`  skipped: ${p.skipped.map((s) => `${s.count} ${s.reason}`).join(', ')}`);
    if (p.unknownRegions.length)
      lines.push(`  not read (not in catalog/providers.yaml): ${p.unknownRegions.join(', ')}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function publicRefreshFailed(r: PublicRefreshReport): boolean {
  return r.providers.some((p) => p.status === 'failed');
}
