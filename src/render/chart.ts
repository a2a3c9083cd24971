/**
 * The weekly summary's chart: expected monthly spend by provider over the last eight weeks, as a PNG.
 * vega-lite compiles the spec, vega renders SVG headlessly, resvg turns it into PNG — no native canvas.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface SpendPoint {
  week: string;
  provider: string;
  monthly: number;
}

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 480;

export async function spendChartPng(points: SpendPoint[], weeks: string[], currency: string): Promise<Buffer> {
  const values = points.length ? points : weeks.map((week) => ({ week, provider: 'none', monthly: 0 }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    background: 'white',
    title: { text: `Expected monthly spend in estimates, by provider (${currency})`, fontSize: 16 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: weeks, scale: { domain: weeks }, title: 'ISO week' },
      y: { field: 'monthly', type: 'quantitative', aggregate: 'sum', title: `${currency} per month` },
      color: { field: 'provider', type: 'nominal', title: 'Provider' },
    },
  };
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
