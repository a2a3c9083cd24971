/**
 * Row notes in both languages: an importer writes each caveat as `note` (English) and `note_zh` (Chinese) from
 * templates/<lang>/import.yaml, so a Chinese answer shows a user's own imported rows' caveats in Chinese too.
 */
import { fmtFor } from '../../domain/format.js';
import type { SayVars } from '../../domain/say.js';
import { shippedSay } from '../shipped-messages.js';

/** One caveat: its key in import.yaml and its values (`money` is filled in per language from currency and price). */
export interface NoteLine {
  key: string;
  vars?: SayVars;
}

/** A note written by someone (a CLI option): the same text in both languages unless a Chinese one is given. */
export interface GivenNote {
  en: string;
  zh?: string | undefined;
}

/**
 * The row's `note` and `note_zh` from its caveats; `note_zh` only when every caveat has Chinese (a note given only in
 * English leaves the row without one, and the answer shows the English as written).
 */
export function bilingualNote(lines: (NoteLine | GivenNote)[]): { note?: string; note_zh?: string } {
  if (!lines.length) return {};
  const text = (lang: 'en' | 'zh') => {
    const say = shippedSay(lang);
    const out: string[] = [];
    for (const l of lines) {
      if ('en' in l) {
        const t = lang === 'en' ? l.en : l.zh;
        if (t === undefined) return null;
        out.push(t);
        continue;
      }
      const v = l.vars ?? {};
      const money =
        typeof v.price === 'number' && typeof v.currency === 'string'
          ? fmtFor(lang).unitPrice(v.price, v.currency)
          : '';
      out.push(say(l.key, { ...v, money }));
    }
    return out.join(say('import.sep'));
  };
  const en = text('en') ?? '';
  const zh = text('zh');
  return { note: en, ...(zh ? { note_zh: zh } : {}) };
}
