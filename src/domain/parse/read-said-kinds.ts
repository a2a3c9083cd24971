/**
 * What kind of machine or storage a size is, when the question says so: the CPU architecture ("arm", "aarch64",
 * "倚天"), the storage kind ("云硬盘" is block storage, "OSS" object storage) and the storage tier ("归档", "cold",
 * "低频"). Words are the lexicon's (intents/lexicon.yaml cpu_arch, storage_kinds, storage_tiers); nothing is set when
 * nothing is said, nor for a size the question does not ask about.
 */
import type { Workload } from '../request.js';
import type { CompiledLexicon } from './lexicon.js';
import type { GatedPattern } from './literal-gate.js';
import { fold } from './literal-gate.js';

const said = (res: readonly GatedPattern[], text: string, folded: string) => res.some((r) => r.test(text, folded));

/** The coldest tier said wins ("log archive, rarely read" is archive). */
const TIERS = ['archive', 'cold', 'infrequent', 'standard'] as const;

export function readSaidKinds(wl: Workload, text: string, lx: CompiledLexicon): void {
  const folded = fold(text);
  if (wl.vcpu || wl.memoryGiB) {
    if (said(lx.arch.arm64, text, folded)) wl.cpuArch = 'arm64';
    else if (said(lx.arch.x86_64, text, folded)) wl.cpuArch = 'x86_64';
  }
  if (wl.storageGB) {
    const block = said(lx.storageKinds.block, text, folded);
    const object = said(lx.storageKinds.object, text, folded);
    // Both said ("200G 云盘 + 1TB OSS"): the amount's kind is not settled here; left to the workload's kind.
    if (block !== object) wl.storageKind = block ? 'block' : 'object';
    const tier = TIERS.find((t) => said(lx.storageTiers[t], text, folded));
    if (tier) wl.storageTier = tier;
  }
}
