/**
 * Numbers, money, percentages and dates for people, per answer language.
 * - en: ISO currency code before the amount ("USD 1,234.50", "CNY 9.5"), en-US grouping, ISO dates (2026-11-23);
 * - zh: the currency's sign as zh-CN writes it ("¥1,234.50", "US$1,234.50"), dates written 2026年11月23日.
 * Amounts of 100 or more are whole; 1–100 two decimals; below 1 up to three or four, so a per-token price still shows.
 * Digits are written by formatDecimal (src/domain/number-format.ts), exactly as Intl.NumberFormat writes them for
 * en-US and zh-CN but without loading the locale data; a currency without a known sign falls back to Intl, whose
 * formatters are made once (toLocaleString builds one on every call).
 */
import type { Money } from './answer.js';
import { formatDecimal } from './number-format.js';
import type { Lang } from './request.js';

const LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

function decimals(abs: number): [number, number] {
  if (abs >= 100) return [0, 0];
  if (abs >= 1) return [2, 2];
  if (abs >= 0.01) return [2, 3];
  return [2, 4];
}

export interface Fmt {
  readonly lang: Lang;
  /** A bare amount with the money precision: "1,234", "9.50". */
  amount(n: number): string;
  /** An amount with its currency: "USD 1,234" (en), "US$1,234" / "¥1,234" (zh). */
  money(n: number, currency: string): string;
  /** Expected, and the low–high range when they differ: "USD 1,234 (1,100–1,400)". */
  range(m: Money, currency: string): string;
  /** A unit price with up to six decimals: "USD 0.000526", "¥9.50". */
  unitPrice(n: number, currency: string): string;
  /** A quantity: up to two decimals, grouped. */
  qty(n: number): string;
  /** A signed percentage: "+12%", "−5%". */
  percent(p: number): string;
  /** An ISO date (YYYY-MM-DD, or with a time after it) as the language writes dates. */
  date(iso: string): string;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    cache.set(key, f);
  }
  return f;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(.*)$/;

/** How zh-CN writes a currency's sign before an amount (`style: 'currency'`, `currencyDisplay: 'symbol'`). */
const ZH_SIGNS: Record<string, string> = { CNY: '¥', USD: 'US$' };

function make(lang: Lang): Fmt {
  const locale = LOCALE[lang];
  const amount = (n: number) => {
    const [min, max] = decimals(Math.abs(n));
    return formatDecimal(n, min, max);
  };
  const signed = (n: number, currency: string, min: number, max: number) => {
    if (lang === 'en' || !/^[A-Z]{3}$/.test(currency)) return `${currency} ${formatDecimal(n, min, max)}`;
    const sign = ZH_SIGNS[currency];
    if (sign) {
      const digits = formatDecimal(n, min, max);
      return digits.startsWith('-') ? `-${sign}${digits.slice(1)}` : `${sign}${digits}`;
    }
    return nf(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'symbol',
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    }).format(n);
  };
  const money = (n: number, currency: string) => {
    const [min, max] = decimals(Math.abs(n));
    return signed(n, currency, min, max);
  };
  const [open, close] = lang === 'zh' ? ['（', '）'] : [' (', ')'];
  return {
    lang,
    amount,
    money,
    range(m, currency) {
      const e = money(m.expected, currency);
      if (Math.abs(m.low - m.high) < 1e-9) return e;
      return `${e}${open}${amount(m.low)}–${amount(m.high)}${close}`;
    },
    unitPrice(n, currency) {
      return signed(n, currency, lang === 'zh' ? 2 : 0, 6);
    },
    qty(n) {
      return formatDecimal(n, 0, 2);
    },
    percent(p) {
      const r = Math.round(p);
      return `${r > 0 ? '+' : r < 0 ? '−' : ''}${formatDecimal(Math.abs(r), 0, 3)}%`;
    },
    date(iso) {
      if (lang === 'en') return iso;
      const m = ISO_DATE.exec(iso);
      if (!m) return iso;
      return `${m[1]}年${Number(m[2])}月${Number(m[3])}日${m[4] ?? ''}`;
    },
  };
}

const BY_LANG: Record<Lang, Fmt> = { en: make('en'), zh: make('zh') };

/** The formatter for a language (made once per language). */
export function fmtFor(lang: Lang): Fmt {
  return BY_LANG[lang] ?? BY_LANG.en;
}
