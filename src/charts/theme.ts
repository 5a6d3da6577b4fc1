import type { ChartBadge, KeyLevel, TradeLine } from './spec.js';
import type { Pane } from './scale.js';

export const FONT_FAMILY = 'DejaVu Sans';

export const COLORS = {
  background: '#ffffff',
  text: '#1f2937',
  muted: '#6b7280',
  grid: '#eef0f3',
  axis: '#9ca3af',
  up: '#26a69a',
  down: '#ef5350',
  upVolume: 'rgba(38,166,154,0.45)',
  downVolume: 'rgba(239,83,80,0.45)',
  lastClose: '#374151',
  riskZone: 'rgba(211,47,47,0.07)',
  rewardZone: 'rgba(46,125,50,0.07)',
} as const;

export const TRADE_LINE_COLORS: Record<TradeLine['kind'], string> = {
  entry: '#1e63e9',
  stop: '#d32f2f',
  target: '#2e7d32',
};

export const LEVEL_COLORS: Record<KeyLevel['kind'], string> = {
  support: '#00897b',
  resistance: '#c2185b',
  pivot: '#7e57c2',
  vwap: '#f57c00',
  other: '#78909c',
};

export const BADGE_COLORS: Record<ChartBadge['tone'], string> = {
  bull: '#2e7d32',
  bear: '#c62828',
  neutral: '#546e7a',
  warn: '#e65100',
};

/** Distinct from the candle, trade-line and level colours. */
export const OVERLAY_PALETTE = ['#f59f00', '#5f3dc4', '#0b7285', '#d6336c', '#495057', '#2b8a3e'] as const;

export interface ChartLayout {
  price: Pane;
  volume: Pane;
  /** Width of the right gutter that holds the price axis and the trade-line tags. */
  gutter: number;
}

const HEADER = 70;
const DATE_AXIS = 28;
const PANE_GAP = 12;
const LEFT = 12;
/** The level-label column: 4 px margin, the label, and 10 px for its leader to the pane. */
const LABEL_PAD = 4 + 10;

/**
 * `tagWidth` is the widest gutter tag, padding included; `labelWidth` the widest key-level label,
 * which gets a column left of the candles so no label sits on a bar.
 */
export function layoutFor(width: number, height: number, tagWidth: number, labelWidth = 0): ChartLayout {
  const gutter = Math.ceil(Math.min(Math.max(72, tagWidth + 6), width * 0.25));
  const left = labelWidth > 0 ? Math.ceil(Math.min(labelWidth + LABEL_PAD, width * 0.22)) : LEFT;
  const plotWidth = width - left - gutter;
  const body = height - HEADER - DATE_AXIS;
  const volumeHeight = Math.round(body * 0.17);
  const priceHeight = body - volumeHeight - PANE_GAP;
  return {
    price: { left, top: HEADER, width: plotWidth, height: priceHeight },
    volume: { left, top: HEADER + priceHeight + PANE_GAP, width: plotWidth, height: volumeHeight },
    gutter,
  };
}
