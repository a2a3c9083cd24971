/**
 * Provider instance-type names in a question ("g4dn.xlarge", "ecs.gn7i-c8g1.2xlarge", "S5.LARGE8", "s6.large.2").
 * A type the catalogue knows (its instance-type tables, or a priced row with that `sku`) is looked up in one Map per
 * token; a type it does not know is recognised by its provider's naming scheme (intents/lexicon.yaml `instance_types`).
 * Tokens are found with one linear pattern (a single character class, no backtracking) and schemes are tested against
 * that one token only, so a long run of letters costs one pass.
 */
import type { Catalog } from '../../catalog/load.js';
import type { Lexicon } from '../../intents/schema.js';

/** A type with its shape: a row of the catalogue's instance-type tables, or a priced row with a `sku`. */
export interface InstanceTypeRow {
  provider: string;
  type: string;
  vcpu?: number | null | undefined;
  memoryGiB?: number | null | undefined;
  gpu?: { model: string; count: number } | null | undefined;
}

/** What a type name tells: its providers (one when unambiguous), its spelling, and its shape when catalogued. */
export interface TypeMatch {
  /** The token as written. */
  raw: string;
  /** The type as the provider spells it. */
  type: string;
  providers: string[];
  start: number;
  end: number;
  /** From the catalogue; absent when only the naming scheme recognised the type. */
  shape?: { vcpu: number | null; memoryGiB: number | null; gpu: { model: string; count: number } | null };
}

/** Letters, digits, dots and dashes: one character class, so the scan is linear whatever the input. */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9.-]*/g;
/** A whole word of letters and digits, perhaps after "ecs.": a family name ("GN7", "gn7i", "ecs.g7", "c6i"). */
const FAMILY_TOKEN = /(?<![A-Za-z0-9.-])(?:ecs\.)?[A-Za-z]{1,5}\d{1,2}[A-Za-z]{0,4}(?![A-Za-z0-9]|\.[A-Za-z0-9])/g;
/** Longer tokens are not instance types (the Request caps the name at 80 characters). */
const MAX_TYPE_CHARS = 64;

interface Scheme {
  provider: string;
  pattern: RegExp;
  families: RegExp | null;
  upper: boolean;
}

/** A family named without a size, with its catalogued sizes (smallest first). */
export interface NamedFamily {
  family: string;
  provider: string;
  sizes: {
    type: string;
    vcpu: number | null;
    memoryGiB: number | null;
    gpu: { model: string; count: number } | null;
  }[];
}

type Known = Map<string, { type: string; provider: string; shape: TypeMatch['shape'] }[]>;

export class InstanceTypeIndex {
  private knownMap: Known | undefined;
  private readonly schemes: Scheme[];
  /** Families of the catalogue's tables ("ecs.g7", "gn7", "g5") → providers: they settle types not listed one by one. */
  private familiesMap: Map<string, string[]> | undefined;

  constructor(
    private readonly catalog: Catalog,
    lexicon: Lexicon,
  ) {
    this.schemes = lexicon.instance_types.map((s) => ({
      provider: s.provider,
      pattern: new RegExp(s.pattern, 'u'),
      families: s.families ? new RegExp(s.families, 'u') : null,
      upper: s.case === 'upper',
    }));
  }

  /** The catalogue's types by lower-case name: made on the first question that has a token shaped like a type. */
  private get known(): Known {
    if (!this.knownMap) this.index();
    return this.knownMap as Known;
  }

  /** Families of the catalogue's type tables → providers: made apart from `known` (a family name is a cheaper check). */
  private get families(): Map<string, string[]> {
    if (!this.familiesMap) {
      const families = new Map<string, string[]>();
      for (const row of this.catalog.instanceTypes ?? []) {
        const fam = row.family.toLowerCase();
        const list = families.get(fam) ?? [];
        if (!list.includes(row.provider)) list.push(row.provider);
        families.set(fam, list);
      }
      this.familiesMap = families;
    }
    return this.familiesMap;
  }

  /**
   * The prefix every type of a provider is written with ("ecs." for Alibaba and Volcano Engine, "bcc." for Baidu), from
   * its catalogued types or its naming scheme: made with `known`.
   */
  private prefixes = new Map<string, string>();

  private index(): void {
    const catalog = this.catalog;
    const known: Known = new Map();
    this.knownMap = known;
    const add = (row: InstanceTypeRow) => {
      const key = row.type.toLowerCase();
      const list = known.get(key) ?? [];
      if (list.some((e) => e.provider === row.provider)) return;
      list.push({
        type: row.type,
        provider: row.provider,
        shape: { vcpu: row.vcpu ?? null, memoryGiB: row.memoryGiB ?? null, gpu: row.gpu ?? null },
      });
      known.set(key, list);
    };
    for (const row of catalog.instanceTypes ?? []) add(row);
    for (const p of catalog.prices) {
      if (!p.sku || (p.kind !== 'compute' && p.kind !== 'gpu-instance') || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(p.sku))
        continue;
      add({ provider: p.provider, type: p.sku, vcpu: p.vcpu, memoryGiB: p.memoryGiB, gpu: p.gpu });
    }
    const seen = new Map<string, string | null>();
    for (const list of known.values())
      for (const { type, provider } of list) {
        const prefix = /^[a-z]+\./i.exec(type)?.[0].toLowerCase() ?? null;
        const was = seen.get(provider);
        seen.set(provider, was === undefined || was === prefix ? prefix : null);
      }
    this.prefixes = new Map([...seen].filter((e): e is [string, string] => e[1] !== null));
    // A provider with no catalogued types has the prefix its naming scheme starts with ("^bcc\\.").
    for (const s of this.schemes) {
      const prefix = /^\^([a-z]+)\\\./.exec(s.pattern.source)?.[1];
      if (prefix && !this.prefixes.has(s.provider)) this.prefixes.set(s.provider, `${prefix}.`);
    }
  }

  /**
   * "c8i.2xlarge on alibaba", "g7.2xlarge 阿里云": a type written without the prefix of the provider named, when that
   * provider has the type (ecs.c8i.2xlarge). A type of the provider named is that provider's, not another's that spells
   * it without the prefix (AWS c8i.2xlarge).
   */
  private unprefixed(key: string, named: ReadonlySet<string>): Omit<TypeMatch, 'raw' | 'start' | 'end'> | null {
    for (const provider of named) {
      const prefix = this.prefixes.get(provider);
      if (!prefix || key.startsWith(prefix)) continue;
      const hit = this.known.get(prefix + key)?.find((k) => k.provider === provider);
      if (hit) return { type: hit.type, providers: [provider], shape: hit.shape };
      // Catalogued for no one: the provider's naming scheme knows it with the prefix ("g3i.xlarge on volcano":
      // ecs.g3i.xlarge). A type another provider sells ("p4d.24xlarge vs 8x A100 on alibaba") stays that provider's.
      if (!this.known.has(key) && this.schemes.some((s) => s.provider === provider && s.pattern.test(prefix + key)))
        return { type: prefix + key, providers: [provider] };
    }
    return null;
  }

  /**
   * An instance family named without a size ("腾讯云 GN7 广州", "gn7i in hangzhou", "c6i"): its provider and its
   * catalogued sizes, smallest first, so the bot can ask which size instead of asking for a size from nothing. A token
   * that is a whole type, or names no family of the catalogue's tables, is not one.
   */
  familyNamed(text: string, named: ReadonlySet<string> = new Set()): NamedFamily | null {
    FAMILY_TOKEN.lastIndex = 0;
    for (let m = FAMILY_TOKEN.exec(text); m; m = FAMILY_TOKEN.exec(text)) {
      const raw = m[0];
      if (!/\d/.test(raw) || !/[A-Za-z]/.test(raw)) continue;
      const key = raw.toLowerCase();
      // The family check first: "Q3", "5G" and "p99" never build the catalogue's type index (`known`).
      const family = this.families.has(key) ? key : this.families.has(`ecs.${key}`) ? `ecs.${key}` : null;
      if (!family || this.known.has(key)) continue;
      const providers = this.families.get(family) ?? [];
      const provider = providers.find((p) => named.has(p)) ?? (providers.length === 1 ? providers[0] : undefined);
      if (!provider) continue;
      const sizes = (this.catalog.instanceTypes ?? [])
        .filter((r) => r.provider === provider && r.family.toLowerCase() === family)
        .sort((a, b) => (a.vcpu ?? 0) - (b.vcpu ?? 0) || (a.memoryGiB ?? 0) - (b.memoryGiB ?? 0));
      if (!sizes.length) continue;
      return {
        family: sizes[0]?.family ?? raw,
        provider,
        sizes: sizes.map((r) => ({
          type: r.type,
          vcpu: r.vcpu ?? null,
          memoryGiB: r.memoryGiB ?? null,
          gpu: r.gpu ?? null,
        })),
      };
    }
    return null;
  }

  /** Every instance-type name in the text, in order. `named`: providers the question names (to settle ambiguity). */
  find(text: string, named: ReadonlySet<string> = new Set()): TypeMatch[] {
    const out: TypeMatch[] = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
      let raw = m[0];
      while (raw.endsWith('.') || raw.endsWith('-')) raw = raw.slice(0, -1);
      if (raw.length < 4 || raw.length > MAX_TYPE_CHARS || !/[.-]/.test(raw) || !/[A-Za-z]/.test(raw)) continue;
      const hit = this.lookup(raw, named);
      if (hit) out.push({ ...hit, raw, start: m.index, end: m.index + raw.length });
    }
    return out;
  }

  /** One token: the catalogue first (exact, O(1)), then the naming schemes. */
  lookup(raw: string, named: ReadonlySet<string> = new Set()): Omit<TypeMatch, 'raw' | 'start' | 'end'> | null {
    const key = raw.toLowerCase();
    const known = this.known.get(key);
    if (named.size && !known?.some((k) => named.has(k.provider))) {
      const own = this.unprefixed(key, named);
      if (own) return own;
    }
    if (known?.length) {
      const pick = known.filter((k) => named.has(k.provider));
      const list = pick.length ? pick : known;
      const first = list[0] as (typeof list)[number];
      return {
        type: first.type,
        providers: [...new Set(list.map((k) => k.provider))],
        ...(list.length === 1 ? { shape: first.shape } : {}),
      };
    }
    const matching = this.schemes.filter((s) => s.pattern.test(key));
    if (!matching.length) return null;
    const family = key.split('.')[1] ?? '';
    const chosen = matching.filter((s) => named.has(s.provider));
    const catalogued =
      this.families.get(key.slice(0, key.lastIndexOf('.'))) ?? this.families.get(key.split('.')[0] ?? '');
    const strong = matching.filter((s) => catalogued?.includes(s.provider) || s.families?.test(family));
    let list = chosen.length ? chosen : strong.length ? strong : matching.filter((s) => !s.families);
    if (!list.length) list = matching;
    const upper = list.every((s) => s.upper);
    return { type: upper ? raw.toUpperCase() : key, providers: [...new Set(list.map((s) => s.provider))] };
  }
}
