/** `procure catalog lint`: validates every catalogue file, watchlist, intent and template (never from a cache). */
import { formatProblem, readProject } from '../../catalog/load.js';
import { REFRESH_PROVIDERS } from '../../catalog/schema.js';
import { PRICE_SOURCES } from '../../refresh/providers/index.js';
import { readWatchlist } from '../../refresh/refresh.js';
import { type Io, projectRoot } from '../shared.js';

export async function run(_argv: string[], io: Io): Promise<number> {
  const { data, problems } = readProject(io.root);
  const sentences = problems.map(formatProblem);
  // Watchlists are checked against the providers they name, so only once the catalogue itself reads.
  if (data)
    for (const p of REFRESH_PROVIDERS)
      sentences.push(...readWatchlist(projectRoot(io), p, data.catalog, PRICE_SOURCES[p]).problems);
  if (sentences.length === 0) {
    io.out('catalog, watchlists, intents and templates: OK\n');
    return 0;
  }
  for (const p of sentences) io.err(`${p}\n`);
  return 1;
}
