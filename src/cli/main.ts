/**
 * The `procure` command line, as in shared/contract.md. Bad input gets one sentence on stderr and exit 1;
 * never a stack trace (set PROCURE_DEBUG=1 to see one for an unexpected failure).
 */

import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeChange, trackChanges } from '../app/changes.js';
import { COVERAGE_KINDS, coverage, staleEntries } from '../app/coverage.js';
import { quoteFrom, quotesFromCsv } from '../app/quotes.js';
import { historyRecord } from '../app/record.js';
import { RefreshSetupError, runRefresh } from '../app/refresh.js';
import { weeklySummary } from '../app/summary.js';
import { ImportError, importAwsOffer } from '../catalog/aws-offer.js';
import { pricesFromCsv } from '../catalog/csv-prices.js';
import { DataError, defaultRoot, formatProblem, readProject } from '../catalog/load.js';
import { priceTableText } from '../catalog/price-table.js';
import { REFRESH_PROVIDERS } from '../catalog/schema.js';
import { ConfigError, loadDotEnv, readConfig, readStaleDays } from '../config/env.js';
import type { Quote } from '../domain/quote.js';
import type { Lang } from '../domain/request.js';
import { Engine, InputError, isoToday } from '../engine.js';
import { PRICE_SOURCES } from '../refresh/providers/index.js';
import { readWatchlist, refreshFailed } from '../refresh/refresh.js';
import { csvCell } from '../render/csv.js';
import { writeFileDurably } from '../store/durable-json.js';
import { FileStore, StoreError } from '../store/file-store.js';
import type { HistoryRecord } from '../store/types.js';
import { isoWeekOf, isValidWeek } from '../store/week.js';

/** Largest quote file accepted. */
const MAX_IMPORT_BYTES = 5_000_000;

import { runConsole } from './console.js';

const USAGE = `Usage:
  procure start [--lang en|zh]          run the bot (the local console when no Slack credentials are set)
  procure ask [--json] [--no-record] [--lang en|zh] "<question>"
                                        --lang: answer in English or Chinese (default: the question's language)
  procure parse --json "<question>"
  procure summary [--json] [--week YYYY-Www] [--lang en|zh]
  procure quotes list [--json]
  procure quotes add --provider P --resource R --region ID --price N --unit U --currency C --reference REF --valid-until YYYY-MM-DD
                     [--sku S] [--billing payg|subscription|spot] [--gpu MODEL] [--gpu-count N] [--model M] [--direction input|output]
  procure quotes remove <id or reference>
  procure quotes import <file.csv>
  procure history export [--since YYYY-MM-DD] [--format csv|json]
  procure catalog lint                  check catalog/, intents/ and templates/
  procure catalog coverage [--json]     sourced rows and gaps per provider and resource kind
  procure catalog stale [--json]        entries older than the staleness age
  procure catalog import aws-offer <offer-file.json> --region <code> [--out <dir>]
  procure catalog import csv <price-sheet.csv> [--out <dir>]
  procure catalog diff [--since YYYY-MM-DD] [--json]   price changes noticed in the catalogue
  procure catalog refresh [--provider alibaba|tencent|huawei|volcengine|all] [--dry-run] [--json]
                                        read watchlist prices from the providers' price APIs
  procure help

The store lives in PROCURE_DATA_DIR (default ./data).`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  root?: string | undefined;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  stdin: process.stdin,
  stdout: process.stdout,
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    // The contract: a .env file is read when present, by every command (PROCURE_DATA_DIR, PROCURE_STALE_DAYS…).
    loadDotEnv();
    return await run(argv, io);
  } catch (err) {
    if (
      err instanceof InputError ||
      err instanceof DataError ||
      err instanceof ConfigError ||
      err instanceof StoreError ||
      (err instanceof Error && err.name === 'StartupError')
    ) {
      io.err(`${err.message}\n`);
      return 1;
    }
    io.err(`Something went wrong: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.PROCURE_DEBUG) io.err(`${(err as Error).stack}\n`);
    return 1;
  }
}

function loadEngineOrThrow(root?: string): Engine {
  const { data, problems } = readProject(root);
  if (!data) throw new DataError(problems);
  const staleDays = readStaleDays();
  return new Engine(data, staleDays === undefined ? {} : { staleDays });
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'start': {
      const { values } = args(rest, { lang: { type: 'string' } });
      return start(io, langOption(values.lang));
    }
    case 'ask': {
      const { values, positionals } = args(rest, {
        json: { type: 'boolean' },
        'no-record': { type: 'boolean' },
        lang: { type: 'string' },
      });
      const lang = langOption(values.lang);
      const text = positionals.join(' ');
      const engine = loadEngineOrThrow(io.root);
      const store = await FileStore.open(dataDir(), { writer: false });
      try {
        const { request, answer } = engine.ask(text, isoToday(), { quotes: await store.quotes(), lang });
        if (answer.kind === 'summary')
          return await printSummary(engine, store, currentWeek(), Boolean(values.json), io, answer.lang);
        if (!values['no-record'] && answer.kind !== 'help' && answer.kind !== 'followup')
          await store.recordRequest(
            historyRecord({ text, request, answer }, { surface: 'cli', user: localUser(), channel: null }),
          );
        if (values.json) io.out(`${JSON.stringify({ request, answer }, null, 2)}\n`);
        else io.out(engine.text(answer));
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'summary': {
      const { values } = args(rest, { json: { type: 'boolean' }, week: { type: 'string' }, lang: { type: 'string' } });
      const lang = langOption(values.lang) ?? 'en';
      const week = values.week ?? currentWeek();
      if (!isValidWeek(week))
        throw new InputError(`--week must be an ISO week such as ${currentWeek()}, not "${week}".`);
      const engine = loadEngineOrThrow(io.root);
      const store = await FileStore.open(dataDir(), { writer: false });
      try {
        return await printSummary(engine, store, week, Boolean(values.json), io, lang);
      } finally {
        await store.close();
      }
    }
    case 'quotes':
      return quotesCommand(rest, io);
    case 'history': {
      const [sub, ...more] = rest;
      if (sub !== 'export')
        throw new InputError(`Unknown history command "${sub ?? ''}": try "procure history export".`);
      const { values } = args(more, { since: { type: 'string' }, format: { type: 'string' } });
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new InputError(`--format must be csv or json, not "${format}".`);
      let from: Date | undefined;
      if (values.since !== undefined) {
        const since = new Date(`${values.since}T00:00:00Z`);
        if (
          !/^\d{4}-\d{2}-\d{2}$/.test(values.since) ||
          Number.isNaN(since.getTime()) ||
          since.toISOString().slice(0, 10) !== values.since
        )
          throw new InputError(`--since must be a date written YYYY-MM-DD, not "${values.since}".`);
        from = new Date(`${values.since}T00:00:00Z`);
      }
      const store = await FileStore.open(dataDir(), { writer: false });
      try {
        const records = await store.history({ ...(from ? { from } : {}) });
        io.out(format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : historyCsv(records));
        if (store.skippedLines) io.err(`${store.skippedLines} unreadable history line(s) were skipped.\n`);
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'parse': {
      const { positionals } = args(rest, { json: { type: 'boolean' } });
      const engine = loadEngineOrThrow(io.root);
      io.out(`${JSON.stringify(engine.parse(positionals.join(' ')), null, 2)}\n`);
      return 0;
    }
    case 'catalog': {
      const [sub, ...more] = rest;
      if (sub === 'coverage' || sub === 'stale') return catalogReport(sub, more, io);
      if (sub === 'import') return catalogImport(more, io);
      if (sub === 'diff') return catalogDiff(more, io);
      if (sub === 'refresh') return catalogRefresh(more, io);
      if (sub !== 'lint')
        throw new InputError(
          `Unknown catalog command "${sub ?? ''}": use lint, coverage, stale, diff, import or refresh.`,
        );
      const { data, problems, warnings } = readProject(io.root);
      const sentences = problems.map(formatProblem);
      // Watchlists are checked against the providers they name, so only once the catalogue itself reads.
      if (data)
        for (const p of REFRESH_PROVIDERS)
          sentences.push(...readWatchlist(io.root ?? defaultRoot(), p, data.catalog, PRICE_SOURCES[p]).problems);
      if (sentences.length === 0) {
        io.out('catalog, watchlists, intents and templates: OK\n');
        // Not problems: what Chinese answers still show in English. On stdout, so stderr stays the problem list.
        if (warnings.length) {
          io.out(`${warnings.length} entries have no Chinese text yet (Chinese answers show their English):\n`);
          for (const w of warnings) io.out(`warning: ${formatProblem(w)}\n`);
        }
        return 0;
      }
      for (const p of sentences) io.err(`${p}\n`);
      return 1;
    }
    case 'help':
    case '--help':
    case '-h':
      io.out(`${USAGE}\n`);
      return 0;
    default:
      throw new InputError(`Unknown command "${command}": run "procure help" for the list of commands.`);
  }
}

/** `--lang en|zh`: the answer's language; absent, the question's. */
function langOption(value: string | undefined): Lang | null {
  if (value === undefined) return null;
  const lang = value.trim().toLowerCase();
  if (lang === 'en' || lang === 'zh') return lang;
  throw new InputError(`--lang must be en or zh, not "${value}".`);
}

function args<T extends Record<string, { type: 'boolean' | 'string' }>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message.replace(/\. To specify.*$/, '')}.`);
  }
}

async function catalogRefresh(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    provider: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length)
    throw new InputError(
      `Unexpected "${positionals[0]}": use "procure catalog refresh [--provider alibaba|tencent|huawei|volcengine|all] [--dry-run]".`,
    );
  const dryRun = Boolean(values['dry-run']);
  const store = dryRun ? undefined : await FileStore.open(dataDir(), { writer: false });
  try {
    const lastShown = new Map<string, number>();
    const result = await runRefresh({
      root: io.root ?? defaultRoot(),
      providers: (values.provider ?? '').split(','),
      dryRun,
      env: process.env,
      factories: PRICE_SOURCES,
      store,
      by: localUser(),
      // Progress on stderr, every tenth of the way, so a long refresh is visibly alive.
      onProgress: (done, total, provider) => {
        const step = Math.max(1, Math.ceil(total / 10));
        if (done === total || done - (lastShown.get(provider) ?? 0) >= step) {
          lastShown.set(provider, done);
          io.err(`${provider}: ${done}/${total} calls\n`);
        }
      },
    });
    io.out(values.json ? `${JSON.stringify(result.report, null, 2)}\n` : result.text);
    if (!values.json && result.changes.length)
      io.out(`${result.changes.length} catalogue price change(s) recorded; "procure catalog diff" lists them.\n`);
    return refreshFailed(result.report) || result.problems.length ? 1 : 0;
  } catch (err) {
    if (err instanceof RefreshSetupError) throw new InputError(err.message);
    throw err;
  } finally {
    await store?.close();
  }
}

async function catalogDiff(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { since: { type: 'string' }, json: { type: 'boolean' } });
  let from: Date | undefined;
  if (values.since !== undefined) {
    const d = new Date(`${values.since}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== values.since)
      throw new InputError(`--since must be a date written YYYY-MM-DD, not "${values.since}".`);
    from = d;
  }
  const engine = loadEngineOrThrow(io.root);
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    const fresh = await trackChanges(store, engine.data.catalog);
    const changes = await store.priceChanges(from ? { from } : {});
    if (values.json) io.out(`${JSON.stringify(changes, null, 2)}\n`);
    else if (!changes.length)
      io.out(
        `No price changes recorded${from ? ` since ${values.since}` : ''}. (Changes are noticed when the catalogue is loaded by the bot, an import or this command.)\n`,
      );
    else for (const c of changes) io.out(`${describeChange(c)}\n`);
    if (fresh.length && !values.json) io.err(`${fresh.length} change(s) noticed now.\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Reads a file given to an import command: one sentence when it is missing, unreadable or too large. */
function readImportFile(file: string): string {
  try {
    if (statSync(file).size > MAX_IMPORT_BYTES)
      throw new InputError(`${file} is larger than ${MAX_IMPORT_BYTES / 1e6} MB; split it.`);
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InputError(`Cannot read ${file}: ${why}.`);
  }
}

async function csvImport(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { out: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw new InputError('Say which file to import: "procure catalog import csv <file.csv>".');
  const text = readImportFile(file);
  const engine = loadEngineOrThrow(io.root);
  const tag = `csv-${basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;
  const { rows, problems } = pricesFromCsv(text, engine.data.catalog, tag);
  for (const p of problems) io.err(`${file}: line ${p.line}: ${p.reason}\n`);
  if (!rows.length) {
    io.err('Nothing was imported.\n');
    return 1;
  }
  const outDir = values.out ?? join(io.root ?? defaultRoot(), 'catalog', 'prices');
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `${tag}.json`);
  // An earlier import of the same sheet is put back if this one clashes: an import never loses a price.
  const previous = existsSync(target) ? readFileSync(target, 'utf8') : null;
  writeFileDurably(target, priceTableText(rows));
  const after = readProject(io.root);
  if (!after.data) {
    if (previous === null) rmSync(target, { force: true });
    else writeFileDurably(target, previous);
    for (const p of after.problems) io.err(`${formatProblem(p)}\n`);
    io.err(
      `The imported rows clash with the catalogue (above); ${target} was ${previous === null ? 'not kept' : 'put back as it was'}.\n`,
    );
    return 1;
  }
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    await trackChanges(store, after.data.catalog);
  } finally {
    await store.close();
  }
  io.out(
    `Imported ${rows.length} price row(s) into ${target}${problems.length ? `; ${problems.length} row(s) had problems and were skipped` : ''}.\n`,
  );
  return 0;
}

async function catalogImport(argv: string[], io: Io): Promise<number> {
  const [format, ...rest] = argv;
  if (format === 'csv') return csvImport(rest, io);
  if (format !== 'aws-offer')
    throw new InputError(
      `Unknown import format "${format ?? ''}": use "procure catalog import aws-offer <offer-file.json> --region <code>" or "procure catalog import csv <file.csv>".`,
    );
  const { values, positionals } = args(rest, {
    region: { type: 'string' },
    out: { type: 'string' },
    'source-url': { type: 'string' },
  });
  const file = positionals[0];
  if (!file)
    throw new InputError(
      'Say which offer file to import: "procure catalog import aws-offer <file> --region ap-east-1".',
    );
  if (!values.region)
    throw new InputError('--region is missing: the AWS region code to import, e.g. --region ap-east-1.');
  if (!existsSync(file)) throw new InputError(`Cannot read ${file}: no such file.`);
  const engine = loadEngineOrThrow(io.root);
  let report: Awaited<ReturnType<typeof importAwsOffer>>;
  try {
    report = await importAwsOffer(
      file,
      values.region,
      engine.data.catalog,
      values['source-url'] ? { sourceUrl: values['source-url'] } : {},
    );
  } catch (err) {
    if (err instanceof ImportError) throw new InputError(err.message);
    throw err;
  }
  const outDir = values.out ?? join(io.root ?? defaultRoot(), 'catalog', 'prices');
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `aws-${values.region}.json`);
  // One shared header and a compact row per price: loads fast at 100,000 rows (catalog/README.md, "Machine-written price tables").
  writeFileDurably(target, priceTableText(report.rows));
  const after = readProject(io.root);
  if (after.data) {
    const store = await FileStore.open(dataDir(), { writer: false });
    try {
      await trackChanges(store, after.data.catalog);
    } finally {
      await store.close();
    }
  }
  io.out(
    `Imported ${report.rows.length} price rows for ${values.region} from ${report.offerCode} ${report.version} (published ${report.publicationDate.slice(0, 10)}) into ${target}.\n` +
      `Read ${report.productsSeen} products, kept ${report.productsKept}; left out: ${report.skipped.map((s) => `${s.count} ${s.reason}`).join(', ') || 'none'}.\n`,
  );
  return 0;
}

function catalogReport(sub: 'coverage' | 'stale', argv: string[], io: Io): number {
  const { values } = args(argv, { json: { type: 'boolean' } });
  const engine = loadEngineOrThrow(io.root);
  if (sub === 'coverage') {
    const rows = coverage(engine.data.catalog);
    if (values.json) {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    io.out(`provider        ${COVERAGE_KINDS.map((k) => k.padStart(9)).join(' ')}  facts  gaps\n`);
    for (const r of rows)
      io.out(
        `${r.name.padEnd(15)} ${COVERAGE_KINDS.map((k) => String(r.counts[k]).padStart(9)).join(' ')}  ${String(r.facts).padStart(5)}  ${r.gaps.join(', ') || '—'}\n`,
      );
    io.out('Numbers are sourced catalogue rows. A gap is answered with the vendor question and the calculator URL.\n');
    return 0;
  }
  const days = engine.domain.options.staleDays;
  const stale = staleEntries(engine.data.catalog, isoToday(), days);
  if (values.json) io.out(`${JSON.stringify(stale, null, 2)}\n`);
  else if (!stale.length) io.out(`No catalogue entry is older than ${days} days.\n`);
  else {
    io.out(
      `${stale.length} entr${stale.length === 1 ? 'y is' : 'ies are'} older than ${days} days (PROCURE_STALE_DAYS):\n`,
    );
    for (const e of stale)
      io.out(`  ${e.asOf}  ${String(e.ageDays).padStart(5)} days  ${e.id}  (${e.what}) — ${e.source}\n`);
  }
  return 0;
}

function dataDir(): string {
  return process.env.PROCURE_DATA_DIR?.trim() || './data';
}

function localUser(): string {
  return process.env.USER || process.env.USERNAME || 'local';
}

function currentWeek(): string {
  return isoWeekOf(new Date());
}

async function printSummary(
  engine: Engine,
  store: FileStore,
  week: string,
  json: boolean,
  io: Io,
  lang: Lang = 'en',
): Promise<number> {
  const summary = await weeklySummary(store, engine, week, isoToday());
  io.out(json ? `${JSON.stringify(summary, null, 2)}\n` : `${engine.renderer.summary(summary, 'text', lang)}\n`);
  return 0;
}

async function quotesCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const engine = loadEngineOrThrow(io.root);
  if (sub === 'list') {
    const { values } = args(rest, { json: { type: 'boolean' } });
    const store = await FileStore.open(dataDir(), { writer: false });
    const quotes = await store.quotes();
    await store.close();
    if (values.json) io.out(`${JSON.stringify(quotes, null, 2)}\n`);
    else if (!quotes.length)
      io.out('No vendor quotes yet: add one with "procure quotes add" or "procure quotes import <file.csv>".\n');
    else {
      const today = isoToday();
      for (const q of quotes)
        io.out(
          `${q.id}  ${q.reference}  ${q.provider} ${q.resource}${q.gpu ? ` ${q.gpu.count}x ${q.gpu.model}` : ''}${q.sku ? ` ${q.sku}` : ''} in ${q.location}: ${q.currency} ${q.price} per ${q.unit} (${q.billing}), valid until ${q.validUntil}${q.validUntil < today ? ' — EXPIRED' : ''}\n`,
        );
    }
    return 0;
  }
  if (sub === 'add') {
    const { values } = args(rest, {
      provider: { type: 'string' },
      resource: { type: 'string' },
      sku: { type: 'string' },
      region: { type: 'string' },
      price: { type: 'string' },
      unit: { type: 'string' },
      currency: { type: 'string' },
      reference: { type: 'string' },
      'valid-until': { type: 'string' },
      billing: { type: 'string' },
      gpu: { type: 'string' },
      'gpu-count': { type: 'string' },
      model: { type: 'string' },
      direction: { type: 'string' },
      'storage-class': { type: 'string' },
    });
    let quote: Quote;
    try {
      quote = quoteFrom(
        {
          provider: values.provider,
          resource: values.resource,
          sku: values.sku,
          region: values.region,
          price: values.price,
          unit: values.unit,
          currency: values.currency,
          reference: values.reference,
          valid_until: values['valid-until'],
          billing: values.billing,
          gpu_model: values.gpu,
          gpu_count: values['gpu-count'],
          model: values.model,
          direction: values.direction,
          storage_class: values['storage-class'],
        },
        engine.data.catalog,
        localUser(),
      );
    } catch (err) {
      const msg = (err as Error).message.replace(
        /^(\w+) is missing$/,
        (_m, f: string) => `--${f.replace(/_/g, '-')} is missing`,
      );
      throw new InputError(`The quote was not added: ${msg}.`);
    }
    const store = await FileStore.open(dataDir(), { writer: true });
    try {
      await store.addQuotes([quote]);
    } finally {
      await store.close();
    }
    io.out(`Added quote ${quote.reference} (id ${quote.id}), valid until ${quote.validUntil}.\n`);
    return 0;
  }
  if (sub === 'remove') {
    const { positionals } = args(rest, {});
    const key = positionals[0];
    if (!key) throw new InputError('Say which quote to remove: "procure quotes remove <id or reference>".');
    const store = await FileStore.open(dataDir(), { writer: true });
    try {
      const n = await store.removeQuote(key);
      if (!n) throw new InputError(`No quote has the id or reference "${key}"; "procure quotes list" shows them.`);
      io.out(`Removed ${n} quote(s) matching ${key}.\n`);
      return 0;
    } finally {
      await store.close();
    }
  }
  if (sub === 'import') {
    const { positionals } = args(rest, {});
    const file = positionals[0];
    if (!file) throw new InputError('Say which file to import: "procure quotes import <file.csv>".');
    const text = readImportFile(file);
    const { quotes, problems } = quotesFromCsv(text, engine.data.catalog, localUser());
    for (const p of problems) io.err(`${file}: line ${p.line}: ${p.reason}\n`);
    if (quotes.length) {
      const store = await FileStore.open(dataDir(), { writer: true });
      try {
        await store.addQuotes(quotes);
      } finally {
        await store.close();
      }
    }
    io.out(
      `Imported ${quotes.length} quote(s)${problems.length ? `; ${problems.length} row(s) had problems and were skipped` : ''}.\n`,
    );
    return problems.length && !quotes.length ? 1 : 0;
  }
  throw new InputError(`Unknown quotes command "${sub ?? ''}": use list, add, remove or import.`);
}

function historyCsv(records: HistoryRecord[]): string {
  const cols = [
    'at',
    'surface',
    'user',
    'channel',
    'intent',
    'text',
    'top_provider',
    'top_region',
    'monthly',
    'currency',
    'gaps',
    'questions',
  ];
  const cell = csvCell;
  const rows = records.map((r) =>
    [
      r.at,
      r.surface,
      r.user,
      r.channel,
      r.intent,
      r.text,
      r.top?.provider,
      r.top?.region ?? r.top?.location,
      r.monthly,
      r.currency,
      r.gaps,
      r.questions.length,
    ]
      .map(cell)
      .join(','),
  );
  return `${[cols.join(','), ...rows].join('\r\n')}\r\n`;
}

async function start(io: Io, lang: Lang | null = null): Promise<number> {
  const config = readConfig();
  if (config.mode !== 'console') {
    // Checked here, so a bad catalogue is refused with every problem listed; then let go of, because the
    // answering worker loads its own copy (two would double the memory of a large catalogue).
    const options = loadEngineOrThrow(io.root).domain.options;
    // Loaded only in Slack mode, so the console and the CLI never load Bolt.
    const { runSlack } = await import('../slack/run.js');
    return runSlack(config, options, io.root ?? defaultRoot());
  }
  const engine = loadEngineOrThrow(io.root);
  const store = await FileStore.open(config.dataDir, { writer: false });
  try {
    return await runConsole(engine, io, store, localUser(), lang);
  } finally {
    await store.close();
  }
}
