/**
 * `procure catalog <sub-command>`: each sub-command, and each import format, is a module loaded only when it runs
 * (a new one is a module and one line in SUBCOMMANDS or IMPORT_FORMATS).
 */
import { inputError } from '../../errors.js';
import type { Command, Io } from '../shared.js';

const SUBCOMMANDS: Record<string, () => Promise<Command>> = {
  lint: () => import('./catalog-lint.js'),
  coverage: () => import('./catalog-report.js').then((m) => m.coverageCommand),
  stale: () => import('./catalog-report.js').then((m) => m.staleCommand),
  diff: () => import('./catalog-diff.js'),
  refresh: () => import('./catalog-refresh.js'),
  import: async () => ({ run: catalogImport }),
};

/** `procure catalog import <format> …`: each format's importer, by name. */
const IMPORT_FORMATS: Record<string, () => Promise<Command>> = {
  'aws-offer': () => import('./import-aws-offer.js'),
  csv: () => import('./import-csv.js'),
  'alibaba-price-file': () => import('./import-public.js').then((m) => m.alibabaPriceFile),
  skypilot: () => import('./import-public.js').then((m) => m.skypilot),
  'tencent-feed': () => import('./import-feed.js').then((m) => m.tencentFeedCommand),
  'huawei-feed': () => import('./import-feed.js').then((m) => m.huaweiFeedCommand),
  'volcengine-feed': () => import('./import-feed.js').then((m) => m.volcengineFeedCommand),
};

export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...more] = argv;
  const load = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!load) throw inputError('cli.err.unknown-catalog', { sub: sub ?? '' });
  return (await load()).run(more, io);
}

async function catalogImport(argv: string[], io: Io): Promise<number> {
  const [format, ...rest] = argv;
  const load = format !== undefined && Object.hasOwn(IMPORT_FORMATS, format) ? IMPORT_FORMATS[format] : undefined;
  if (!load) throw inputError('cli.err.unknown-format', { format: format ?? '' });
  return (await load()).run(rest, io);
}
