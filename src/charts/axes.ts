import type { CandlestickSeriesOption } from 'echarts/charts';
import type { XAXisComponentOption, YAXisComponentOption } from 'echarts';
import type { Bar, Timeframe } from '../market/types.js';
import { inScale, type PriceScale } from './scale.js';
import type { TradeLine } from './spec.js';
import { COLORS, FONT_FAMILY } from './theme.js';

const MIN_LABEL_SPACING = 100;

type DateFormatter = (ts: number, prevTs: number | undefined, timeframe: Timeframe) => string;

/** Two category axes sharing the bars: the price pane's is hidden, the volume pane's carries the dates. */
export function xAxes(
  bars: readonly Bar[],
  timeframe: Timeframe,
  plotWidth: number,
  fmt: DateFormatter,
): XAXisComponentOption[] {
  const maxLabels = Math.max(2, Math.floor(plotWidth / MIN_LABEL_SPACING));
  const every = Math.max(1, Math.ceil(bars.length / maxLabels));
  const categories = bars.map((b) => String(b.ts));
  const interval = every - 1;
  const formatter = (_value: string, index: number): string => {
    const bar = bars[index];
    if (bar === undefined) return '';
    return fmt(bar.ts, bars[index - every]?.ts, timeframe);
  };
  const common = {
    type: 'category' as const,
    data: categories,
    boundaryGap: true,
    axisLine: { lineStyle: { color: COLORS.axis } },
    splitLine: { show: true, interval, lineStyle: { color: COLORS.grid } },
  };
  return [
    { ...common, gridIndex: 0, axisTick: { show: false }, axisLabel: { show: false } },
    {
      ...common,
      gridIndex: 1,
      axisTick: { show: true, interval, alignWithLabel: true },
      axisLabel: {
        show: true,
        interval,
        formatter,
        alignMinLabel: 'left',
        fontFamily: FONT_FAMILY,
        fontSize: 11,
        color: COLORS.muted,
        margin: 8,
      },
    },
  ];
}

/** `hidden(price)` says a tick label would sit under a gutter tag and should be left out. */
export function yAxes(scale: PriceScale, hidden: (price: number) => boolean): YAXisComponentOption[] {
  return [
    {
      type: 'value',
      gridIndex: 0,
      position: 'right',
      min: scale.min,
      max: scale.max,
      // No fixed interval: ECharts then puts ticks on round prices inside [min, max].
      splitNumber: 7,
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: COLORS.grid } },
      axisLabel: {
        showMinLabel: false,
        showMaxLabel: false,
        fontFamily: FONT_FAMILY,
        fontSize: 11,
        color: COLORS.muted,
        margin: 10,
        formatter: (value: number) => (hidden(value) ? '' : String(Number(value.toPrecision(10)))),
      },
    },
    {
      type: 'value',
      gridIndex: 1,
      position: 'right',
      min: 0,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { show: false },
      splitLine: { show: false },
    },
  ];
}

/**
 * Shades entry->stop (risk) and entry->target (reward) so the trade's shape reads at a glance.
 * Only drawn with exactly one entry: with several entries the zones would be ambiguous.
 */
export function riskRewardZones(
  lines: readonly TradeLine[],
  scale: PriceScale,
): CandlestickSeriesOption['markArea'] {
  const entries = lines.filter((l) => l.kind === 'entry');
  const entry = entries[0];
  if (entries.length !== 1 || entry === undefined || !inScale(entry.price, scale)) return undefined;
  // A zone reaching a pinned (off-range) line stops at the pane edge instead of spilling out.
  const clamp = (p: number) => Math.min(Math.max(p, scale.min), scale.max);
  const zones = lines
    .filter((l) => l.kind !== 'entry')
    .map((l): [{ yAxis: number; itemStyle: { color: string } }, { yAxis: number }] => [
      { yAxis: entry.price, itemStyle: { color: l.kind === 'stop' ? COLORS.riskZone : COLORS.rewardZone } },
      { yAxis: clamp(l.price) },
    ]);
  return { silent: true, animation: false, label: { show: false }, data: zones };
}
