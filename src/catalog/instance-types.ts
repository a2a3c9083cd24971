/**
 * Instance-type tables (catalog/instance-types/*.json, format "instance-types/1", documented in catalog/README.md):
 * one header with the provider and the provenance every row shares, `columns`, and one array per type.
 *
 *   {"format":"instance-types/1","provider":"alibaba","source":"https://…","as_of":"2024-10-09","dated":"page",
 *    "grade":"second-hand","note":"…","columns":["type","family","category","vcpu","memoryGiB","gpuModel","gpuCount","arch"],
 *    "rows":[
 *    ["ecs.g7.large","ecs.g7","general",2,8,null,null,"x86_64"],
 *    …
 *    ]}
 *
 * The header is checked with zod; rows by a direct check that accepts exactly what InstanceTypeSchema accepts (a row
 * it refuses is parsed again by InstanceTypeSchema for the problem, in zod's words, so both agree on every row).
 */
import { issueSaid, REPORT_INPUT, reason } from './reasons.js';
import { type Said, sayNested } from './said.js';
import {
  INSTANCE_CATEGORIES,
  INSTANCE_TYPE_COLUMNS,
  INSTANCE_TYPES_FORMAT,
  type InstanceType,
  InstanceTypeSchema,
  InstanceTypesFile,
} from './schema.js';
import { shippedSay } from './shipped-messages.js';

export { INSTANCE_TYPES_FORMAT };

export interface InstanceTypeIssue {
  /** From the file's top: ['rows', 3, 'vcpu'], ['source'], ['columns']. */
  path: PropertyKey[];
  /** What is wrong, by key (templates/<lang>/problems.yaml), said in the asker's language. */
  said: Said;
  /** What is wrong, in English. */
  message: string;
  /** The type named by the refused row, when it names one. */
  type?: string;
}

export interface InstanceTypeTableResult {
  types: InstanceType[];
  issues: InstanceTypeIssue[];
}

/** A row as a table holds it: the columns, in INSTANCE_TYPE_COLUMNS order. */
export type InstanceTypeRow = [
  type: string,
  family: string,
  category: InstanceType['category'],
  vcpu: number,
  memoryGiB: number,
  gpuModel: string | null,
  gpuCount: number | null,
  arch: InstanceType['arch'],
];

/** The header fields of a table: everything but the columns and rows. */
export interface InstanceTypeHeader {
  provider: InstanceType['provider'];
  source: string;
  as_of: string;
  dated: 'page' | 'retrieved';
  grade: InstanceType['grade'];
  note?: string;
}

/** A file in the instance-type format (as parsed from JSON)? */
export function isInstanceTypeTable(raw: unknown): boolean {
  return (
    !!raw &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    typeof (raw as { format?: unknown }).format === 'string' &&
    ((raw as { format: string }).format as string).startsWith('instance-types')
  );
}

const CATEGORIES = new Set<string>(INSTANCE_CATEGORIES);
const GPU_MODEL = /^[A-Z0-9][A-Z0-9-]*$/;
const posNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Reads a parsed table: its types, or the problems (header first; then each bad row with its path). */
export function readInstanceTypeTable(raw: unknown): InstanceTypeTableResult {
  const head = InstanceTypesFile.safeParse(raw, REPORT_INPUT);
  if (!head.success) return { types: [], issues: head.error.issues.map((i) => typeIssue(i.path, issueSaid(i))) };
  const h = head.data;
  const col = Object.fromEntries(INSTANCE_TYPE_COLUMNS.map((c) => [c, h.columns.indexOf(c)])) as Record<
    (typeof INSTANCE_TYPE_COLUMNS)[number],
    number
  >;
  const shared = {
    provider: h.provider,
    source: h.source,
    as_of: h.as_of,
    dated: h.dated,
    grade: h.grade,
    ...(h.also_sources ? { also_sources: h.also_sources } : {}),
    ...(h.quote ? { quote: h.quote } : {}),
  };
  const types: InstanceType[] = [];
  const issues: InstanceTypeIssue[] = [];
  h.rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== h.columns.length) {
      issues.push(typeIssue(['rows', i], reason('row-cells', { n: h.columns.length, list: h.columns.join(', ') })));
      return;
    }
    const model = row[col.gpuModel];
    const count = row[col.gpuCount];
    const candidate = {
      ...shared,
      type: row[col.type],
      family: row[col.family],
      category: row[col.category],
      vcpu: row[col.vcpu],
      memoryGiB: row[col.memoryGiB],
      gpu: model === null && count === null ? null : { model, count },
      arch: row[col.arch],
    };
    const c = candidate as Record<string, unknown>;
    const fast =
      nonEmpty(c.type) &&
      c.type === c.type.trim() &&
      nonEmpty(c.family) &&
      c.family === c.family.trim() &&
      typeof c.category === 'string' &&
      CATEGORIES.has(c.category) &&
      posNum(c.vcpu) &&
      posNum(c.memoryGiB) &&
      (c.gpu === null ||
        (typeof model === 'string' && GPU_MODEL.test(model) && posNum(count) && Number.isInteger(count))) &&
      (c.arch === null || c.arch === 'x86_64' || c.arch === 'arm64');
    if (fast) {
      types.push(candidate as InstanceType);
      return;
    }
    const r = InstanceTypeSchema.safeParse(candidate, REPORT_INPUT);
    if (r.success) {
      types.push(r.data);
      return;
    }
    const half = (model === null) !== (count === null);
    if (half)
      issues.push(
        typeIssue(
          ['rows', i, model === null ? 'gpuModel' : 'gpuCount'],
          reason('gpu-both'),
          typeof c.type === 'string' && c.type ? c.type : undefined,
        ),
      );
    for (const issue of r.error.issues) {
      // Point at the column the cell came from: gpu.model → gpuModel, gpu.count → gpuCount.
      const [first, second] = issue.path;
      if (half && first === 'gpu') continue;
      const field = first === 'gpu' ? (second === 'count' ? 'gpuCount' : 'gpuModel') : first;
      issues.push(
        typeIssue(
          ['rows', i, ...(field === undefined ? [] : [field])],
          issueSaid(issue),
          typeof c.type === 'string' && c.type ? c.type : undefined,
        ),
      );
    }
  });
  return { types, issues };
}

function typeIssue(path: PropertyKey[], said: Said, type?: string): InstanceTypeIssue {
  return { path, said, message: sayNested(shippedSay('en'), said), ...(type ? { type } : {}) };
}

/** `rows[3] (type ecs.g7.large).vcpu` for an issue. */
export function formatInstanceTypePath(issue: InstanceTypeIssue): string {
  const [first, ...rest] = issue.path;
  if (first === 'rows' && typeof rest[0] === 'number') {
    const row = `rows[${rest[0]}]${issue.type ? ` (type ${issue.type})` : ''}`;
    return rest.length > 1 ? `${row}.${rest.slice(1).map(String).join('.')}` : row;
  }
  return issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** A table's text: the header, then one row per line (a diff shows which types changed). */
export function instanceTypesText(header: InstanceTypeHeader, rows: readonly InstanceTypeRow[]): string {
  const head = {
    format: INSTANCE_TYPES_FORMAT,
    provider: header.provider,
    source: header.source,
    as_of: header.as_of,
    dated: header.dated,
    grade: header.grade,
    ...(header.note ? { note: header.note } : {}),
    columns: INSTANCE_TYPE_COLUMNS,
  };
  const opening = JSON.stringify(head).slice(0, -1);
  return `${opening},"rows":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

/** An InstanceType as a table row. */
export function instanceTypeRow(
  t: Omit<InstanceType, 'provider' | 'source' | 'as_of' | 'dated' | 'grade'>,
): InstanceTypeRow {
  return [t.type, t.family, t.category, t.vcpu, t.memoryGiB, t.gpu?.model ?? null, t.gpu?.count ?? null, t.arch];
}
