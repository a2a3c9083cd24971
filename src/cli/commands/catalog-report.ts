/** `procure catalog coverage|stale [--json]`: sourced rows and gaps per provider; entries older than the staleness age. */
import { COVERAGE_KINDS, coverage, staleEntries } from '../../app/coverage.js';
import { isoToday } from '../../engine.js';
import { args, cliSay, type Io, loadEngineOrThrow } from '../shared.js';

export async function report(sub: 'coverage' | 'stale', argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { json: { type: 'boolean' } });
  const engine = await loadEngineOrThrow(io.root);
  const say = await cliSay();
  if (sub === 'coverage') {
    const rows = coverage(engine.data.catalog);
    if (values.json) {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    io.out(
      `${say('cli.coverage.provider').padEnd(15)} ${COVERAGE_KINDS.map((k) => k.padStart(9)).join(' ')}  ${say('cli.coverage.facts')}  ${say('cli.coverage.gaps')}\n`,
    );
    for (const r of rows)
      io.out(
        `${r.name.padEnd(15)} ${COVERAGE_KINDS.map((k) => String(r.counts[k]).padStart(9)).join(' ')}  ${String(r.facts).padStart(5)}  ${r.gaps.join(', ') || '—'}\n`,
      );
    io.out(`${say('cli.coverage.footer')}\n`);
    return 0;
  }
  const days = engine.pipeline.options.staleDays;
  const stale = staleEntries(engine.data.catalog, isoToday(), days);
  if (values.json) io.out(`${JSON.stringify(stale, null, 2)}\n`);
  else if (!stale.length) io.out(`${say('cli.stale.none', { days })}\n`);
  else {
    io.out(`${say(stale.length === 1 ? 'cli.stale.one' : 'cli.stale.many', { n: stale.length, days })}\n`);
    for (const e of stale)
      io.out(
        `  ${e.asOf}  ${say('cli.stale.age', { n: String(e.ageDays).padStart(5) })}  ${e.id}  (${e.what}) — ${e.source}\n`,
      );
  }
  return 0;
}

export const coverageCommand = { run: (argv: string[], io: Io) => report('coverage', argv, io) };
export const staleCommand = { run: (argv: string[], io: Io) => report('stale', argv, io) };
