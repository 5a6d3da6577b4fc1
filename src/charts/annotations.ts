import type { GraphicComponentOption } from 'echarts/components';
import type { Bar } from '../market/types.js';
import { formatPrice } from './format.js';
import type { ShownLevel } from './levels.js';
import { spreadLabels, yForPrice, type PriceScale } from './scale.js';
import type { ChartBadge, TradeLine } from './spec.js';
import {
  BADGE_COLORS,
  COLORS,
  FONT_FAMILY,
  LEVEL_COLORS,
  TRADE_LINE_COLORS,
  type ChartLayout,
} from './theme.js';

type Element = GraphicComponentOption;

const TAG_SIZE = 11;
/** The CSS font string ECharts builds for the tag style below, for measuring. */
export const TAG_FONT = `bold ${TAG_SIZE}px ${FONT_FAMILY}`;
// resvg ignores the CSS `font` shorthand, so text styles set size, weight and family one by one.
const TAG_STYLE = { fontSize: TAG_SIZE, fontWeight: 'bold', fontFamily: FONT_FAMILY } as const;
/** Left + right padding of a gutter tag plus its 5 px offset from the pane. */
export const TAG_PAD_X = 5 + 5 + 5;
const TAG_GAP = 19;
/** Axis labels closer than this to a tag's centre would peek out from behind it. */
export const TAG_HALF_HEIGHT = 11;
const LEVEL_GAP = 16;

export function tradeLineText(line: TradeLine): string {
  const name =
    line.label.trim() === '' ? line.kind[0]?.toUpperCase() + line.kind.slice(1) : line.label.trim();
  return `${name} ${formatPrice(line.price)}`;
}

/** A line beyond the visible range keeps its tag, pinned to the edge with an arrow. */
function pinnedText(line: TradeLine, scale: PriceScale): string {
  const text = tradeLineText(line);
  if (line.price > scale.max) return `▲ ${text}`;
  if (line.price < scale.min) return `▼ ${text}`;
  return text;
}

interface Tag {
  price: number;
  text: string;
  fill: string;
}

/**
 * Price tags in the right gutter, like a trading terminal's axis tags: one per trade line plus
 * the last close. Tags too close to share a row are spread apart and joined to their line.
 */
export function gutterTags(
  lines: readonly TradeLine[],
  lastBar: Bar,
  scale: PriceScale,
  layout: ChartLayout,
): { elements: Element[]; tagYs: number[] } {
  const { price: pane } = layout;
  const tags: Tag[] = [
    ...lines.map((l) => ({ price: l.price, text: pinnedText(l, scale), fill: TRADE_LINE_COLORS[l.kind] })),
    {
      price: lastBar.close,
      text: formatPrice(lastBar.close),
      fill: lastBar.close >= lastBar.open ? COLORS.up : COLORS.down,
    },
  ];
  const wanted = tags.map((t) => yForPrice(Math.min(Math.max(t.price, scale.min), scale.max), scale, pane));
  const placed = spreadLabels(wanted, TAG_GAP, pane.top + TAG_GAP / 2, pane.top + pane.height - TAG_GAP / 2);
  const right = pane.left + pane.width;
  const elements: Element[] = [];
  tags.forEach((tag, i) => {
    const from = wanted[i] ?? 0;
    const to = placed[i] ?? from;
    elements.push({
      type: 'polyline',
      silent: true,
      shape: {
        points: [
          [right, from],
          [right + 5, to],
        ],
      },
      style: { stroke: tag.fill, lineWidth: 1.2, fill: 'none' },
      z: 20,
    });
    elements.push({
      type: 'text',
      silent: true,
      x: right + 5,
      y: to,
      style: {
        text: tag.text,
        fill: '#ffffff',
        ...TAG_STYLE,
        backgroundColor: tag.fill,
        padding: [3, 5, 2, 5],
        borderRadius: 2,
        verticalAlign: 'middle',
        align: 'left',
      },
      z: 21,
    });
  });
  return { elements, tagYs: placed };
}

/** The text of a key level's label, for drawing and measuring. */
export function levelLabelText(level: ShownLevel): string {
  return `${level.label} ${formatPrice(level.price)}`;
}
/** Horizontal padding of a level label. */
export const LEVEL_LABEL_PAD_X = 4 + 4;
export const LEVEL_FONT = `${TAG_SIZE}px ${FONT_FAMILY}`;

/**
 * Key-level names in the column left of the price pane (never over the candles), spread so none
 * overlap, each joined to its line at the pane's edge by a short leader.
 */
export function levelLabels(
  levels: readonly ShownLevel[],
  scale: PriceScale,
  layout: ChartLayout,
): Element[] {
  const { price: pane } = layout;
  const wanted = levels.map((l) => yForPrice(l.price, scale, pane));
  const placed = spreadLabels(
    wanted,
    LEVEL_GAP,
    pane.top + LEVEL_GAP / 2,
    pane.top + pane.height - LEVEL_GAP / 2,
  );
  const edge = pane.left - 6;
  return levels.flatMap((level, i): Element[] => [
    {
      type: 'polyline',
      silent: true,
      shape: {
        points: [
          [edge, placed[i] ?? 0],
          [pane.left, wanted[i] ?? 0],
        ],
      },
      style: { stroke: LEVEL_COLORS[level.kind], lineWidth: 1, fill: 'none' },
      z: 19,
    },
    {
      type: 'text',
      silent: true,
      x: edge,
      y: placed[i] ?? 0,
      style: {
        text: levelLabelText(level),
        fill: LEVEL_COLORS[level.kind],
        fontSize: TAG_SIZE,
        fontFamily: FONT_FAMILY,
        padding: [2, 4, 1, 4],
        verticalAlign: 'middle',
        align: 'right',
      },
      z: 19,
    },
  ]);
}

/** The regime badge, top right, in the tone's colour. */
export function badgeElement(badge: ChartBadge, width: number): Element {
  return {
    type: 'text',
    silent: true,
    x: width - 14,
    y: 12,
    style: {
      text: badge.text,
      fill: '#ffffff',
      fontSize: 13,
      fontWeight: 'bold',
      fontFamily: FONT_FAMILY,
      backgroundColor: BADGE_COLORS[badge.tone],
      padding: [6, 10, 5, 10],
      borderRadius: 4,
      align: 'right',
      verticalAlign: 'top',
    },
    z: 30,
  };
}

export function paneCaption(text: string, x: number, y: number): Element {
  return {
    type: 'text',
    silent: true,
    x,
    y,
    style: {
      text,
      fill: COLORS.muted,
      fontSize: 10,
      fontFamily: FONT_FAMILY,
      verticalAlign: 'top',
      align: 'left',
      backgroundColor: 'rgba(255,255,255,0.8)',
      padding: [1, 3],
    },
    z: 19,
  };
}
