import type { BarSeriesOption, CandlestickSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GraphicComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import {
  badgeElement,
  gutterTags,
  LEVEL_FONT,
  LEVEL_LABEL_PAD_X,
  levelLabels,
  levelLabelText,
  paneCaption,
  TAG_FONT,
  TAG_HALF_HEIGHT,
  TAG_PAD_X,
  tradeLineText,
} from './annotations.js';
import { formatAxisDate, formatDay, formatPrice, formatVolume } from './format.js';
import { pickLevels, type LevelPick } from './levels.js';
import type { MeasureText } from './measure.js';
import { inScale, priceScaleFor, yForPrice } from './scale.js';
import type { ValidCandleChartSpec } from './spec.js';
import { COLORS, FONT_FAMILY, LEVEL_COLORS, OVERLAY_PALETTE, TRADE_LINE_COLORS, layoutFor } from './theme.js';
import { riskRewardZones, xAxes, yAxes } from './axes.js';

export type CandleChartOption = ComposeOption<
  | CandlestickSeriesOption
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | GraphicComponentOption
>;

export interface BuiltChart {
  option: CandleChartOption;
  levels: LevelPick;
  visibleBars: number;
}

/**
 * Turns a validated spec into an ECharts option. Pure: the same spec and measurer give the
 * same option. `measure` must be the measurer ECharts uses, so the gutter fits the tags.
 */
export function buildChartOption(spec: ValidCandleChartSpec, measure: MeasureText): BuiltChart {
  const start = Math.max(0, spec.bars.length - spec.maxBars);
  const bars = spec.bars.slice(start);
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (first === undefined || last === undefined) throw new Error('unreachable: spec has at least 2 bars');

  const scale = priceScaleFor(
    bars,
    spec.lines.map((l) => l.price),
  );
  // Measured with the arrow a pinned tag may carry, so every tag fits the gutter.
  const tagWidth = Math.max(
    ...[...spec.lines.map((l) => `▲ ${tradeLineText(l)}`), formatPrice(last.close)].map(
      (t) => measure(t, TAG_FONT).width + TAG_PAD_X,
    ),
  );
  // The level labels get their own column; which levels are shown (and merged) depends on the
  // pane's height, which does not change with the column's width, so one pick sizes the column.
  const levels = pickLevels(
    spec.levels,
    scale,
    layoutFor(spec.width, spec.height, tagWidth).price,
    last.close,
  );
  const labelWidth = Math.max(
    0,
    ...levels.shown.map((l) => measure(levelLabelText(l), LEVEL_FONT).width + LEVEL_LABEL_PAD_X),
  );
  const layout = layoutFor(spec.width, spec.height, tagWidth, labelWidth);
  const visibleLines = spec.lines.filter((l) => inScale(l.price, scale));

  const prevClose = bars[bars.length - 2]?.close ?? last.open;
  const change = ((last.close - prevClose) / prevClose) * 100;
  const subtitle = `${formatDay(first.ts)} → ${formatDay(last.ts)} · ${bars.length} bars · last ${formatPrice(last.close)} (${change >= 0 ? '+' : ''}${change.toFixed(2)}%)`;

  const candles: CandlestickSeriesOption = {
    type: 'candlestick',
    name: spec.symbol,
    xAxisIndex: 0,
    yAxisIndex: 0,
    barWidth: '70%',
    barMaxWidth: 14,
    data: bars.map((b) => [b.open, b.close, b.low, b.high]),
    itemStyle: {
      color: COLORS.up,
      color0: COLORS.down,
      borderColor: COLORS.up,
      borderColor0: COLORS.down,
      borderWidth: 1,
    },
    markLine: {
      silent: true,
      symbol: ['none', 'none'],
      animation: false,
      label: { show: false },
      data: [
        ...levels.shown.map((l) => ({
          yAxis: l.price,
          lineStyle: { color: LEVEL_COLORS[l.kind], type: 'dashed' as const, width: 1, opacity: 0.85 },
        })),
        ...visibleLines.map((l) => ({
          yAxis: l.price,
          lineStyle: { color: TRADE_LINE_COLORS[l.kind], type: 'solid' as const, width: 1.6 },
        })),
      ],
    },
    markArea: riskRewardZones(spec.lines, scale),
  };

  const overlays: LineSeriesOption[] = spec.overlays.map((o, i) => ({
    type: 'line',
    name: o.name,
    xAxisIndex: 0,
    yAxisIndex: 0,
    showSymbol: false,
    smooth: false,
    connectNulls: false,
    lineStyle: { width: 1.6, color: o.color ?? OVERLAY_PALETTE[i % OVERLAY_PALETTE.length] },
    itemStyle: { color: o.color ?? OVERLAY_PALETTE[i % OVERLAY_PALETTE.length] },
    data: o.values.slice(start).map((v) => (v === undefined || !Number.isFinite(v) ? '-' : v)),
    z: 5,
  }));

  const volume: BarSeriesOption = {
    type: 'bar',
    name: 'Volume',
    xAxisIndex: 1,
    yAxisIndex: 1,
    barMaxWidth: 14,
    data: bars.map((b) => ({
      value: b.volume,
      itemStyle: { color: b.close >= b.open ? COLORS.upVolume : COLORS.downVolume },
    })),
  };

  const maxVolume = bars.reduce((m, b) => Math.max(m, b.volume), 0);
  const tags = gutterTags(spec.lines, last, scale, layout);
  const graphic: GraphicComponentOption[] = [
    ...levelLabels(levels.shown, scale, layout),
    ...tags.elements,
    paneCaption(`Volume (max ${formatVolume(maxVolume)})`, layout.volume.left + 4, layout.volume.top + 2),
    ...(spec.badge === undefined ? [] : [badgeElement(spec.badge, spec.width)]),
  ];

  const option: CandleChartOption = {
    animation: false,
    backgroundColor: COLORS.background,
    textStyle: { fontFamily: FONT_FAMILY, color: COLORS.text },
    title: {
      left: 12,
      top: 10,
      text:
        spec.title.trim() === ''
          ? `${spec.symbol} · ${spec.timeframe}`
          : `${spec.symbol} · ${spec.timeframe} — ${spec.title}`,
      subtext: subtitle,
      itemGap: 6,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 17, fontWeight: 'bold', color: COLORS.text },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: COLORS.muted },
    },
    legend: {
      show: overlays.length > 0,
      right: 14,
      top: 46,
      itemWidth: 16,
      itemHeight: 3,
      icon: 'rect',
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: COLORS.text },
      data: spec.overlays.map((o) => o.name),
      // The latest value tells the trader where an EMA is even when it runs off the pane.
      formatter: (name: string) => {
        const value = lastDefined(spec.overlays.find((o) => o.name === name)?.values ?? []);
        return value === undefined ? name : `${name} ${formatPrice(value)}`;
      },
    },
    grid: [
      { ...boxOf(layout.price), containLabel: false },
      { ...boxOf(layout.volume), containLabel: false },
    ],
    xAxis: xAxes(bars, spec.timeframe, layout.price.width, formatAxisDate),
    yAxis: yAxes(scale, (price) =>
      tags.tagYs.some((y) => Math.abs(y - yForPrice(price, scale, layout.price)) < TAG_HALF_HEIGHT),
    ),
    series: [candles, ...overlays, volume],
    graphic,
  };
  return { option, levels, visibleBars: bars.length };
}

function boxOf(pane: { left: number; top: number; width: number; height: number }) {
  return { left: pane.left, top: pane.top, width: pane.width, height: pane.height };
}

function lastDefined(values: readonly (number | undefined)[]): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== undefined && Number.isFinite(v)) return v;
  }
  return undefined;
}
