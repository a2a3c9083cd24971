/**
 * Comparisons on unlike price bases. The catalogue mixes kinds of price: a public list price, one account's
 * transaction price (which may carry that account's discounts: `price_basis: account` on the row), a vendor quote;
 * and prices of very different dates. A recommendation between two options resting on unlike prices says so in one
 * sentence, and the vendor questions ask each for a like-for-like list price.
 */
import type { OptionAnswer, PriceLine } from '../answer.js';
import type { Say } from '../say.js';

/** Two prices this many days apart are not of one time: a year of price changes lies between them. */
export const AGE_GAP_DAYS = 365;

export interface OptionBasis {
  kind: 'list' | 'account' | 'quote';
  asOf: string;
  dated: 'page' | 'retrieved';
  /** The line the basis is read from: the option's largest. */
  line: PriceLine;
}

/** The basis of an option's price: that of its largest line (what the total mostly rests on); null when unpriced. */
export function basisOf(o: OptionAnswer): OptionBasis | null {
  let main: PriceLine | undefined;
  const size = (l: PriceLine) => l.monthlyInAnswerCurrency?.expected ?? l.monthly.expected;
  for (const l of o.lines) if (!main || size(l) > size(main)) main = l;
  if (!main) return null;
  const kind = main.basis ?? (main.grade === 'vendor-quote' ? 'quote' : 'list');
  return { kind, asOf: main.asOf, dated: main.dated, line: main };
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/**
 * The bases of two options when they are unlike: different kinds, or dates the pages state a year or more apart;
 * else null.
 */
export function unlikeBases(a: OptionAnswer, b: OptionAnswer): [OptionBasis, OptionBasis] | null {
  const x = basisOf(a);
  const y = basisOf(b);
  if (!x || !y) return null;
  // Ages compared only between dates the pages state: a date read is when a snapshot was taken, not the price's.
  const apart = x.dated === 'page' && y.dated === 'page' && daysApart(x.asOf, y.asOf) >= AGE_GAP_DAYS;
  if (x.kind !== y.kind || apart) return [x, y];
  return null;
}

function basisWords(say: Say, b: OptionBasis): string {
  return say(`basis.${b.kind}`, {
    date: say(b.dated === 'page' ? 'basis.dated' : 'basis.undated', { asOf: b.asOf }),
  });
}

/** One sentence: the two prices are not like for like, what each is, and what to ask for. '' when they are alike. */
export function unlikeSentence(say: Say, a: OptionAnswer, b: OptionAnswer, name: (o: OptionAnswer) => string): string {
  const bases = unlikeBases(a, b);
  if (!bases) return '';
  return say(bases[0].kind === bases[1].kind ? 'basis.apart' : 'basis.unlike', {
    a: name(a),
    aBasis: basisWords(say, bases[0]),
    b: name(b),
    bBasis: basisWords(say, bases[1]),
  });
}

/** The type a line prices: "ecs.gn7i-2x.8xlarge" from "ecs.gn7i-2x.8xlarge (2x A10, 32 vCPU, 128 GiB) × 1". */
function typeOf(line: PriceLine): string {
  return line.label.split(/ \(| × /)[0] ?? line.label;
}

/**
 * The vendor questions for two options on unlike bases: each provider is asked for its public list price of the
 * types priced, one question per provider. [] when the options are priced alike.
 */
export function likeForLikeQuestions(
  say: Say,
  a: OptionAnswer | undefined,
  b: OptionAnswer | undefined,
): { provider: string; text: string }[] {
  if (!a || !b) return [];
  const bases = unlikeBases(a, b);
  if (!bases) return [];
  const items = new Map<string, string[]>();
  [a, b].forEach((o, i) => {
    const line = (bases[i] as OptionBasis).line;
    const item = say('basis.item', { type: typeOf(line), region: o.regionIds[0] ?? o.locationName });
    const list = items.get(o.provider) ?? [];
    if (!list.includes(item)) list.push(item);
    items.set(o.provider, list);
  });
  return [...items].map(([provider, list]) => ({
    provider,
    text: say('basis.question', { items: list.join(say('list.and')) }),
  }));
}
