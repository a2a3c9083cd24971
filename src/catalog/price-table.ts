/**
 * Big price files, read fast. Two parts:
 *
 * 1. A compact table format for machine-written price files (importers, generators): one `shared` header with the
 *    fields every row has in common (provider, service, source, as_of, currency…) and `rows` as arrays of the
 *    `columns` that vary. Documented in catalog/README.md. The header is validated with zod; rows column by column.
 * 2. A fast check of price rows that gives exactly PriceSchema's result: each field is validated with PriceSchema's
 *    own schema for that field, once per distinct value (a catalogue repeats the same providers, units, sources and
 *    dates thousands of times), then the rules between fields (`priceRuleIssues`) run as in PriceSchema. A row the
 *    fast check refuses is validated again by PriceSchema itself, so every problem is reported in zod's words, with
 *    file, row and field, exactly as for any other price file.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import { issueSaid, REPORT_INPUT, reason } from './reasons.js';
import { type Said, sayNested } from './said.js';
import { type Price, PriceSchema, priceRuleIssues } from './schema.js';
import { shippedSay } from './shipped-messages.js';

export const PRICE_TABLE_FORMAT = 'price-table/1';

export interface PriceTableFile {
  format: typeof PRICE_TABLE_FORMAT;
  /** Fields and values every row has. */
  shared: Record<string, unknown>;
  /** Field names of the cells of each row; `id` is always one of them. */
  columns: string[];
  /** One array of cells per price, in `columns` order; null: the row does not have the field. */
  rows: unknown[][];
}

export interface TableIssue {
  /** As zod gives it, from the file's top: ['prices', 3, 'price'], ['shared', 'source'], ['columns', 2]. */
  path: PropertyKey[];
  /** What is wrong, by key (templates/<lang>/problems.yaml), said in the asker's language. */
  said: Said;
  /** What is wrong, in English. */
  message: string;
}

function tableIssue(path: PropertyKey[], said: Said): TableIssue {
  return { path, said, message: sayNested(shippedSay('en'), said) };
}

export interface TableResult {
  prices: Price[];
  issues: TableIssue[];
  /** What the issue paths point into, with each refused row as an object, so a path can name the row's id. */
  pathRoot: { prices: Record<string, unknown>[]; shared: unknown; columns: unknown };
}

const SHAPE = PriceSchema.shape as Record<string, z.ZodType>;
const FIELDS = Object.keys(SHAPE);
const FIELD_SET = new Set(FIELDS);

/** A price file in the table format (as parsed from JSON or YAML)? */
export function isPriceTable(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const format = (raw as { format?: unknown }).format;
  return typeof format === 'string' && format.startsWith('price-table');
}

// ---------------------------------------------------------------------------------------------------------------
// Field checks, remembered per distinct value.

const BAD: unique symbol = Symbol('bad');
const UNDEFINED: unique symbol = Symbol('undefined');
/** Distinct values remembered per field; ids and other one-off values beyond this are checked without memory. */
const MEMO_LIMIT = 4096;

class FieldCheck {
  private readonly primitives = new Map<unknown, unknown>();
  private readonly objects = new Map<string, unknown>();

  constructor(readonly schema: z.ZodType) {}

  /** The field's parsed value (undefined: absent), or BAD. Same value as the field's schema gives. */
  check(v: unknown): unknown {
    if (v === null || typeof v !== 'object') {
      if (v === 0 && Object.is(v, -0)) return this.parse(v); // a Map takes -0 for 0
      const hit = this.primitives.get(v);
      if (hit !== undefined) return hit === UNDEFINED ? undefined : hit;
      const out = this.parse(v);
      if (this.primitives.size < MEMO_LIMIT) this.primitives.set(v, out === undefined ? UNDEFINED : out);
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return this.parse(v);
    const key = JSON.stringify(v);
    const hit = this.objects.get(key);
    if (hit !== undefined) return hit === UNDEFINED ? undefined : hit;
    const out = this.parse(v);
    if (this.objects.size < MEMO_LIMIT) this.objects.set(key, out === undefined ? UNDEFINED : out);
    return out;
  }

  private parse(v: unknown): unknown {
    const r = this.schema.safeParse(v);
    return r.success ? r.data : BAD;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Building the price objects.
//
// A parsed price is built by a small function made once per set of present fields, from an object literal: every
// price with the same fields gets one compact object shape, its keys in PriceSchema's order (as zod gives them).
// Adding fields one by one under computed names instead makes V8 give rows of twenty-odd fields a slow dictionary
// (or, after a spread, a hidden class of their own): several times the memory and time at 100,000 rows.

type Builder = (values: unknown[]) => Record<string, unknown>;
const builders = new Map<number, Builder>();

/** The builder for the fields whose bits are set in `mask` (bit k: FIELDS[k]); it reads values[k]. */
function builder(mask: number): Builder {
  let b = builders.get(mask);
  if (!b) {
    const props: string[] = [];
    FIELDS.forEach((f, k) => {
      // Field names come from PriceSchema, never from a file; JSON.stringify quotes them safely all the same.
      if (mask & (1 << k)) props.push(`${JSON.stringify(f)}: v[${k}]`);
    });
    b = new Function('v', `return { ${props.join(', ')} };`) as Builder;
    builders.set(mask, b);
  }
  return b;
}

if (FIELDS.length > 30) throw new Error('PriceSchema has more fields than a field mask holds');

/**
 * The rows as PriceSchema would parse them, or null when any row is not valid (the caller then lets PriceSchema
 * report the problems). Rows with equal scopes, GPUs or tiers share one parsed object; nothing changes a parsed price.
 */
export function fastPrices(rows: unknown[]): Price[] | null {
  const checks = FIELDS.map((f) => new FieldCheck(SHAPE[f] as z.ZodType));
  const values: unknown[] = new Array(FIELDS.length);
  const out: Price[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
    const row = raw as Record<string, unknown>;
    let mask = 0;
    for (let k = 0; k < FIELDS.length; k++) {
      const field = FIELDS[k] as string;
      const v = row[field];
      const parsed = (checks[k] as FieldCheck).check(v);
      if (parsed === BAD) return null;
      // As zod: a key given in the input stays in the output; an absent one appears only with a default.
      if (parsed !== undefined || (v === undefined && field in row)) mask |= 1 << k;
      values[k] = parsed;
    }
    const p = builder(mask)(values) as Price;
    if (priceRuleIssues(p).length > 0) return null;
    out[i] = p;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The table format.

class NotLineLayout extends Error {}

/**
 * Reads a table file written one row per line (as `priceTableText` writes it), parsing and checking one row at a
 * time: the rows never all exist as parsed JSON at once, nor the file as one string, which roughly halves peak
 * memory and garbage collection on big files. Null when the file is laid out otherwise (or cannot be read): then
 * parse it whole and use `readPriceTable`. The result is the same either way, since each line must hold exactly one
 * row with its comma (a row split over lines does not parse alone) and the file as a whole must be valid JSON.
 */
export function readPriceTableFile(path: string): TableResult | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    // Only a file that starts as a table is read line by line (a one-line JSON file would be one huge "line").
    const start = Buffer.alloc(256);
    const n = readSync(fd, start, 0, start.length, 0);
    if (!TABLE_START.test(start.toString('utf8', 0, n))) return null;
    return readPriceTableLines(fileLines(fd));
  } finally {
    closeSync(fd);
  }
}

const TABLE_START = /^\s*\{\s*"format"\s*:\s*"price-table/;
/** Longer than any row line; a longer line means the file is not laid out one row per line. */
const LINE_MAX = 1 << 20;

/** `readPriceTableFile` for text already read. */
export function readPriceTableText(text: string): TableResult | null {
  return readPriceTableLines(textLines(text));
}

/** Lines of an open file, read a megabyte at a time. */
function* fileLines(fd: number): Generator<string> {
  const buf = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    const chunk = rest + decoder.write(buf.subarray(0, n));
    let at = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', at)) {
      yield chunk.slice(at, nl);
      at = nl + 1;
    }
    rest = chunk.slice(at);
    if (rest.length > LINE_MAX) throw new NotLineLayout();
  }
  rest += decoder.end();
  if (rest) yield rest;
}

function* textLines(text: string): Generator<string> {
  let at = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
    yield text.slice(at, nl);
    at = nl + 1;
  }
  if (at < text.length) yield text.slice(at);
}

const HEADER_MAX_LINES = 10_000;

function readPriceTableLines(lines: Iterator<string>): TableResult | null {
  try {
    return readLines(lines);
  } catch (err) {
    if (err instanceof NotLineLayout) return null;
    throw err;
  }
}

function readLines(lines: Iterator<string>): TableResult | null {
  // The header: from the first line (which names the format) to the line that opens the rows.
  const head: string[] = [];
  for (;;) {
    const next = lines.next();
    if (next.done || head.length >= HEADER_MAX_LINES) return null;
    head.push(next.value);
    if (head.length === 1 && !TABLE_START.test(next.value)) return null;
    if (/"rows"\s*:\s*\[\s*$/.test(next.value)) break;
  }
  let header: unknown;
  try {
    header = JSON.parse(`${head.join('\n')}]}`);
  } catch {
    return null;
  }
  if (!header || typeof header !== 'object' || !Array.isArray((header as { rows?: unknown }).rows)) return null;
  function* rows(): Generator<unknown> {
    /** The row line before: none yet, one ending with a comma, or one without (which must be the last). */
    let before: 'none' | 'comma' | 'last' = 'none';
    for (;;) {
      const next = lines.next();
      if (next.done) throw new NotLineLayout();
      const line = next.value.trim();
      if (line === '') continue;
      if (line[0] === ']') {
        // The end: "]}" and nothing after it but white space; no comma after the last row.
        let tail = line;
        for (let more = lines.next(); !more.done; more = lines.next()) tail += more.value;
        if (before === 'comma' || !/^\]\s*\}$/.test(tail.trim())) throw new NotLineLayout();
        return;
      }
      if (before === 'last') throw new NotLineLayout();
      const comma = line.endsWith(',');
      let row: unknown;
      try {
        row = JSON.parse(comma ? line.slice(0, -1) : line);
      } catch {
        throw new NotLineLayout();
      }
      before = comma ? 'comma' : 'last';
      yield row;
    }
  }
  return readPriceTable(header, rows());
}

/**
 * Reads a parsed table file: its prices, or the problems, each with a path like PriceSchema's. `rowSource`, when
 * given, yields the rows instead of `raw.rows` (see `readPriceTableText`).
 */
export function readPriceTable(raw: unknown, rowSource?: Iterable<unknown>): TableResult {
  const issues: TableIssue[] = [];
  const file = (raw ?? {}) as Partial<Record<keyof PriceTableFile, unknown>>;
  const pathRoot: TableResult['pathRoot'] = { prices: [], shared: file.shared, columns: file.columns };
  const result = { prices: [] as Price[], issues, pathRoot };

  if (file.format !== PRICE_TABLE_FORMAT)
    issues.push(tableIssue(['format'], reason('must-be', { value: PRICE_TABLE_FORMAT })));
  for (const key of Object.keys(file))
    if (!['format', 'shared', 'columns', 'rows'].includes(key)) issues.push(tableIssue([key], reason('table-key')));
  const shared = file.shared ?? {};
  if (typeof shared !== 'object' || shared === null || Array.isArray(shared))
    issues.push(tableIssue(['shared'], reason('table-shared')));
  const columns = file.columns;
  if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string'))
    issues.push(tableIssue(['columns'], reason('table-columns')));
  if (!Array.isArray(file.rows)) issues.push(tableIssue(['rows'], reason('table-rows')));
  if (issues.length) return result;
  const sharedRaw = shared as Record<string, unknown>;
  const cols = columns as string[];
  const rows: Iterable<unknown> = rowSource ?? (file.rows as unknown[]);

  // The header: every field named once, in shared or as a column; shared values checked with zod.
  const sharedOut: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sharedRaw)) {
    if (!FIELD_SET.has(key)) {
      issues.push(tableIssue(['shared', key], reason('table-field', { list: FIELDS.join(', ') })));
      continue;
    }
    if (key === 'id') {
      issues.push(tableIssue(['shared', key], reason('table-shared-id')));
      continue;
    }
    const r = (SHAPE[key] as z.ZodType).safeParse(value, REPORT_INPUT);
    if (!r.success)
      for (const issue of r.error.issues) issues.push(tableIssue(['shared', key, ...issue.path], issueSaid(issue)));
    else if (r.data !== undefined) sharedOut[key] = r.data;
  }
  const seen = new Set<string>();
  cols.forEach((c, j) => {
    if (!FIELD_SET.has(c)) issues.push(tableIssue(['columns', j], reason('column-not-field', { name: c })));
    else if (seen.has(c)) issues.push(tableIssue(['columns', j], reason('column-twice', { name: c })));
    else if (c in sharedRaw) issues.push(tableIssue(['columns', j], reason('column-shared', { name: c })));
    seen.add(c);
  });
  if (!seen.has('id')) issues.push(tableIssue(['columns'], reason('column-id')));
  // A field neither shared nor a column is absent from every row: fine when optional, refused when required
  // (source and as_of above all: the loader refuses any price without them).
  for (const f of FIELDS) {
    if (seen.has(f) || f in sharedRaw) continue;
    const r = (SHAPE[f] as z.ZodType).safeParse(undefined, REPORT_INPUT);
    if (!r.success) {
      const why = r.error.issues[0];
      issues.push(
        tableIssue(
          ['columns'],
          reason('column-missing', { name: f, other: f, detail: why ? issueSaid(why) : reason('zod-input') }),
        ),
      );
    } else if (r.data !== undefined) sharedOut[f] = r.data;
  }
  if (issues.length) return result;

  // Rows, column by column; a row the fast check refuses is parsed again by PriceSchema for its problems.
  const checks = cols.map((c) => new FieldCheck(SHAPE[c] as z.ZodType));
  const colIndex = cols.map((c) => FIELDS.indexOf(c));
  const values: unknown[] = new Array(FIELDS.length);
  let sharedMask = 0;
  for (const [f, v] of Object.entries(sharedOut)) {
    const k = FIELDS.indexOf(f);
    sharedMask |= 1 << k;
    values[k] = v;
  }
  const prices: Price[] = [];
  let i = -1;
  for (const row of rows) {
    i++;
    if (!Array.isArray(row) || row.length !== cols.length) {
      issues.push(tableIssue(['prices', i], reason('row-cells', { n: cols.length, list: cols.join(', ') })));
      continue;
    }
    let mask = sharedMask;
    let ok = true;
    for (let j = 0; j < cols.length; j++) {
      const cell = row[j];
      const parsed = (checks[j] as FieldCheck).check(cell === null ? undefined : cell);
      if (parsed === BAD) {
        ok = false;
        break;
      }
      const k = colIndex[j] as number;
      if (parsed !== undefined) mask |= 1 << k;
      values[k] = parsed;
    }
    const p = ok ? (builder(mask)(values) as Price) : null;
    if (p && priceRuleIssues(p).length === 0) {
      prices.push(p);
      continue;
    }
    const merged: Record<string, unknown> = { ...sharedRaw };
    for (let j = 0; j < cols.length; j++) if (row[j] !== null) merged[cols[j] as string] = row[j];
    const r = PriceSchema.safeParse(merged, REPORT_INPUT);
    if (r.success) prices.push(r.data);
    else {
      pathRoot.prices[i] = merged;
      for (const issue of r.error.issues) issues.push(tableIssue(['prices', i, ...issue.path], issueSaid(issue)));
    }
  }
  result.prices = prices;
  return result;
}

/**
 * Price rows as a table: fields with one value in every row go to `shared`, the others become columns (null where a
 * row lacks the field). `id` is always a column.
 */
export function priceTable(rows: readonly Price[]): PriceTableFile {
  const fields: string[] = [];
  const present = new Set<string>();
  for (const r of rows)
    for (const [k, v] of Object.entries(r))
      if (v !== undefined && !present.has(k)) {
        present.add(k);
        fields.push(k);
      }
  fields.sort((a, b) => FIELDS.indexOf(a) - FIELDS.indexOf(b));
  const shared: Record<string, unknown> = {};
  const columns: string[] = [];
  for (const f of fields) {
    const first = rows[0] ? JSON.stringify((rows[0] as Record<string, unknown>)[f]) : undefined;
    const same =
      f !== 'id' &&
      first !== undefined &&
      rows.every((r) => {
        const v = (r as Record<string, unknown>)[f];
        return v !== undefined && JSON.stringify(v) === first;
      });
    if (same) shared[f] = (rows[0] as Record<string, unknown>)[f];
    else columns.push(f);
  }
  if (!columns.includes('id')) columns.unshift('id');
  return {
    format: PRICE_TABLE_FORMAT,
    shared,
    columns,
    rows: rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null)),
  };
}

/** A table price file's text: the header, then one row per line (so a diff shows which prices changed). */
export function priceTableText(rows: readonly Price[]): string {
  const t = priceTable(rows);
  const body = t.rows.map((r) => JSON.stringify(r)).join(',\n');
  return `{"format": ${JSON.stringify(t.format)},\n"shared": ${JSON.stringify(t.shared)},\n"columns": ${JSON.stringify(t.columns)},\n"rows": [\n${body}\n]}\n`;
}
