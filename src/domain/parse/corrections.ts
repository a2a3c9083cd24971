/**
 * A user correcting themselves: "m8i.xlarge? no wait, m8i.4xlarge", "2x A10, sorry I meant 2x L20", "A100 不对 应该是 H100".
 * Of two things of one kind (instance types, GPUs, providers, places), the one followed by a correction cue before the
 * next is withdrawn. When the next one repeats an option named before the cue ("火山还是腾讯… 算了先按火山", "A10 or L20?
 * never mind, just go with L20"), the user settled on it: the other options named just before are withdrawn (the
 * option itself stays, however often it is named).
 * Pure: spans and cues in, the spans withdrawn out.
 */
export interface Span {
  start: number;
  end: number;
}

/** Words that add the next thing instead of replacing the last ("actually also an L20"). */
const ADDS = /\b(?:also|too|as well|plus|and)\b|还有|以及|也|再加/iu;
/** How far before a settling cue the options it settles among are looked for. */
const OPTIONS_WITHIN = 80;

/**
 * The spans (in text order) that a correction cue right after them withdraws. `key`: what makes two spans the same
 * option (a provider's id for "火山" and "火山引擎"); by default the words, in lower case.
 */
export function withdrawn<T extends Span>(
  text: string,
  spans: T[],
  cues: RegExp[],
  key: (s: T) => string = (s) => text.slice(s.start, s.end).toLowerCase().replace(/\s+/g, ' '),
  /** When given, the settled-on option's earlier mentions are withdrawn too (not counted twice) and listed here. */
  repeats?: Set<T>,
): Set<T> {
  const out = new Set<T>();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i] as T;
    const b = sorted[i + 1] as T;
    const between = text.slice(a.end, b.start);
    if (between.length > 60 || !cues.some((c) => c.test(between)) || ADDS.test(between)) continue;
    const options = sorted.slice(0, i + 1).filter((x) => a.end - x.start <= OPTIONS_WITHIN);
    if (options.some((x) => key(x) === key(b))) {
      for (const x of options)
        if (key(x) !== key(b)) out.add(x);
        else if (repeats) {
          out.add(x);
          repeats.add(x);
        }
    } else out.add(a);
  }
  return out;
}
