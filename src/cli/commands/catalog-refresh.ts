/** `procure catalog refresh [--provider …|all] [--dry-run] [--json]`: watchlist prices from the providers' price APIs. */
import { RefreshSetupError, runRefresh } from '../../app/refresh.js';
import { InputError, inputError } from '../../errors.js';
import { PRICE_SOURCES } from '../../refresh/providers/index.js';
import { refreshFailed } from '../../refresh/refresh.js';
import { FileStore } from '../../store/file-store.js';
import { args, cliSay, dataDir, type Io, localUser, projectRoot } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    provider: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    public: { type: 'boolean' },
  });
  if (positionals.length) throw inputError('cli.refresh.unexpected', { said: positionals[0] ?? '' });
  if (values.public)
    return (await import('./catalog-refresh-public.js')).refreshPublic(
      { provider: values.provider, dryRun: Boolean(values['dry-run']), json: Boolean(values.json) },
      io,
    );
  const dryRun = Boolean(values['dry-run']);
  const say = await cliSay();
  const store = dryRun ? undefined : await FileStore.open(dataDir(), { writer: false });
  try {
    const lastShown = new Map<string, number>();
    const result = await runRefresh({
      root: projectRoot(io),
      providers: (values.provider ?? '').split(','),
      dryRun,
      env: process.env,
      factories: PRICE_SOURCES,
      store,
      by: localUser(),
      say,
      // Progress on stderr, every tenth of the way, so a long refresh is visibly alive.
      onProgress: (done, total, provider) => {
        const step = Math.max(1, Math.ceil(total / 10));
        if (done === total || done - (lastShown.get(provider) ?? 0) >= step) {
          lastShown.set(provider, done);
          io.err(`${say('cli.refresh.progress', { provider, done, total })}\n`);
        }
      },
    });
    io.out(values.json ? `${JSON.stringify(result.report, null, 2)}\n` : result.text);
    if (!values.json && result.changes.length) io.out(`${say('cli.refresh.changes', { n: result.changes.length })}\n`);
    return refreshFailed(result.report) || result.problems.length ? 1 : 0;
  } catch (err) {
    if (err instanceof RefreshSetupError) throw new InputError(err.message);
    throw err;
  } finally {
    await store?.close();
  }
}
