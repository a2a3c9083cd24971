/**
 * Numbers written as `Intl.NumberFormat('en-US', …)` writes them (zh-CN writes decimals the same way), without
 * Intl: making a formatter loads the locale data, about ten milliseconds at the first one and some at every other,
 * which was a large part of a `procure ask`'s start-up. Exactly Intl's output for these options (the table and
 * property tests in test/domain/number-format.test.ts compare the two):
 * - the number's shortest decimal form (what `String(n)` gives, as ICU takes it) rounded half away from zero
 *   ("halfExpand") to at most `maxFraction` decimals, trailing zeros dropped down to `minFraction`;
 * - en-US grouping (1,234,567), a hyphen-minus for negatives including negative zero ("-0"), "NaN" and "∞".
 */

/** `new Intl.NumberFormat('en-US', { minimumFractionDigits, maximumFractionDigits }).format(n)`. */
export function formatDecimal(n: number, minFraction: number, maxFraction: number): string {
  if (Number.isNaN(n)) return 'NaN';
  const negative = n < 0 || Object.is(n, -0);
  const sign = negative ? '-' : '';
  const a = Math.abs(n);
  if (a === Number.POSITIVE_INFINITY) return `${sign}∞`;
  const [int, frac] = rounded(a, maxFraction);
  let f = frac;
  let end = f.length;
  while (end > minFraction && f.charCodeAt(end - 1) === 48) end--;
  f = f.slice(0, end);
  if (f.length < minFraction) f += '0'.repeat(minFraction - f.length);
  return `${sign}${grouped(int)}${f ? `.${f}` : ''}`;
}

/** The integer and fraction digits of a non-negative finite number, rounded half up to `digits` decimals. */
function rounded(a: number, digits: number): [string, string] {
  const s = String(a);
  const e = s.indexOf('e');
  const mantissa = e < 0 ? s : s.slice(0, e);
  const exponent = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const whole = dot < 0 ? mantissa : mantissa.slice(0, dot);
  let all = dot < 0 ? mantissa : whole + mantissa.slice(dot + 1);
  let point = whole.length + exponent;
  let lead = 0;
  while (lead < all.length - 1 && all.charCodeAt(lead) === 48) lead++;
  all = all.slice(lead);
  point -= lead;
  let int: string;
  let frac: string;
  if (point <= 0) {
    int = '0';
    frac = '0'.repeat(-point) + all;
  } else if (point >= all.length) {
    int = all + '0'.repeat(point - all.length);
    frac = '';
  } else {
    int = all.slice(0, point);
    frac = all.slice(point);
  }
  if (frac.length <= digits) return [int, frac];
  const up = frac.charCodeAt(digits) >= 53; // '5' or more: away from zero
  frac = frac.slice(0, digits);
  if (!up) return [int, frac];
  const joined = increment(int + frac);
  const intLength = joined.length - digits;
  return [joined.slice(0, intLength).replace(/^0+(?=\d)/, ''), joined.slice(intLength)];
}

/** A string of decimal digits plus one. */
function increment(digits: string): string {
  const d = digits.split('');
  let i = d.length - 1;
  while (i >= 0) {
    if (d[i] === '9') {
      d[i] = '0';
      i--;
    } else {
      d[i] = String(Number(d[i]) + 1);
      return d.join('');
    }
  }
  return `1${d.join('')}`;
}

function grouped(int: string): string {
  if (int.length <= 3) return int;
  let out = '';
  let i = int.length % 3 || 3;
  out = int.slice(0, i);
  for (; i < int.length; i += 3) out += `,${int.slice(i, i + 3)}`;
  return out;
}
