/**
 * The `procure` command line, as in shared/contract.md. Bad input gets one sentence on stderr and exit 1;
 * never a stack trace (set PROCURE_DEBUG=1 to see one for an unexpected failure).
 *
 * Each command is a module in src/cli/commands/, imported only when that command runs (see COMMANDS), so a
 * command loads only what it uses: `procure help` loads nothing else, `procure ask` neither Bolt nor the price-API
 * SDKs nor the chart libraries. A new command is a new module and one line in COMMANDS (or in the catalog
 * command's own table, src/cli/commands/catalog.ts); keep its heavy imports inside that module.
 */

import { loadDotEnv } from '../config/dotenv.js';
import { atCommandEnd, type Command, cliLangOf, cliSay, type Io, setCliLang } from './shared.js';

export type { Command, Io } from './shared.js';

/** The usage text, in the run's language (templates/<lang>/cli.yaml, cli.usage). */
async function usage(): Promise<string> {
  return (await cliSay())('cli.usage');
}

const help: Command = {
  run: async (_argv, io) => {
    io.out(`${await usage()}\n`);
    return 0;
  },
};

/** Every command, by name: each loads its module (and that module's dependencies) only when it runs. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: () => import('./commands/start.js'),
  ask: () => import('./commands/ask.js'),
  parse: () => import('./commands/parse.js'),
  summary: () => import('./commands/summary.js'),
  quotes: () => import('./commands/quotes.js'),
  history: () => import('./commands/history.js'),
  catalog: () => import('./commands/catalog.js'),
  help: async () => help,
  '--help': async () => help,
  '-h': async () => help,
};

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  stdin: process.stdin,
  stdout: process.stdout,
  errIsTTY: process.stderr.isTTY,
};

/** Errors that are the input's or the data's fault: their message is the one sentence shown. */
const ONE_SENTENCE = new Set(['InputError', 'DataError', 'ConfigError', 'StoreError', 'StartupError']);

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    // The contract: a .env file is read when present, by every command (PROCURE_DATA_DIR, PROCURE_STALE_DAYS…).
    loadDotEnv('.env');
    setCliLang(cliLangOf(argv, process.env));
    const [command = 'start', ...rest] = argv;
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) {
      const { inputError } = await import('../errors.js');
      throw inputError('cli.err.unknown-command', { command });
    }
    return await (await load()).run(rest, io);
  } catch (err) {
    if (err instanceof Error && ONE_SENTENCE.has(err.name)) {
      const said = (err as { said?: { key: string; vars: Record<string, string | number> } }).said;
      const problems = (err as { problems?: unknown }).problems;
      // A catalogue that does not load: its problem (or how many) in the asker's language.
      if (err.name === 'DataError' && Array.isArray(problems) && problems.length) {
        const [say, { problemIn }] = await Promise.all([cliSay(), import('../catalog/problem-words.js')]);
        io.err(
          `${problems.length === 1 ? say('cli.err.data-one', { problem: problemIn(say, problems[0]) }) : say('cli.err.data-many', { n: problems.length })}\n`,
        );
        return 1;
      }
      io.err(`${said ? (await cliSay())(said.key, said.vars) : err.message}\n`);
      return 1;
    }
    io.err(`${(await cliSay())('cli.err.internal', { why: (err as Error).message ?? String(err) })}\n`);
    if (process.env.PROCURE_DEBUG) io.err(`${(err as Error).stack}\n`);
    return 1;
  } finally {
    for (const end of atCommandEnd.splice(0)) end();
  }
}
