/** `procure ask [--json] [--no-record] "<question>"`: one answer as text or JSON; recorded in the history. */
import { historyRecord } from '../../app/record.js';
import { isoToday } from '../../engine.js';
import { FileStore } from '../../store/file-store.js';
import { args, currentWeek, dataDir, type Io, loadEngineOrThrow, localUser } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean' }, 'no-record': { type: 'boolean' } });
  const text = positionals.join(' ');
  const engine = await loadEngineOrThrow(io.root);
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    const { request, answer } = engine.ask(text, isoToday(), { quotes: await store.quotes() });
    if (answer.kind === 'summary') {
      const { printSummary } = await import('./summary.js');
      return await printSummary(engine, store, currentWeek(), Boolean(values.json), io);
    }
    if (!values['no-record'] && answer.kind !== 'help' && answer.kind !== 'followup')
      await store.recordRequest(
        historyRecord({ text, request, answer }, { surface: 'cli', user: localUser(), channel: null }),
      );
    if (values.json) io.out(`${JSON.stringify({ request, answer }, null, 2)}\n`);
    else io.out(engine.text(answer));
    return 0;
  } finally {
    await store.close();
  }
}
