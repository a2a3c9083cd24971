/** The answer's breakdown as CSV (RFC 4180): one row per price line and per gap, for spreadsheets. */
import type { Answer } from '../domain/answer.js';

const HEADER = [
  'rank',
  'provider',
  'region',
  'billing',
  'component',
  'item',
  'quantity',
  'quantity_unit',
  'unit_price',
  'unit_price_unit',
  'currency',
  'monthly_low',
  'monthly_expected',
  'monthly_high',
  'answer_currency',
  'monthly_expected_in_answer_currency',
  'source',
  'as_of',
  'status',
  'vendor_question',
];

/** One CSV cell: text that a spreadsheet would run as a formula is prefixed with ' (plain numbers are left alone). */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const cell = csvCell;

export function answerCsv(answer: Answer): string {
  const rows: unknown[][] = [HEADER];
  for (const o of answer.options) {
    const region = o.regionIds[0] ?? o.location;
    for (const l of o.lines)
      rows.push([
        o.rank,
        o.providerName,
        region,
        o.billing,
        l.component,
        l.label,
        l.quantity,
        l.quantityUnit,
        l.unitPrice,
        l.unitPriceUnit,
        l.currency,
        l.monthly.low,
        l.monthly.expected,
        l.monthly.high,
        answer.currency,
        l.monthlyInAnswerCurrency?.expected ?? '',
        l.source,
        l.asOf,
        l.stale ? 'priced (stale)' : 'priced',
        '',
      ]);
    for (const g of o.gaps)
      rows.push([
        o.rank,
        o.providerName,
        region,
        o.billing,
        g.component,
        g.what,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        answer.currency,
        '',
        g.calculatorUrl,
        '',
        'not priced',
        g.question,
      ]);
  }
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
