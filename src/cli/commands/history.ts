/** `procure history export [--since YYYY-MM-DD] [--format csv|json]`: the request history. */
import { inputError } from '../../errors.js';
import { csvCell } from '../../render/csv.js';
import { FileStore } from '../../store/file-store.js';
import type { HistoryRecord } from '../../store/types.js';
import { args, cliSay, dataDir, type Io } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...more] = argv;
  if (sub !== 'export') throw inputError('cli.err.unknown-history', { sub: sub ?? '' });
  const { values } = args(more, { since: { type: 'string' }, format: { type: 'string' } });
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw inputError('cli.err.format', { said: format });
  let from: Date | undefined;
  if (values.since !== undefined) {
    const since = new Date(`${values.since}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(values.since) ||
      Number.isNaN(since.getTime()) ||
      since.toISOString().slice(0, 10) !== values.since
    )
      throw inputError('cli.err.since', { said: values.since });
    from = new Date(`${values.since}T00:00:00Z`);
  }
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    const records = await store.history({ ...(from ? { from } : {}) });
    io.out(format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : historyCsv(records));
    const say = store.skippedLines || store.unreadable.size ? await cliSay() : null;
    if (say && store.skippedLines) io.err(`${say('cli.history.skipped', { n: store.skippedLines })}\n`);
    for (const file of store.unreadable) if (say) io.err(`${say('cli.history.unreadable', { file })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function historyCsv(records: HistoryRecord[]): string {
  const cols = [
    'at',
    'surface',
    'user',
    'channel',
    'intent',
    'text',
    'top_provider',
    'top_region',
    'monthly',
    'currency',
    'gaps',
    'questions',
  ];
  const cell = csvCell;
  const rows = records.map((r) =>
    [
      r.at,
      r.surface,
      r.user,
      r.channel,
      r.intent,
      r.text,
      r.top?.provider,
      r.top?.region ?? r.top?.location,
      r.monthly,
      r.currency,
      r.gaps,
      r.questions.length,
    ]
      .map(cell)
      .join(','),
  );
  return `${[cols.join(','), ...rows].join('\r\n')}\r\n`;
}
