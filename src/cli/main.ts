/**
 * The `procure` command line, as in shared/contract.md. Bad input gets one sentence on stderr and exit 1;
 * never a stack trace (set PROCURE_DEBUG=1 to see one for an unexpected failure).
 */
import { parseArgs } from 'node:util';
import { DataError, formatProblem, readProject } from '../catalog/load.js';
import { ConfigError, loadDotEnv, readConfig } from '../config/env.js';
import { Engine, InputError } from '../engine.js';
import { runConsole } from './console.js';

const USAGE = `Usage:
  procure start                         run the bot (the local console when no Slack credentials are set)
  procure ask [--json] [--no-record] "<question>"
  procure parse --json "<question>"
  procure catalog lint                  check catalog/, intents/ and templates/
  procure help`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  root?: string | undefined;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  stdin: process.stdin,
  stdout: process.stdout,
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (
      err instanceof InputError ||
      err instanceof DataError ||
      err instanceof ConfigError ||
      (err instanceof Error && err.name === 'StartupError')
    ) {
      io.err(`${err.message}\n`);
      return 1;
    }
    io.err(`Something went wrong: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.PROCURE_DEBUG) io.err(`${(err as Error).stack}\n`);
    return 1;
  }
}

function loadEngineOrThrow(root?: string): Engine {
  const { data, problems } = readProject(root);
  if (!data) throw new DataError(problems);
  return new Engine(data, staleDaysFromEnv());
}

function staleDaysFromEnv(): { staleDays?: number } {
  const raw = process.env.PROCURE_STALE_DAYS;
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new InputError(`PROCURE_STALE_DAYS must be a whole number of days above 0, not "${raw}".`);
  return { staleDays: n };
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'start':
      return start(io);
    case 'ask': {
      const { values, positionals } = args(rest, { json: { type: 'boolean' }, 'no-record': { type: 'boolean' } });
      const text = positionals.join(' ');
      const engine = loadEngineOrThrow(io.root);
      const { request, answer } = engine.ask(text);
      if (values.json) io.out(`${JSON.stringify({ request, answer }, null, 2)}\n`);
      else io.out(engine.text(answer));
      return 0;
    }
    case 'parse': {
      const { positionals } = args(rest, { json: { type: 'boolean' } });
      const engine = loadEngineOrThrow(io.root);
      io.out(`${JSON.stringify(engine.parse(positionals.join(' ')), null, 2)}\n`);
      return 0;
    }
    case 'catalog': {
      const [sub] = rest;
      if (sub !== 'lint') throw new InputError(`Unknown catalog command "${sub ?? ''}": try "procure catalog lint".`);
      const { problems } = readProject(io.root);
      if (problems.length === 0) {
        io.out('catalog, intents and templates: OK\n');
        return 0;
      }
      for (const p of problems) io.err(`${formatProblem(p)}\n`);
      return 1;
    }
    case 'help':
    case '--help':
    case '-h':
      io.out(`${USAGE}\n`);
      return 0;
    default:
      throw new InputError(`Unknown command "${command}": run "procure help" for the list of commands.`);
  }
}

function args<T extends Record<string, { type: 'boolean' | 'string' }>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message.replace(/\. To specify.*$/, '')}.`);
  }
}

async function start(io: Io): Promise<number> {
  loadDotEnv();
  const config = readConfig();
  const engine = loadEngineOrThrow(io.root);
  if (config.mode === 'console') return runConsole(engine, io);
  // Loaded only in Slack mode, so the console and the CLI never load Bolt.
  const { runSlack } = await import('../slack/run.js');
  return runSlack(config, engine);
}
