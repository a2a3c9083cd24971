/**
 * Sentences that name what went wrong in a file given to the CLI (an importer's file-shape and row errors), kept as a
 * message key and its values so the CLI says them in the asker's language (templates/<lang>/import.yaml). A value may
 * itself be a sentence (a nested key), said in the same language. The error's `message` is the English sentence,
 * for logs and callers that show no language (the public refresh's reports).
 */
import type { Say, SayVars } from '../domain/say.js';
import { shippedSay } from './shipped-messages.js';

/** A sentence by key, with values that may be sentences too. */
export interface Said {
  key: string;
  vars?: SaidVars;
}
export type SaidVars = { [name: string]: string | number | Said };

/** Says a sentence and its nested sentences in `say`'s language. */
export function sayNested(say: Say, s: Said): string {
  const vars: SayVars = {};
  for (const [k, v] of Object.entries(s.vars ?? {})) vars[k] = typeof v === 'object' ? sayNested(say, v) : v;
  return say(s.key, vars);
}

/** An error whose sentence is a message key and values: English in `message`, any language through `in(say)`. */
export class SaidError extends Error {
  readonly said: Said;
  constructor(key: string, vars: SaidVars = {}) {
    const said = { key, vars };
    super(sayNested(shippedSay('en'), said));
    this.said = said;
  }
  /** The sentence in `say`'s language. */
  in(say: Say): string {
    return sayNested(say, this.said);
  }
}

/**
 * Why a text is not JSON, as a sentence: empty, not text at all (binary), cut off, or the parser's own words (in
 * English only: a Chinese reader is told the line).
 */
export function jsonWhy(text: string | undefined, err: unknown): Said {
  const detail = ((err as Error)?.message ?? String(err)).split('\n')[0] ?? '';
  if (text !== undefined && text.trim() === '') return { key: 'import.json.empty', vars: { detail } };
  if (text !== undefined && (text.includes('\u0000') || text.includes('\uFFFD')))
    return { key: 'import.json.binary', vars: { detail } };
  if (/end of (JSON )?input|Unterminated|Unexpected end|premature/i.test(detail))
    return { key: 'import.json.truncated', vars: { detail } };
  const at = /position (\d+)/.exec(detail);
  // The parser stopped at the very end: the text is cut off.
  if (at && text !== undefined && Number(at[1]) >= text.trimEnd().length)
    return { key: 'import.json.truncated', vars: { detail } };
  if (at && text !== undefined) {
    const line = text.slice(0, Number(at[1])).split('\n').length;
    return { key: 'import.json.at-line', vars: { detail, line } };
  }
  return { key: 'import.json.other', vars: { detail } };
}
