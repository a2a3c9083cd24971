/**
 * Parser accuracy over the table test in test/parse/utterances.yaml, or over another case file of the same format
 * (e.g. the held-out set test/parse/holdout.yaml, which is a measurement and not part of the test suite).
 *
 *   npx tsx scripts/parse-accuracy.ts [--tags] [--file <path>]
 *
 * `--file` names the case file (relative to the current directory); the default is test/parse/utterances.yaml.
 * Runs every case through the engine's parser, counts the cases whose expected fields all match (arrays of strings
 * compared as sets, objects partially, everything else exactly), prints "parser accuracy: n/N (p%)" and lists each
 * failing case with the fields that differ. `--tags` adds accuracy per tag. Exit 0 when the run completes (the number
 * is the result); 1 when the case file is malformed or the engine cannot be loaded.
 *
 * The loader and comparison are exported for test/parse/table.test.ts, so both judge a case the same way.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { AREA_SLUGS } from '../src/catalog/schema.js';
import { emptyRequest, Request } from '../src/domain/request.js';

export const CASES_FILE = fileURLToPath(new URL('../test/parse/utterances.yaml', import.meta.url));

/** Metro slugs from shared/contract.md; areas come from the schema. */
const METRO_SLUGS = [
  'beijing',
  'shanghai',
  'hangzhou',
  'shenzhen',
  'guangzhou',
  'chengdu',
  'zhangjiakou',
  'ulanqab',
  'ningxia',
  'hong-kong',
  'singapore',
  'tokyo',
  'seoul',
  'jakarta',
  'kuala-lumpur',
  'johor',
  'bangkok',
  'manila',
  'mumbai',
  'dubai',
  'frankfurt',
  'london',
  'virginia',
  'silicon-valley',
] as const;
const LOCATION_SLUGS: ReadonlySet<string> = new Set<string>([...METRO_SLUGS, ...AREA_SLUGS]);
const COMMERCE_PLATFORMS: ReadonlySet<string> = new Set(['taobao', 'tmall', '1688', 'aliexpress', 'alibaba.com']);

export type Expectation = Record<string, unknown>;

export interface ParseCase {
  text: string;
  expect: Expectation;
  tags: string[];
}

export interface FieldDiff {
  path: string;
  expected: unknown;
  actual: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies a value with every array of strings sorted, so lists compare as sets whatever their order. */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.every((item) => typeof item === 'string') ? [...(items as string[])].sort() : items;
  }
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalize(item)]));
  }
  return value;
}

/**
 * The fields where `actual` does not match the partial `expected`, with the semantics of vitest's toMatchObject:
 * objects match on the keys expected, arrays must have the same length and matching items, anything else is equal.
 */
export function diffPartial(expected: unknown, actual: unknown, path = ''): FieldDiff[] {
  const here = path || '(root)';
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [{ path: here, expected, actual }];
    return Object.entries(expected).flatMap(([key, value]) =>
      diffPartial(value, actual[key], path ? `${path}.${key}` : key),
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path: here, expected, actual }];
    const itemsMatch = expected.every((item, i) => diffPartial(item, actual[i], `${here}[${i}]`).length === 0);
    return itemsMatch ? [] : [{ path: here, expected, actual }];
  }
  return Object.is(expected, actual) ? [] : [{ path: here, expected, actual }];
}

/** Merges a partial expectation over a template: objects merge key by key, anything else replaces. */
function overlay(base: unknown, partial: unknown): unknown {
  if (!isRecord(base) || !isRecord(partial)) return partial;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(partial)) merged[key] = overlay(base[key], value);
  return merged;
}

/** Keys in `partial` that the Request does not have (a misspelt field would otherwise be a silent pass). */
function unknownKeys(template: unknown, partial: unknown, path = ''): string[] {
  if (!isRecord(partial)) return [];
  return Object.entries(partial).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    if (!isRecord(template) || !(key in template)) return [at];
    const inner = template[key];
    // Nested objects of the Request are checked key by key; gpu and tokensPerMonth are null in the template.
    return isRecord(inner) ? unknownKeys(inner, value, at) : [];
  });
}

function checkCase(raw: unknown, index: number, file: string): ParseCase {
  const where = `${file}: case ${index + 1}`;
  if (!isRecord(raw)) throw new Error(`${where}: must be a mapping with text and expect`);
  const { text, expect, tags } = raw;
  if (typeof text !== 'string' || text.trim() === '') throw new Error(`${where}: text must be a non-empty string`);
  if (!isRecord(expect)) throw new Error(`${where} (${text}): expect must be a mapping`);
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'))) {
    throw new Error(`${where} (${text}): tags must be a list of strings`);
  }
  const unknown = unknownKeys(emptyRequest(), expect);
  if (unknown.length > 0) throw new Error(`${where} (${text}): not Request fields: ${unknown.join(', ')}`);
  const checked = Request.safeParse(overlay(emptyRequest(), expect));
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${where} (${text}): not a valid Request: ${problems.join('; ')}`);
  }
  const request = checked.data;
  for (const slug of [...request.locations, ...request.signals.audience]) {
    if (!LOCATION_SLUGS.has(slug)) throw new Error(`${where} (${text}): unknown location slug "${slug}"`);
  }
  for (const platform of request.signals.commercePlatforms) {
    if (!COMMERCE_PLATFORMS.has(platform)) {
      throw new Error(`${where} (${text}): unknown commerce platform "${platform}"`);
    }
  }
  if (request.workload.gpu && request.workload.gpu.model !== request.workload.gpu.model.toUpperCase()) {
    throw new Error(`${where} (${text}): GPU models are upper-case`);
  }
  return { text, expect, tags: tags ?? [] };
}

/** Reads and checks the case file: every case must name real Request fields with valid values, texts unique. */
export function loadCases(file: string = CASES_FILE): ParseCase[] {
  const doc: unknown = parseYaml(readFileSync(file, 'utf8'));
  if (!Array.isArray(doc)) throw new Error(`${file}: must be a list of cases`);
  const cases = doc.map((raw, index) => checkCase(raw, index, file));
  const seen = new Set<string>();
  for (const { text } of cases) {
    if (seen.has(text)) throw new Error(`${file}: duplicate case "${text}"`);
    seen.add(text);
  }
  return cases;
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function percent(passed: number, total: number): string {
  return total === 0 ? '0.0' : ((100 * passed) / total).toFixed(1);
}

/** The case file named by `--file <path>` (resolved against the current directory), else the default table. */
function casesFileArg(argv: readonly string[]): string {
  const at = argv.indexOf('--file');
  if (at === -1) return CASES_FILE;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error('--file needs the path of a case file');
  return resolve(value);
}

async function main(): Promise<void> {
  const byTag = process.argv.includes('--tags');
  const cases = loadCases(casesFileArg(process.argv.slice(2)));
  const { loadEngine } = await import('../src/engine.js');
  const engine = await loadEngine();

  const failures: { text: string; diffs: FieldDiff[] }[] = [];
  const tagTotals = new Map<string, { passed: number; total: number }>();
  for (const c of cases) {
    let diffs: FieldDiff[];
    try {
      const actual: unknown = await engine.parse(c.text);
      diffs = diffPartial(normalize(c.expect), normalize(actual));
    } catch (error) {
      diffs = [{ path: '(parse threw)', expected: 'a Request', actual: String(error) }];
    }
    if (diffs.length > 0) failures.push({ text: c.text, diffs });
    for (const tag of c.tags) {
      const totals = tagTotals.get(tag) ?? { passed: 0, total: 0 };
      totals.total += 1;
      if (diffs.length === 0) totals.passed += 1;
      tagTotals.set(tag, totals);
    }
  }

  const passed = cases.length - failures.length;
  console.log(`parser accuracy: ${passed}/${cases.length} (${percent(passed, cases.length)}%)`);
  if (byTag) {
    for (const [tag, { passed: p, total }] of [...tagTotals].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${tag}: ${p}/${total} (${percent(p, total)}%)`);
    }
  }
  if (failures.length > 0) {
    console.log(`\nfailing cases (${failures.length}):`);
    for (const { text, diffs } of failures) {
      console.log(`- ${JSON.stringify(text)}`);
      for (const d of diffs) console.log(`    ${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`);
    }
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
