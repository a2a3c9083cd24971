/** `procure catalog diff [--since YYYY-MM-DD] [--json]`: price changes noticed in the catalogue. */
import { describeChange, trackChanges } from '../../app/changes.js';
import { inputError } from '../../errors.js';
import { FileStore } from '../../store/file-store.js';
import { args, cliSay, dataDir, type Io, loadEngineOrThrow } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { since: { type: 'string' }, json: { type: 'boolean' } });
  let from: Date | undefined;
  if (values.since !== undefined) {
    const d = new Date(`${values.since}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== values.since)
      throw inputError('cli.err.since', { said: values.since });
    from = d;
  }
  const engine = await loadEngineOrThrow(io.root);
  const say = await cliSay();
  const store = await FileStore.open(dataDir(), { writer: false });
  try {
    const fresh = await trackChanges(store, engine.data.catalog);
    const changes = await store.priceChanges(from ? { from } : {});
    if (values.json) io.out(`${JSON.stringify(changes, null, 2)}\n`);
    else if (!changes.length)
      io.out(`${say(from ? 'cli.diff.none-since' : 'cli.diff.none', { since: values.since ?? '' })}\n`);
    else for (const c of changes) io.out(`${describeChange(c, say)}\n`);
    if (fresh.length && !values.json)
      io.err(`${say(fresh.length === 1 ? 'cli.diff.fresh.one' : 'cli.diff.fresh.many', { n: fresh.length })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
