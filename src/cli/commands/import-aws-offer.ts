/** `procure catalog import aws-offer <offer-file.json> --region <code> [--out <dir>]`: an AWS bulk offer file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, importAwsOffer } from '../../catalog/aws-offer.js';
import { priceTableText } from '../../catalog/price-table.js';
import { InputError } from '../../errors.js';
import { args, type Io, loadEngineOrThrow, projectRoot } from '../shared.js';
import { installImport } from './import-file.js';

export async function run(rest: string[], io: Io): Promise<number> {
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
  const engine = await loadEngineOrThrow(io.root);
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
  // An import that found nothing must not write an empty table over the prices already there.
  if (report.rows.length === 0)
    throw new InputError(
      `No prices for ${values.region} were found in ${file} (read ${report.productsSeen} products; left out: ${report.skipped.map((s) => `${s.count} ${s.reason}`).join(', ') || 'none'}); nothing was written and the catalogue is unchanged.`,
    );
  const outDir = values.out ?? join(projectRoot(io), 'catalog', 'prices');
  // An import that found nothing must not write an empty table over the prices already there.
  if (report.rows.length === 0)
    throw new InputError(
      `No prices for ${values.region} were found in ${file} (read ${report.productsSeen} products; left out: ${report.skipped.map((s) => `${s.count} ${s.reason}`).join(', ') || 'none'}); nothing was written and the catalogue is unchanged.`,
    );
  const target = join(outDir, `aws-${values.region}.json`);
  // One shared header and a compact row per price: loads fast at 100,000 rows (catalog/README.md, "Machine-written price tables").
  if (!(await installImport(io, new Map([[target, priceTableText(report.rows)]])))) return 1;
  io.out(
    `Imported ${report.rows.length} price rows for ${values.region} from ${report.offerCode} ${report.version} (published ${report.publicationDate.slice(0, 10)}) into ${target}.\n` +
      `Read ${report.productsSeen} products, kept ${report.productsKept}; left out: ${report.skipped.map((s) => `${s.count} ${s.reason}`).join(', ') || 'none'}.\n`,
  );
  return 0;
}
