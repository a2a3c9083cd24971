/**
 * Text from Slack or a terminal made safe to keep and to print: ANSI escape sequences and control characters
 * (a tab or newline becomes a space), bidi overrides and isolates removed; zero-width characters removed so
 * a word split by them ("Hang\u200Bzhou") reads whole again. Pure.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;
// C0 and C1 controls except tab, newline and carriage return (those become spaces below), and DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const SPACES = /[\t\r\n]/g;
// Bidi embeddings, overrides, isolates and marks.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// Zero-width space, non-joiner, joiner, word joiner, invisible operators, BOM, soft hyphen.
const ZERO_WIDTH = /[\u200b-\u200d\u2060-\u2064\ufeff\u00ad]/g;

export function cleanText(text: string, opts: { keepNewlines?: boolean } = {}): string {
  const s = text.replace(ANSI, '').replace(BIDI, '').replace(ZERO_WIDTH, '');
  return (opts.keepNewlines ? s : s.replace(SPACES, ' ')).replace(CONTROLS, '');
}
