import { Resvg } from '@resvg/resvg-js';
import { BarChart, CandlestickChart, LineChart } from 'echarts/charts';
import {
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { assertChartFontsPresent, CHART_FONT_FAMILY, CHART_FONT_FILES, chartTextMeasurer } from './font.js';
import { buildChartOption } from './option.js';
import { parseCandleChartSpec, type CandleChartSpec } from './spec.js';

echarts.use([
  CandlestickChart,
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  GraphicComponent,
  MarkLineComponent,
  MarkAreaComponent,
  SVGRenderer,
]);

/**
 * Renders the chart to an SVG document. Throws ChartSpecError listing every problem when the
 * spec is invalid. Synchronous and free of I/O.
 */
export function renderCandleSvg(spec: CandleChartSpec): string {
  const valid = parseCandleChartSpec(spec);
  const measure = chartTextMeasurer();
  // Process-wide, but this module is the only ECharts user and always sets the same measurer.
  echarts.setPlatformAPI({ measureText: measure });
  const { option } = buildChartOption(valid, measure);
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: valid.width,
    height: valid.height,
  });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function svgToPng(svg: string): Buffer {
  assertChartFontsPresent();
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [...CHART_FONT_FILES], defaultFontFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** PNG bytes of a candlestick chart for an evaluation (candles, volume, EMAs, trade lines, levels, badge). */
export async function renderCandleChart(spec: CandleChartSpec): Promise<Buffer> {
  return svgToPng(renderCandleSvg(spec));
}
