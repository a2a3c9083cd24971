/**
 * Answers, not parses: every question of the opened held-out sets (test/parse/heldout*\/questions.json, or the files
 * given) asked of the whole engine, listing those the writer expected an answer to (any intent but help) that the
 * bot answered with a question back (a follow-up) or its help text instead. Each line: the id, expected → answered,
 * the question, and the first lines of the reply. The last line counts them, and how many of those questions back
 * already carry the catalogue's prices (a model's unit prices, the range of a token total with no split).
 *
 *   npx tsx scripts/answer-sweep.ts                                          # every opened set
 *   npx tsx scripts/answer-sweep.ts test/parse/heldout15/questions.json      # one set
 *
 * Writes nothing. Exit 0 when the run completes; 1 when a set or the engine cannot be loaded.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadEngine } from '../src/engine.js';
import { type HeldoutItem, loadQuestions } from '../test/parse/heldout/score.js';

const TODAY = '2026-12-06';

try {
  const given = process.argv.slice(2);
  const dir = resolve('test/parse');
  const files = given.length
    ? given.map((f) => resolve(f))
    : readdirSync(dir)
        .filter((d) => /^heldout\d*$/.test(d))
        .map((d) => join(dir, d, 'questions.json'));
  const items: HeldoutItem[] = files.flatMap((f) => loadQuestions(f));
  const engine = await loadEngine();
  let unanswered = 0;
  let withPrices = 0;
  for (const item of items) {
    const expected = item.expect.intent as string | undefined;
    const { answer } = engine.ask(item.text, TODAY);
    if (!expected || expected === 'help' || (answer.kind !== 'followup' && answer.kind !== 'help')) continue;
    unanswered++;
    // A question back that already carries the catalogue's prices (a model's unit prices, a token total's range).
    const say = engine.pipeline.say(answer.lang);
    const leads = [say('followup.tokens-bounds.lead'), say('followup.tokens-unit.lead')];
    if (answer.notes.some((n) => leads.includes(n))) withPrices++;
    const reply = engine.text(answer).split('\n').filter(Boolean).slice(0, 2).join(' | ');
    process.stdout.write(`${item.id} [${expected} → ${answer.kind}] ${item.text}\n    ${reply.slice(0, 240)}\n`);
  }
  process.stdout.write(
    `${unanswered} of ${items.length} questions expecting an answer got a question back or the help` +
      ` (${withPrices} of them with the catalogue's token prices or ranges beside the question)\n`,
  );
} catch (e) {
  process.stderr.write(`answer-sweep: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
