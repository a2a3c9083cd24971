/**
 * One refresh as every surface runs it (CLI, `/procure admin refresh`, the weekly schedule): choose the
 * providers, read their price APIs, record the report, reload the catalogue and track what changed, so
 * the weekly summary can say "ecs.gn7i-c8g1.2xlarge in cn-hangzhou +12%".
 */
import { formatProblem, readProject } from '../catalog/load.js';
import { REFRESH_PROVIDERS, type RefreshProvider } from '../catalog/schema.js';
import { PUBLIC_FEEDS } from '../refresh/public/feeds.js';
import {
  formatPublicReport,
  type PublicRefreshOptions,
  type PublicRefreshReport,
  refreshPublicPrices,
} from '../refresh/public/refresh.js';
import {
  formatRefreshReport,
  missingCredentials,
  type RefreshOptions,
  type RefreshReport,
  refreshPrices,
} from '../refresh/refresh.js';
import type { SourceFactory } from '../refresh/types.js';
import type { PriceChange, RefreshRecord, Store } from '../store/types.js';
import { trackChanges } from './changes.js';

export class RefreshSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefreshSetupError';
  }
}

export interface RunRefreshInput {
  root: string;
  /** Provider slugs, or empty / ["all"] for every provider that has credentials (all of them in a dry run). */
  providers: string[];
  dryRun: boolean;
  env: Readonly<Record<string, string | undefined>>;
  factories: Readonly<Record<RefreshProvider, SourceFactory>>;
  store?: Store | undefined;
  /** Who asked: a Slack user id, "schedule", or the local user. */
  by: string;
  now?: () => Date;
  retry?: RefreshOptions['retry'];
  onProgress?: RefreshOptions['onProgress'];
}

export interface RunRefreshResult {
  report: RefreshReport;
  text: string;
  changes: PriceChange[];
  /** Sentences for problems the refreshed catalogue has (it is then not used until fixed). */
  problems: string[];
}

/** Which providers to run; throws RefreshSetupError with one sentence when the choice cannot run. */
export function chooseProviders(
  asked: string[],
  dryRun: boolean,
  env: Readonly<Record<string, string | undefined>>,
  factories: Readonly<Record<RefreshProvider, SourceFactory>>,
): RefreshProvider[] {
  const names = asked.map((a) => a.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => n !== 'all' && !(REFRESH_PROVIDERS as readonly string[]).includes(n));
  if (unknown.length)
    throw new RefreshSetupError(
      `Unknown provider "${unknown[0]}" for a refresh: use ${REFRESH_PROVIDERS.join(', ')} or all (UCloud, AWS and Baidu have no price-API refresh yet).`,
    );
  if (names.length && !names.includes('all')) {
    const chosen = [...new Set(names)] as RefreshProvider[];
    if (!dryRun)
      for (const p of chosen) {
        const missing = missingCredentials(factories[p], env);
        if (missing.length)
          throw new RefreshSetupError(
            `${factories[p].name} credentials are missing: set ${missing.join(' and ')} (see "Provider price APIs" in the README), or add --dry-run to list the calls.`,
          );
      }
    return chosen;
  }
  if (dryRun) return [...REFRESH_PROVIDERS];
  const ready = REFRESH_PROVIDERS.filter((p) => !missingCredentials(factories[p], env).length);
  if (!ready.length)
    throw new RefreshSetupError(
      `No provider has price-API credentials set: set ${REFRESH_PROVIDERS.map((p) => factories[p].credentialVars.join(' + ')).join(', or ')} (see "Provider price APIs" in the README), or add --dry-run to list the calls.`,
    );
  return ready;
}

export function refreshRecord(report: RefreshReport, by: string): RefreshRecord {
  return {
    at: report.finishedAt,
    by,
    providers: report.providers.map((p) => ({
      provider: p.provider,
      name: p.name,
      status: p.status,
      ...(p.reason ? { reason: p.reason } : {}),
      read: p.updated.length + p.unchanged,
      updated: p.updated.length,
      failures: p.failures.map((f) => ({
        label: f.label,
        kind: f.kind,
        ...(f.code ? { code: f.code } : {}),
        message: f.message,
        kept: f.kept,
      })),
    })),
  };
}

export async function runRefresh(input: RunRefreshInput): Promise<RunRefreshResult> {
  const before = readProject(input.root);
  if (!before.data)
    throw new RefreshSetupError(
      `The catalogue has problems, so nothing was refreshed; run procure catalog lint (first: ${before.problems[0] ? formatProblem(before.problems[0]) : 'unknown'}).`,
    );
  const providers = chooseProviders(input.providers, input.dryRun, input.env, input.factories);
  const report = await refreshPrices({
    root: input.root,
    catalog: before.data.catalog,
    providers,
    dryRun: input.dryRun,
    env: input.env,
    factories: input.factories,
    ...(input.now ? { now: input.now } : {}),
    ...(input.retry ? { retry: input.retry } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  let text = formatRefreshReport(report);
  if (input.dryRun) return { report, text, changes: [], problems: [] };
  await input.store?.recordRefresh(refreshRecord(report, input.by));
  const after = readProject(input.root);
  if (!after.data) {
    const problems = after.problems.map(formatProblem);
    text += `The refreshed catalogue has problems and is not used until they are fixed:\n${problems.slice(0, 10).join('\n')}\n`;
    return { report, text, changes: [], problems };
  }
  const changes = input.store ? await trackChanges(input.store, after.data.catalog, input.now?.()) : [];
  return { report, text, changes, problems: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// `refresh --public`: the providers' public calculator feeds, no credentials.

export interface RunPublicRefreshInput {
  root: string;
  /** Provider slugs, or empty / ["all"] for every provider with a public feed. */
  providers: string[];
  dryRun: boolean;
  env: Readonly<Record<string, string | undefined>>;
  store?: Store | undefined;
  by: string;
  now?: () => Date;
  bounds?: PublicRefreshOptions['bounds'];
  feeds?: PublicRefreshOptions['feeds'];
  onProgress?: PublicRefreshOptions['onProgress'];
}

export interface RunPublicRefreshResult {
  report: PublicRefreshReport;
  text: string;
  changes: PriceChange[];
  problems: string[];
}

/** Which providers' feeds to read; throws RefreshSetupError with one sentence for an unknown one. */
export function choosePublicProviders(
  asked: string[],
  feeds: PublicRefreshOptions['feeds'] = PUBLIC_FEEDS,
): RefreshProvider[] {
  const available = REFRESH_PROVIDERS.filter((p) => feeds?.[p] ?? PUBLIC_FEEDS[p]);
  const names = asked.map((a) => a.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => n !== 'all' && !(available as readonly string[]).includes(n));
  if (unknown.length)
    throw new RefreshSetupError(
      `No public price feed is read for "${unknown[0]}": use ${available.join(', ')} or all.`,
    );
  if (!names.length || names.includes('all')) return [...available];
  return [...new Set(names)] as RefreshProvider[];
}

export function publicRefreshRecord(report: PublicRefreshReport, by: string): RefreshRecord {
  return {
    at: report.finishedAt,
    by,
    providers: report.providers.map((p) => ({
      provider: p.provider,
      name: `${p.name} (public feed)`,
      status: p.status,
      ...(p.reason ? { reason: p.reason } : {}),
      read: p.rows,
      updated: p.added.length + p.changed.length,
      failures:
        p.status === 'failed'
          ? [{ label: `${p.name} public feed`, kind: 'bad-response', message: p.reason ?? 'failed', kept: true }]
          : [],
    })),
  };
}

export async function runPublicRefresh(input: RunPublicRefreshInput): Promise<RunPublicRefreshResult> {
  const before = readProject(input.root);
  if (!before.data)
    throw new RefreshSetupError(
      `The catalogue has problems, so nothing was refreshed; run procure catalog lint (first: ${before.problems[0] ? formatProblem(before.problems[0]) : 'unknown'}).`,
    );
  const providers = choosePublicProviders(input.providers, input.feeds);
  const report = await refreshPublicPrices({
    root: input.root,
    catalog: before.data.catalog,
    providers,
    dryRun: input.dryRun,
    env: input.env,
    ...(input.now ? { now: input.now } : {}),
    ...(input.bounds ? { bounds: input.bounds } : {}),
    ...(input.feeds ? { feeds: input.feeds } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const text = formatPublicReport(report);
  if (input.dryRun) return { report, text, changes: [], problems: [] };
  await input.store?.recordRefresh(publicRefreshRecord(report, input.by));
  const after = readProject(input.root);
  if (!after.data) {
    const problems = after.problems.map(formatProblem);
    return {
      report,
      text: `${text}The catalogue has problems and is not used until they are fixed:\n${problems.slice(0, 10).join('\n')}\n`,
      changes: [],
      problems,
    };
  }
  const changes = input.store ? await trackChanges(input.store, after.data.catalog, input.now?.()) : [];
  return { report, text, changes, problems: [] };
}
