/**
 * The local console: one question a line, the answer as text; `exit` or end of input ends it.
 * Answers follow each question's language unless `--lang` (or a `/lang en|zh|auto` line) says otherwise.
 */
import { createInterface } from 'node:readline';
import { historyRecord } from '../app/record.js';
import { weeklySummary } from '../app/summary.js';
import type { Lang, Request } from '../domain/request.js';
import { type Asked, type Engine, InputError, isoToday } from '../engine.js';
import type { Store } from '../store/types.js';
import { isoWeekOf } from '../store/week.js';
import type { Io } from './main.js';

const LANG_LINE = /^\/?lang(?:uage)?\s+(\S+)\s*$/i;

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
  lang: Lang | null = null,
  /** The language of the console's own words before a question sets it (the CLI's: --lang, else the locale). */
  ui: Lang = lang ?? 'en',
): Promise<number> {
  // The console's own words follow the last language used: --lang, a /lang line, the last question's.
  let words = ui;
  const say = () => engine.pipeline.say(words);
  const quotes = store ? await store.quotes() : [];
  const interactive = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  io.out(`${say()('console.welcome')}\n`);
  let pending: Request | null = null;
  /** The last request answered: a short follow-up ("what about Tencent?") changes one slot of it. */
  let last: Request | null = null;
  let answerLang = lang;
  if (interactive) rl.setPrompt('procure> ');
  if (interactive) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    const langLine = LANG_LINE.exec(line);
    if (langLine) {
      const word = (langLine[1] as string).toLowerCase();
      if (word === 'en' || word === 'zh' || word === 'auto') {
        answerLang = word === 'auto' ? null : word;
        if (word !== 'auto') words = word;
        io.out(`${say()(`console.lang.${word}`)}\n\n`);
      } else io.out(`${engine.renderer.error(say()('console.lang.bad', { word }), 'text', words)}\n\n`);
    } else if (line) {
      try {
        const asked: Asked = engine.replyTo(pending, line, today(), { quotes, last, lang: answerLang });
        const { request, answer } = asked;
        words = answer.lang;
        pending = answer.kind === 'followup' ? request : null;
        if (answer.kind !== 'followup' && answer.kind !== 'help' && answer.kind !== 'summary') last = request;
        if (answer.kind === 'summary' && store) {
          const summary = await weeklySummary(store, engine, isoWeekOf(new Date()), isoToday(), answer.lang);
          io.out(`${engine.renderer.summary(summary, 'text', answer.lang)}\n\n`);
        } else io.out(`${engine.text(answer)}\n`);
        if (store && answer.kind !== 'help' && answer.kind !== 'followup' && answer.kind !== 'summary')
          await store.recordRequest(
            historyRecord({ text: line, request, answer }, { surface: 'cli', user, channel: null }),
          );
      } catch (err) {
        pending = null;
        const errLang = answerLang ?? (/[\u3400-\u9fff]/u.test(line) ? 'zh' : 'en');
        words = errLang;
        if (err instanceof InputError) io.out(`${engine.renderer.error(err.message, 'text', errLang)}\n\n`);
        else
          io.out(
            `${engine.renderer.error(say()('console.error', { why: (err as Error).message }), 'text', errLang)}\n\n`,
          );
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  io.out(`${say()('console.bye')}\n`);
  return 0;
}
