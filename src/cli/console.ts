/** The local console: one question a line, the answer as text; `exit` or end of input ends it. */
import { createInterface } from 'node:readline';
import { historyRecord } from '../app/record.js';
import { weeklySummary } from '../app/summary.js';
import type { Request } from '../domain/request.js';
import { type Asked, type Engine, InputError, isoToday } from '../engine.js';
import type { Store } from '../store/types.js';
import { isoWeekOf } from '../store/week.js';
import type { Io } from './main.js';

/**
 * `store`: where answered questions are recorded and vendor quotes come from (none: nothing is kept).
 * A short follow-up after an answer ("what about Tencent?", "换成腾讯云呢？") changes one slot of the last request.
 */
export async function runConsole(
  engine: Engine,
  io: Io,
  store?: Store,
  user = 'local',
  today: () => string = () => isoToday(),
): Promise<number> {
  const quotes = store ? await store.quotes() : [];
  const interactive = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  io.out('procure-bot local console. Ask a question ("help" for examples, "exit" to leave).\n');
  let pending: Request | null = null;
  /** The last request answered: a short follow-up ("what about Tencent?") changes one slot of it. */
  let last: Request | null = null;
  if (interactive) rl.setPrompt('procure> ');
  if (interactive) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line) {
      try {
        const asked: Asked = engine.replyTo(pending, line, today(), { quotes, last });
        const { request, answer } = asked;
        pending = answer.kind === 'followup' ? request : null;
        if (answer.kind !== 'followup' && answer.kind !== 'help' && answer.kind !== 'summary') last = request;
        if (answer.kind === 'summary' && store) {
          const summary = await weeklySummary(store, engine, isoWeekOf(new Date()), isoToday());
          io.out(`${engine.renderer.summary(summary)}\n\n`);
        } else io.out(`${engine.text(answer)}\n`);
        if (store && answer.kind !== 'help' && answer.kind !== 'followup' && answer.kind !== 'summary')
          await store.recordRequest(
            historyRecord({ text: line, request, answer }, { surface: 'cli', user, channel: null }),
          );
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
