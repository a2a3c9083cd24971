/** `procure catalog diff [--since YYYY-MM-DD] [--json]`: price changes noticed in the catalogue. */
import { describeChange, trackChanges } from '../../app/changes.js';
import { InputError } from '../../errors.js';
import { FileStore } from '../../store/file-store.js';
import { args, dataDir, type Io, loadEngineOrThrow } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { since: { type: 'string' }, json: { type: 'boolean' } });
  let from: Date | undefined;
  if (values.since !== undefined) {
    const d = new Date(`${values.since}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== values.since)
      throw new InputError(`--since must be a date written YYYY-MM-DD, not "${values.since}".`);
    from = d;
  }
  const engine = await loadEngineOrThrow(io.root);
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    const fresh = await trackChanges(store, engine.data.catalog);
    const changes = await store.priceChanges(from ? { from } : {});
    if (values.json) io.out(`${JSON.stringify(changes, null, 2)}\n`);
    else if (!changes.length)
      io.out(
        `No price changes recorded${from ? ` since ${values.since}` : ''}. (Changes are noticed when the catalogue is loaded by the bot, an import or this command.)\n`,
      );
    else for (const c of changes) io.out(`${describeChange(c)}\n`);
    if (fresh.length && !values.json) io.err(`${fresh.length} change(s) noticed now.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
