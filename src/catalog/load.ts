/**
 * Reads catalog/, intents/ and templates/ from disk, validates them with zod and cross-checks ids.
 * Every problem is reported as `file: path: reason`; a project with problems does not load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { indexPhrasings, nameFeatures, phrasingReader } from '../domain/parse/intent-model.js';
import type { CueNeeds } from '../domain/parse/literal-gate.js';
import { Parser } from '../domain/parse/parser.js';
import { simplifier } from '../domain/parse/traditional.js';
import { LANGS, type Lang } from '../domain/request.js';
import { CONTEXT_KEYS, RULE_TEXT_VARS } from '../domain/rules.js';
import { type Messages, missingKeys } from '../domain/say.js';
import {
  INTENT_IDS,
  type IntentDef,
  IntentSchema,
  type LearnedPhrasings,
  type Lexicon,
  LexiconSchema,
  type Phrasings,
  PhrasingsSchema,
} from '../intents/schema.js';
import { defaultRoot } from '../root.js';
import { formatInstanceTypePath, readInstanceTypeTable } from './instance-types.js';
import { fastPrices, isPriceTable, readPriceTable, readPriceTableFile } from './price-table.js';
import { issueSaid, own, REPORT_INPUT, reason } from './reasons.js';
import { type Said, sayNested } from './said.js';
import {
  type Adjustment,
  type Allowance,
  type Area,
  type Fact,
  FactsFile,
  FamiliesFile,
  type Family,
  FxFile,
  type FxRate,
  type Gpu,
  GpusFile,
  type InstanceType,
  type Location,
  LocationsFile,
  type Price,
  PricesFile,
  type Provider,
  ProvidersFile,
  type Rule,
  RulesFile,
} from './schema.js';
import { shippedSay } from './shipped-messages.js';

export interface Catalog {
  providers: Provider[];
  locations: Location[];
  areas: Area[];
  gpus: Gpu[];
  prices: Price[];
  allowances: Allowance[];
  adjustments: Adjustment[];
  fx: FxRate[];
  facts: Fact[];
  rules: Rule[];
  /** Instance types per provider (catalog/instance-types/*.json): family, category, shape, GPUs, with provenance. */
  instanceTypes: InstanceType[];
  /** Instance families by provider: category and current generation (catalog/families.yaml). */
  families: Family[];
}

/** Template sources by language, then by name. */
export type Templates = Record<Lang, Record<string, string>>;

export interface ProjectData {
  catalog: Catalog;
  intents: IntentDef[];
  lexicon: Lexicon;
  /** Questions as people wrote them, by intent (intents/phrasings.yaml), with their features read once. */
  phrasings: LearnedPhrasings;
  /** Template sources by language and name (templates/<lang>/<name>.hbs, without .hbs). */
  templates: Templates;
  /** The answer's sentences by language and key (templates/<lang>/messages.yaml). */
  messages: Messages;
  /**
   * The literal text each of the parser's cue patterns needs (src/domain/parse/literal-gate.ts), read once here so
   * the catalogue cache keeps it; absent, the parser reads them itself.
   */
  cueNeeds?: CueNeeds;
}

const MessagesFile = z.record(
  z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_.-]*$/,
      own('keys are lower-case words joined by dots, e.g. "gap.no-price"', 'problem.reason.message-key'),
    ),
  z.string({ error: own('must be the sentence as text', 'problem.reason.message-text') }),
);

/** What is wrong, where: the file, the place in it (empty: the file as a whole) and why. */
export interface Problem {
  file: string;
  path: string;
  /** Why, as a message key and values (templates/<lang>/problems.yaml): said in the asker's language. */
  said: Said;
  /** Why, in English (the key's English text): for logs and callers that show no language. */
  reason: string;
}

/** A problem whose reason is `said`; its English `reason` is the key's English text. */
export function problem(file: string, path: string, said: Said): Problem {
  return { file, path, said, reason: sayNested(shippedSay('en'), said) };
}

export class DataError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      problems.length === 1
        ? `The project data has a problem: ${formatProblem(problems[0] as Problem)}`
        : `The project data has ${problems.length} problems; run "npx procure catalog lint" to see them.`,
    );
    this.name = 'DataError';
  }
}

export function formatProblem(p: Pick<Problem, 'file' | 'path' | 'reason'>): string {
  return `${p.file}: ${p.path || '(top)'}: ${p.reason}`;
}

const TEMPLATE_NAMES = [
  'answer',
  'placement',
  'breakdown',
  'gaps',
  'beyond',
  'move',
  'questions',
  'facts',
  'help',
  'followup',
  'error',
  'summary',
  'notes',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export { defaultRoot };

class Reader {
  readonly problems: Problem[] = [];
  constructor(readonly root: string) {}

  rel(file: string): string {
    return relative(this.root, file) || file;
  }

  add(file: string, path: string, said: Said): void {
    this.problems.push(problem(file, path, said));
  }

  yaml(file: string): unknown {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      this.add(this.rel(file), '', reason('unreadable', { detail: (err as Error).message }));
      return undefined;
    }
    try {
      // Generated and imported price files may be JSON (JSON is YAML too, but JSON.parse is far faster on big files).
      if (file.endsWith('.json')) return JSON.parse(text);
      return parseYaml(text, { prettyErrors: true });
    } catch (err) {
      if (file.endsWith('.json')) {
        this.add(this.rel(file), '', reason('json', { detail: (err as Error).message }));
        return undefined;
      }
      this.add(
        this.rel(file),
        '',
        err instanceof YAMLParseError
          ? reason('yaml-line', { line: err.linePos?.[0]?.line ?? '?', detail: err.message.split('\n')[0] ?? '' })
          : reason('yaml', { detail: (err as Error).message }),
      );
      return undefined;
    }
  }

  /** The raw YAML of the file last validated. */
  lastRaw: unknown;

  validate<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    const raw = this.yaml(file);
    this.lastRaw = raw;
    if (raw === undefined && this.problems.some((p) => p.file === this.rel(file))) return undefined;
    const result = schema.safeParse(raw ?? {}, REPORT_INPUT);
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.add(this.rel(file), formatPath(raw, issue.path), issueSaid(issue));
    return undefined;
  }

  /**
   * A price file: the table format (src/catalog/price-table.ts) or the usual lists. Price rows are checked by the
   * fast path first; when it refuses a row, PricesFile reports the problems as for any file. The parsed text is
   * dropped as soon as the prices are read (big files are machine-written and large).
   */
  prices(file: string): z.infer<typeof PricesFile> | undefined {
    const rel = this.rel(file);
    this.lastRaw = undefined;
    // A table written one row per line is read a row at a time; anything else is parsed whole.
    const lines = file.endsWith('.json') ? readPriceTableFile(file) : null;
    const raw = lines ? undefined : this.yaml(file);
    if (raw === undefined && this.problems.some((p) => p.file === rel)) return undefined;
    const table = lines ?? (isPriceTable(raw) ? readPriceTable(raw) : null);
    if (table) {
      for (const issue of table.issues) this.add(rel, formatPath(table.pathRoot, issue.path), issue.said);
      return table.issues.length ? undefined : { prices: table.prices, allowances: [], adjustments: [] };
    }
    const list = raw && typeof raw === 'object' ? (raw as { prices?: unknown }).prices : undefined;
    const fast = Array.isArray(list) ? fastPrices(list) : null;
    const result = PricesFile.safeParse(fast ? { ...(raw as object), prices: [] } : (raw ?? {}), REPORT_INPUT);
    if (result.success) return fast ? { ...result.data, prices: fast } : result.data;
    for (const issue of result.error.issues) this.add(rel, formatPath(raw, issue.path), issueSaid(issue));
    return undefined;
  }

  /** An instance-type table (src/catalog/instance-types.ts); problems name the file and the row. */
  instanceTypes(file: string): InstanceType[] | undefined {
    const rel = this.rel(file);
    const raw = this.yaml(file);
    if (raw === undefined && this.problems.some((p) => p.file === rel)) return undefined;
    const { types, issues } = readInstanceTypeTable(raw);
    for (const issue of issues) this.add(rel, formatInstanceTypePath(issue), issue.said);
    return issues.length ? undefined : types;
  }

  yamlFiles(dir: string, json = false): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml') || (json && f.endsWith('.json')))
      .sort()
      .map((f) => join(dir, f));
  }
}

/** `prices[3].source` plus the entry's id when there is one, so an editor finds it: `prices[3] (id aws-g4dn-hk).source`. */
function formatPath(raw: unknown, path: PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const idLike =
        node && typeof node === 'object'
          ? ((node as Record<string, unknown>).id ?? (node as Record<string, unknown>).slug)
          : undefined;
      if (typeof idLike === 'string' && path.indexOf(key) < path.length - 1) out += ` (id ${idLike})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    }
  }
  return out;
}

interface PriceFileCounts {
  file: string;
  prices: number;
  allowances: number;
  adjustments: number;
}

export interface LoadResult {
  data: ProjectData | null;
  problems: Problem[];
  /**
   * What loads but is not finished: rules and intents without their Chinese text (Chinese answers then show the
   * English). `catalog lint` lists them after its verdict; they never stop the project loading. (A fact without
   * its Chinese claim is a problem, not a warning: every shipped fact has one.)
   */
  warnings: Problem[];
}

/** Reads and checks everything; never throws for bad data. */
export function readProject(root: string = defaultRoot()): LoadResult {
  const r = new Reader(root);
  const cat = join(root, 'catalog');
  const providers = r.validate(join(cat, 'providers.yaml'), ProvidersFile)?.providers ?? [];
  const locFile = r.validate(join(cat, 'locations.yaml'), LocationsFile);
  const gpus = r.validate(join(cat, 'gpus.yaml'), GpusFile)?.gpus ?? [];
  const fx = existsSync(join(cat, 'fx.yaml')) ? (r.validate(join(cat, 'fx.yaml'), FxFile)?.rates ?? []) : [];
  const families = existsSync(join(cat, 'families.yaml')) ? familiesOf(r, join(cat, 'families.yaml')) : [];

  const prices: Price[] = [];
  const allowances: Allowance[] = [];
  const adjustments: Adjustment[] = [];
  /** Which file each price, allowance and adjustment came from: files in order, with how many of each they hold. */
  const priceFiles: PriceFileCounts[] = [];
  for (const file of r.yamlFiles(join(cat, 'prices'), true)) {
    const f = r.prices(file);
    if (!f) continue;
    priceFiles.push({
      file: r.rel(file),
      prices: f.prices.length,
      allowances: f.allowances.length,
      adjustments: f.adjustments.length,
    });
    // Loops, not push(...list): a machine-written file may hold more rows than a call takes arguments.
    for (const p of f.prices) prices.push(p);
    for (const a of f.allowances) allowances.push(a);
    for (const a of f.adjustments) adjustments.push(a);
  }
  const instanceTypes: InstanceType[] = [];
  /** Where each (provider, type) was first read, so a type given twice names both files. */
  const typeFileOf = new Map<string, string>();
  const typesDir = join(cat, 'instance-types');
  if (existsSync(typesDir))
    for (const f of readdirSync(typesDir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const file = join(typesDir, f);
      const types = r.instanceTypes(file);
      if (!types) continue;
      for (const t of types) {
        const key = `${t.provider}\u0000${t.type}`;
        const other = typeFileOf.get(key);
        if (other) r.add(r.rel(file), `(type ${t.type})`, reason('type-twice', { provider: t.provider, file: other }));
        else typeFileOf.set(key, r.rel(file));
        instanceTypes.push(t);
      }
    }
  const facts: Fact[] = [];
  const factFileOf = new Map<string, string>();
  /** Ids written in fact files, valid or not, so a broken fact is reported once, not again by every rule citing it. */
  const writtenFactIds = new Set<string>();
  for (const file of r.yamlFiles(join(cat, 'facts'))) {
    const f = r.validate(file, FactsFile);
    for (const id of rawIds(r.lastRaw, 'facts')) writtenFactIds.add(id);
    if (!f) continue;
    for (const x of f.facts) {
      if (factFileOf.has(x.id))
        r.add(r.rel(file), `facts (id ${x.id})`, reason('fact-twice', { file: factFileOf.get(x.id) as string }));
      factFileOf.set(x.id, r.rel(file));
    }
    facts.push(...f.facts);
  }
  const rules: Rule[] = [];
  const ruleFileOf = new Map<string, string>();
  for (const file of r.yamlFiles(join(cat, 'rules'))) {
    const f = r.validate(file, RulesFile);
    if (!f) continue;
    for (const x of f.rules) ruleFileOf.set(x.id, r.rel(file));
    rules.push(...f.rules);
  }

  const intents: IntentDef[] = [];
  let lexicon: Lexicon | undefined;
  let phrasings: Phrasings | undefined;
  for (const file of r.yamlFiles(join(root, 'intents'))) {
    if (/lexicon\.ya?ml$/.test(file)) lexicon = r.validate(file, LexiconSchema);
    else if (/phrasings\.ya?ml$/.test(file)) phrasings = r.validate(file, PhrasingsSchema);
    else {
      const def = r.validate(file, IntentSchema);
      if (def) intents.push(def);
    }
  }
  if (!lexicon && !r.problems.some((p) => p.file.includes('lexicon')))
    r.add('intents/lexicon.yaml', '', reason('missing'));
  if (!phrasings && !r.problems.some((p) => p.file.includes('phrasings')))
    r.add('intents/phrasings.yaml', '', reason('missing'));
  for (const id of INTENT_IDS) {
    if (!intents.some((i) => i.id === id) && !r.problems.some((p) => p.file.startsWith('intents/')))
      r.add(`intents/${id}.yaml`, '', reason('intent-missing', { id }));
  }

  const templates = { en: {}, zh: {} } as Templates;
  for (const lang of LANGS)
    for (const name of TEMPLATE_NAMES) {
      const rel = `templates/${lang}/${name}.hbs`;
      let src: string;
      try {
        src = readFileSync(join(root, rel), 'utf8');
      } catch {
        const other = LANGS.find((l) => l !== lang && existsSync(join(root, 'templates', l, `${name}.hbs`)));
        r.add(rel, '', other ? reason('template-missing', { lang: other, name }) : reason('missing'));
        continue;
      }
      try {
        Handlebars.parse(src);
        templates[lang][name] = src;
      } catch (err) {
        // Handlebars' parser says where it stopped as "Parse error on line 3:" (its own words, in English).
        const detail = (err as Error).message.split('\n')[0] ?? '';
        const line = /^Parse error on line (\d+):$/.exec(detail)?.[1];
        r.add(rel, '', line ? reason('template-parse-line', { line }) : reason('template-invalid', { detail }));
      }
    }
  for (const lang of LANGS) {
    const dir = join(root, 'templates', lang);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.hbs'))
      .sort())
      if (!(TEMPLATE_NAMES as readonly string[]).includes(f.slice(0, -4)))
        r.add(`templates/${lang}/${f}`, '', reason('template-unused', { list: TEMPLATE_NAMES.join(', ') }));
  }
  for (const f of existsSync(join(root, 'templates')) ? readdirSync(join(root, 'templates')) : [])
    if (f.endsWith('.hbs')) r.add(`templates/${f}`, '', reason('template-move', { name: f, other: f }));

  const messages = { en: {}, zh: {} } as Messages;
  const messageFile = new Map<string, string>();
  for (const lang of LANGS) {
    const dir = join(root, 'templates', lang);
    const files = existsSync(dir) ? r.yamlFiles(dir) : [];
    if (files.length === 0) r.add(`templates/${lang}/messages.yaml`, '', reason('missing'));
    const own: Record<string, string> = {};
    const fileOf = new Map<string, string>();
    for (const file of files) {
      for (const [key, text] of Object.entries(r.validate(file, MessagesFile) ?? {})) {
        const earlier = fileOf.get(key);
        if (earlier) r.add(r.rel(file), key, reason('key-twice', { file: earlier }));
        fileOf.set(key, r.rel(file));
        messageFile.set(`${lang}|${key}`, basename(file));
        own[key] = text;
      }
    }
    messages[lang] = own;
  }
  if (!r.problems.some((p) => p.file.startsWith('templates/') && p.file.endsWith('.yaml')))
    for (const m of missingKeys(messages))
      r.add(
        // The file of the same name as the one the other language defines the key in.
        `templates/${m.lang}/${LANGS.map((l) => messageFile.get(`${l}|${m.key}`)).find(Boolean) ?? 'messages.yaml'}`,
        m.key,
        reason('key-missing'),
      );

  const catalog: Catalog = {
    providers,
    locations: locFile?.locations ?? [],
    areas: locFile?.areas ?? [],
    gpus,
    prices,
    allowances,
    adjustments,
    fx,
    facts,
    rules,
    instanceTypes,
    families,
  };
  crossCheck(catalog, r.problems, { priceFiles, factFileOf, ruleFileOf, writtenFactIds });
  const warnings = untranslated(catalog, intents, { factFileOf, ruleFileOf });
  // Every shipped fact has its Chinese claim, so a fact without one is a problem (a Chinese answer would cite it in
  // English); rules and intents without Chinese text stay warnings.
  for (const w of warnings) if (w.path.endsWith('.claim_zh')) r.add(w.file, w.path, reason('claim-zh'));
  const shown = warnings.filter((w) => !w.path.endsWith('.claim_zh'));
  if (r.problems.length > 0 || !lexicon || !phrasings) return { data: null, problems: r.problems, warnings: shown };
  // The phrasings' features are read here, once, so the catalogue cache keeps them and start-up skips reading them.
  const read = phrasingReader(simplifier(lexicon.traditional, lexicon.regional_words));
  const learned = { ...phrasings, index: indexPhrasings(phrasings.phrasings, read, nameFeatures(catalog, read)) };
  // So are the cue patterns' needs: a parser built here reads them all, and start-up looks them up.
  const cueNeeds = new Parser(catalog, intents, lexicon, messages, learned).cueNeeds;
  return {
    data: { catalog, intents, lexicon, phrasings: learned, templates, messages, cueNeeds },
    problems: [],
    warnings: shown,
  };
}

/** catalog/families.yaml: each entry with the file's provenance where it gives none; a family listed twice is a problem. */
function familiesOf(r: Reader, file: string): Family[] {
  const f = r.validate(file, FamiliesFile);
  if (!f) return [];
  const seen = new Set<string>();
  const out: Family[] = [];
  f.families.forEach((e, i) => {
    const k = `${e.provider}|${e.family
      .trim()
      .replace(/^(ecs|bcc)\./i, '')
      .toLowerCase()}`;
    if (seen.has(k))
      r.add(r.rel(file), `families[${i}]`, reason('family-twice', { provider: e.provider, family: e.family }));
    seen.add(k);
    out.push({
      provider: e.provider,
      family: e.family,
      category: e.category,
      current: e.current,
      ...((e.note ?? f.note) !== undefined ? { note: e.note ?? f.note } : {}),
      source: (e.source ?? f.source) as string,
      as_of: (e.as_of ?? f.as_of) as string,
      dated: e.dated ?? f.dated,
    });
  });
  return out;
}

/** Loads the project or throws a DataError naming every problem. */
export function loadProject(root: string = defaultRoot()): ProjectData {
  const { data, problems } = readProject(root);
  if (!data) throw new DataError(problems);
  return data;
}

function crossCheck(
  c: Catalog,
  problems: Problem[],
  files: {
    priceFiles: PriceFileCounts[];
    factFileOf: Map<string, string>;
    ruleFileOf: Map<string, string>;
    writtenFactIds: Set<string>;
  },
): void {
  const locSlugs = new Set(c.locations.map((l) => l.slug));
  /** Each id's first entry, as the reason a later entry with the id is refused: "also a price in <file>". */
  const seenIds = new Map<string, Said>();
  const dup = (id: string, file: string, what: Said) => {
    const other = seenIds.get(id);
    if (other) problems.push(problem(file, `(id ${id})`, other));
    seenIds.set(id, what);
  };
  for (const p of c.providers) {
    for (const [i, id] of p.default_regions.entries())
      if (!p.regions.some((r) => r.id === id))
        problems.push(
          problem(
            'catalog/providers.yaml',
            `providers (id ${p.id}).default_regions[${i}]`,
            reason('not-provider-region', { id }),
          ),
        );
    for (const [i, reg] of p.regions.entries()) {
      if (!locSlugs.has(reg.location))
        problems.push(
          problem(
            'catalog/providers.yaml',
            `providers (id ${p.id}).regions[${i}].location`,
            reason('unknown-location', { slug: reg.location }),
          ),
        );
    }
  }
  const checkScope = (entry: { id: string; scope: { locations?: string[] | undefined } }, file: string) => {
    for (const l of entry.scope.locations ?? [])
      if (!locSlugs.has(l))
        problems.push(problem(file, `(id ${entry.id}).scope.locations`, reason('unknown-location', { slug: l })));
  };
  // The entries of each kind are in file order: entry i is in the file whose range holds i.
  const fileOf = (kind: 'prices' | 'allowances' | 'adjustments') => {
    let f = 0;
    let end = files.priceFiles[0]?.[kind] ?? 0;
    return (i: number): string => {
      while (i >= end && f < files.priceFiles.length - 1) end += files.priceFiles[++f]?.[kind] ?? 0;
      return files.priceFiles[f]?.file ?? 'catalog/prices';
    };
  };
  /** "also a price in catalog/prices/aws.yaml", made once per file rather than once per row. */
  const described = new Map<string, Said>();
  const describe = (what: 'price' | 'allowance', file: string): Said => {
    const k = `${what} in ${file}`;
    const known = described.get(k);
    if (known) return known;
    const said = reason(`id-twice-${what}`, { file });
    described.set(k, said);
    return said;
  };
  const priceFile = fileOf('prices');
  let lastFile = '';
  let what: Said = reason('id-twice-adjustment');
  for (let i = 0; i < c.prices.length; i++) {
    const p = c.prices[i] as Price;
    const file = priceFile(i);
    if (file !== lastFile) {
      lastFile = file;
      what = describe('price', file);
    }
    dup(p.id, file, what);
    checkScope(p, file);
  }
  const allowanceFile = fileOf('allowances');
  for (let i = 0; i < c.allowances.length; i++) {
    const a = c.allowances[i] as Allowance;
    const file = allowanceFile(i);
    dup(a.id, file, describe('allowance', file));
    checkScope(a, file);
  }
  const adjustmentFile = fileOf('adjustments');
  for (let i = 0; i < c.adjustments.length; i++)
    dup((c.adjustments[i] as Adjustment).id, adjustmentFile(i), reason('id-twice-adjustment'));
  const factIds = new Set([...c.facts.map((f) => f.id), ...files.writtenFactIds]);
  for (const f of c.facts) {
    for (const l of f.locations)
      if (!locSlugs.has(l))
        problems.push(
          problem(
            files.factFileOf.get(f.id) ?? 'catalog/facts',
            `(id ${f.id}).locations`,
            reason('unknown-location', { slug: l }),
          ),
        );
  }
  const ruleIds = new Set<string>();
  for (const rule of c.rules) {
    const file = files.ruleFileOf.get(rule.id) ?? 'catalog/rules';
    if (ruleIds.has(rule.id)) problems.push(problem(file, `(id ${rule.id})`, reason('rule-twice')));
    ruleIds.add(rule.id);
    for (const key of Object.keys(rule.when))
      if (!(CONTEXT_KEYS as readonly string[]).includes(key))
        problems.push(
          problem(file, `(id ${rule.id}).when.${key}`, reason('unknown-key', { list: CONTEXT_KEYS.join(', ') })),
        );
    for (const [part, text] of [
      ['advice.reason', rule.advice?.reason],
      ['advice.reason_zh', rule.advice?.reason_zh],
      ['question.text', rule.question?.text],
      ['question.text_zh', rule.question?.text_zh],
      ['flag.text', rule.flag?.text],
      ['flag.text_zh', rule.flag?.text_zh],
    ] as const) {
      if (!text) continue;
      try {
        Handlebars.compile(text, { strict: true, noEscape: true })(RULE_TEXT_VARS);
      } catch (err) {
        const known = Object.keys(RULE_TEXT_VARS).join(', ');
        problems.push(
          problem(
            file,
            `(id ${rule.id}).${part}`,
            reason('rule-text', { detail: (err as Error).message.split('\n')[0] ?? '', list: known }),
          ),
        );
      }
    }
    const cites = [...(rule.advice?.cites ?? []), ...(rule.question?.cites ?? []), ...(rule.flag?.cites ?? [])];
    for (const cite of cites)
      if (!factIds.has(cite))
        problems.push(problem(file, `(id ${rule.id}).cites`, reason('unknown-fact', { id: cite })));
  }
}

/** Facts, rules and intents whose Chinese text is not catalogued yet, one warning each. */
export function untranslated(
  c: Pick<Catalog, 'facts' | 'rules'>,
  intents: IntentDef[],
  files: { factFileOf: Map<string, string>; ruleFileOf: Map<string, string> },
): Problem[] {
  const out: Problem[] = [];
  for (const f of c.facts)
    if (!f.claim_zh)
      out.push(
        problem(files.factFileOf.get(f.id) ?? 'catalog/facts', `facts (id ${f.id}).claim_zh`, reason('no-claim-zh')),
      );
  for (const rule of c.rules) {
    const file = files.ruleFileOf.get(rule.id) ?? 'catalog/rules';
    for (const [part, en, zh] of [
      ['advice.reason_zh', rule.advice?.reason, rule.advice?.reason_zh],
      ['question.text_zh', rule.question?.text, rule.question?.text_zh],
      ['flag.text_zh', rule.flag?.text, rule.flag?.text_zh],
    ] as const)
      if (en && !zh) out.push(problem(file, `rules (id ${rule.id}).${part}`, reason('no-rule-zh')));
  }
  for (const i of intents) {
    const file = `intents/${i.id}.yaml`;
    if (!i.title_zh) out.push(problem(file, 'title_zh', reason('no-title-zh')));
    if (!i.description_zh) out.push(problem(file, 'description_zh', reason('no-description-zh')));
    for (const [n, slot] of i.slots.entries())
      if (!slot.ask_zh) out.push(problem(file, `slots[${n}] (${slot.name}).ask_zh`, reason('no-ask-zh')));
  }
  return out;
}

function rawIds(raw: unknown, key: string): string[] {
  const list = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((x) =>
    x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? [(x as { id: string }).id] : [],
  );
}
