/** `procure catalog import aws-offer <offer-file.json> --region <code> [--out <dir>]`: an AWS bulk offer file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, importAwsOffer } from '../../catalog/aws-offer.js';
import { priceTableText } from '../../catalog/price-table.js';
import { InputError, inputError } from '../../errors.js';
import { args, cliSay, type Io, loadEngineOrThrow, projectRoot } from '../shared.js';
import { installImport } from './import-file.js';

export async function run(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = args(rest, {
    region: { type: 'string' },
    out: { type: 'string' },
    'source-url': { type: 'string' },
  });
  const file = positionals[0];
  const say = await cliSay();
  if (!file)
    throw inputError('cli.import.which-file', { usage: 'procure catalog import aws-offer <file> --region ap-east-1' });
  if (!values.region) throw inputError('cli.import.region-missing');
  if (!existsSync(file)) throw inputError('cli.err.file-missing', { file });
  const left = (r: { skipped: { count: number; reason: string }[] }) =>
    r.skipped.length
      ? say('cli.import.skipped', {
          list: r.skipped.map((s) => `${s.count} ${s.reason}`).join(', '),
          n: r.skipped.reduce((n, s) => n + s.count, 0),
        })
      : say('cli.import.nothing');
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
    if (err instanceof ImportError) throw new InputError(err.in(say));
    throw err;
  }
  // An import that found nothing must not write an empty table over the prices already there.
  if (report.rows.length === 0)
    throw inputError('cli.import.aws-none', {
      region: values.region,
      file,
      products: report.productsSeen,
      list: left(report),
    });
  const outDir = values.out ?? join(projectRoot(io), 'catalog', 'prices');
  // An import that found nothing must not write an empty table over the prices already there.
  if (report.rows.length === 0)
    throw inputError('cli.import.aws-none', {
      region: values.region,
      file,
      products: report.productsSeen,
      list: left(report),
    });
  const target = join(outDir, `aws-${values.region}.json`);
  // One shared header and a compact row per price: loads fast at 100,000 rows (catalog/README.md, "Machine-written price tables").
  if (!(await installImport(io, new Map([[target, priceTableText(report.rows)]])))) return 1;
  io.out(
    `${say('cli.import.done-aws', {
      n: report.rows.length,
      region: values.region,
      offer: report.offerCode,
      version: report.version,
      published: report.publicationDate.slice(0, 10),
      file: target,
      products: report.productsSeen,
      kept: report.productsKept,
      list: left(report),
    })}\n`,
  );
  return 0;
}
