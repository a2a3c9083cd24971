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
    const pre = /(\d+)\s*(?:x|\*|台|个)?\s*$/i.exec(text.slice(Math.max(0, first.start - 12), first.start));
    const post = /^\s*(?:x|\*)\s*(\d+)(?![\d.])|^\s*(\d+)\s*台/i.exec(text.slice(first.end, first.end + 12));
    if (pre) {
      wl.instances = Number(pre[1]);
      blank(w, first.start - pre[0].length, pre[0].length);
    } else if (post) {
      wl.instances = Number(post[1] ?? post[2]);
      blank(w, first.end, post[0].length);
    }
    for (const t of types.slice(1))
      if (t.type !== first.type) notes.push(say('parse.second-type', { type: t.type, first: first.type }));
  }
  return { types, gpuFromType };
}
