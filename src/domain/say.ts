/**
 * The answer's sentences in the asker's language. Messages are data (templates/<lang>/messages.yaml, one key per
 * sentence, `{{name}}` placeholders); the domain asks for a sentence by key and never writes English or Chinese
 * inline. Pure: the messages are loaded by src/catalog/load.ts and handed in.
 */
import type { Lang } from './request.js';

export type Messages = Record<Lang, Record<string, string>>;
export type SayVars = Record<string, string | number>;
/** A sentence by key, with its placeholders filled in. */
export type Say = ((key: string, vars?: SayVars) => string) & { readonly lang: Lang };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; a placeholder with no value is left visible rather than silently dropped. */
export function fill(template: string, vars: SayVars = {}): string {
  if (!template.includes('{{')) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/**
 * A `say` for one language. A key missing in that language falls back to English, then to the key itself, so an
 * answer is never blank; `catalog lint` refuses a messages file with a missing key, so users do not see either.
 */
export function sayer(messages: Messages, lang: Lang): Say {
  const own = messages[lang] ?? {};
  const en = messages.en ?? {};
  const say = (key: string, vars?: SayVars) =>
    fill(own[key] ?? en[key] ?? key, lang === 'zh' && vars ? zhDates(vars) : vars);
  return Object.assign(say, { lang });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date value (YYYY-MM-DD) is written as Chinese readers write it, 2026年1月26日, as the templates do. */
function zhDates(vars: SayVars): SayVars {
  let out: SayVars | null = null;
  for (const [k, v] of Object.entries(vars)) {
    const m = typeof v === 'string' ? ISO_DATE.exec(v) : null;
    if (!m) continue;
    out ??= { ...vars };
    out[k] = `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  }
  return out ?? vars;
}

/** Keys in one language's messages and not in the other's, for the loader's problems. */
export function missingKeys(messages: Messages): { lang: Lang; key: string }[] {
  const out: { lang: Lang; key: string }[] = [];
  const langs = Object.keys(messages) as Lang[];
  for (const a of langs)
    for (const b of langs) {
      if (a === b) continue;
      for (const key of Object.keys(messages[a])) if (!(key in messages[b])) out.push({ lang: b, key });
    }
  return out;
}
