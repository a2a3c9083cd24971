/**
 * One refresh as every surface runs it (CLI, `/procure admin refresh`, the weekly schedule): choose the
 * providers, read their price APIs, record the report, reload the catalogue and track what changed, so
 * the weekly summary can say "ecs.gn7i-c8g1.2xlarge in cn-hangzhou +12%".
 */
import { type Catalog, formatProblem, readProject } from '../catalog/load.js';
import { REFRESH_PROVIDERS, type RefreshProvider } from '../catalog/schema.js';
import { shippedSay } from '../catalog/shipped-messages.js';
import type { Say } from '../domain/say.js';
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
  /** The report's language (the admin's, the CLI user's); English by default. */
  say?: Say;
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
  say: Say = shippedSay('en'),
  catalog?: Catalog,
): RefreshProvider[] {
  const nameOf = (p: RefreshProvider) =>
    (say.lang === 'zh' ? catalog?.providers.find((x) => x.id === p)?.names_zh[0] : undefined) ?? factories[p].name;
  const names = asked.map((a) => a.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => n !== 'all' && !(REFRESH_PROVIDERS as readonly string[]).includes(n));
  if (unknown.length)
    throw new RefreshSetupError(
      say('refresh.setup.unknown-provider', { said: unknown[0] ?? '', list: REFRESH_PROVIDERS.join(', ') }),
    );
  if (names.length && !names.includes('all')) {
    const chosen = [...new Set(names)] as RefreshProvider[];
    if (!dryRun)
      for (const p of chosen) {
        const missing = missingCredentials(factories[p], env);
        if (missing.length)
          throw new RefreshSetupError(
            say('refresh.setup.missing-credentials', {
              name: nameOf(p),
              vars: missing.join(say('refresh.and')),
            }),
          );
      }
    return chosen;
  }
  if (dryRun) return [...REFRESH_PROVIDERS];
  const ready = REFRESH_PROVIDERS.filter((p) => !missingCredentials(factories[p], env).length);
  if (!ready.length)
    throw new RefreshSetupError(
      say('refresh.setup.no-credentials', {
        vars: REFRESH_PROVIDERS.map((p) => factories[p].credentialVars.join(' + ')).join(say('refresh.or')),
      }),
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
  const say = input.say ?? shippedSay('en');
  const before = readProject(input.root);
  if (!before.data)
    throw new RefreshSetupError(
      say('refresh.setup.bad-catalogue', {
        first: before.problems[0] ? formatProblem(before.problems[0]) : 'unknown',
      }),
    );
  const providers = chooseProviders(
    input.providers,
    input.dryRun,
    input.env,
    input.factories,
    say,
    before.data.catalog,
  );
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
    say,
  });
  let text = formatRefreshReport(report, { say, catalog: before.data.catalog });
  if (input.dryRun) return { report, text, changes: [], problems: [] };
  await input.store?.recordRefresh(refreshRecord(report, input.by));
  const after = readProject(input.root);
  if (!after.data) {
    const problems = after.problems.map(formatProblem);
    text += `${say('refresh.after.problems', { problems: problems.slice(0, 10).join('\n') })}\n`;
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
  /** The report's language (the admin's, the CLI user's); English by default. */
  say?: Say;
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
  say: Say = shippedSay('en'),
): RefreshProvider[] {
  const available = REFRESH_PROVIDERS.filter((p) => feeds?.[p] ?? PUBLIC_FEEDS[p]);
  const names = asked.map((a) => a.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => n !== 'all' && !(available as readonly string[]).includes(n));
  if (unknown.length)
    throw new RefreshSetupError(say('refresh.setup.no-feed', { said: unknown[0] ?? '', list: available.join(', ') }));
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
  const say = input.say ?? shippedSay('en');
  const before = readProject(input.root);
  if (!before.data)
    throw new RefreshSetupError(
      say('refresh.setup.bad-catalogue', {
        first: before.problems[0] ? formatProblem(before.problems[0]) : 'unknown',
      }),
    );
  const providers = choosePublicProviders(input.providers, input.feeds, say);
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
    say,
  });
  const text = formatPublicReport(report, { say, catalog: before.data.catalog });
  if (input.dryRun) return { report, text, changes: [], problems: [] };
  await input.store?.recordRefresh(publicRefreshRecord(report, input.by));
  const after = readProject(input.root);
  if (!after.data) {
    const problems = after.problems.map(formatProblem);
    return {
      report,
      text: `${text}${say('refresh.after.problems', { problems: problems.slice(0, 10).join('\n') })}\n`,
      changes: [],
      problems,
    };
  }
  const changes = input.store ? await trackChanges(input.store, after.data.catalog, input.now?.()) : [];
  return { report, text, changes, problems: [] };
}
