/** `procure quotes list|add|remove|import`: vendor quotes (the CLI runs as the local operator). */
import { quoteFrom, quotesFromCsv } from '../../app/quotes.js';
import type { Quote } from '../../domain/quote.js';
import { isoToday } from '../../engine.js';
import { InputError, inputError } from '../../errors.js';
import { FileStore } from '../../store/file-store.js';
import { args, cliSay, dataDir, type Io, loadEngineOrThrow, localUser } from '../shared.js';
import { readImportFile } from './import-file.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const engine = await loadEngineOrThrow(io.root);
  const say = await cliSay();
  if (sub === 'list') {
    const { values } = args(rest, { json: { type: 'boolean' } });
    const store = await FileStore.open(dataDir(), { writer: false });
    const quotes = await store.quotes();
    await store.close();
    if (values.json) io.out(`${JSON.stringify(quotes, null, 2)}\n`);
    else if (!quotes.length) io.out(`${say('cli.quotes.none')}\n`);
    else {
      const today = isoToday();
      for (const q of quotes)
        io.out(
          `${say('cli.quotes.line', {
            id: q.id,
            reference: q.reference,
            provider: q.provider,
            resource: q.resource,
            gpu: q.gpu ? say('cli.quotes.gpu', { count: q.gpu.count, model: q.gpu.model }) : '',
            sku: q.sku ? ` ${q.sku}` : '',
            location: q.location,
            price: `${q.currency} ${q.price}`,
            unit: q.unit,
            billing: q.billing,
            until: q.validUntil,
            expired: q.validUntil < today ? say('cli.quotes.expired') : '',
          })}\n`,
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
        undefined,
        undefined,
        engine.pipeline.say(say.lang),
      );
    } catch (err) {
      // A missing field is named as the flag that gives it (--valid-until).
      const msg = (err as Error).message.replace(
        /^(\w+)(?= is missing$| 未填写$)/,
        (_m, f: string) => `--${f.replace(/_/g, '-')}`,
      );
      throw new InputError(say('cli.quotes.not-added', { why: msg }));
    }
    const store = await FileStore.open(dataDir(), { writer: true });
    try {
      await store.addQuotes([quote]);
    } finally {
      await store.close();
    }
    io.out(`${say('cli.quotes.added', { reference: quote.reference, id: quote.id, until: quote.validUntil })}\n`);
    return 0;
  }
  if (sub === 'remove') {
    const { positionals } = args(rest, {});
    const key = positionals[0];
    if (!key) throw inputError('cli.quotes.which-remove');
    const store = await FileStore.open(dataDir(), { writer: true });
    try {
      const n = await store.removeQuote(key);
      if (!n) throw inputError('cli.quotes.no-match', { key });
      io.out(`${say(n === 1 ? 'cli.quotes.removed.one' : 'cli.quotes.removed.many', { n, key })}\n`);
      return 0;
    } finally {
      await store.close();
    }
  }
  if (sub === 'import') {
    const { positionals } = args(rest, {});
    const file = positionals[0];
    if (!file) throw inputError('cli.quotes.which-import');
    const text = readImportFile(file);
    const { quotes, problems } = quotesFromCsv(
      text,
      engine.data.catalog,
      localUser(),
      undefined,
      engine.pipeline.say(say.lang),
    );
    for (const p of problems) io.err(`${say('cli.quotes.line-problem', { file, line: p.line, reason: p.reason })}\n`);
    if (quotes.length) {
      const store = await FileStore.open(dataDir(), { writer: true });
      try {
        await store.addQuotes(quotes);
      } finally {
        await store.close();
      }
    }
    const imported = say(quotes.length === 1 ? 'cli.quotes.imported.one' : 'cli.quotes.imported.many', {
      n: quotes.length,
    });
    const skipped = problems.length
      ? `${say('cli.sep')}${say(problems.length === 1 ? 'cli.quotes.skipped.one' : 'cli.quotes.skipped.many', { n: problems.length })}`
      : '';
    io.out(`${imported}${skipped}${say('cli.end')}\n`);
    return problems.length && !quotes.length ? 1 : 0;
  }
  throw inputError('cli.quotes.unknown-sub', { sub: sub ?? '' });
}
