/** Calls `onChange` (debounced) when files under the given directories change. */
import { existsSync, type FSWatcher, watch } from 'node:fs';

export function watchDirs(dirs: string[], onChange: () => void, debounceMs = 750): () => void {
  let timer: NodeJS.Timeout | null = null;
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const w = watch(dir, { recursive: true }, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    w.on('error', () => undefined);
    watchers.push(w);
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
