/**
 * Step 7: sizes in GB/TB, each classified by the words next to it: storage ("OSS 20TB", "存50TB"), egress
 * ("5TB egress/month", "1TB/day out", "出网流量10TB") or memory ("内存64G"); any other is a note.
 */
import { withdrawn } from './corrections.js';
import { toGB } from './numbers.js';
import { DAYS_PER_MONTH } from './read-tokens.js';
import type { ParseState } from './state.js';

const EGRESS =
  /egress|\bto (?:the )?(?:users|customers|clients|viewers|players|visitors)\b|\bpush(?:ed|es|ing)?\b|\bserv(?:e|ed|es|ing)\b|\bdeliver(?:ed|s|ing|y)?\b|egres\b|egrss|outbound|transfer(?:red)?\s*out|data\s*transfer|internet\s*traffic|traffic|download|\bout\b(?:\s+(?:to|over|into)\s+(?:the\s+)?(?:internet|net|web|public))?|\bto\s+(?:the\s+)?(?:internet|public\s+internet)\b|internet\s+(?:bandwidth|out)|\bbandwidth\b|流量|出网|外网|出口|流出|下行|公网|带宽/iu;
/**
 * Data moved out of a store, once ("get 200TB of data out of OSS", "export 30TB from COS", "从OSS迁出100TB"): egress,
 * even with a storage word beside it. Matched against the words around the size.
 */
const MOVED_OUT =
  /\bout\s+(?:of|from)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}(?:oss|cos|obs|s3|tos|bos|us3|ks3|buckets?|storage|cloud|[a-z]+cloud|aliyun|aws|tencent|alibaba|huawei)\b|\b(?:export(?:ing)?|pull(?:ing)?|download(?:ing)?|copy(?:ing)?|mov(?:e|ing)|migrat(?:e|ing)|transfer(?:ring)?|get(?:ting)?|take|taking|bring(?:ing)?)\b[^.?!;]{0,30}\b(?:out\s+of|out\s+from|from\s+(?:the\s+|our\s+)?(?:oss|cos|obs|s3|tos|bos|us3|ks3|buckets?))\b|迁出|导出|拷出|搬出|拉出|取出/iu;
const MEMORY = /ram|memory|mem\b|内存/iu;
/** An English label right before a size ("storage 20TB", "egress: 5TB"). */
const ADJACENT_LABEL = /([A-Za-z]+)\s*[:=]?\s*$/u;
const ADJACENT_SIZE_WORD =
  /(存储?|存放|存着|放了?|囤|硬盘|磁盘|云盘|流量|出网|外网|流出|下行|内存)\s*(?:大概|大约|约|差不多|将近|接近|有|是|[:：])?\s*$/u;
const SIZE =
  /(\d+(?:\.\d+)?)\s*(pb|tb|gb|gib|tib|t|g|mb|gigs?|teras?)(?![A-Za-z])(\s*(?:\/|per|a|each|every|每)\s*(?:month|mo|月)|\s+monthly\b)?(\s*(?:\/|per|a|each|every|每)\s*(?:day|天|日)|\s+daily\b)?/giu;

/** Where the next size starts. */
const NEXT_SIZE = /\d+(?:\.\d+)?\s*(?:pb|tb|gb|gib|tib|t|g|mb)(?![A-Za-z])/iu;

/** A day's transfer said around the egress words: "1TB egress a day", "daily egress of 1TB", "每天出网流量 300G". */
const DAILY_AFTER =
  /^\s*(?:of\s+)?(?:(?:internet\s+|public\s+)?(?:egress|outbound|traffic|transfer|downloads?|bandwidth|out)\s*)?(?:(?:\/|per|a|each|every)\s*day\b|daily\b)|^\s*(?:的)?(?:流量|出网|外网|下行)?\s*(?:每天|每日)/iu;
const DAILY_BEFORE = /(?:每天|每日|日均|一天|\bdaily|\bper day|\beach day)[^\d,，。;；]{0,12}$/iu;

type SizeKind = 'egress' | 'storage' | 'memory';

/**
 * `storage`: the storage words with the providers' product names (see lexicon.ts); `corrections`: the lexicon's
 * correction cues ("1PB of OSS — sorry, 600TB": the first size is withdrawn, and the one after it is what it was).
 */
export function readSizes(s: ParseState, storage: RegExp, corrections: RegExp[] = []): void {
  const { w, wl, notes, say } = s;
  const sizes = [...w.text.matchAll(SIZE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const gone = withdrawn(w.text, sizes, corrections);
  /** The kind of the size withdrawn last, for the size that replaces it. */
  let replaced: SizeKind | null = null;
  // With nothing said around a size, the question's own words: only storage words ("where to keep backups for an
  // exporter, ~50TB, …") make it storage.
  const whole: SizeKind | null =
    storage.test(s.text) && !EGRESS.test(s.text) && !MEMORY.test(s.text) ? 'storage' : null;
  const which = (t: string): SizeKind | null =>
    EGRESS.test(t) ? 'egress' : MEMORY.test(t) ? 'memory' : storage.test(t) ? 'storage' : null;
  const firstIn = (t: string): SizeKind | null => {
    const hits = (
      [
        ['egress', t.search(EGRESS)],
        ['storage', t.search(storage)],
        ['memory', t.search(MEMORY)],
      ] as [SizeKind, number][]
    ).filter(([, i]) => i >= 0);
    hits.sort((a, b) => a[1] - b[1]);
    return hits[0]?.[0] ?? null;
  };
  w.take(SIZE, (m, before, after) => {
    // "1TB/day egress": a day's transfer, made a month's (× 30.4 days) when it is egress.
    const daily = Boolean(m[4]);
    const gb = toGB(m[1] as string, m[2] as string);
    const monthly = Boolean(m[3]) || daily;
    const next = after.slice(0, 30);
    const prev = before.slice(-25);
    // The words after it, up to the next size: in "40 TB standard + 500GB/day egress" the egress is the 500GB's.
    const nextSize = next.search(NEXT_SIZE);
    const firstNext = firstIn(nextSize >= 0 ? next.slice(0, nextSize) : next);
    // The words up to the next number (after) or since the last one (before) belong to this number: in
    // "object storage 20TB + 5TB egress/month" the egress is the 5TB's, not the 20TB's.
    // A clause ends them too: in "每月流量大概 5T，存储 2T" the storage is the 2T's.
    const nextOwn = firstIn(next.slice(0, next.search(/\d|[，,。;；]|$/)));
    const prevOwn = which(prev.replace(/^[\s\S]*\d/, ''));
    const labelBefore = ADJACENT_LABEL.exec(prev)?.[1];
    const byLabel = labelBefore ? which(labelBefore) : null;
    // A word right before the number says what it is: "存50TB", "放 200TB 图片", "出网流量10TB", "内存64G".
    const adjacent = ADJACENT_SIZE_WORD.exec(before)?.[1];
    const byAdjacent: SizeKind | null = adjacent
      ? /存|盘|放|囤/.test(adjacent)
        ? 'storage'
        : adjacent === '内存'
          ? 'memory'
          : 'egress'
      : null;
    const movedOut =
      !monthly && byAdjacent === null && MOVED_OUT.test(`${before.slice(-40)}${m[0]}${after.slice(0, 40)}`);
    // A size replacing one withdrawn is what that one was, unless a word right next to it says otherwise.
    const kind = movedOut
      ? 'egress'
      : (byAdjacent ??
        byLabel ??
        replaced ??
        nextOwn ??
        prevOwn ??
        firstNext ??
        which(prev) ??
        (monthly ? 'egress' : whole));
    replaced = null;
    if ([...gone].some((g) => g.start === m.index)) {
      replaced = kind;
      notes.push(say('parse.corrected', { said: m[0].trim() }));
      return true;
    }
    if (movedOut && wl.egressGBPerMonth === null) {
      // A one-off move: the whole amount is one month's transfer.
      wl.egressGBPerMonth = gb;
      notes.push(say('parse.egress-once', { said: m[0].trim() }));
      return true;
    }
    if (
      kind === 'egress' &&
      (daily || DAILY_AFTER.test(after) || DAILY_BEFORE.test(before)) &&
      wl.egressGBPerMonth === null
    ) {
      wl.egressGBPerMonth = Math.round(gb * DAYS_PER_MONTH);
      notes.push(say('parse.egress-daily', { said: m[0].trim(), days: DAYS_PER_MONTH, gb: wl.egressGBPerMonth }));
    } else if (kind === 'egress') wl.egressGBPerMonth ??= gb;
    else if (kind === 'storage') wl.storageGB ??= gb;
    else if (kind === 'memory') wl.memoryGiB ??= Number(m[1]);
    else notes.push(say('parse.size-unclear', { said: m[0].trim() }));
    return true;
  });
}
