/**
 * `procure catalog import alibaba-price-file <instancePrice.json> [--out <dir>]` and
 * `procure catalog import skypilot <vms.csv> --provider <slug> [--out <dir>]`: thin file I/O around the pure readers
 * in src/catalog/importers/. The rows are written whole (a temporary file renamed into place); when they go into
 * catalog/, the project is read again and a clash puts every file back as it was — nothing half-written stays.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError } from '../../catalog/aws-offer.js';
import { readAlibabaPriceFile } from '../../catalog/importers/alibaba-price-file.js';
import { readSkypilotCsv } from '../../catalog/importers/skypilot.js';
import { instanceTypeRow, instanceTypesText } from '../../catalog/instance-types.js';
import { type Catalog, formatProblem, type Problem, readProject } from '../../catalog/load.js';
import { priceTableText } from '../../catalog/price-table.js';
import { IsoDate, PROVIDER_SLUGS, type ProviderSlug, Source } from '../../catalog/schema.js';
import { isoToday } from '../../engine.js';
import { InputError } from '../../errors.js';
import { type Command, type Io, projectRoot } from '../shared.js';
import { installImport, readImportFile } from './import-file.js';

export const PUBLIC_IMPORT_FORMATS = ['alibaba-price-file', 'skypilot'] as const;

/** The real price files are larger than a hand-made sheet: Alibaba's instancePrice.json runs to tens of megabytes. */
const MAX_BYTES = 200_000_000;

function args(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        provider: { type: 'string' },
        'source-url': { type: 'string' },
        'as-of': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new InputError(`${(err as Error).message.replace(/\. To specify.*$/, '')}.`);
  }
}

function loadCatalog(root: string | undefined): Catalog {
  const { data, problems } = readProject(root);
  if (!data)
    throw new InputError(
      `The catalogue does not load (${problems[0] ? formatProblem(problems[0] as Problem) : 'unknown problem'}); fix it first ("procure catalog lint").`,
    );
  return data.catalog;
}

/** Runs `procure catalog import <format> …` for the public formats; returns the exit code. */
export async function importPublic(
  format: (typeof PUBLIC_IMPORT_FORMATS)[number],
  argv: string[],
  io: Io,
): Promise<number> {
  const { values, positionals } = args(argv);
  const file = positionals[0];
  const usage =
    format === 'skypilot'
      ? '"procure catalog import skypilot <vms.csv> --provider <slug> [--out <dir>]"'
      : '"procure catalog import alibaba-price-file <instancePrice.json> [--out <dir>]"';
  if (!file) throw new InputError(`Say which file to import: ${usage}.`);
  if (positionals.length > 1) throw new InputError(`Unexpected "${positionals[1]}": use ${usage}.`);
  let provider: ProviderSlug = 'alibaba';
  if (format === 'skypilot') {
    const p = values.provider?.trim().toLowerCase();
    if (!p)
      throw new InputError(
        `--provider is missing: the provider whose catalogue this is (${PROVIDER_SLUGS.join(', ')}).`,
      );
    if (!(PROVIDER_SLUGS as readonly string[]).includes(p))
      throw new InputError(`--provider "${values.provider}" is not one of ${PROVIDER_SLUGS.join(', ')}.`);
    provider = p as ProviderSlug;
  }
  const asOf = values['as-of'] ?? isoToday();
  if (!IsoDate.safeParse(asOf).success)
    throw new InputError(`--as-of must be a date written YYYY-MM-DD, not "${asOf}".`);
  const sourceUrl = values['source-url'];
  if (sourceUrl !== undefined && !Source.safeParse(sourceUrl).success)
    throw new InputError(`--source-url must be a URL (https://…), not "${sourceUrl}".`);
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
    if (err instanceof ImportError) throw new InputError(err.message);
    throw err;
  }
  const left = result.skipped.map((s) => `${s.count} ${s.reason}`).join('; ');
  if (!result.prices.length) {
    io.err(`${name}: no price row to import${left ? ` (left out: ${left})` : ''}. Nothing was written.\n`);
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
    `Imported ${result.prices.length} price row(s) in ${regions} region(s) from ${name} into ${pricesFile}` +
      `${newTypes.length ? `, and ${newTypes.length} instance type(s) into ${typesFile}` : ''}.\n` +
      (left ? `Left out: ${left}.\n` : ''),
  );
  return 0;
}

export const alibabaPriceFile: Command = { run: (argv, io) => importPublic('alibaba-price-file', argv, io) };
export const skypilot: Command = { run: (argv, io) => importPublic('skypilot', argv, io) };
