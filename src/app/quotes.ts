/**
 * Vendor quotes from people: one from command-line flags or a Slack command, many from a CSV file.
 * Each input is checked; a bad CSV row is reported by its line number and the good rows are kept.
 */

import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Catalog } from '../catalog/load.js';
import { shippedSay } from '../catalog/shipped-messages.js';
import { cleanText } from '../domain/clean.js';
import { type Quote, QuoteSchema, resolveLocation } from '../domain/quote.js';
import type { Say } from '../domain/say.js';

/** The CSV columns, documented in the README. */
export const QUOTE_COLUMNS = [
  'provider',
  'resource',
  'sku',
  'region',
  'price',
  'unit',
  'currency',
  'reference',
  'valid_until',
  'billing',
  'gpu_model',
  'gpu_count',
  'model',
  'direction',
  'storage_class',
] as const;
export const REQUIRED_COLUMNS = [
  'provider',
  'resource',
  'region',
  'price',
  'unit',
  'currency',
  'reference',
  'valid_until',
];

export type QuoteInput = Partial<Record<(typeof QUOTE_COLUMNS)[number], string>>;

const RESOURCE_ALIASES: Record<string, string> = {
  gpu: 'gpu-instance',
  'gpu-instance': 'gpu-instance',
  instance: 'gpu-instance',
  compute: 'compute',
  cpu: 'compute',
  storage: 'storage',
  egress: 'egress',
  traffic: 'egress',
  tokens: 'model-tokens',
  'model-tokens': 'model-tokens',
  support: 'support',
};

/** A reason as printed: clean text, at most 300 characters. */
function clip(text: string): string {
  const t = cleanText(text);
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
}

/** Longest value accepted in one quote field (a reference, a SKU…). */
export const MAX_QUOTE_FIELD_CHARS = 120;

/**
 * One quote from named fields; throws an Error with one sentence naming the field that is wrong. `id`: the
 * quote's id when the caller derives it (from the Slack request, so a re-delivered request adds nothing
 * new); a random one otherwise.
 */
export function quoteFrom(
  input: QuoteInput,
  catalog: Catalog,
  who: string,
  now: Date = new Date(),
  id: string = randomUUID().slice(0, 8),
  say: Say = shippedSay('en'),
): Quote {
  const get = (k: (typeof QUOTE_COLUMNS)[number]) => (input[k] ?? '').trim();
  for (const k of QUOTE_COLUMNS) {
    const v = get(k);
    if (v.length > MAX_QUOTE_FIELD_CHARS)
      throw new Error(say('quote.err.too-long', { field: k, length: v.length, max: MAX_QUOTE_FIELD_CHARS }));
  }
  for (const k of REQUIRED_COLUMNS)
    if (!get(k as (typeof QUOTE_COLUMNS)[number])) throw new Error(say('quote.err.missing', { field: k }));
  const provider = catalog.providers.find(
    (p) =>
      p.id === get('provider').toLowerCase() ||
      [p.name, ...p.aliases, ...p.names_zh].some((n) => n.toLowerCase() === get('provider').toLowerCase()),
  );
  if (!provider)
    throw new Error(
      say('quote.err.provider', { said: get('provider'), list: catalog.providers.map((p) => p.id).join(', ') }),
    );
  const resource = RESOURCE_ALIASES[get('resource').toLowerCase()];
  if (!resource) throw new Error(say('quote.err.resource', { said: get('resource') }));
  const location = resolveLocation(catalog, provider.id, get('region'));
  if (!location)
    throw new Error(
      say('quote.err.region', {
        said: get('region'),
        provider: say.lang === 'zh' ? (provider.names_zh[0] ?? provider.name) : provider.name,
      }),
    );
  const rawPrice = get('price');
  if (/^\d+,\d{1,2}$/.test(rawPrice))
    throw new Error(say('quote.err.price-comma', { said: rawPrice, fixed: rawPrice.replace(',', '.') }));
  const price = Number(rawPrice.replace(/,/g, ''));
  if (!Number.isFinite(price) || price < 0) throw new Error(say('quote.err.price-nan', { said: get('price') }));
  if (price > 1e9) throw new Error(say('quote.err.price-large', { said: get('price') }));
  const gpuModel = get('gpu_model');
  const gpuCount = get('gpu_count') ? Number(get('gpu_count')) : 1;
  let gpu: Quote['gpu'] = null;
  if (gpuModel) {
    const g = catalog.gpus.find((x) =>
      [x.model, ...x.aliases].some(
        (n) => n.toLowerCase().replace(/[\s-]/g, '') === gpuModel.toLowerCase().replace(/[\s-]/g, ''),
      ),
    );
    if (!g) throw new Error(say('quote.err.gpu-model', { said: gpuModel }));
    if (!Number.isInteger(gpuCount) || gpuCount <= 0)
      throw new Error(say('quote.err.gpu-count', { said: get('gpu_count') }));
    gpu = { model: g.model, count: gpuCount };
  }
  const raw = {
    id,
    provider: provider.id,
    resource,
    sku: get('sku') || null,
    location,
    billing: (get('billing') || 'payg').toLowerCase(),
    unit: get('unit').toLowerCase(),
    price,
    currency: get('currency').toUpperCase().replace('RMB', 'CNY'),
    reference: get('reference'),
    validUntil: get('valid_until'),
    gpu,
    model: get('model') ? get('model').toLowerCase() : null,
    direction: get('direction') ? get('direction').toLowerCase() : null,
    storageClass: get('storage_class') || null,
    addedBy: who,
    addedAt: now.toISOString(),
  };
  const r = QuoteSchema.safeParse(raw);
  if (!r.success) throw new Error(quoteIssueText(r.error.issues[0], raw, say));
  return r.data;
}

/** The quote's field as the user wrote it (the CSV column, the key=value key). */
const FIELD_OF: Record<string, string> = { validUntil: 'valid_until', storageClass: 'storage_class', gpu: 'gpu_model' };

/**
 * One sentence in the user's language for what the quote schema refused: the field, what was written and what is
 * expected, from the issue's code and path (never zod's own English).
 */
export function quoteIssueText(issue: z.core.$ZodIssue | undefined, raw: Record<string, unknown>, say: Say): string {
  const key = String(issue?.path[0] ?? '');
  const field = FIELD_OF[key] ?? key;
  const value = raw[key];
  const said = value === null || value === undefined ? '' : String(value);
  if (!issue) return say('quote.err.invalid', { field, said });
  if (issue.code === 'custom' && key === 'gpu') return say('quote.err.gpu-needed');
  if (issue.code === 'custom' && key === 'model') return say('quote.err.model-needed');
  if (key === 'validUntil')
    return say(issue.code === 'custom' ? 'quote.err.date-real' : 'quote.err.date', { field, said });
  if (issue.code === 'invalid_value')
    return say('quote.err.one-of', { field, said, list: issue.values.map(String).join(', ') });
  if (issue.code === 'too_small')
    return said === '' ? say('quote.err.missing', { field }) : say('quote.err.negative', { field, said });
  return said === '' ? say('quote.err.missing', { field }) : say('quote.err.invalid', { field, said });
}

export interface ImportResult {
  quotes: Quote[];
  problems: { line: number; reason: string }[];
}

/** Reads a CSV of quotes (header row first). Bad rows are reported by line number; good rows are kept. */
export function quotesFromCsv(
  text: string,
  catalog: Catalog,
  who: string,
  now: Date = new Date(),
  say: Say = shippedSay('en'),
): ImportResult {
  // Bytes that are not text (NUL, invalid UTF-8) are named, never echoed back.
  if (text.includes('\u0000') || text.includes('\uFFFD'))
    return {
      quotes: [],
      problems: [{ line: 1, reason: say('quote.csv.binary') }],
    };
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes(',') && /[;\t]/.test(firstLine))
    return {
      quotes: [],
      problems: [
        {
          line: 1,
          reason: say(firstLine.includes(';') ? 'quote.csv.semicolons' : 'quote.csv.tabs', {
            columns: QUOTE_COLUMNS.join(', '),
          }),
        },
      ],
    };
  let rows: { record: Record<string, string>; line: number }[];
  let header: string[] = [];
  // A row the CSV reader cannot read (a stray quote) is named and skipped; the good rows are still kept.
  const unreadable: ImportResult['problems'] = [];
  try {
    const records = parseCsv(text, {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        return header;
      },
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { lines?: number; message?: string } | undefined) => {
        unreadable.push({ line: err?.lines ?? 0, reason: say('quote.csv.bad-row', { why: clip(err?.message ?? '') }) });
      },
      info: true,
      bom: true,
      trim: true,
    }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    rows = records.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (err) {
    return {
      quotes: [],
      problems: [
        {
          line: (err as { lines?: number }).lines ?? 1,
          reason: say('quote.csv.bad-file', { why: clip((err as Error).message) }),
        },
      ],
    };
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      quotes: [],
      problems: [
        {
          line: 1,
          reason: say('quote.csv.header', { missing: missing.join(', '), columns: QUOTE_COLUMNS.join(', ') }),
        },
      ],
    };
  const quotes: Quote[] = [];
  const problems: ImportResult['problems'] = [...unreadable];
  for (const { record, line } of rows) {
    try {
      quotes.push(quoteFrom(record, catalog, who, now, undefined, say));
    } catch (err) {
      problems.push({ line, reason: clip((err as Error).message) });
    }
  }
  return { quotes, problems: problems.sort((a, b) => a.line - b.line) };
}
