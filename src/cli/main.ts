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
import { atCommandEnd, type Command, type Io } from './shared.js';

export type { Command, Io } from './shared.js';

const USAGE = `Usage:
  procure start [--lang en|zh]          run the bot (the local console when no Slack credentials are set)
  procure ask [--json] [--no-record] [--lang en|zh] "<question>"
                                        --lang: answer in English or Chinese (default: the question's language)
  procure parse --json "<question>"
  procure summary [--json] [--week YYYY-Www] [--lang en|zh]
  procure quotes list [--json]
  procure quotes add --provider P --resource R --region ID --price N --unit U --currency C --reference REF --valid-until YYYY-MM-DD
                     [--sku S] [--billing payg|subscription|spot] [--gpu MODEL] [--gpu-count N] [--model M] [--direction input|output]
  procure quotes remove <id or reference>
  procure quotes import <file.csv>
  procure history export [--since YYYY-MM-DD] [--format csv|json]
  procure catalog lint                  check catalog/, intents/ and templates/
  procure catalog coverage [--json]     sourced rows and gaps per provider and resource kind
  procure catalog stale [--json]        entries older than the staleness age
  procure catalog import aws-offer <offer-file.json> --region <code> [--out <dir>]
  procure catalog import csv <price-sheet.csv> [--out <dir>]
  procure catalog import alibaba-price-file <instancePrice.json> [--out <dir>] [--source-url URL] [--as-of YYYY-MM-DD]
  procure catalog import skypilot <vms.csv> --provider <slug> [--out <dir>] [--source-url URL] [--as-of YYYY-MM-DD]
  procure catalog import tencent-feed|huawei-feed <answer.json> [--out <dir>] [--source-url <url>]
  procure catalog import volcengine-feed <ListTemplate.json> --table <GetTable.json> [--out <dir>] [--source-url <url>]
  procure catalog diff [--since YYYY-MM-DD] [--json]   price changes noticed in the catalogue
  procure catalog refresh [--provider alibaba|tencent|huawei|volcengine|all] [--dry-run] [--json]
                                        read watchlist prices from the providers' price APIs
  procure catalog refresh --public [--provider alibaba|tencent|huawei|volcengine|all] [--dry-run] [--json]
                                        read list prices from the providers' public calculator feeds (no credentials)
  procure help

The store lives in PROCURE_DATA_DIR (default ./data).`;

const help: Command = {
  run: (_argv, io) => {
    io.out(`${USAGE}\n`);
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
    const [command = 'start', ...rest] = argv;
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) {
      const { InputError } = await import('../errors.js');
      throw new InputError(`Unknown command "${command}": run "procure help" for the list of commands.`);
    }
    return await (await load()).run(rest, io);
  } catch (err) {
    if (err instanceof Error && ONE_SENTENCE.has(err.name)) {
      io.err(`${err.message}\n`);
      return 1;
    }
    io.err(`Something went wrong: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.PROCURE_DEBUG) io.err(`${(err as Error).stack}\n`);
    return 1;
  } finally {
    for (const end of atCommandEnd.splice(0)) end();
  }
}
