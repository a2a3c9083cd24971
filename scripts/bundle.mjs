// Bundles the command line's quick commands into dist/procure.js (and its chunks, dist/procure-*.js) with esbuild, so
// `procure ask` loads a handful of files instead of a few hundred modules (zod alone is about a hundred). Called by
// scripts/build.mjs after tsc has compiled dist/.
//
// - Entry: src/cli/main.ts. Commands are still imported only when they run (code splitting): help loads the entry
//   alone, ask its own chunks. The commands that need more than the engine and the store (start: Bolt and the worker
//   thread; quotes, history, catalog: importers, price APIs) are not bundled: the bundle imports their tsc-compiled
//   modules (dist/cli/commands/<name>.js), which work as before.
// - Every file of the bundle sits in dist/ itself, one level below the project root, like dist/root.js: paths made
//   from import.meta (the project root, the build stamp dist/.build.json) resolve as they do in the compiled tree.
// - Packages are bundled too (zod, handlebars, fuse.js, lowdb, yaml…); CommonJS ones get a real `require` for
//   Node's built-ins.
// - Never fails the build: without esbuild, or when bundling fails, it says so and removes any partial bundle;
//   bin/procure.js then runs the compiled dist/cli/main.js.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './dist-state.mjs';

/** Commands run from the tsc-compiled tree rather than the bundle (see above). */
const UNBUNDLED = new Set(['start', 'quotes', 'history', 'catalog']);
export const BUNDLE_ENTRY = 'procure.js';
const PREFIX = 'procure-';

function removeBundle(dist) {
  for (const f of readdirSync(dist))
    if (f === BUNDLE_ENTRY || (f.startsWith(PREFIX) && f.endsWith('.js'))) rmSync(join(dist, f), { force: true });
}

/** Writes dist/procure.js and its chunks; true when it did. */
export async function bundleCli(dist = join(ROOT, 'dist')) {
  removeBundle(dist);
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.warn('procure: esbuild is not installed, so the CLI is not bundled; procure runs the compiled dist/.');
    return false;
  }
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { procure: 'src/cli/main.ts' },
      outdir: dist,
      chunkNames: `${PREFIX}[hash]`,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      // CommonJS packages (handlebars…) require Node's built-ins.
      banner: {
        js: "import { createRequire as __procureRequire } from 'node:module';\nconst require = __procureRequire(import.meta.url);",
      },
      plugins: [
        {
          name: 'unbundled-commands',
          setup(build) {
            build.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (args) => {
              const name = args.path.slice('./commands/'.length, -'.js'.length);
              if (!UNBUNDLED.has(name) || !args.importer.endsWith(join('src', 'cli', 'main.ts'))) return undefined;
              return { path: `./cli/commands/${name}.js`, external: true };
            });
          },
        },
      ],
    });
    return true;
  } catch (err) {
    removeBundle(dist);
    console.warn(`procure: bundling the CLI failed (${err?.message ?? err}); procure runs the compiled dist/.`);
    return false;
  }
}
