/**
 * A user correcting themselves: "m8i.xlarge? no wait, m8i.4xlarge", "2x A10, sorry I meant 2x L20", "A100 不对 应该是 H100".
 * Of two things of one kind (instance types, GPUs), the one followed by a correction cue before the next is withdrawn.
 * Pure: spans and cues in, the spans withdrawn out.
 */
export interface Span {
  start: number;
  end: number;
}

/** Words that add the next thing instead of replacing the last ("actually also an L20"). */
const ADDS = /\b(?:also|too|as well|plus|and)\b|还有|以及|也|再加/iu;

/** The spans (in text order) that a correction cue right after them withdraws. */
export function withdrawn<T extends Span>(text: string, spans: T[], cues: RegExp[]): Set<T> {
  const out = new Set<T>();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i] as T;
    const b = sorted[i + 1] as T;
    const between = text.slice(a.end, b.start);
    if (between.length <= 60 && cues.some((c) => c.test(between)) && !ADDS.test(between)) out.add(a);
  }
  return out;
}
