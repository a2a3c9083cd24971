/**
 * `procure start [--lang en|zh]` (and `procure` alone): the bot, or the local console when no Slack credentials are
 * set; `--lang` sets the console's answer language (otherwise each question's).
 */
import { readConfig, readStaleDays } from '../../config/env.js';
import { defaultRoot } from '../../root.js';
import { args, cliLang, type Io, langOption, loadEngineOrThrow, localUser } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { lang: { type: 'string' } });
  const lang = langOption(values.lang);
  const config = readConfig();
  if (config.mode !== 'console') {
    // Checked here, so a bad catalogue is refused with every problem listed; the answering worker then loads its
    // own copy (from the cache this check leaves), and this thread keeps none: two would double the memory of a
    // large catalogue, and building an engine here would only slow the worker's start on a small machine.
    const root = io.root ?? defaultRoot();
    await checkCatalogue(root, config.dataDir);
    const staleDays = readStaleDays();
    // Loaded only in Slack mode, so the console and the CLI never load Bolt.
    const { runSlack } = await import('../../slack/run.js');
    return runSlack(config, staleDays === undefined ? {} : { staleDays }, root);
  }
  const engine = await loadEngineOrThrow(io.root);
  const [{ FileStore }, { runConsole }] = await Promise.all([
    import('../../store/file-store.js'),
    import('../console.js'),
  ]);
  const store = await FileStore.open(config.dataDir, { writer: false });
  try {
    return await runConsole(engine, io, store, localUser(), undefined, lang, lang ?? cliLang());
  } finally {
    await store.close();
  }
}

/** Throws a DataError naming every problem when the catalogue does not load; keeps nothing of it. */
async function checkCatalogue(root: string, dataDir: string): Promise<void> {
  const { readProjectCached } = await import('../../catalog/cache.js');
  const { data, problems } = await readProjectCached(root, dataDir);
  if (!data) {
    const { DataError } = await import('../../catalog/load.js');
    throw new DataError(problems);
  }
}
