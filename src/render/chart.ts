/**
 * The weekly summary's chart: expected monthly spend by provider over the last eight weeks, as a PNG.
 * vega-lite compiles the spec, vega renders SVG headlessly, resvg turns it into PNG — no native canvas.
 * The chart's words come from templates/<lang>/render.yaml (`render.chart.*`), in the summary's language.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface SpendPoint {
  week: string;
  provider: string;
  monthly: number;
}

/** The chart's words in one language (the currency already filled in). */
export interface ChartWords {
  title: string;
  week: string;
  amount: string;
  provider: string;
  /** The legend entry when nothing was priced in the eight weeks. */
  none: string;
}

export const ENGLISH_CHART_WORDS = (currency: string): ChartWords => ({
  title: `Expected monthly spend in estimates, by provider (${currency})`,
  week: 'ISO week',
  amount: `${currency} per month`,
  provider: 'Provider',
  none: 'none',
});

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 480;

/** The vega-lite spec of the chart: pure, so its words can be checked without drawing it. */
export function spendChartSpec(
  points: SpendPoint[],
  weeks: string[],
  currency: string,
  words: ChartWords = ENGLISH_CHART_WORDS(currency),
): TopLevelSpec {
  const values = points.length ? points : weeks.map((week) => ({ week, provider: words.none, monthly: 0 }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    background: 'white',
    title: { text: words.title, fontSize: 16 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: weeks, scale: { domain: weeks }, title: words.week },
      y: { field: 'monthly', type: 'quantitative', aggregate: 'sum', title: words.amount },
      color: { field: 'provider', type: 'nominal', title: words.provider },
    },
  };
}

export async function spendChartPng(
  points: SpendPoint[],
  weeks: string[],
  currency: string,
  words?: ChartWords,
): Promise<Buffer> {
  const [{ Resvg }, vega, { compile }] = await Promise.all([
    import('@resvg/resvg-js'),
    import('vega'),
    import('vega-lite'),
  ]);
  const spec = spendChartSpec(points, weeks, currency, words);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  view.width(CHART_WIDTH).height(CHART_HEIGHT);
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    background: 'white',
    font: { loadSystemFonts: true },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}
