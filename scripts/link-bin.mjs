// Links bin/procure.js into node_modules/.bin so that `npx procure …` works in this checkout
// (npm links the bins of dependencies, not the package's own). Run by npm's "prepare" on install.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'node_modules', '.bin');
const target = join(root, 'bin', 'procure.js');
const link = join(binDir, 'procure');
if (existsSync(join(root, 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, target), link);
  chmodSync(target, 0o755);
}
