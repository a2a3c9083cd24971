import { join } from 'node:path';

/** The repository root: one level above this file (src/, or dist/ when built). */
export function defaultRoot(): string {
  return join(import.meta.dirname, '..');
}
