/**
 * `procure start [--lang en|zh]` (and `procure` alone): the bot, or the local console when no Slack credentials are
 * set; `--lang` sets the console's answer language (otherwise each question's).
 */
import { readConfig } from '../../config/env.js';
import { defaultRoot } from '../../root.js';
import { args, type Io, langOption, loadEngineOrThrow, localUser } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { lang: { type: 'string' } });
  const lang = langOption(values.lang);
  const config = readConfig();
  if (config.mode !== 'console') {
    // Checked here, so a bad catalogue is refused with every problem listed; then let go of, because the
    // answering worker loads its own copy (two would double the memory of a large catalogue).
    const options = (await loadEngineOrThrow(io.root)).pipeline.options;
    // Loaded only in Slack mode, so the console and the CLI never load Bolt.
    const { runSlack } = await import('../../slack/run.js');
    return runSlack(config, options, io.root ?? defaultRoot());
  }
  const engine = await loadEngineOrThrow(io.root);
  const [{ FileStore }, { runConsole }] = await Promise.all([
    import('../../store/file-store.js'),
    import('../console.js'),
  ]);
  const store = await FileStore.open(config.dataDir, { writer: false });
  try {
    return await runConsole(engine, io, store, localUser(), lang);
  } finally {
    await store.close();
  }
}
