/**
 * Which storage rows price an amount of storage: block storage (cloud disks) when a disk is said or the workload is a
 * server's, object storage otherwise; and the object-storage tier said ("archive", "归档", "低频"), priced at that
 * tier where the catalogue has a row of it, else at the Standard tier with the asked tier left as a gap.
 */
import type { Workload } from './request.js';

export type StorageTier = 'standard' | 'infrequent' | 'cold' | 'archive';

/** The catalogue's storage classes (catalog/schema.ts `storage_class`) per tier; cold and archive have none yet. */
const CLASS_OF: Record<StorageTier, string | null> = {
  standard: 'object-standard',
  infrequent: 'object-ia',
  cold: null,
  archive: null,
};

/** Workload kinds whose storage is object storage when the question does not say which kind. */
const OBJECT_KINDS: readonly (Workload['kind'] | null)[] = ['storage', 'data-platform', 'batch', null];

export interface StoragePlan {
  kind: 'object' | 'block';
  /** The classes to price with, best first. */
  classes: string[];
  /** The tier asked for, other than Standard (object storage only); null when none was said. */
  tier: Exclude<StorageTier, 'standard'> | null;
  /** The class of the asked tier; null when the catalogue has no class for it (priced on another tier, said so). */
  tierClass: string | null;
}

export function storagePlan(wl: Workload): StoragePlan {
  const kind = wl.storageKind ?? (OBJECT_KINDS.includes(wl.kind) ? 'object' : 'block');
  if (kind === 'block') return { kind, classes: ['block'], tier: null, tierClass: null };
  const said = wl.storageTier ?? null;
  const tier = said && said !== 'standard' ? said : null;
  const tierClass = tier ? CLASS_OF[tier] : null;
  // An asked tier first; then Standard; infrequent access last (a colder tier than asked is never the first choice).
  const classes = [tierClass, 'object-standard', 'object-ia'].filter(
    (c, i, all): c is string => !!c && all.indexOf(c) === i,
  );
  return { kind, classes, tier, tierClass };
}
