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
): Promise<number> {
  const quotes = store ? await store.quotes() : [];
  const interactive = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  io.out(
    lang === 'zh'
      ? 'procure-bot 本地控制台。请输入问题（输入 "help" 查看示例，"/lang en|zh|auto" 切换回答语言，"exit" 退出）。\n'
      : 'procure-bot local console. Ask a question ("help" for examples, "/lang en|zh|auto" for the answer language, "exit" to leave).\n',
  );
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
        io.out(
          word === 'zh'
            ? '此后用中文回答。\n\n'
            : word === 'en'
              ? 'Answers in English from now on.\n\n'
              : "Answers follow each question's language from now on.\n\n",
        );
      } else io.out(`${engine.renderer.error(`the answer language is en, zh or auto, not "${word}".`)}\n\n`);
    } else if (line) {
      try {
        const asked: Asked = engine.replyTo(pending, line, today(), { quotes, last, lang: answerLang });
        const { request, answer } = asked;
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
        if (err instanceof InputError) io.out(`${engine.renderer.error(err.message, 'text', errLang)}\n\n`);
        else
          io.out(
            `${engine.renderer.error(`something went wrong answering that: ${(err as Error).message}`, 'text', errLang)}\n\n`,
          );
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  io.out('Bye.\n');
  return 0;
}
