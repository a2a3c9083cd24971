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
    // Each kind's heading in the asker's language, each column as wide as its heading (Chinese letters are two wide).
    const heads = COVERAGE_KINDS.map((k) => say(`cli.coverage.kind.${k}`));
    const widths = heads.map((h) => Math.max(9, width(h)));
    const facts = say('cli.coverage.facts');
    io.out(
      `${pad(say('cli.coverage.provider'), 15)} ${heads.map((h, i) => pad(h, widths[i] ?? 9, true)).join(' ')}  ${facts}  ${say('cli.coverage.gaps')}\n`,
    );
    for (const r of rows)
      io.out(
        `${pad(r.name, 15)} ${COVERAGE_KINDS.map((k, i) => pad(String(r.counts[k]), widths[i] ?? 9, true)).join(' ')}  ${pad(String(r.facts), Math.max(5, width(facts)), true)}  ${r.gaps.map((k) => say(`cli.coverage.kind.${k}`)).join(say('cli.coverage.sep')) || '—'}\n`,
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
    for (const e of stale) {
      const kindKey = `cli.stale.kind.${e.kind}`;
      const kind = say(kindKey) === kindKey ? e.kind : say(kindKey);
      io.out(
        `${say('cli.stale.line', {
          date: e.asOf,
          age: say('cli.stale.age', { n: String(e.ageDays).padStart(5) }),
          id: e.id,
          what: say('cli.stale.what', { kind, name: e.name }),
          source: e.source,
        })}\n`,
      );
    }
  }
  return 0;
}

/** Columns on a terminal: a Chinese letter (or full-width sign) takes two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

function pad(s: string, n: number, start = false): string {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return start ? fill + s : s + fill;
}

export const coverageCommand = { run: (argv: string[], io: Io) => report('coverage', argv, io) };
export const staleCommand = { run: (argv: string[], io: Io) => report('stale', argv, io) };
