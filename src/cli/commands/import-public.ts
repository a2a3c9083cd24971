/**
 * `procure catalog import alibaba-price-file <instancePrice.json> [--out <dir>]` and
 * `procure catalog import skypilot <vms.csv> --provider <slug> [--out <dir>]`: thin file I/O around the pure readers
 * in src/catalog/importers/. The rows are written whole (a temporary file renamed into place); when they go into
 * catalog/, the project is read again and a clash puts every file back as it was — nothing half-written stays.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ImportError } from '../../catalog/aws-offer.js';
import { readAlibabaPriceFile } from '../../catalog/importers/alibaba-price-file.js';
import { readSkypilotCsv } from '../../catalog/importers/skypilot.js';
import { instanceTypeRow, instanceTypesText } from '../../catalog/instance-types.js';
import { type Catalog, formatProblem, type Problem, readProject } from '../../catalog/load.js';
import { priceTableText } from '../../catalog/price-table.js';
import { IsoDate, PROVIDER_SLUGS, type ProviderSlug, Source } from '../../catalog/schema.js';
import type { Say } from '../../domain/say.js';
import { isoToday } from '../../engine.js';
import { InputError, inputError } from '../../errors.js';
import { type Command, cliSay, args as flags, type Io, projectRoot } from '../shared.js';
import { installImport, readImportFile } from './import-file.js';

export const PUBLIC_IMPORT_FORMATS = ['alibaba-price-file', 'skypilot'] as const;

/** The real price files are larger than a hand-made sheet: Alibaba's instancePrice.json runs to tens of megabytes. */
const MAX_BYTES = 200_000_000;

function args(argv: string[]) {
  return flags(argv, {
    out: { type: 'string' },
    provider: { type: 'string' },
    'source-url': { type: 'string' },
    'as-of': { type: 'string' },
  });
}

/** Skipped rows as the importer counted them: each reason in English; in Chinese, how many (the reasons are the sources' words). */
function skippedList(skipped: { count: number; reason: string }[], say: Say, sep = '; '): string {
  if (!skipped.length) return say('cli.import.nothing');
  return say('cli.import.skipped', {
    list: skipped.map((s) => `${s.count} ${s.reason}`).join(sep),
    n: skipped.reduce((n, s) => n + s.count, 0),
  });
}

function loadCatalog(root: string | undefined): Catalog {
  const { data, problems } = readProject(root);
  if (!data)
    throw inputError('cli.import.catalogue-bad', {
      first: problems[0] ? formatProblem(problems[0] as Problem) : 'unknown problem',
    });
  return data.catalog;
}

/** Runs `procure catalog import <format> …` for the public formats; returns the exit code. */
export async function importPublic(
  format: (typeof PUBLIC_IMPORT_FORMATS)[number],
  argv: string[],
  io: Io,
): Promise<number> {
  const { values, positionals } = args(argv);
  const say = await cliSay();
  const file = positionals[0];
  const usage =
    format === 'skypilot'
      ? 'procure catalog import skypilot <vms.csv> --provider <slug> [--out <dir>]'
      : 'procure catalog import alibaba-price-file <instancePrice.json> [--out <dir>]';
  if (!file) throw inputError('cli.import.which-file', { usage });
  if (positionals.length > 1) throw inputError('cli.import.unexpected', { said: positionals[1] ?? '', usage });
  let provider: ProviderSlug = 'alibaba';
  if (format === 'skypilot') {
    const p = values.provider?.trim().toLowerCase();
    if (!p) throw inputError('cli.import.provider-missing', { list: PROVIDER_SLUGS.join(', ') });
    if (!(PROVIDER_SLUGS as readonly string[]).includes(p))
      throw inputError('cli.import.provider-unknown', { said: values.provider ?? '', list: PROVIDER_SLUGS.join(', ') });
    provider = p as ProviderSlug;
  }
  const asOf = values['as-of'] ?? isoToday();
  if (!IsoDate.safeParse(asOf).success) throw inputError('cli.import.as-of', { said: asOf });
  const sourceUrl = values['source-url'];
  if (sourceUrl !== undefined && !Source.safeParse(sourceUrl).success)
    throw inputError('cli.import.source-url', { said: sourceUrl });
  const text = readImportFile(file, MAX_BYTES);
  const catalog = loadCatalog(io.root);
  const name = basename(file);
  let result: ReturnType<typeof readSkypilotCsv>;
  try {
    result =
      format === 'skypilot'
        ? readSkypilotCsv(text, {
            provider,
            catalog,
            file: name,
            // A SkyPilot file names no URL of its own: cite the file as read unless told where it came from.
            source: sourceUrl ?? `file:${name}`,
            as_of: asOf,
            dated: 'retrieved',
            grade: 'second-hand',
            idPrefix: `${provider}-skyimp`,
          })
        : readAlibabaPriceFile(text, {
            catalog,
            file: name,
            ...(sourceUrl ? { source: sourceUrl } : {}),
            as_of: asOf,
            dated: 'retrieved',
            grade: 'official',
          });
  } catch (err) {
    if (err instanceof ImportError) throw new InputError(err.in(say));
    throw err;
  }
  const left = result.skipped.length ? skippedList(result.skipped, say) : '';
  if (!result.prices.length) {
    io.err(
      `${say('cli.import.no-rows', { name, left: left ? say('cli.import.no-rows-left', { list: left }) : '' })}\n`,
    );
    return 1;
  }
  const root = projectRoot(io);
  const intoCatalog = values.out === undefined;
  const pricesDir = values.out ?? join(root, 'catalog', 'prices');
  const typesDir = values.out ?? join(root, 'catalog', 'instance-types');
  const stem = format === 'skypilot' ? `skypilot-${provider}` : 'alibaba-price-file';
  const pricesFile = join(pricesDir, `${stem}.json`);
  const typesFile = join(typesDir, intoCatalog ? `${stem}.json` : `${stem}.instance-types.json`);
  // Types the catalogue already describes (in another file) are not written again: a type is described once.
  // (The types of an earlier import, in the file about to be replaced, do not count.)
  const own = new Set<string>();
  if (intoCatalog && existsSync(typesFile)) {
    try {
      for (const row of (JSON.parse(readFileSync(typesFile, 'utf8')) as { rows?: unknown[][] }).rows ?? [])
        own.add(`${provider}\u0000${String(row[0])}`);
    } catch {
      // An unreadable earlier import is replaced whole.
    }
  }
  const known = new Set(catalog.instanceTypes.map((t) => `${t.provider}\u0000${t.type}`).filter((k) => !own.has(k)));
  const newTypes = result.instanceTypes.filter((t) => !known.has(`${t.provider}\u0000${t.type}`));
  const files = new Map<string, string | null>([[pricesFile, priceTableText(result.prices)]]);
  const t0 = newTypes[0];
  if (t0)
    files.set(
      typesFile,
      instanceTypesText(
        {
          provider,
          source: t0.source,
          as_of: t0.as_of,
          dated: t0.dated,
          grade: t0.grade,
          note: `imported from ${name}`,
        },
        newTypes.map(instanceTypeRow),
      ),
    );
  else if (existsSync(typesFile)) files.set(typesFile, null);
  if (!(await installImport(io, files, intoCatalog))) return 1;
  const regions = new Set(result.prices.map((p) => p.region)).size;
  io.out(
    `${say('cli.import.done-public', {
      n: result.prices.length,
      regions,
      name,
      file: pricesFile,
      types: newTypes.length ? say('cli.import.done-types', { n: newTypes.length, file: typesFile }) : '',
    })}\n${left ? `${say('cli.import.left-out', { list: left })}\n` : ''}`,
  );
  return 0;
}

export const alibabaPriceFile: Command = { run: (argv, io) => importPublic('alibaba-price-file', argv, io) };
export const skypilot: Command = { run: (argv, io) => importPublic('skypilot', argv, io) };
