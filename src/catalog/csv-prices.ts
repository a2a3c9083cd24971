/**
 * Price sheets as CSV (a vendor's export, a calculator's): one row per price, columns named as the
 * catalogue's fields. Every row must carry its source and as-of date; bad rows are reported by line
 * number and the good rows are kept. Output: catalogue price rows, validated with the same schema.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { Say } from '../domain/say.js';
import type { Catalog } from './load.js';
import { issueSaid, REPORT_INPUT } from './reasons.js';
import { sayNested } from './said.js';
import { type Price, PriceSchema } from './schema.js';
import { shippedSay } from './shipped-messages.js';

export const PRICE_CSV_COLUMNS = [
  'id',
  'provider',
  'kind',
  'service',
  'sku',
  'region',
  'jurisdiction',
  'billing',
  'term_months',
  'unit',
  'price',
  'currency',
  'source',
  'as_of',
  'quote',
  'grade',
  'gpu_model',
  'gpu_count',
  'vcpu',
  'memory_gib',
  'storage_class',
  'model',
  'direction',
  'tier_from_gb',
  'tier_to_gb',
  'note',
  'note_zh',
] as const;

export const PRICE_CSV_REQUIRED = ['provider', 'kind', 'service', 'unit', 'price', 'currency', 'source', 'as_of'];

export interface CsvPriceResult {
  rows: Price[];
  problems: { line: number; reason: string }[];
}

/** `say`: the language of the problems (templates/<lang>/import.yaml, import.csv.*); English when not given. */
export function pricesFromCsv(
  text: string,
  catalog: Catalog,
  fileTag: string,
  say: Say = shippedSay('en'),
): CsvPriceResult {
  // Bytes that are not text (NUL, invalid UTF-8) are named, never echoed back as a header.
  if (text.includes('\u0000') || text.includes('\uFFFD'))
    return { rows: [], problems: [{ line: 1, reason: say('import.csv.binary') }] };
  let header: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      info: true,
      bom: true,
      trim: true,
      relax_column_count: true,
    }) as typeof records;
  } catch (err) {
    return {
      rows: [],
      problems: [
        {
          line: (err as { lines?: number }).lines ?? 1,
          reason: say('import.csv.bad', { detail: (err as Error).message }),
        },
      ],
    };
  }
  const missing = PRICE_CSV_REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      rows: [],
      problems: [
        {
          line: 1,
          reason: say('import.csv.header', { missing: missing.join(', '), columns: PRICE_CSV_COLUMNS.join(', ') }),
        },
      ],
    };
  const rows: Price[] = [];
  const problems: CsvPriceResult['problems'] = [];
  const seen = new Set<string>();
  for (const { record: r, info } of records) {
    const line = info.lines;
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v.replace(/,/g, '')));
    const provider = (r.provider ?? '').toLowerCase();
    const region = r.region ?? '';
    let scope: Price['scope'] | undefined;
    if (region) {
      const p = catalog.providers.find((x) => x.id === provider);
      const loc =
        catalog.locations.find((l) => l.slug === region.toLowerCase() || l.name.toLowerCase() === region.toLowerCase())
          ?.slug ?? p?.regions.find((x) => x.id.toLowerCase() === region.toLowerCase())?.location;
      if (!loc) {
        problems.push({
          line,
          reason: say(provider ? 'import.csv.region' : 'import.csv.region-any', { region, provider }),
        });
        continue;
      }
      scope = { locations: [loc] };
    } else if (r.jurisdiction) scope = { jurisdiction: r.jurisdiction as 'mainland' | 'outside-mainland' | 'any' };
    const id = r.id || `${fileTag}-${line}`;
    if (seen.has(id)) {
      problems.push({ line, reason: say('import.csv.id-twice', { id }) });
      continue;
    }
    const candidate = {
      id,
      provider,
      kind: r.kind,
      service: r.service,
      ...(r.sku ? { sku: r.sku } : {}),
      scope: scope ?? {},
      billing: r.billing || 'payg',
      ...(r.term_months ? { term_months: num(r.term_months) } : {}),
      unit: r.unit,
      price: num(r.price),
      currency: (r.currency ?? '').toUpperCase().replace('RMB', 'CNY'),
      ...(r.gpu_model ? { gpu: { model: r.gpu_model.toUpperCase(), count: num(r.gpu_count) ?? 1 } } : {}),
      ...(r.vcpu ? { vcpu: num(r.vcpu) } : {}),
      ...(r.memory_gib ? { memoryGiB: num(r.memory_gib) } : {}),
      ...(r.storage_class ? { storage_class: r.storage_class } : {}),
      ...(r.model ? { model: r.model } : {}),
      ...(r.direction ? { direction: r.direction } : {}),
      ...(r.tier_from_gb
        ? { tier: { from_gb: num(r.tier_from_gb), to_gb: r.tier_to_gb ? num(r.tier_to_gb) : null } }
        : {}),
      ...(r.note ? { note: r.note } : {}),
      // The user's own caveat in Chinese, for Chinese answers (without it they show the note as written).
      ...(r.note_zh ? { note_zh: r.note_zh } : {}),
      source: r.source,
      as_of: r.as_of,
      ...(r.quote ? { quote: r.quote } : {}),
      ...(r.grade ? { grade: r.grade } : {}),
    };
    const parsed = PriceSchema.safeParse(candidate, REPORT_INPUT);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        line,
        // Why zod or the schema refused the row, by key, in the asker's language (src/catalog/reasons.ts).
        reason: say(issue?.path.length ? 'import.csv.field' : 'import.csv.row', {
          field: issue?.path.join('.') ?? '',
          reason: issue ? sayNested(say, issueSaid(issue)) : say('import.csv.invalid'),
        }),
      });
      continue;
    }
    seen.add(id);
    rows.push(parsed.data);
  }
  return { rows, problems };
}
