/**
 * Ranges of a quantity ("2-4 A10", "2到4张", "3~6 months", "10-20TB"): the request holds one number, so a range is
 * read as its top (the most it could cost, what a budget has to cover) and a note says so. Only a range followed by a
 * unit or a GPU is one: "9-6" (a time of day), "5%-34%", "2026-04" and "cn-north-4" are left alone.
 */

import type { Say } from '../say.js';

/** Two numbers joined by a dash, tilde, "to" or 到/至; the first not part of a word, a version or a date. */
const RANGE = /(?<![\w.\-–~/:])(\d+(?:\.\d+)?)\s*(?:-|–|~|〜|to|到|至)\s*(\d+(?:\.\d+)?)(?![\d.])/giu;

/**
 * What may follow a range of quantities: counts, sizes, durations, hours, a machine shape ("10-20 4c8g") or an instance
 * type ("3-5 c7.2xlarge.4"), and a GPU, tested separately.
 */
const UNIT_AFTER =
  /^\s*(?:x\b|张|块|台|卡|个|片|颗|核|年|月|周|星期|天|日|小时|万|亿|千|(?:k|m|b|tb|gb|g|t|pb)\b|(?:v?cpus?|vcores?|cores?|gpus?|cards?|instances?|nodes?|servers?|machines?|vms?|hosts?|boxes|replicas?|months?|mos?|years?|yrs?|weeks?|days?|hours?|hrs?|h|tokens?|million|thousand|billion)\b|\d+(?:\.\d+)?\s*(?:c|核|v?cpus?)\s*\d+\s*(?:g|gb|gib)\b|[A-Za-z]{1,6}\d[\w-]*\.[A-Za-z0-9]+)/iu;

/** Clock words right after a range: "9-18点", "9-6pm", "9:00-18:00" are times of day, not quantities. */
const CLOCK_AFTER = /^\s*(?:点|am\b|pm\b|:|时)/iu;

export interface RangeRead {
  /** The text with each range replaced by its top, padded so every position stays where it was. */
  text: string;
  notes: string[];
}

/** `gpuAt(s)`: whether `s` starts with a GPU model name. */
export function readRanges(text: string, gpuAt: (s: string) => boolean, say: Say): RangeRead {
  const notes: string[] = [];
  const out = text.replace(RANGE, (all, a: string, b: string, offset: number) => {
    const low = Number(a);
    const high = Number(b);
    if (!(high > low) || low <= 0) return all;
    const after = text.slice(offset + all.length, offset + all.length + 24);
    if (CLOCK_AFTER.test(after) || !(UNIT_AFTER.test(after) || gpuAt(after.trimStart()))) return all;
    notes.push(say('parse.range', { said: all.trim(), top: b }));
    return ' '.repeat(all.length - b.length) + b;
  });
  return { text: out, notes };
}
