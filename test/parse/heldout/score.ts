/**
 * Scores the parser against the held-out set in questions.json (written before the parser was tuned; keep it untouched).
 * Used by test/parse/heldout.test.ts and scripts/heldout-accuracy.ts, so both judge an item the same way.
 *
 * An item's `expect` mirrors the Request JSON (shared/contract.md) and holds only the fields a careful reader is sure of,
 * plus `quotedPrice`. Comparison per field:
 * - providers, locations: as sets;
 * - numbers: within 1%, or `{ "min": a, "max": b }` for a range (e.g. "8 hours a day on weekdays");
 * - workload.gpu, workload.tokensPerMonth, quotedPrice: only the keys given; gpu model case-insensitive, ignoring spaces,
 *   hyphens, a brand word (NVIDIA, Tesla, GeForce, RTX, Ascend, 昇腾) and a memory suffix ("A100 80GB" = "A100");
 * - workload.instanceType: case-insensitive; workload.model: case-insensitive, spaces = hyphens;
 * - everything else exactly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const QUESTIONS_FILE = fileURLToPath(new URL('./questions.json', import.meta.url));

export interface HeldoutItem {
  id: string;
  text: string;
  expect: Record<string, unknown>;
}

export interface Miss {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ItemResult {
  id: string;
  text: string;
  fields: number;
  misses: Miss[];
}

export interface Report {
  items: ItemResult[];
  itemAccuracy: number;
  fieldAccuracy: number;
  fieldsRight: number;
  fieldsTotal: number;
}

export function loadQuestions(file: string = QUESTIONS_FILE): HeldoutItem[] {
  const items = JSON.parse(readFileSync(file, 'utf8')) as HeldoutItem[];
  if (!Array.isArray(items)) throw new Error(`${file}: not a list of items`);
  return items;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths compared as one value (their sub-keys are compared inside). */
const LEAF_OBJECTS = new Set(['workload.gpu', 'workload.tokensPerMonth', 'quotedPrice']);

/** Flattens `expect` into dotted field paths: { workload: { vcpu: 8 } } → { "workload.vcpu": 8 }. */
export function flatten(expect: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expect)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && !LEAF_OBJECTS.has(path) && !isRange(value)) Object.assign(out, flatten(value, path));
    else out[path] = value;
  }
  return out;
}

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function isRange(v: unknown): v is { min: number; max: number } {
  return isObject(v) && typeof v.min === 'number' && typeof v.max === 'number' && Object.keys(v).length === 2;
}

function numberMatches(expected: unknown, actual: unknown): boolean {
  if (typeof actual !== 'number') return false;
  if (isRange(expected)) return actual >= expected.min && actual <= expected.max;
  if (typeof expected !== 'number') return false;
  if (expected === 0) return actual === 0;
  return Math.abs(actual - expected) <= Math.abs(expected) * 0.01;
}

export function normalizeGpu(model: string): string {
  let m = model.toUpperCase().trim();
  for (let prev = ''; prev !== m; ) {
    prev = m;
    m = m.replace(/^(NVIDIA|TESLA|GEFORCE|RTX|HUAWEI|ASCEND|昇腾)[\s-]*/, '');
  }
  return m.replace(/[\s-]*(\d+)\s*GB?$/, (all, n: string) => (MEMORY_SIZES.has(n) ? '' : all)).replace(/[\s_-]+/g, '');
}

/** GPU memory sizes written after a model ("A100 80GB"); "A10G" keeps its G (10 is not a size here). */
const MEMORY_SIZES = new Set(['16', '24', '32', '40', '48', '64', '80', '94', '96', '141']);

const normalizeModel = (m: string): string =>
  m
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, '-');

function sameSet(expected: unknown, actual: unknown): boolean {
  if (!Array.isArray(expected) || !Array.isArray(actual)) return false;
  const a = new Set(actual.map(String));
  const e = new Set(expected.map(String));
  return a.size === e.size && [...e].every((x) => a.has(x));
}

function partialMatches(expected: Record<string, unknown>, actual: unknown, path: string): boolean {
  if (!isObject(actual)) return false;
  return Object.entries(expected).every(([key, value]) => {
    const got = actual[key];
    if (typeof value === 'number' || isRange(value)) return numberMatches(value, got);
    if (path === 'workload.gpu' && key === 'model')
      return typeof got === 'string' && normalizeGpu(got) === normalizeGpu(String(value));
    return got === value;
  });
}

export function fieldMatches(path: string, expected: unknown, actual: unknown): boolean {
  if (path === 'providers' || path === 'locations') return sameSet(expected, actual);
  if (LEAF_OBJECTS.has(path)) return isObject(expected) && partialMatches(expected, actual, path);
  if (typeof expected === 'number' || isRange(expected)) return numberMatches(expected, actual);
  if (path === 'workload.instanceType')
    return typeof actual === 'string' && actual.toLowerCase() === String(expected).toLowerCase();
  if (path === 'workload.model')
    return typeof actual === 'string' && normalizeModel(actual) === normalizeModel(String(expected));
  return actual === expected;
}

/** Scores every item; `parse` throwing counts every expected field of that item as missed. */
export function score(items: HeldoutItem[], parse: (text: string) => unknown): Report {
  const results: ItemResult[] = items.map((item) => {
    let request: unknown;
    let error: string | null = null;
    try {
      request = parse(item.text);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const fields = flatten(item.expect);
    const misses: Miss[] = [];
    for (const [path, expected] of Object.entries(fields)) {
      const actual = error === null ? get(request, path) : `(error: ${error})`;
      if (error !== null || !fieldMatches(path, expected, actual)) misses.push({ field: path, expected, actual });
    }
    return { id: item.id, text: item.text, fields: Object.keys(fields).length, misses };
  });
  const fieldsTotal = results.reduce((n, r) => n + r.fields, 0);
  const fieldsRight = results.reduce((n, r) => n + r.fields - r.misses.length, 0);
  return {
    items: results,
    itemAccuracy: results.filter((r) => r.misses.length === 0).length / Math.max(1, results.length),
    fieldAccuracy: fieldsRight / Math.max(1, fieldsTotal),
    fieldsRight,
    fieldsTotal,
  };
}

const show = (v: unknown): string => (v === undefined ? 'undefined' : JSON.stringify(v));

/** The miss kind used in the summary: the field, and for intent the expected → actual pair. */
function missKind(m: Miss): string {
  if (m.field === 'intent') return `intent ${show(m.expected)} → ${show(m.actual)}`;
  if (m.actual === null || m.actual === undefined || (Array.isArray(m.actual) && m.actual.length === 0))
    return `${m.field} missing`;
  return `${m.field} wrong`;
}

export function formatReport(report: Report): string {
  const lines: string[] = [];
  for (const r of report.items) {
    if (r.misses.length === 0) continue;
    lines.push(`✗ ${r.id} ${r.text}`);
    for (const m of r.misses) lines.push(`    ${m.field}: expected ${show(m.expected)}, got ${show(m.actual)}`);
  }
  const kinds = new Map<string, number>();
  for (const r of report.items) for (const m of r.misses) kinds.set(missKind(m), (kinds.get(missKind(m)) ?? 0) + 1);
  const top = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  lines.push('', 'most common misses:');
  for (const [kind, n] of top.slice(0, 15)) lines.push(`  ${String(n).padStart(3)}  ${kind}`);
  const right = report.items.filter((r) => r.misses.length === 0).length;
  lines.push(
    '',
    `held-out item accuracy: ${right}/${report.items.length} (${(report.itemAccuracy * 100).toFixed(1)}%)`,
    `held-out field accuracy: ${report.fieldsRight}/${report.fieldsTotal} (${(report.fieldAccuracy * 100).toFixed(1)}%)`,
  );
  return lines.join('\n');
}
