/**
 * Adds labelled questions to intents/phrasings.yaml, the phrasings the parser learns intents from
 * (src/domain/parse/intent-model.ts): every opened held-out set (test/parse/heldout*\/questions.json), the parser table
 * (test/parse/utterances.yaml, cases that name an intent) and the intents' own examples. Phrasings already in the file
 * (added by hand, too) are kept; a text is listed once, under the first intent it was given.
 *
 *   npx tsx scripts/phrasings.ts          # prints what would be added
 *   npx tsx scripts/phrasings.ts --write  # writes intents/phrasings.yaml
 *
 * Never feed it a sealed set: a set the parser has learned from no longer measures questions nobody tuned on.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { INTENT_IDS, PhrasingsSchema } from '../src/intents/schema.js';

type Id = (typeof INTENT_IDS)[number];
const root = join(import.meta.dirname, '..');
const file = join(root, 'intents', 'phrasings.yaml');
const HEADER = `# Questions as people wrote them, each under the intent it asks for. The parser learns from them how questions are
# written beyond the cues in intents/<intent>.yaml (src/domain/parse/intent-model.ts): a question no cue speaks for is
# read the way questions like it were. Add a phrasing the bot misreads under the intent it asks for.
# scripts/phrasings.ts --write adds the opened held-out sets, the parser table and the intents' examples.
# weight: how much this evidence counts beside the cues (a cue weighs 1-4); added as weight x the share of the votes.
# min_features: a question with fewer features the phrasings know (a fragment: "what about Tencent?") gets no vote.
# neighbours: how many of the most alike phrasings vote; sharpness: each votes by likeness^sharpness, so a near copy
# outvotes loose resemblances.
`;

function existing(): {
  weight: number;
  min_features: number;
  neighbours: number;
  sharpness: number;
  byIntent: Record<Id, string[]>;
} {
  try {
    const f = PhrasingsSchema.parse(parse(readFileSync(file, 'utf8')));
    const { phrasings, ...how } = f;
    return { ...how, byIntent: phrasings };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return {
      weight: 1.5,
      min_features: 4,
      neighbours: 5,
      sharpness: 3,
      byIntent: Object.fromEntries(INTENT_IDS.map((id) => [id, []])) as unknown as Record<Id, string[]>,
    };
  }
}

function sources(): { intent: string; text: string }[] {
  const out: { intent: string; text: string }[] = [];
  const parseDir = join(root, 'test', 'parse');
  for (const d of readdirSync(parseDir)
    .filter((d) => /^heldout\d*$/.test(d))
    .sort()) {
    for (const q of JSON.parse(readFileSync(join(parseDir, d, 'questions.json'), 'utf8')))
      out.push({ intent: q.expect.intent, text: q.text });
  }
  for (const c of parse(readFileSync(join(parseDir, 'utterances.yaml'), 'utf8')) ?? [])
    if (c?.expect?.intent) out.push({ intent: c.expect.intent, text: c.text });
  for (const f of readdirSync(join(root, 'intents')).filter(
    (f) => f.endsWith('.yaml') && !/lexicon|phrasings/.test(f),
  )) {
    const def = parse(readFileSync(join(root, 'intents', f), 'utf8'));
    for (const text of [...(def.examples?.en ?? []), ...(def.examples?.zh ?? [])]) out.push({ intent: def.id, text });
  }
  return out;
}

const { byIntent, ...how } = existing();
const seen = new Set(
  Object.values(byIntent)
    .flat()
    .map((t) => t.trim()),
);
let added = 0;
for (const { intent, text } of sources()) {
  const t = String(text).trim();
  if (!t || seen.has(t) || !(INTENT_IDS as readonly string[]).includes(intent)) continue;
  seen.add(t);
  byIntent[intent as Id].push(t);
  added += 1;
}
const body = stringify({ ...how, phrasings: byIntent }, { lineWidth: 0 });
PhrasingsSchema.parse(parse(body));
if (process.argv.includes('--write')) {
  writeFileSync(`${file}.tmp`, HEADER + body);
  renameSync(`${file}.tmp`, file);
}
const counts = INTENT_IDS.map((id) => `${id} ${byIntent[id].length}`).join(', ');
process.stdout.write(`${added} phrasings ${process.argv.includes('--write') ? 'added' : 'to add'}; ${counts}\n`);
