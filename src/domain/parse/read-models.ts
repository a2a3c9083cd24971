/**
 * Step 4: hosted model names ("qwen2.5-72b-instruct", "ernie 4.0", "deepseek-v3.1", "doubao-seed-1.6", "文心 4.5 turbo").
 * The first is the model priced; the others are a note (and may add their providers, see places.ts).
 */
import type { Mention } from './entities.js';
import type { CompiledLexicon } from './lexicon.js';
import type { ParseState } from './state.js';
import { blank } from './work.js';

/**
 * A family word, then parts joined by "-", a space or nothing. Read by `readModel`, a scanner, not one regex: a
 * repeated optional separator around repeated digits backtracks exponentially on a long run of digits.
 */
const MODEL_FAMILY = /(?<![A-Za-z0-9])(?:qwen|qwq|doubao|ernie|deepseek|glm|hunyuan|kimi|moonshot)/giu;
const MODEL_PART =
  /^(?:\d+(?:\.\d+)*[a-z]?|max|plus|turbos?|flash|pro|lite|speed|seed|coder|vl|long|bot|standard|std|large|ultra|air|express|vision|role|functioncall|instruct|thinking|mini|chat|reasoner|preview|latest|distill|exp|omni|terminus|v\d+(?:\.\d+)*|[rkt]\d+(?:\.\d+)*|x\d(?:\.\d+)?|\d+k|a\d+b)$/i;
/** Parts that name a base model, read only right after "distill" ("deepseek-r1-distill-qwen-32b"). */
const MODEL_BASE_PART = /^(?:qwen[\d.]*|llama[\d.]*)$/i;
const MODEL_PART_CHARS = /[A-Za-z0-9.]/;
const ZH_MODEL =
  /(文心一言|文心|豆包|混元|通义千问|千问|盘古)(?:\s*-?\s*(seed)(?![A-Za-z]))?\s*(\d+(?:\.\d+)?(?![\d.]|\s*(?:个|月|年|台|张|卡|天|周|小时|万|亿|千|百|[kmb]\b|tokens?)))?\s*-?\s*(turbo|pro|lite|max|plus|speed|flash|mini|vl)?(?:\s*-?\s*(\d+k)(?![A-Za-z]))?(?![A-Za-z])/giu;

/** Whether the text names a hosted model family ("qwen", "doubao", "deepseek"…). */
export function namesModel(text: string): boolean {
  MODEL_FAMILY.lastIndex = 0;
  const found = MODEL_FAMILY.test(text);
  MODEL_FAMILY.lastIndex = 0;
  return found;
}

/** The end of the model name that starts with a family word ending at `from`. */
function readModel(text: string, from: number): number {
  let end = from;
  for (let guard = 0; guard < 12; guard++) {
    const sep = text[end] === '-' || text[end] === ' ' ? 1 : 0;
    let i = end + sep;
    while (i < text.length && i - end <= 24 && MODEL_PART_CHARS.test(text[i] as string)) i++;
    let part = text.slice(end + sep, i);
    while (part.endsWith('.')) part = part.slice(0, -1);
    const afterDistill = /distill$/i.test(text.slice(from, end));
    if (
      !part ||
      !(MODEL_PART.test(part) || (afterDistill && MODEL_BASE_PART.test(part))) ||
      (sep === 0 && end !== from)
    )
      break;
    if (i < text.length && MODEL_PART_CHARS.test(text[i] as string)) break; // a longer word: not a model part
    // "doubao-pro 1天", "qwen-max 3个月": a number with a Chinese unit after it is a count, not a version.
    if (sep && /^\d/.test(part) && /^\s*(?:天|日|个|月|年|台|张|卡|小时|万|亿|千|百|次|周)/u.test(text.slice(i))) break;
    end = end + sep + part.length;
  }
  return end;
}

/**
 * Models and GPUs no provider in the catalogue sells ("gpt-4o", "llama 3 70b", "MI300X"), providers and places it does
 * not have ("Azure", "天翼云", "西安"): a note each, and the name taken out so its digits are not read as counts. A GPU of these leaves the request asking which GPU to price.
 */
export function readUnsold(s: ParseState, lx: CompiledLexicon, mentions: Mention[]): void {
  const { w, notes, say, vague } = s;
  for (const u of lx.unsold)
    w.take(u.re, (m) => {
      // A name the catalogue knows after all ("London" in a list of places elsewhere) is read as the catalogue's.
      const end = m.index + m[0].length;
      if (mentions.some((x) => x.start < end && x.end > m.index)) return false;
      notes.push(say(`parse.unsold-${u.kind}`, { said: m[0].trim() }));
      if (u.kind === 'gpu') vague.gpuWithoutModel = true;
      if (u.kind === 'model') s.modelSpans = [...(s.modelSpans ?? []), { start: m.index, end }];
      return true;
    });
}

/** The model names said, in order (lower case, as providers spell them). */
export function readModels(s: ParseState, lx: CompiledLexicon): string[] {
  const { w, wl, notes, say } = s;
  const models: string[] = [];
  const spans: { start: number; end: number }[] = [];
  MODEL_FAMILY.lastIndex = 0;
  for (let m = MODEL_FAMILY.exec(w.text); m; m = MODEL_FAMILY.exec(w.text)) {
    const end = readModel(w.text, m.index + m[0].length);
    if (end < w.text.length && /[A-Za-z0-9]/.test(w.text[end] as string)) continue; // "qwentastic", "glmx"
    // "qwen 2.5 72b", "qwen-3 max": Qwen writes its version against the family word ("qwen2.5-72b", "qwen3-max").
    const name = w.text
      .slice(m.index, end)
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/^(qwen)-(\d+(?:\.\d+)?)(?=-|$)/, '$1$2');
    if (!models.includes(name)) models.push(name);
    spans.push({ start: m.index, end });
    blank(w, m.index, end - m.index);
    MODEL_FAMILY.lastIndex = end;
  }
  // "文心 4.5 turbo", "豆包 1.5 pro": a Chinese family name with a version or tier names the model.
  if (!models.length)
    w.take(ZH_MODEL, (m) => {
      const fam = lx.families.find((f) => !f.platform && f.re.test(m[1] as string));
      if (!fam || (!m[3] && !m[4])) return false;
      // "豆包 1.5 pro 32k": the context length is part of the model's name.
      // "豆包 seed 1.6": Doubao's Seed line (doubao-seed-1.6).
      const name = [fam.family, m[2]?.toLowerCase(), m[3], m[4]?.toLowerCase(), m[5]?.toLowerCase()]
        .filter(Boolean)
        .join('-');
      models.push(name.replace(/^(qwen)-(\d)/, '$1$2'));
      spans.push({ start: m.index, end: m.index + m[0].length });
      return true;
    });
  wl.model = models[0] ?? null;
  wl.models = models;
  s.modelSpans = [...(s.modelSpans ?? []), ...spans];
  if (models.length > 1)
    notes.push(
      say(models.length === 2 ? 'parse.second-model' : 'parse.more-models', {
        others: models.slice(1).join(', '),
        first: models[0] ?? '',
      }),
    );
  return models;
}
