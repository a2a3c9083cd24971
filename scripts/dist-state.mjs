// Whether dist/ (scripts/build.mjs) still matches src/: one stat per source file, a few milliseconds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** How many files src/ holds and the newest modification time among them. */
export function sourceState(dir = join(ROOT, 'src')) {
  let files = 0;
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    const m = statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs;
    if (m > newest) newest = m;
  }
  return { files, newest };
}

/** True when dist/ was built from src/ as it is now. */
export function distIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(ROOT, 'dist', '.build.json'), 'utf8'));
  } catch {
    return false;
  }
  if (typeof stamp?.startedAt !== 'number' || typeof stamp.files !== 'number') return false;
  const now = sourceState();
  return now.files === stamp.files && now.newest < stamp.startedAt;
}
