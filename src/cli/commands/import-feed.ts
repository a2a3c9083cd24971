import { basename, join } from 'node:path';
import { catalogGpuOf, FeedFormatError, skippedText } from '../../catalog/importers/feed-common.js';
import { readHuaweiFeed } from '../../catalog/importers/huawei-feed.js';
import { readTencentFeed } from '../../catalog/importers/tencent-feed.js';
import { readVolcengineFeed } from '../../catalog/importers/volcengine-feed.js';
import { priceTableText } from '../../catalog/price-table.js';
import { isoToday } from '../../engine.js';
import { InputError } from '../../errors.js';
import { args, type Command, type Io, loadEngineOrThrow, projectRoot } from '../shared.js';
import { installImport, readImportFile } from './import-file.js';

/** Largest saved feed answer accepted. */
const FEED_IMPORT_BYTES = 64_000_000;

const FEED_READERS = {
  'tencent-feed': { provider: 'tencent', read: readTencentFeed },
  'huawei-feed': { provider: 'huawei', read: readHuaweiFeed },
  'volcengine-feed': { provider: 'volcengine', read: readVolcengineFeed },
} as const;

/**
 * `procure catalog import tencent-feed|huawei-feed|volcengine-feed <file>`: a saved answer of a provider's public
 * calculator feed (shared/sources/public-price-feeds.md) into a price table. A file of another shape, or a row that
 * does not parse, is one sentence naming the file and the row, and nothing is written.
 */
async function feedImport(format: keyof typeof FEED_READERS, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    out: { type: 'string' },
    'source-url': { type: 'string' },
    table: { type: 'string' },
    region: { type: 'string' },
  });
  const file = positionals[0];
  if (!file)
    throw new InputError(
      `Say which file to import: "procure catalog import ${format} <file.json>${format === 'volcengine-feed' ? ' --table <GetTable.json>' : ''}".`,
    );
  if (values['source-url'] && !/^https?:\/\/\S+$/.test(values['source-url']))
    throw new InputError(
      `--source-url must be the http(s) URL the file was saved from, not "${values['source-url']}".`,
    );
  const text = readImportFile(file, FEED_IMPORT_BYTES);
  const table = values.table ? readImportFile(values.table, FEED_IMPORT_BYTES) : undefined;
  const engine = await loadEngineOrThrow(io.root);
  const catalog = engine.data.catalog;
  const { provider, read } = FEED_READERS[format];
  const prov = catalog.providers.find((p) => p.id === provider);
  const tag = `${format}-${basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}`;
  const gpuOf = catalogGpuOf(catalog, provider);
  let result: ReturnType<typeof readTencentFeed>;
  try {
    result = read(text, {
      source: values['source-url'] ?? `file:${basename(file)}`,
      asOf: isoToday(),
      locations: new Map((prov?.regions ?? []).map((r) => [r.id, r.location])),
      gpuModels: catalog.gpus,
      gpuOf,
      idPrefix: tag,
      ...(values.region ? { region: values.region } : {}),
      ...(table !== undefined ? { table } : {}),
    });
  } catch (err) {
    if (err instanceof FeedFormatError) throw new InputError(`${file}: ${err.message}; nothing was imported.`);
    throw err;
  }
  if (!result.prices.length) {
    io.err(
      `${file}: no price could be read (skipped: ${skippedText(result.skipped) || 'nothing'}); nothing was imported.\n`,
    );
    return 1;
  }
  const outDir = values.out ?? join(projectRoot(io), 'catalog', 'prices');
  const target = join(outDir, `${tag}.json`);
  if (!(await installImport(io, new Map([[target, priceTableText(result.prices)]])))) return 1;
  io.out(
    `Imported ${result.prices.length} price row(s) for ${result.regions.join(', ')} into ${target}${result.skipped.length ? `; skipped ${skippedText(result.skipped)}` : ''}.\n`,
  );
  return 0;
}

export const tencentFeedCommand: Command = { run: (argv, io) => feedImport('tencent-feed', argv, io) };
export const huaweiFeedCommand: Command = { run: (argv, io) => feedImport('huawei-feed', argv, io) };
export const volcengineFeedCommand: Command = { run: (argv, io) => feedImport('volcengine-feed', argv, io) };
