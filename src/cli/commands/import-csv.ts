/** `procure catalog import csv <price-sheet.csv> [--out <dir>]`: a price sheet into a catalogue price file. */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { trackChanges } from '../../app/changes.js';
import { pricesFromCsv } from '../../catalog/csv-prices.js';
import { formatProblem, readProject } from '../../catalog/load.js';
import { priceTableText } from '../../catalog/price-table.js';
import { InputError } from '../../errors.js';
import { writeFileDurably } from '../../store/durable-json.js';
import { FileStore } from '../../store/file-store.js';
import { args, dataDir, type Io, loadEngineOrThrow, projectRoot } from '../shared.js';
import { readImportFile } from './import-file.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { out: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw new InputError('Say which file to import: "procure catalog import csv <file.csv>".');
  const text = readImportFile(file);
  const engine = await loadEngineOrThrow(io.root);
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
  const outDir = values.out ?? join(projectRoot(io), 'catalog', 'prices');
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
