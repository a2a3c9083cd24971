/**
 * `procure ask [--json] [--no-record] [--lang en|zh] "<question>"`: one answer as text or JSON; recorded in the
 * history. `--lang` overrides the answer language, which otherwise follows the question's.
 */
import { historyRecord } from '../../app/record.js';
import { isoToday } from '../../engine.js';
import { FileStore } from '../../store/file-store.js';
import { args, currentWeek, dataDir, type Io, langOption, loadEngineOrThrow, localUser } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    json: { type: 'boolean' },
    'no-record': { type: 'boolean' },
    lang: { type: 'string' },
  });
  const lang = langOption(values.lang);
  const text = positionals.join(' ');
  const engine = await loadEngineOrThrow(io.root);
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    const { request, answer } = engine.ask(text, isoToday(), { quotes: await store.quotes(), lang });
    if (answer.kind === 'summary') {
      const { printSummary } = await import('./summary.js');
      return await printSummary(engine, store, currentWeek(), Boolean(values.json), io, answer.lang);
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
