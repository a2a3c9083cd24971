/** Runs the CLI's main() in-process with an io that captures stdout and stderr. */
import { PassThrough, Readable } from 'node:stream';
import { type Io, main } from '../../src/cli/main.js';
import { REPO_ROOT } from './project.js';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function runCli(
  argv: string[],
  options: { root?: string; stdin?: NodeJS.ReadableStream } = {},
): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    stdin: options.stdin ?? Readable.from([]),
    stdout: new PassThrough(),
    root: options.root ?? REPO_ROOT,
  };
  const code = await main(argv, io);
  return { code, out, err };
}
