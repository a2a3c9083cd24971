/**
 * Helpers every CLI command shares. Kept light (node built-ins only, and the engine loaded on demand): each command
 * module in src/cli/commands/ imports what it needs itself, so `procure help` loads none of it.
 */
import { parseArgs } from 'node:util';
import type { Lang } from '../domain/request.js';
import type { Say } from '../domain/say.js';
import type { Engine } from '../engine.js';
import { inputError } from '../errors.js';
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

/**
 * A command's flags. `--lang en|zh` is accepted by every command (the language of its messages, see cliLangOf); a
 * flag that is not known, or lacks its value, is one sentence in the user's language.
 */
export function args<T extends Record<string, { type: 'boolean' | 'string' }>>(argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options: { lang: { type: 'string' }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw inputError('cli.err.unknown-flag', { flag });
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw inputError(/does not take/.test(message) ? 'cli.err.flag-takes-no-value' : 'cli.err.flag-needs-value', {
        flag,
      });
    throw inputError('cli.err.bad-flags', { flag: flag || argv.join(' ') });
  }
}

let lang: Lang = 'en';

/**
 * The language of the CLI's own words (errors, help, reports) for one run: `--lang en|zh` when given; else Chinese
 * when the user wrote Chinese in the arguments (a question, a file name); else the locale (LC_ALL, LC_MESSAGES, LANG
 * starting with zh); else English.
 */
export function cliLangOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  for (const [i, a] of argv.entries()) {
    const v = a.startsWith('--lang=') ? a.slice(7) : a === '--lang' ? argv[i + 1] : undefined;
    const w = v?.trim().toLowerCase();
    if (w === 'zh' || w === 'en') return w;
  }
  if (argv.some((a) => /[\u3400-\u9fff]/.test(a))) return 'zh';
  const locale = env.LC_ALL?.trim() || env.LC_MESSAGES?.trim() || env.LANG?.trim() || '';
  return /^zh\b|^zh_/i.test(locale) ? 'zh' : 'en';
}

/** Sets the language of this run's messages (main() does, from the arguments and the environment). */
export function setCliLang(value: Lang): void {
  lang = value;
}

export function cliLang(): Lang {
  return lang;
}

/** The CLI's words in this run's language (templates/<lang>/cli.yaml and the rest), loaded on first use. */
export async function cliSay(): Promise<Say> {
  const [{ cachedShippedMessages }, { sayer }] = await Promise.all([
    import('./messages-cache.js'),
    import('../domain/say.js'),
  ]);
  return sayer(cachedShippedMessages(dataDir()), lang);
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
  throw inputError('cli.err.lang', { said: value });
}
