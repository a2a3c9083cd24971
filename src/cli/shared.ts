/**
 * Helpers every CLI command shares. Kept light (node built-ins only, and the engine loaded on demand): each command
 * module in src/cli/commands/ imports what it needs itself, so `procure help` loads none of it.
 */
import { parseArgs } from 'node:util';
import type { Lang } from '../domain/request.js';
import type { Engine } from '../engine.js';
import { InputError } from '../errors.js';
import { defaultRoot } from '../root.js';
import { isoWeekOf } from '../store/week.js';

/** What a command reads and writes: stdout/stderr in production, buffers in tests. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  root?: string | undefined;
  /** stderr is a terminal: progress lines are written there only then. */
  errIsTTY?: boolean | undefined;
}

/** A command module (src/cli/commands/<name>.ts): runs with the arguments after its name. */
export interface Command {
  run(argv: string[], io: Io): Promise<number> | number;
}

export function args<T extends Record<string, { type: 'boolean' | 'string' }>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message.replace(/\. To specify.*$/, '')}.`);
  }
}

/**
 * The catalogue, checked, as an engine; a DataError naming every problem when it does not load. The checked
 * catalogue is remembered in the data directory while its files are unchanged (src/catalog/cache.ts).
 */
export async function loadEngineOrThrow(root?: string): Promise<Engine> {
  const [{ readProjectCached }, { Engine }, { useTemplateCache }] = await Promise.all([
    import('../catalog/cache.js'),
    import('../engine.js'),
    import('./template-cache.js'),
  ]);
  const { data, problems } = await readProjectCached(root ?? defaultRoot(), dataDir());
  if (!data) {
    const { DataError } = await import('../catalog/load.js');
    throw new DataError(problems);
  }
  // The templates' precompiled forms (./template-cache.ts), written back when the command ends.
  atCommandEnd.push(useTemplateCache(dataDir()));
  // Checked by the configuration's schema (zod) only when set: an unset or blank variable means the default.
  const staleDays = process.env.PROCURE_STALE_DAYS?.trim()
    ? (await import('../config/env.js')).readStaleDays()
    : undefined;
  return new Engine(data, staleDays === undefined ? {} : { staleDays });
}

/** Run by main() when a command has ended, however it ended (each once). */
export const atCommandEnd: (() => void)[] = [];

export function dataDir(): string {
  return process.env.PROCURE_DATA_DIR?.trim() || './data';
}

export function localUser(): string {
  return process.env.USER || process.env.USERNAME || 'local';
}

export function currentWeek(): string {
  return isoWeekOf(new Date());
}

/** The project root a command works on: the one given (tests) or the checkout's own. */
export function projectRoot(io: Io): string {
  return io.root ?? defaultRoot();
}

/** `--lang en|zh`: the answer's language; absent, the question's. */
export function langOption(value: string | undefined): Lang | null {
  if (value === undefined) return null;
  const lang = value.trim().toLowerCase();
  if (lang === 'en' || lang === 'zh') return lang;
  throw new InputError(`--lang must be en or zh, not "${value}".`);
}
