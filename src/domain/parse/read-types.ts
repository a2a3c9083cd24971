/**
 * Step 1: the instance types named ("ecs.gn7i-c8g1.2xlarge", "g5.2xlarge x3", "Tencent S5.LARGE8"): the first gives
 * the size, GPU and count; a corrected one is withdrawn; any other is a note.
 */
import { withdrawn } from './corrections.js';
import type { InstanceTypeIndex, TypeMatch } from './instance-types.js';
import type { ParseState } from './state.js';
import { blank } from './work.js';

export interface TypesRead {
  types: TypeMatch[];
  /** The GPU came with the first type's shape (a GPU said with it is the same card, not more). */
  gpuFromType: boolean;
}

/** `found`: the type tokens, already blanked; `named`: the providers named, which settle types two providers share. */
export function readTypes(
  s: ParseState,
  index: InstanceTypeIndex,
  found: TypeMatch[],
  named: ReadonlySet<string>,
  corrections: RegExp[],
): TypesRead {
  const { text, w, wl, notes, say } = s;
  // "m8i.xlarge? no wait, m8i.4xlarge": a type the user corrected is withdrawn.
  const gone = withdrawn(text, found, corrections);
  for (const t of gone) notes.push(say('parse.corrected', { said: t.raw }));
  const types: TypeMatch[] = found.filter((t) => !gone.has(t)).map((t) => ({ ...t, ...index.lookup(t.raw, named) }));
  let gpuFromType = false;
  const first = types[0];
  if (first) {
    wl.instanceType = first.type;
    if (first.shape) {
      wl.vcpu = first.shape.vcpu;
      wl.memoryGiB = first.shape.memoryGiB;
      if (first.shape.gpu) {
        wl.gpu = { ...first.shape.gpu };
        gpuFromType = true;
      }
    }
    const count = countOf(text, first);
    if (count) {
      wl.instances = count.n;
      blank(w, count.at, count.length);
    } else {
      // "3 x c6.2xlarge, no wait, c6.4xlarge": the corrected type's count stays with the new one.
      const said = [...gone]
        .sort((a, b) => b.start - a.start)
        .map((t) => countOf(text, t))
        .find((c) => c !== null);
      if (said) {
        wl.instances = said.n;
        blank(w, said.at, said.length);
      }
    }
    for (const t of types.slice(1))
      if (t.type !== first.type) notes.push(say('parse.second-type', { type: t.type, first: first.type }));
  }
  return { types, gpuFromType };
}

/**
 * The count written with a type: before it ("3x ecs.g7.xlarge", "10 tencent S5.2XLARGE32": a provider's name allowed
 * between, not a word such as "for": "¥4800 for GN7.2XLARGE32" is a price) or after it ("x3", "3台").
 */
function countOf(text: string, t: TypeMatch): { n: number; at: number; length: number } | null {
  const pre =
    /(?<![\d.,]|[¥$]\s*)(?!(?:19|20)\d\d\b)(\d{1,4})\s*(?:x|\*|台|个)?\s*(?:(?!(?:gb|tb|gib|g|t|c|k|m|months?|years?|yrs?|hours?|hrs?|days?|weeks?|cores?|vcpus?|usd|cny|rmb|dollars?|yuan|for|per|each|and|the|with|from|via|using|apiece)\b)[a-z]{3,12}\s+(?:cloud\s+)?)?$/i.exec(
      text.slice(Math.max(0, t.start - 30), t.start),
    );
  if (pre) return { n: Number(pre[1]), at: t.start - pre[0].length, length: pre[0].length };
  const post = /^\s*(?:x|\*)\s*(\d+)(?![\d.])|^\s*(\d+)\s*台/i.exec(text.slice(t.end, t.end + 12));
  if (post) return { n: Number(post[1] ?? post[2]), at: t.end, length: post[0].length };
  return null;
}
