/**
 * `procure catalog refresh`: reads list prices for the instance types on the watchlist
 * (catalog/watchlist/<provider>.yaml) from each provider's own price API, and writes them as
 * catalogue rows (catalog/prices/api-<provider>.yaml) whose source is the API call and whose as-of
 * is the day of the query. A call that fails keeps the previous row: a refresh never deletes a price
 * it could not re-read. Every failure is in the report.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pRetry from 'p-retry';
import pThrottle from 'p-throttle';
import { parse, stringify } from 'yaml';
import { bilingualNote, type GivenNote, type NoteLine } from '../catalog/importers/notes.js';
import { type Catalog, problem } from '../catalog/load.js';
import { type LineProblem, problemLineIn } from '../catalog/problem-words.js';
import { issueSaid, REPORT_INPUT, reason } from '../catalog/reasons.js';
import {
  type Price,
  PriceSchema,
  PricesFile,
  type RefreshProvider,
  type WatchBilling,
  WatchlistFile,
} from '../catalog/schema.js';
import { shippedSay } from '../catalog/shipped-messages.js';
import { fmtFor } from '../domain/format.js';
import type { Say } from '../domain/say.js';
import { writeFileDurably } from '../store/durable-json.js';
import { type FailureKind, PriceApiError, type PriceQuery, type PriceReading, type SourceFactory } from './types.js';

export interface RefreshOptions {
  /** Project root (holds catalog/). */
  root: string;
  catalog: Catalog;
  providers: readonly RefreshProvider[];
  dryRun: boolean;
  env: Readonly<Record<string, string | undefined>>;
  factories: Readonly<Record<RefreshProvider, SourceFactory>>;
  now?: () => Date;
  /** Backoff for throttled and network failures: how many retries, and the first and longest wait. */
  retry?: { retries: number; minTimeoutMs: number; maxTimeoutMs: number };
  timeoutMs?: number;
  /** Called after each call finishes, for progress messages. */
  onProgress?: (done: number, total: number, provider: RefreshProvider) => void;
  /** The words of the report's sentences (reasons, labels): the reader's language; English by default. */
  say?: Say;
}

export interface RowChange {
  id: string;
  label: string;
  old: number | null;
  new: number;
  currency: string;
  unit: string;
}

export interface RefreshFailure {
  label: string;
  call: string;
  kind: FailureKind;
  code?: string;
  message: string;
  /** True when an earlier price for this row was kept in the catalogue. */
  kept: boolean;
}

export interface ProviderRefresh {
  provider: RefreshProvider;
  name: string;
  /** done: calls were made; skipped: nothing to do or no credentials; failed: could not start. */
  status: 'done' | 'skipped' | 'failed' | 'dry-run';
  /** One sentence when skipped or failed. */
  reason?: string;
  /** The calls a dry run would make. */
  calls: string[];
  /** The file the rows are written to, relative to the root. */
  file: string;
  updated: RowChange[];
  unchanged: number;
  failures: RefreshFailure[];
  /** Watchlist billing modes the provider's API cannot price (not called). */
  unsupported: string[];
}

export interface RefreshReport {
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  providers: ProviderRefresh[];
}

const DEFAULT_RETRY = { retries: 4, minTimeoutMs: 500, maxTimeoutMs: 8_000 };

export function watchlistPath(root: string, provider: RefreshProvider): string {
  return join(root, 'catalog', 'watchlist', `${provider}.yaml`);
}
export function apiPricesPath(root: string, provider: RefreshProvider): string {
  return join(root, 'catalog', 'prices', `api-${provider}.yaml`);
}

const slugPart = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
const BILLING_ID: Record<WatchBilling, string> = {
  payg: 'payg',
  'subscription-1m': 'sub-1m',
  'subscription-1y': 'sub-1y',
  spot: 'spot',
};

export function rowId(provider: RefreshProvider, q: PriceQuery): string {
  return `api-${provider}-${slugPart(q.item.instance_type)}-${slugPart(q.region)}-${BILLING_ID[q.billing]}`;
}
export function queryLabel(q: PriceQuery, say: Say = shippedSay('en')): string {
  return say('refresh.label', {
    type: q.item.family ?? q.item.instance_type,
    region: q.region,
    billing: say(`refresh.billing.${q.billing}`),
  });
}

/**
 * Reads and checks a provider's watchlist against the catalogue; each problem names the file and the entry, its reason
 * a message key (said in the asker's language by `problemLineIn`).
 */
export function readWatchlist(
  root: string,
  provider: RefreshProvider,
  catalog: Catalog,
  factory?: SourceFactory,
): { list: WatchlistFile | null; problems: LineProblem[] } {
  const file = watchlistPath(root, provider);
  const rel = `catalog/watchlist/${provider}.yaml`;
  if (!existsSync(file)) return { list: null, problems: [] };
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0] ?? '';
    return { list: null, problems: [problem(rel, '', reason('yaml-paren', { detail }))] };
  }
  const r = WatchlistFile.safeParse(raw ?? {}, REPORT_INPUT);
  if (!r.success)
    return {
      list: null,
      problems: r.error.issues.map((i) => ({ ...problem(rel, i.path.join('.'), issueSaid(i)), whole: true })),
    };
  const problems: LineProblem[] = [];
  if (r.data.provider !== provider)
    problems.push(problem(rel, '', reason('watch-provider', { said: r.data.provider, provider })));
  const prov = catalog.providers.find((p) => p.id === provider);
  const known = new Set(prov?.regions.map((x) => x.id) ?? []);
  const gpuModels = new Set(catalog.gpus.map((g) => g.model));
  for (const [i, w] of r.data.watch.entries()) {
    for (const region of w.regions)
      if (!known.has(region))
        problems.push(
          problem(rel, `watch[${i}] (${w.instance_type}).regions`, reason('watch-region', { region, provider })),
        );
    if (w.gpu && !gpuModels.has(w.gpu.model))
      problems.push(
        problem(rel, `watch[${i}] (${w.instance_type}).gpu.model`, reason('watch-gpu', { model: w.gpu.model })),
      );
    for (const why of factory?.checkItem?.(w, w.regions) ?? [])
      problems.push(problem(rel, `watch[${i}] (${w.instance_type})`, why));
  }
  return { list: problems.length ? null : r.data, problems };
}

/** Every (instance type, region, billing) the watchlist asks for. */
export function queriesOf(list: WatchlistFile): PriceQuery[] {
  const out: PriceQuery[] = [];
  for (const item of list.watch)
    for (const region of item.regions) for (const billing of item.billing) out.push({ item, region, billing });
  return out;
}

/** The names of the credential variables that are not set. */
export function missingCredentials(f: SourceFactory, env: Readonly<Record<string, string | undefined>>): string[] {
  return f.credentialVars.filter((v) => !env[v]?.trim());
}

/** A catalogue row from one reading. Throws PriceApiError('bad-response') when the reading does not fit the billing mode. */
export function rowFromReading(
  provider: RefreshProvider,
  service: string,
  q: PriceQuery,
  reading: PriceReading,
  location: string,
  at: Date,
): Price {
  const { item } = q;
  if (!(Number.isFinite(reading.amount) && reading.amount >= 0))
    throw new PriceApiError('bad-response', `the API returned no usable price (${String(reading.amount)})`);
  let billing: Price['billing'] = 'payg';
  let unit: Price['unit'] = 'instance-hour';
  let price = reading.amount;
  let term: number | undefined;
  const notes: (NoteLine | GivenNote)[] = [];
  const expect = (per: PriceReading['per'][]) => {
    if (!per.includes(reading.per))
      throw new PriceApiError('bad-response', `the API priced a ${reading.per}, not a ${per.join(' or ')}`);
  };
  if (q.billing === 'payg' || q.billing === 'spot') {
    expect(['hour']);
    billing = q.billing;
  } else {
    billing = 'subscription';
    unit = 'month';
    term = q.billing === 'subscription-1m' ? 1 : 12;
    if (q.billing === 'subscription-1m') expect(['month']);
    else {
      expect(['month', 'year']);
      if (reading.per === 'year') {
        price = Math.round((reading.amount / 12) * 1e6) / 1e6;
        notes.push({ key: 'import.note.api-year', vars: { currency: reading.currency, price: reading.amount } });
      }
    }
  }
  if (reading.note) notes.push({ en: reading.note, zh: reading.note_zh });
  notes.push({ key: 'import.note.api-read', vars: { at: at.toISOString() } });
  const row = {
    id: rowId(provider, q),
    provider,
    kind: item.kind,
    service,
    sku: item.instance_type,
    scope: { locations: [location] },
    region: q.region,
    billing,
    ...(term ? { term_months: term } : {}),
    unit,
    price,
    currency: reading.currency,
    vcpu: item.vcpu,
    memoryGiB: item.memoryGiB,
    ...(item.gpu ? { gpu: item.gpu } : {}),
    source: reading.ref,
    as_of: at.toISOString().slice(0, 10),
    dated: 'retrieved' as const,
    grade: 'official' as const,
    quote: `${reading.call}: ${reading.quote}`,
    ...bilingualNote(notes),
  };
  const r = PriceSchema.safeParse(row);
  if (!r.success)
    throw new PriceApiError(
      'bad-response',
      `the reading does not make a valid row (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`,
    );
  return r.data;
}

function readApiRows(file: string, rel: string): { rows: Price[] | null; problem?: string } {
  if (!existsSync(file)) return { rows: [] };
  try {
    const r = PricesFile.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
    if (r.success) return { rows: r.data.prices };
    return { rows: null, problem: `${rel} is not valid (${r.error.issues[0]?.message}); fix or delete it` };
  } catch (err) {
    return {
      rows: null,
      problem: `${rel} is not valid YAML (${(err as Error).message.split('\n')[0]}); fix or delete it`,
    };
  }
}

function writeApiRows(file: string, provider: RefreshProvider, rows: Price[]): void {
  const header = [
    `# Written by \`procure catalog refresh --provider ${provider}\` from the provider's price API.`,
    `# Do not edit by hand: change catalog/watchlist/${provider}.yaml and refresh. A row whose call failed`,
    '# keeps its earlier price and date, so stale flags show how old it is.',
    '',
  ].join('\n');
  const sorted = [...rows].sort((a, b) => a.id.localeCompare(b.id));
  writeFileDurably(file, header + stringify({ prices: sorted }, { lineWidth: 0 }));
}

function describeError(err: unknown): { kind: FailureKind; code?: string; message: string } {
  if (err instanceof PriceApiError) return { kind: err.kind, code: err.code, message: err.message };
  return { kind: 'other', message: (err as Error)?.message ?? String(err) };
}

async function refreshProvider(provider: RefreshProvider, opts: RefreshOptions): Promise<ProviderRefresh> {
  const factory = opts.factories[provider];
  const say = opts.say ?? shippedSay('en');
  const rel = `catalog/prices/api-${provider}.yaml`;
  const out: ProviderRefresh = {
    provider,
    name: factory.name,
    status: 'done',
    calls: [],
    file: rel,
    updated: [],
    unchanged: 0,
    failures: [],
    unsupported: [],
  };
  const { list, problems } = readWatchlist(opts.root, provider, opts.catalog, factory);
  if (problems.length)
    return {
      ...out,
      status: 'failed',
      reason: say('refresh.api.watchlist', { problems: problems.map((p) => problemLineIn(say, p)).join('; ') }),
    };
  if (!list?.watch.length)
    return {
      ...out,
      status: 'skipped',
      reason: say('refresh.api.nothing', { provider }),
    };

  const all = queriesOf(list);
  const queries = all.filter((q) => factory.billing.includes(q.billing));
  for (const q of all)
    if (!factory.billing.includes(q.billing))
      out.unsupported.push(
        say('refresh.api.unsupported', {
          label: queryLabel(q, say),
          name: providerName(opts.catalog, provider, factory.name, say),
          billing: say(`refresh.billing.${q.billing}`),
        }),
      );
  const endpointVar = `PROCURE_${provider.toUpperCase()}_ENDPOINT`;
  const endpoint = opts.env[endpointVar]?.trim() || undefined;
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint))
    return {
      ...out,
      status: 'failed',
      reason: say('refresh.api.endpoint', { var: endpointVar }),
    };
  const source = factory.create(opts.env, { endpoint, timeoutMs: opts.timeoutMs ?? 15_000 });

  if (opts.dryRun) {
    out.calls = queries.map((q) => source.describe(q));
    const missing = missingCredentials(factory, opts.env);
    if (missing.length) out.reason = say('refresh.api.dry-run-needs', { vars: missing.join(say('refresh.and')) });
    return { ...out, status: 'dry-run' };
  }
  const missing = missingCredentials(factory, opts.env);
  if (missing.length)
    return {
      ...out,
      status: 'skipped',
      reason: say('refresh.api.no-credentials', {
        name: providerName(opts.catalog, provider, factory.name, say),
        vars: missing.join(say('refresh.and')),
        permission: factory.permission,
      }),
    };

  const file = apiPricesPath(opts.root, provider);
  const existing = readApiRows(file, rel);
  if (!existing.rows)
    return {
      ...out,
      status: 'failed',
      reason: say('refresh.api.bad-file', { problem: existing.problem ?? rel, file: rel }),
    };
  const byId = new Map(existing.rows.map((r) => [r.id, r]));
  const locationOf = new Map(
    (opts.catalog.providers.find((p) => p.id === provider)?.regions ?? []).map((r) => [r.id, r.location]),
  );

  const retry = opts.retry ?? DEFAULT_RETRY;
  // The watchlist may ask for fewer calls a second than the documented limit, never more.
  const perSecond = Math.min(list.per_second ?? factory.perSecond, factory.perSecond);
  const throttle =
    perSecond >= 1
      ? pThrottle({ limit: Math.floor(perSecond), interval: 1000 })
      : pThrottle({ limit: 1, interval: Math.ceil(1000 / perSecond) });
  const call = throttle((q: PriceQuery) => source.read(q));
  let done = 0;
  const results = await Promise.all(
    queries.map(async (q) => {
      try {
        const reading = await pRetry(() => call(q), {
          retries: retry.retries,
          minTimeout: retry.minTimeoutMs,
          maxTimeout: retry.maxTimeoutMs,
          randomize: true,
          shouldRetry: (err) => err instanceof PriceApiError && err.retryable,
        });
        return { q, reading };
      } catch (err) {
        return { q, error: describeError(err) };
      } finally {
        done++;
        opts.onProgress?.(done, queries.length, provider);
      }
    }),
  );

  const at = (opts.now ?? (() => new Date()))();
  for (const r of results) {
    const id = rowId(provider, r.q);
    const label = queryLabel(r.q, say);
    const before = byId.get(id);
    let error = r.error;
    if (r.reading) {
      try {
        const location = locationOf.get(r.q.region);
        if (!location) throw new PriceApiError('other', `${r.q.region} has no location in catalog/providers.yaml`);
        const row = rowFromReading(provider, factory.service, r.q, r.reading, location, at);
        byId.set(id, row);
        if (before && before.price === row.price && before.currency === row.currency) out.unchanged++;
        else
          out.updated.push({
            id,
            label,
            old: before && before.currency === row.currency ? before.price : null,
            new: row.price,
            currency: row.currency,
            unit: row.unit,
          });
      } catch (err) {
        error = describeError(err);
      }
    }
    if (error) out.failures.push({ label, call: source.describe(r.q), ...error, kept: Boolean(before) });
  }
  if (out.updated.length || out.unchanged) writeApiRows(file, provider, [...byId.values()]);
  return out;
}

/** Runs the refresh for the chosen providers, one after another (each has its own rate limit). */
export async function refreshPrices(opts: RefreshOptions): Promise<RefreshReport> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const providers: ProviderRefresh[] = [];
  for (const p of opts.providers) providers.push(await refreshProvider(p, opts));
  return { startedAt: started.toISOString(), finishedAt: now().toISOString(), dryRun: opts.dryRun, providers };
}

const pctText = (c: RowChange, say?: Say) => {
  if (!c.old) return '';
  const pct = `${c.new >= c.old ? '+' : ''}${Math.round(((c.new - c.old) / c.old) * 1000) / 10}%`;
  return say?.lang === 'zh' ? `（${pct}）` : ` (${pct})`;
};

/** A price unit in the report's language ("月" for month); units without a word stay as written. */
export function unitWord(unit: string, say: Say): string {
  const key = `refresh.unit.${unit}`;
  const word = say(key);
  return word === key ? unit : word;
}

/** A provider's name in the report's language (the catalogue's Chinese name in Chinese). */
function providerName(catalog: Catalog, id: string, name: string, say: Say): string {
  return say.lang === 'zh' ? (catalog.providers.find((p) => p.id === id)?.names_zh[0] ?? name) : name;
}

/**
 * The report as plain text (also fine as Slack mrkdwn), in `say`'s language. A failed call is its kind and the
 * provider's error code; the provider's own English detail is kept in English reports and in `--json`.
 */
export function formatRefreshReport(
  r: RefreshReport,
  opts: { maxLines?: number; say?: Say; catalog?: Catalog } = {},
): string {
  const max = opts.maxLines ?? 50;
  const say = opts.say ?? shippedSay('en');
  const fmt = fmtFor(say.lang);
  const lines: string[] = [];
  const cap = (items: string[]) =>
    items.length > max ? [...items.slice(0, max), say('refresh.more', { n: items.length - max })] : items;
  const nameOf = (p: ProviderRefresh) => (opts.catalog ? providerName(opts.catalog, p.provider, p.name, say) : p.name);
  for (const p of r.providers) {
    if (p.status === 'dry-run') {
      lines.push(
        say(p.calls.length === 1 ? 'refresh.api.would-call.one' : 'refresh.api.would-call.many', {
          name: nameOf(p),
          n: p.calls.length,
        }),
      );
      lines.push(...cap(p.calls.map((c) => `  ${c}`)));
      if (p.reason) lines.push(`  ${p.reason}`);
    } else if (p.status !== 'done') {
      lines.push(`${nameOf(p)}${say.lang === 'zh' ? '：' : ': '}${p.reason ?? p.status}`);
    } else {
      const total = p.updated.length + p.unchanged + p.failures.length;
      lines.push(
        say('refresh.api.read', {
          name: nameOf(p),
          read: p.updated.length + p.unchanged,
          total,
          changed: p.updated.length,
          unchanged: p.unchanged,
          failed: p.failures.length,
          file: p.file,
        }),
      );
      lines.push(
        ...cap(
          p.updated.map(
            (c) =>
              `  ${c.old === null ? '+' : '~'} ${c.label}${say.lang === 'zh' ? '：' : ': '}${c.old === null ? '' : `${fmt.unitPrice(c.old, c.currency)} → `}${fmt.unitPrice(c.new, c.currency)} ${say('refresh.api.per', { unit: unitWord(c.unit, say) })}${pctText(c, say)}`,
          ),
        ),
      );
      lines.push(
        ...cap(
          p.failures.map((f) =>
            say('refresh.api.failure', {
              label: f.label,
              kind: say(`refresh.kind.${f.kind}`),
              code: f.code ? say('refresh.api.code', { code: f.code }) : '',
              message: f.message,
              kept: say(f.kept ? 'refresh.api.kept' : 'refresh.api.no-price'),
            }),
          ),
        ),
      );
    }
    if (p.unsupported.length) lines.push(...cap(p.unsupported.map((u) => `  – ${u}`)));
  }
  return `${lines.join('\n')}\n`;
}

/** How many rows each provider failed to read: the exit status of the CLI is non-zero when any did. */
export function refreshFailed(r: RefreshReport): boolean {
  // "No spot offer here right now" is information, not a fault.
  return r.providers.some((p) => p.status === 'failed' || p.failures.some((f) => f.kind !== 'unsupported'));
}
