/** `procure quotes list|add|remove|import`: vendor quotes (the CLI runs as the local operator). */
import { quoteFrom, quotesFromCsv } from '../../app/quotes.js';
import type { Quote } from '../../domain/quote.js';
import { isoToday } from '../../engine.js';
import { InputError } from '../../errors.js';
import { FileStore } from '../../store/file-store.js';
import { args, dataDir, type Io, loadEngineOrThrow, localUser } from '../shared.js';
import { readImportFile } from './import-file.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const engine = await loadEngineOrThrow(io.root);
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
