/** `procure catalog refresh --public [--provider …|all] [--dry-run] [--json]`: list prices from the public feeds. */
import { RefreshSetupError, runPublicRefresh } from '../../app/refresh.js';
import { InputError } from '../../errors.js';
import { formatPublicReport, type PublicProgress, publicRefreshFailed } from '../../refresh/public/refresh.js';
import { FileStore } from '../../store/file-store.js';
import { cliSay, dataDir, type Io, localUser, projectRoot } from '../shared.js';

/** `procure catalog refresh --public`: the public feeds; a progress line per provider and region on a terminal. */
export async function refreshPublic(
  opts: { provider: string | undefined; dryRun: boolean; json: boolean },
  io: Io,
): Promise<number> {
  const say = await cliSay();
  const store = opts.dryRun ? undefined : await FileStore.open(dataDir(), { writer: false });
  try {
    const result = await runPublicRefresh({
      root: projectRoot(io),
      providers: (opts.provider ?? '').split(','),
      dryRun: opts.dryRun,
      env: process.env,
      store,
      by: localUser(),
      say,
      ...(io.errIsTTY
        ? { onProgress: (p: PublicProgress) => io.err(`${p.name}: ${p.region} (${p.index}/${p.total})\n`) }
        : {}),
    });
    // The report on stdout; each provider that failed is one sentence on stderr.
    io.out(
      opts.json
        ? `${JSON.stringify(result.report, null, 2)}\n`
        : formatPublicReport(result.report, { failures: false, say }),
    );
    if (!opts.json && result.changes.length) io.out(`${say('cli.refresh.changes', { n: result.changes.length })}\n`);
    for (const p of result.report.providers) if (p.status !== 'done' && p.reason) io.err(`${p.reason}\n`);
    for (const p of result.problems.slice(0, 10)) io.err(`${p}\n`);
    return publicRefreshFailed(result.report) || result.problems.length ? 1 : 0;
  } catch (err) {
    if (err instanceof RefreshSetupError) throw new InputError(err.message);
    throw err;
  } finally {
    await store?.close();
  }
}
