/**
 * Stage 3b, advise: a recommendation only on a basis it states.
 *  - a decisive fact: mainland users and an option set that spans the border (personal-data export rules, ICP
 *    filing and the border's latency), or offshore users and a public service (no ICP filing offshore);
 *  - comparable prices: every option still in the running priced, on the same components → the lowest expected
 *    total, and by how much (absolute and %);
 *  - neither: no recommendation, but what differs between the options and what to ask to decide.
 * Options are put in the order the basis gives (recommended first).
 */
import type { NoRecommendation, OptionAnswer, Recommendation } from '../answer.js';
import { fmtNum } from '../estimate.js';
import { fmtFor } from '../format.js';
import type { Request } from '../request.js';
import { hasSize } from '../request-values.js';
import type { Say } from '../say.js';
import { unlikeSentence } from './basis.js';
import type { PipelineContext } from './context.js';
import { componentList, monthsText } from './words.js';

export interface Advice {
  /** The options in the order the basis gives, ranks renumbered. */
  options: OptionAnswer[];
  recommendation: Recommendation | null;
  noRecommendation: NoRecommendation | null;
}

interface Decisive {
  /** Options the fact leaves in the running. */
  keep: OptionAnswer[];
  sentence: string;
  cites: string[];
}

const PUBLIC_KINDS = new Set(['web', 'inference', 'model-api']);

/** The facts that rule options out, applied in turn (where the users are; then where the commerce data lives). */
function decisiveFact(req: Request, audience: string | null, options: OptionAnswer[], say: Say): Decisive | null {
  let keep = options;
  const sentences: string[] = [];
  const cites: string[] = [];
  const narrow = (to: OptionAnswer[], sentence: string, ids: string[]) => {
    if (to.length === 0 || to.length === keep.length) return;
    keep = to;
    sentences.push(sentence);
    cites.push(...ids);
  };
  const mainland = keep.filter((o) => o.jurisdiction === 'mainland');
  const offshore = keep.filter((o) => o.jurisdiction !== 'mainland');
  const publicService = req.workload.kind !== null && PUBLIC_KINDS.has(req.workload.kind);
  if (audience === 'mainland') {
    if (req.signals.personalData) narrow(mainland, say('advise.fact.personal-data'), ['cn-data-export-mechanisms']);
    else if (publicService || req.signals.commercePlatforms.length > 0)
      narrow(mainland, say('advise.fact.mainland-users'), ['alibaba-icp-required', 'alibaba-cross-border-latency']);
  } else if ((audience === 'elsewhere' || audience === 'hong-kong') && publicService && !req.signals.personalData)
    narrow(offshore, say('advise.fact.offshore-users'), ['alibaba-icp-mainland']);
  // Users in named cities outside the mainland ("players in Japan and Korea"): a service they reach runs where they
  // are, when some option is there; a training or batch job does not care where its users are.
  const servesUsers = req.workload.kind === null || PUBLIC_KINDS.has(req.workload.kind);
  if (audience !== 'mainland' && servesUsers) {
    const here = keep.filter((o) => req.signals.audience.includes(o.location));
    const places = [...new Set(here.map((o) => o.locationName))].join(say('list.sep'));
    narrow(here, say('advise.fact.users-here', { places }), ['alibaba-region-selection']);
  }
  const mainlandCommerce = req.signals.commercePlatforms.some((p) => ['taobao', 'tmall', '1688'].includes(p));
  if (mainlandCommerce)
    narrow(
      keep.filter((o) => o.provider === 'alibaba' && o.jurisdiction === 'mainland'),
      say('advise.fact.commerce-data'),
      ['alibaba-same-region-internal'],
    );
  return sentences.length ? { keep, sentence: sentences.join(say('sentence.sep')), cites } : null;
}

const componentsOf = (o: OptionAnswer) => [...new Set(o.lines.map((l) => l.component))].sort().join(',') as string;

/** Options priced on the same components (each with a total in the answer currency), or null. */
function comparable(options: OptionAnswer[]): OptionAnswer[] | null {
  if (options.length < 2) return null;
  if (!options.every((o) => o.monthly && o.lines.length > 0)) return null;
  const first = componentsOf(options[0] as OptionAnswer);
  if (!options.every((o) => componentsOf(o) === first)) return null;
  // The same components unpriced on each, too: otherwise one total leaves out what the other includes.
  const gapsOf = (o: OptionAnswer) => [...new Set(o.gaps.map((g) => g.component))].sort().join(',');
  const gaps = gapsOf(options[0] as OptionAnswer);
  if (!options.every((o) => gapsOf(o) === gaps)) return null;
  return [...options].sort((a, b) => (a.monthly?.expected ?? 0) - (b.monthly?.expected ?? 0));
}

export function optionName(o: OptionAnswer, say?: Say): string {
  if (!say) return `${o.providerName} ${o.locationName}${o.regionIds[0] ? ` (${o.regionIds[0]})` : ''}`;
  let name = say(o.regionIds[0] ? 'option.name' : 'option.name.no-region', {
    provider: o.providerName,
    place: o.locationName,
    region: o.regionIds[0] ?? '',
  });
  // Models or billing modes side by side: the option is named by what sets it apart ("qwen-max on Alibaba Cloud …").
  if (o.side?.model) name = say('option.name.model', { model: o.side.model, option: name });
  if (o.side?.billing) name = say('option.name.billing', { billing: say(`billing.${o.side.billing}`), option: name });
  return name;
}

/** An amount of money as the answer's language writes it: "USD 1,234" (en), "US$1,234" / "¥1,234" (zh). */
function moneyIn(say: Say, n: number, currency: string): string {
  return fmtFor(say.lang).money(round(n), currency);
}

export function advise(
  ctx: PipelineContext,
  input: { req: Request; audience: string | null; options: OptionAnswer[]; currency: string; say: Say },
): Advice {
  const { req, options, say, currency } = input;
  const none: Advice = { options, recommendation: null, noRecommendation: null };
  if (req.intent === 'questions' || options.length === 0) return none;
  // One option: nothing to choose between.
  if (options.length === 1) return none;

  const fact = decisiveFact(req, input.audience, options, say);
  const running = fact ? fact.keep : options;
  const priced = comparable(running);
  const order = (first: OptionAnswer[]) => {
    const rest = options.filter((o) => !first.includes(o));
    const out = [...first, ...rest];
    out.forEach((o, i) => {
      o.rank = i + 1;
    });
    return out;
  };

  if (priced) return byPrice(req, priced, order, fact, say, currency, []);

  if (fact && fact.keep.length === 1) {
    const best = fact.keep[0] as OptionAnswer;
    return {
      options: order([best]),
      recommendation: {
        text: say('advise.fact', { option: optionName(best, say), fact: fact.sentence }),
        option: 0,
        basis: 'fact',
        cites: fact.cites,
        saving: null,
      },
      noRecommendation: null,
    };
  }

  // Some options are unpriced, but those priced alike cover every place and provider the user named: the price answers
  // the question asked, and the unpriced (mostly added) options are named as not compared.
  if (!fact) {
    const alike = comparable(options.filter((o) => o.lines.length > 0 && o.monthly));
    if (alike && coversWhatWasNamed(ctx, req, alike)) {
      const left = options.filter((o) => !alike.includes(o));
      return byPrice(req, alike, order, null, say, currency, left);
    }
  }

  // Nothing decides: say so, show what differs and what would decide it.
  // In the order the user named the places and providers (priced options first within each): no ranking to show.
  const asNamed = (o: OptionAnswer) => [
    indexOr(req.locations, o.location, ctx.locationBySlug.get(o.location)?.area),
    indexOr(req.providers, o.provider),
    o.monthly ? 0 : 1,
  ];
  const byName = [...options].sort((a, b) => {
    const x = asNamed(a);
    const y = asNamed(b);
    return (
      (x[0] as number) - (y[0] as number) || (x[2] as number) - (y[2] as number) || (x[1] as number) - (y[1] as number)
    );
  });
  const ordered = order(fact ? fact.keep.filter((o) => byName.includes(o)) : byName);
  const pool = fact ? fact.keep : options;
  const pricedCount = pool.filter((o) => o.lines.length > 0).length;
  // Nothing sized ("best region for players in Manila?"): the options are unpriced because nothing was asked to be
  // priced, not because the catalogue lacks prices; the size is what to give next.
  const wl = req.workload;
  const unsized = !hasSize(wl) && !wl.gpu && !wl.model && !wl.instanceType;
  let text = fact
    ? say(unsized ? 'advise.none.after-fact.unsized' : 'advise.none.after-fact', {
        fact: fact.sentence,
        // Four names at most: a list of fourteen places hides the sentence's point.
        options:
          fact.keep.length > 4
            ? say('advise.and-more', {
                names: fact.keep
                  .slice(0, 4)
                  .map((o) => optionName(o, say))
                  .join(say('list.sep')),
                count: fact.keep.length - 4,
              })
            : fact.keep.map((o) => optionName(o, say)).join(say('list.sep')),
      })
    : pricedCount === 0
      ? say(unsized ? 'advise.none.unsized' : 'advise.none.unpriced')
      : pricedCount < pool.length
        ? say('advise.none.partly-priced', { priced: pricedCount, all: pool.length })
        : say('advise.none.not-comparable');
  // What the prices do say, among the options priced alike, without making it a recommendation.
  const alike = comparable(pool.filter((o) => o.lines.length > 0));
  if (alike && alike.length < pool.length) {
    const best = alike[0] as OptionAnswer;
    const next = alike[1] as OptionAnswer;
    const saving = (next.monthly?.expected ?? 0) - (best.monthly?.expected ?? 0);
    text +=
      say('sentence.sep') +
      say('advise.none.priced-only', {
        option: optionName(best, say),
        currency,
        monthly: moneyIn(say, best.monthly?.expected ?? 0, currency),
        saving: moneyIn(say, saving, currency),
        percent: fmtNum(Math.round((saving / (next.monthly?.expected || 1)) * 1000) / 10),
        next: optionName(next, say),
      });
    const unlike = unlikeSentence(say, best, next, (o) => optionName(o, say));
    if (unlike) text += say('sentence.sep') + unlike;
  }
  return {
    options: ordered,
    recommendation: null,
    noRecommendation: {
      text,
      differences: [],
      ask: [say(unsized ? 'advise.none.ask.unsized' : 'advise.none.ask')],
    },
  };
}

/** A recommendation on price among `priced` (cheapest first); `unpriced` options are named as not compared. */
function byPrice(
  req: Request,
  priced: OptionAnswer[],
  order: (first: OptionAnswer[]) => OptionAnswer[],
  fact: Decisive | null,
  say: Say,
  currency: string,
  unpriced: OptionAnswer[],
): Advice {
  const best = priced[0] as OptionAnswer;
  // Models or billing modes side by side: the cheapest of the other side is what the cheapest is set against, not the
  // same model in another region ("qwen-max vs deepseek-r1" asks which model, and by how much).
  const next = (priced.slice(1).find((o) => sideKey(o) !== sideKey(best)) ?? priced[1]) as OptionAnswer;
  const monthly = (next.monthly?.expected ?? 0) - (best.monthly?.expected ?? 0);
  const percent = next.monthly?.expected ? (monthly / next.monthly.expected) * 100 : 0;
  const names = (list: OptionAnswer[]) =>
    list.length > 4
      ? say('advise.and-more', {
          names: list
            .slice(0, 4)
            .map((o) => optionName(o, say))
            .join(say('list.sep')),
          count: list.length - 4,
        })
      : list.map((o) => optionName(o, say)).join(say('list.sep'));
  // The same price (to the cent, or within 0.1%): price decides nothing, and "0.00 (0%) less" recommends nothing.
  if (!fact && (Math.abs(monthly) < 0.01 || Math.abs(percent) < 0.1)) {
    const low = best.monthly?.expected ?? 0;
    const tied = priced.filter((o) => Math.abs((o.monthly?.expected ?? 0) - low) <= Math.max(0.01, low / 1000));
    const parts = [
      say('advise.price-tie', {
        options: names(tied),
        monthly: moneyIn(say, best.monthly?.expected ?? 0, currency),
      }),
    ];
    if (unpriced.length) parts.push(say('advise.price-unpriced', { options: names(unpriced) }));
    return {
      options: order(priced),
      recommendation: null,
      noRecommendation: { text: parts.join(say('sentence.sep')), differences: [], ask: [say('advise.none.ask')] },
    };
  }
  const total = req.durationMonths ? monthly * req.durationMonths : null;
  const ordered = order(priced);
  const gaps = [...new Set(best.gaps.map((g) => g.component))];
  const parts = [
    say('advise.price', {
      option: optionName(best, say),
      currency,
      monthly: moneyIn(say, best.monthly?.expected ?? 0, currency),
      saving: moneyIn(say, monthly, currency),
      percent: fmtNum(Math.round(percent * 10) / 10),
      next: optionName(next, say),
    }),
  ];
  // Over one month the total is the monthly saving again: said once.
  if (total !== null && req.durationMonths !== 1)
    parts.push(
      say('advise.price-total', {
        currency,
        total: moneyIn(say, total, currency),
        months: monthsText(say, req.durationMonths),
      }),
    );
  if (gaps.length) parts.push(say('advise.price-excludes', { components: componentList(say, gaps) }));
  if (Math.abs(percent) < 5) parts.push(say('advise.price-close'));
  // An account's transaction price against a list price, or prices years apart: the saving may be the basis's.
  const unlike = unlikeSentence(say, best, next, (o) => optionName(o, say));
  if (unlike) parts.push(unlike);
  if (unpriced.length) parts.push(say('advise.price-unpriced', { options: names(unpriced) }));
  if (fact) parts.unshift(fact.sentence);
  return {
    options: ordered,
    recommendation: {
      text: parts.join(say('sentence.sep')),
      option: 0,
      basis: fact ? 'price-and-fact' : 'price',
      cites: [...(fact?.cites ?? []), ...best.lines.map((l) => l.priceId)],
      saving: { versus: 1, monthly, total, percent },
    },
    noRecommendation: null,
  };
}

/** What sets an option apart in a comparison of models or billing modes ('' otherwise). */
function sideKey(o: OptionAnswer): string {
  return o.side ? `${o.side.model ?? ''}|${o.side.billing ?? ''}` : '';
}

/** The user named at least one place or provider, and each one named is among `priced`. */
function coversWhatWasNamed(ctx: PipelineContext, req: Request, priced: OptionAnswer[]): boolean {
  if (req.locations.length === 0 && req.providers.length === 0) return false;
  const places = req.locations.every((l) =>
    priced.some((o) => o.location === l || ctx.locationBySlug.get(o.location)?.area === l),
  );
  const providers = req.providers.every((p) => priced.some((o) => o.provider === p));
  return places && providers;
}

function indexOr(list: readonly string[], ...values: (string | undefined)[]): number {
  for (const v of values) {
    const i = v === undefined ? -1 : list.indexOf(v);
    if (i >= 0) return i;
  }
  return list.length;
}

/** What differs between the options shown (rows where every option says the same are left out). */
export function differences(req: Request, options: OptionAnswer[], currency: string, say: Say) {
  const rows: { label: string; values: string[] }[] = [];
  const row = (label: string, values: string[]) => {
    if (new Set(values).size > 1) rows.push({ label, values });
  };
  // Where the law sits matters when the asker named the places or has personal or commerce data; for the regions
  // the bot picked itself it is a row nobody asked about.
  const dataSignals =
    req.signals.personalData || req.signals.commercePlatforms.length > 0 || req.signals.audience.length > 0;
  if (req.locations.length > 0 || dataSignals)
    row(
      say('diff.where'),
      options.map((o) => say(`jurisdiction.${o.jurisdiction}`)),
    );
  row(
    say('diff.monthly'),
    options.map((o) =>
      o.monthly
        ? say(o.complete ? 'diff.monthly.value' : 'diff.monthly.partial', {
            currency,
            amount: moneyIn(say, o.monthly.expected, currency),
          })
        : say('diff.not-priced'),
    ),
  );
  const publicService = req.workload.kind !== null && PUBLIC_KINDS.has(req.workload.kind);
  if (publicService)
    row(
      say('diff.icp'),
      options.map((o) => say(o.jurisdiction === 'mainland' ? 'diff.icp.yes' : 'diff.icp.no')),
    );
  if (req.signals.personalData)
    row(
      say('diff.export'),
      options.map((o) => say(o.jurisdiction === 'mainland' ? 'diff.export.no' : 'diff.export.yes')),
    );
  // What is not priced, only when an option is partly priced: "not priced" in the monthly row says the rest.
  if (options.some((o) => o.lines.length > 0 && o.gaps.length > 0))
    row(
      say('diff.unpriced'),
      options.map((o) => {
        const gaps = [...new Set(o.gaps.map((g) => g.component))];
        return gaps.length ? componentList(say, gaps) : '—';
      }),
    );
  return rows;
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
}
