/** `procure catalog lint`: validates every catalogue file, watchlist, intent and template (never from a cache). */
import { readProject } from '../../catalog/load.js';
import { problemIn, problemLineIn } from '../../catalog/problem-words.js';
import { REFRESH_PROVIDERS } from '../../catalog/schema.js';
import { PRICE_SOURCES } from '../../refresh/providers/index.js';
import { readWatchlist } from '../../refresh/refresh.js';
import { cliSay, type Io, projectRoot } from '../shared.js';

export async function run(_argv: string[], io: Io): Promise<number> {
  const { data, problems, warnings } = readProject(io.root);
  // Each problem in the asker's language: the same file, place and value (src/catalog/problem-words.ts).
  const say = await cliSay();
  const sentences = problems.map((p) => problemIn(say, p));
  // Watchlists are checked against the providers they name, so only once the catalogue itself reads.
  if (data)
    for (const p of REFRESH_PROVIDERS)
      sentences.push(
        ...readWatchlist(projectRoot(io), p, data.catalog, PRICE_SOURCES[p]).problems.map((l) => problemLineIn(say, l)),
      );
  if (sentences.length === 0) {
    io.out(`${say('cli.lint.ok')}\n`);
    // Not problems: what Chinese answers still show in English. On stdout, so stderr stays the problem list.
    if (warnings.length) {
      io.out(`${say('cli.lint.warnings', { n: warnings.length })}\n`);
      for (const w of warnings) io.out(`${say('problem.warning', { line: problemIn(say, w) })}\n`);
    }
    return 0;
  }
  for (const p of sentences) io.err(`${p}\n`);
  return 1;
}
