/**
 * Answers test/review/questions.yaml the way a user would (`procure ask` from a fresh data directory each) and writes
 * each answer's text to test/review/out/<id>.txt, then prints the faults a machine can see (a score shown, a vendor
 * question repeated, a named provider or place missing, a recommendation without a basis, a local path as a source,
 * a wrong plural). Whether an answer is worth forwarding is a reader's call: see test/review/REVIEW.md.
 *
 *   npx tsx scripts/review.ts [--set questions2] [--only q07,q28] [--out after]
 *
 * `--set` names the question file in test/review/ (default questions, i.e. questions.yaml); answers go to
 * test/review/<out>/ (default out/). A question with `turns:` instead of `text:` is a conversation: its lines are
 * typed one after another into the local console (`procure start` with no Slack credentials), so each follow-up
 * ("what about Tencent?") changes the request before it; the whole transcript is written and checked as text.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const dir = join(root, 'test/review');
const setArg = process.argv.indexOf('--set');
const setName = setArg > 0 ? (process.argv[setArg + 1] ?? 'questions').replace(/\.yaml$/, '') : 'questions';
interface Question {
  id: string;
  text?: string;
  turns?: string[];
}
const questions = parse(readFileSync(join(dir, `${setName}.yaml`), 'utf8')) as Question[];
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : null;
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? (process.argv[outArg + 1] ?? 'out') : 'out';
mkdirSync(join(dir, outDir), { recursive: true });

interface Out {
  request: { providers: string[]; locations: string[] };
  answer: {
    kind: string;
    recommendation: { basis?: string } | null;
    options: { provider: string; location: string }[];
    topQuestions: { text: string }[];
    questions: { items: { text: string }[] }[];
  };
}

async function ask(text: string, json: boolean): Promise<string> {
  const env = { ...process.env, PROCURE_DATA_DIR: mkdtempSync(join(tmpdir(), 'review-')) };
  const args = ['bin/procure.js', 'ask', ...(json ? ['--json'] : []), text];
  try {
    return (await run('node', args, { cwd: root, env, maxBuffer: 1 << 24 })).stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

/** A conversation: every turn typed into one console session, from a fresh data directory, no Slack credentials. */
async function converse(turns: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PROCURE_DATA_DIR: mkdtempSync(join(tmpdir(), 'review-')) };
  for (const k of Object.keys(env)) if (k.startsWith('SLACK_')) delete env[k];
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/procure.js', 'start'], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('close', () => resolve(out));
    child.stdin.end(`${turns.join('\n')}\nexit\n`);
  });
}

function faults(text: string, out: Out | null): string[] {
  const found: string[] = [];
  if (/\bscore\b|得分|分数/i.test(text)) found.push('a score is shown');
  if (/file:|shared\/seeds|\/work\//.test(text)) found.push('a local path as a source');
  if (/\b1 (months|instances|GPUs|hours|questions|options)\b|\(s\)/.test(text)) found.push('a wrong plural');
  if (!out?.answer) return found;
  const a = out.answer;
  if (a.recommendation && !a.recommendation.basis) found.push('a recommendation without a basis');
  // The answer shows the top questions, or (for a questions answer) the grouped ones: each list on its own.
  for (const list of [a.topQuestions, a.questions.flatMap((s) => s.items)]) {
    const asked = list.map((q) => q.text.trim().toLowerCase());
    const dupes = asked.filter((q, i) => asked.indexOf(q) !== i);
    if (dupes.length) found.push(`${dupes.length} vendor question(s) repeated`);
  }
  if (a.options.length) {
    for (const p of out.request.providers)
      if (!a.options.some((o) => o.provider === p)) found.push(`named provider ${p} not shown`);
    for (const l of out.request.locations)
      if (!a.options.some((o) => o.location === l)) found.push(`named place ${l} not shown`);
  }
  return found;
}

const todo = questions.filter((q) => !only || only.has(q.id));
let next = 0;
const results = new Map<string, string[]>();
async function worker() {
  while (next < todo.length) {
    const q = todo[next++] as Question;
    if (q.turns) {
      const text = await converse(q.turns);
      writeFileSync(join(dir, outDir, `${q.id}.txt`), `${q.turns.map((t) => `>>> ${t}`).join('\n')}\n\n${text}`);
      results.set(q.id, faults(text, null));
      continue;
    }
    const asked = q.text ?? '';
    const [text, json] = await Promise.all([ask(asked, false), ask(asked, true)]);
    let out: Out | null = null;
    try {
      out = JSON.parse(json) as Out;
    } catch {}
    writeFileSync(join(dir, outDir, `${q.id}.txt`), `>>> ${asked}\n\n${text}`);
    results.set(q.id, faults(text, out));
  }
}
await Promise.all([worker(), worker()]);
for (const q of todo) {
  const f = results.get(q.id) ?? [];
  console.log(`${q.id} ${f.length ? f.join('; ') : 'no mechanical fault'}`);
}
