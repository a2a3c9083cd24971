import { basename, join } from 'node:path';
import { pricesFromCsv } from '../../catalog/csv-prices.js';
import { priceTableText } from '../../catalog/price-table.js';
import { inputError } from '../../errors.js';
import { args, cliSay, type Io, loadEngineOrThrow, projectRoot } from '../shared.js';
import { installImport, readImportFile } from './import-file.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { out: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw inputError('cli.import.which-file', { usage: 'procure catalog import csv <file.csv>' });
  const say = await cliSay();
  const text = readImportFile(file);
  const engine = await loadEngineOrThrow(io.root);
  const tag = `csv-${basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;
  const { rows, problems } = pricesFromCsv(text, engine.data.catalog, tag, say);
  for (const p of problems) io.err(`${say('cli.quotes.line-problem', { file, line: p.line, reason: p.reason })}\n`);
  if (!rows.length) {
    io.err(`${say('cli.import.csv-nothing')}\n`);
    return 1;
  }
  const outDir = values.out ?? join(projectRoot(io), 'catalog', 'prices');
  const target = join(outDir, `${tag}.json`);
  // An earlier import of the same sheet is put back if this one clashes: an import never loses a price.
  if (!(await installImport(io, new Map([[target, priceTableText(rows)]])))) return 1;
  io.out(
    `${say(problems.length ? 'cli.import.done-csv-skipped' : 'cli.import.done-csv', {
      rows: say(rows.length === 1 ? 'cli.import.rows.one' : 'cli.import.rows.many', { n: rows.length }),
      file: target,
      bad: say(problems.length === 1 ? 'cli.import.bad.one' : 'cli.import.bad.many', { n: problems.length }),
    })}\n`,
  );
  return 0;
}
