/** `procure summary [--json] [--week YYYY-Www] [--lang en|zh]`: the weekly summary from the store. */
import { weeklySummary } from '../../app/summary.js';
import type { Lang } from '../../domain/request.js';
import { type Engine, isoToday } from '../../engine.js';
import { InputError } from '../../errors.js';
import { FileStore } from '../../store/file-store.js';
import { isValidWeek } from '../../store/week.js';
import { args, cliLang, currentWeek, dataDir, type Io, langOption, loadEngineOrThrow } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { json: { type: 'boolean' }, week: { type: 'string' }, lang: { type: 'string' } });
  const lang = langOption(values.lang) ?? cliLang();
  const week = values.week ?? currentWeek();
  const engine = await loadEngineOrThrow(io.root);
  if (!isValidWeek(week))
    throw new InputError(engine.pipeline.say(lang)('error.week', { example: currentWeek(), week }));
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    return await printSummary(engine, store, week, Boolean(values.json), io, lang);
  } finally {
    await store.close();
  }
}

export async function printSummary(
  engine: Engine,
  store: FileStore,
  week: string,
  json: boolean,
  io: Io,
  lang: Lang = 'en',
): Promise<number> {
  const summary = await weeklySummary(store, engine, week, isoToday(), lang);
  io.out(json ? `${JSON.stringify(summary, null, 2)}\n` : `${engine.renderer.summary(summary, 'text', lang)}\n`);
  return 0;
}
