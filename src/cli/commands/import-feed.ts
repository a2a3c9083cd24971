import { basename, join } from 'node:path';
import { catalogGpuOf, FeedFormatError } from '../../catalog/importers/feed-common.js';
import { readHuaweiFeed } from '../../catalog/importers/huawei-feed.js';
import { readTencentFeed } from '../../catalog/importers/tencent-feed.js';
import { readVolcengineFeed } from '../../catalog/importers/volcengine-feed.js';
import { priceTableText } from '../../catalog/price-table.js';
import type { Say } from '../../domain/say.js';
import { isoToday } from '../../engine.js';
import { InputError, inputError } from '../../errors.js';
import { args, type Command, cliSay, type Io, loadEngineOrThrow, projectRoot } from '../shared.js';
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
/** Skipped rows as the importer counted them: each reason in English; in Chinese, how many (the reasons are the sources' words). */
function skippedList(skipped: { count: number; reason: string }[], say: Say, sep = '; '): string {
  if (!skipped.length) return say('cli.import.nothing');
  return say('cli.import.skipped', {
    list: skipped.map((s) => `${s.count} ${s.reason}`).join(sep),
    n: skipped.reduce((n, s) => n + s.count, 0),
  });
}

async function feedImport(format: keyof typeof FEED_READERS, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    out: { type: 'string' },
    'source-url': { type: 'string' },
    table: { type: 'string' },
    region: { type: 'string' },
  });
  const file = positionals[0];
  const say = await cliSay();
  if (!file)
    throw inputError('cli.import.which-file', {
      usage: `procure catalog import ${format} <file.json>${format === 'volcengine-feed' ? ' --table <GetTable.json>' : ''}`,
    });
  if (values['source-url'] && !/^https?:\/\/\S+$/.test(values['source-url']))
    throw inputError('cli.import.feed-source-url', { said: values['source-url'] });
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
    if (err instanceof FeedFormatError) throw new InputError(say('cli.import.feed-bad', { file, why: err.in(say) }));
    throw err;
  }
  if (!result.prices.length) {
    io.err(`${say('cli.import.feed-empty', { file, list: skippedList(result.skipped, say) })}\n`);
    return 1;
  }
  const outDir = values.out ?? join(projectRoot(io), 'catalog', 'prices');
  const target = join(outDir, `${tag}.json`);
  if (!(await installImport(io, new Map([[target, priceTableText(result.prices)]])))) return 1;
  io.out(
    `${say('cli.import.done-feed', {
      n: result.prices.length,
      regions: result.regions.join(', '),
      file: target,
      skipped: result.skipped.length
        ? say('cli.import.done-feed-skipped', { list: skippedList(result.skipped, say, ', ') })
        : '',
    })}\n`,
  );
  return 0;
}

export const tencentFeedCommand: Command = { run: (argv, io) => feedImport('tencent-feed', argv, io) };
export const huaweiFeedCommand: Command = { run: (argv, io) => feedImport('huawei-feed', argv, io) };
export const volcengineFeedCommand: Command = { run: (argv, io) => feedImport('volcengine-feed', argv, io) };
