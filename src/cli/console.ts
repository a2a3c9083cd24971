/** The local console: one question a line, the answer as text; `exit` or end of input ends it. */
import { createInterface } from 'node:readline';
import type { Request } from '../domain/request.js';
import { type Asked, type Engine, InputError } from '../engine.js';
import type { Io } from './main.js';

export async function runConsole(engine: Engine, io: Io): Promise<number> {
  const interactive = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  io.out('procure-bot local console. Ask a question ("help" for examples, "exit" to leave).\n');
  let pending: Request | null = null;
  if (interactive) rl.setPrompt('procure> ');
  if (interactive) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line) {
      try {
        const asked: Asked = pending ? engine.continue(pending, line) : engine.ask(line);
        const { request, answer } = asked;
        pending = answer.kind === 'followup' ? request : null;
        io.out(`${engine.text(answer)}\n`);
      } catch (err) {
        pending = null;
        if (err instanceof InputError) io.out(`${engine.renderer.error(err.message)}\n\n`);
        else io.out(`${engine.renderer.error(`something went wrong answering that: ${(err as Error).message}`)}\n\n`);
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  io.out('Bye.\n');
  return 0;
}
