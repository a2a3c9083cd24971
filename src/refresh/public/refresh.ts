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
import { shippedSay } from '../../catalog/shipped-messages.js';
import { fmtFor } from '../../domain/format.js';
import type { Say } from '../../domain/say.js';
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
  /** The words of the report's sentences (reasons, labels): the reader's language; English by default. */
  say?: Say;
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

function label(p: Price, say: Say): string {
  const billing =
    p.billing === 'subscription'
      ? say('refresh.billing.months', { n: p.term_months ?? 1 })
      : say(`refresh.billing.${p.billing}`);
  return say('refresh.label', {
    type: p.sku ?? p.id,
    region: p.region ?? p.scope.locations?.join(', ') ?? '?',
    billing,
  });
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

function diff(before: Price[], after: Price[], say: Say) {
  const old = new Map(before.map((p) => [p.id, p]));
  const added: PublicRowChange[] = [];
  const changed: PublicRowChange[] = [];
  let unchanged = 0;
  for (const p of after) {
    const was = old.get(p.id);
    old.delete(p.id);
    const change = { id: p.id, label: label(p, say), new: p.price, currency: p.currency, unit: p.unit };
    if (!was) added.push({ ...change, old: null });
    else if (was.price !== p.price || was.currency !== p.currency || was.unit !== p.unit)
      changed.push({ ...change, old: was.currency === p.currency ? was.price : null });
    else unchanged++;
  }
  const removed = [...old.values()].map((p) => ({
    id: p.id,
    label: label(p, say),
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
  const say = opts.say ?? shippedSay('en');
  const name = providerName(opts.catalog, provider, feed.name, say);
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
      reason: say('refresh.public.failed', { name, why, file: rel }),
    },
  });
  try {
    result.url = feedUrl(feed, opts.env);
  } catch (err) {
    return fail(say('refresh.public.why.setup', { detail: (err as Error).message }));
  }
  if (opts.dryRun) return { result: { ...result, status: 'dry-run', urls: feed.plan(result.url) } };

  const bounds: HttpBounds = { ...DEFAULT_BOUNDS, ...opts.bounds };
  const prov = opts.catalog.providers.find((p) => p.id === provider);
  const locations = new Map((prov?.regions ?? []).map((r) => [r.id, r.location]));
  const gpuOf = catalogGpuOf(opts.catalog, provider);
  try {
    const read = await feed.read(result.url, {
      catalog: opts.catalog,
      asOf,
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
        say('refresh.public.why.empty', {
          url: read.urls.at(-1) ?? result.url,
          skipped: read.skipped.length
            ? ` (skipped: ${read.skipped.map((s) => `${s.count} ${s.reason}`).join(', ')})`
            : '',
        }),
      );
    const ids = new Set<string>();
    for (const p of read.prices) {
      if (ids.has(p.id)) return fail(say('refresh.public.why.duplicate', { label: label(p, say) }));
      ids.add(p.id);
    }
    const rows = [...read.prices].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const changes = diff(previousRows(publicPricesPath(opts.root, provider)), rows, say);
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
    if (err instanceof FeedError) {
      const translated = say.lang === 'en' ? undefined : err.said;
      return fail(
        say('refresh.public.why.feed', {
          url: err.url ?? result.url,
          // English keeps the reader's own sentence ("has changed shape: it is not …"); other languages say the
          // importer's reason in theirs.
          detail: say(translated ? 'refresh.feed.shape-said' : `refresh.feed.${err.kind}`, {
            detail: translated ? translated.in(say) : err.message,
            status: /HTTP (\d+)/.exec(err.message)?.[1] ?? '',
          }),
        }),
      );
    }
    return fail(say('refresh.public.why.other', { detail: (err as Error).message }));
  }
}

/** Reads each chosen provider's feed, then swaps in the tables of those that were read whole. */
export async function refreshPublicPrices(opts: PublicRefreshOptions): Promise<PublicRefreshReport> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const asOf = started.toISOString().slice(0, 10);
  const feeds = { ...PUBLIC_FEEDS, ...opts.feeds };
  const say = opts.say ?? shippedSay('en');
  const results: PublicProviderResult[] = [];
  const writes: { provider: RefreshProvider; file: string; text: string; previous: string | null }[] = [];
  for (const provider of opts.providers) {
    const feed = feeds[provider];
    if (!feed) {
      results.push({
        provider,
        name: provider,
        status: 'skipped',
        reason: say('refresh.public.no-feed', { provider }),
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
          r.reason = say('refresh.public.invalid', {
            name: providerName(opts.catalog, r.provider, r.name, say),
            why: say('refresh.public.why.invalid', { first }),
            file: r.file,
          });
          r.added = [];
          r.changed = [];
          r.removed = [];
        }
    }
  }
  return { startedAt: started.toISOString(), finishedAt: now().toISOString(), dryRun: opts.dryRun, providers: results };
}

const pct = (c: PublicRowChange, say?: Say) => {
  if (!(c.old && c.new !== null)) return '';
  const p = `${c.new >= c.old ? '+' : ''}${Math.round(((c.new - c.old) / c.old) * 1000) / 10}%`;
  return say?.lang === 'zh' ? `（${p}）` : ` (${p})`;
};

/** A price unit in the report's language ("月" for month); units without a word stay as written. */
function unitWord(unit: string, say: Say): string {
  const key = `refresh.unit.${unit}`;
  const word = say(key);
  return word === key ? unit : word;
}

/** A provider's name in the report's language (the catalogue's Chinese name in Chinese). */
function providerName(catalog: Catalog | undefined, id: string, name: string, say: Say): string {
  return say.lang === 'zh' ? (catalog?.providers.find((p) => p.id === id)?.names_zh[0] ?? name) : name;
}

/** The report as plain text (also fine as Slack mrkdwn), in `say`'s language. */
export function formatPublicReport(
  r: PublicRefreshReport,
  opts: { maxLines?: number; failures?: boolean; say?: Say; catalog?: Catalog } = {},
): string {
  const max = opts.maxLines ?? 10;
  const say = opts.say ?? shippedSay('en');
  const fmt = fmtFor(say.lang);
  const lines: string[] = [];
  const cap = (items: string[]) =>
    items.length > max ? [...items.slice(0, max), say('refresh.more', { n: items.length - max })] : items;
  for (const p of r.providers) {
    const name = providerName(opts.catalog, p.provider, p.name, say);
    if (p.status === 'dry-run') {
      lines.push(say('refresh.public.would-read', { name }));
      lines.push(...p.urls.map((u) => `  ${u}`));
      continue;
    }
    if (p.status !== 'done') {
      if (opts.failures !== false) lines.push(p.reason ?? `${name}: ${p.status}`);
      continue;
    }
    lines.push(
      say('refresh.public.read', {
        name,
        rows: p.rows,
        n: p.regions.length,
        regionWord: say(p.regions.length === 1 ? 'refresh.public.region.one' : 'refresh.public.region.many'),
        regions: p.regions.join(', '),
        file: p.file,
        added: p.added.length,
        changed: p.changed.length,
        removed: p.removed.length,
        unchanged: p.unchanged,
      }),
    );
    const money = (n: number | null, c: PublicRowChange) => (n === null ? '—' : fmt.unitPrice(n, c.currency));
    // Repricings and removals are what a buyer acts on: listed. New prices are listed when few, else counted.
    lines.push(
      ...cap(
        p.changed.map((c) =>
          say('refresh.public.changed', {
            label: c.label,
            old: money(c.old, c),
            new: money(c.new, c),
            unit: unitWord(c.unit, say),
            pct: pct(c, say),
          }),
        ),
      ),
      ...cap(
        p.removed.map((c) =>
          say('refresh.public.removed', { label: c.label, old: money(c.old, c), unit: unitWord(c.unit, say) }),
        ),
      ),
    );
    if (p.added.length <= 5)
      lines.push(
        ...p.added.map((c) =>
          say('refresh.public.added', { label: c.label, new: money(c.new, c), unit: unitWord(c.unit, say) }),
        ),
      );
    else
      lines.push(
        say('refresh.public.added-many', {
          n: p.added.length,
          examples: p.added
            .slice(0, 2)
            .map((c) =>
              say('refresh.public.example', { label: c.label, new: money(c.new, c), unit: unitWord(c.unit, say) }),
            )
            .join(say.lang === 'zh' ? '；' : '; '),
        }),
      );
    if (p.skipped.length)
      lines.push(
        say('refresh.public.skipped', {
          list: p.skipped.map((s) => `${s.count} ${s.reason}`).join(', '),
          n: p.skipped.reduce((n, s) => n + s.count, 0),
        }),
      );
    if (p.unknownRegions.length)
      lines.push(say('refresh.public.unknown-regions', { regions: p.unknownRegions.join(', ') }));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function publicRefreshFailed(r: PublicRefreshReport): boolean {
  return r.providers.some((p) => p.status === 'failed');
}
