/**
 * Providers and places the user ruled out or took back, dropped from the mentions before anything else reads them:
 *   ruled out   "not AWS, tencent or huawei", "除了华为云", "shanghai not hangzhou", "不考虑香港"
 *   taken back  "tencent hangzhou?? wait no, shanghai", "火山还是腾讯… 算了先按火山" (a correction cue between two of a kind)
 * A provider ruled out means "any other provider" (the parser asks about the rest); a place ruled out or a mention taken
 * back is only dropped. A provider "ruled out" for another ("不用阿里云了改用华为云") is where the user is now: kept, as
 * the incumbent. Pure: mentions, text and cues in, the mentions kept and dropped out.
 */
import { withdrawn } from './corrections.js';
import type { Mention } from './entities.js';

/** Joins a mention to the one ruled out before it: "AWS, tencent or huawei", "华为、腾讯", "华为和腾讯". */
const LIST_JOIN = /^[\s,，、/&]*(?:(?:or|and|nor|和|或|或者|与|跟|及)\s*)?$/iu;
/** A join that is only a comma: it lists only when a later join in the run is a word ("A, B or C"), else "不考虑 AWS，阿里云 …" starts a new clause. */
const COMMA_ONLY = /^\s*[,，]\s*$/u;

const isPlace = (m: Mention) => m.type !== 'provider';

export interface Dropped {
  kept: Mention[];
  /** Providers ruled out: every other provider is asked about when no other is named. */
  excluded: Mention[];
  /** Places ruled out, and providers and places taken back: only dropped. */
  withdrawn: Mention[];
  /** A provider left for another ("不用阿里云了改用华为云", "no more AWS, switching to Tencent"): kept, the incumbent. */
  leaving: Mention | null;
}

export function dropUnwanted(
  mentions: Mention[],
  text: string,
  exclusionBefore: RegExp | null,
  corrections: RegExp[],
  switchAfter: RegExp | null = null,
): Dropped {
  const { kept: left, dropped } = dropExcluded(mentions, text, exclusionBefore, switchAfter);
  // Taken back: of two providers, or two places, the one a correction cue follows ("hangzhou? wait no, shanghai").
  const byId = (m: Mention) => m.id;
  const gone = new Set([
    ...withdrawn(
      text,
      left.filter((m) => !isPlace(m)),
      corrections,
      byId,
    ),
    ...withdrawn(text, left.filter(isPlace), corrections, byId),
  ]);
  return {
    kept: left.filter((m) => !gone.has(m)),
    excluded: dropped.filter((m) => !isPlace(m)),
    withdrawn: [...dropped.filter(isPlace), ...gone],
    leaving: left.find((m) => leftFor(m, left, text, switchAfter)) ?? null,
  };
}

/** A provider followed by a move to the next provider named ("阿里云了改用华为云", "腾讯云不用了，换成火山"). */
function leftFor(m: Mention, mentions: Mention[], text: string, switchAfter: RegExp | null): boolean {
  if (!switchAfter || isPlace(m)) return false;
  const next = mentions.find((x) => x.start >= m.end && !isPlace(x));
  return next !== undefined && switchAfter.test(text.slice(m.end, next.start));
}

/**
 * Mentions ruled out ("not AWS, tencent or huawei", "除了华为云", "anything but Alibaba", "not hangzhou"), and the
 * mentions left: a provider or place right after an exclusion phrase, and each one of its kind listed straight after
 * it, is ruled out.
 */
function dropExcluded(
  mentions: Mention[],
  text: string,
  exclusionBefore: RegExp | null,
  switchAfter: RegExp | null,
): { kept: Mention[]; dropped: Mention[] } {
  const dropped: Mention[] = [];
  if (!exclusionBefore) return { kept: mentions, dropped };
  const kept: Mention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i] as Mention;
    if (!exclusionBefore.test(text.slice(Math.max(0, m.start - 30), m.start))) {
      kept.push(m);
      continue;
    }
    // "不用阿里云了改用华为云": not ruled out, left for the provider named next.
    if (leftFor(m, mentions, text, switchAfter)) {
      kept.push(m);
      continue;
    }
    // The run of mentions of its kind listed after it, and the joins between them.
    const run = [m];
    const joins: string[] = [];
    for (let j = i + 1; j < mentions.length; j++) {
      const next = mentions[j] as Mention;
      const join = text.slice((run[run.length - 1] as Mention).end, next.start);
      if (isPlace(next) !== isPlace(m) || !LIST_JOIN.test(join)) break;
      run.push(next);
      joins.push(join);
    }
    // Trailing comma-only joins (no word join after them) end the list.
    let n = run.length;
    while (n > 1 && COMMA_ONLY.test(joins[n - 2] as string)) n--;
    dropped.push(...run.slice(0, n));
    i += n - 1;
  }
  return { kept, dropped };
}
