import { TIMEFRAMES } from '../../market/types.js';
import type { TradeIntent } from '../../evaluators/index.js';

/** The fields an Edit form shows; each surface lays them out its own way. */
export const EDIT_FIELDS = [
  { key: 'symbol', label: 'Symbol', placeholder: 'SPX' },
  { key: 'side', label: 'Side', placeholder: 'long or short', choices: ['long', 'short'] },
  { key: 'entry', label: 'Entry', placeholder: '2870' },
  { key: 'stop', label: 'Stop', placeholder: '2790 (empty: no stop)' },
  { key: 'targets', label: 'Targets', placeholder: '3050, 3100 (empty: no target)' },
  { key: 'size', label: 'Size', placeholder: 'risk 1% · 100 shares · $5000 notional · risk $500' },
  { key: 'timeframe', label: 'Timeframe', placeholder: '1d', choices: TIMEFRAMES },
] as const;

export type EditField = (typeof EDIT_FIELDS)[number]['key'];
export type EditValues = Partial<Record<EditField, string>>;

/** The intent's fields as the text an Edit form shows. */
export function editValuesOf(intent: TradeIntent): Record<EditField, string> {
  return {
    symbol: intent.symbol,
    side: intent.side,
    entry: String(intent.entry),
    stop: intent.stop === undefined ? '' : String(intent.stop),
    targets: intent.targets.join(', '),
    size: intent.size ? sizeText(intent.size) : '',
    timeframe: intent.timeframe,
  };
}

/**
 * The idea as the chat text the trade-idea parser reads back, with the edited fields replacing
 * the original ones. Going through text (not a TradeIntent) means an edit is checked exactly as
 * a typed idea is, and a bad value gets the same precise explanation.
 */
export function ideaText(intent: TradeIntent, edits: EditValues = {}): string {
  const value = (key: EditField) => (edits[key] ?? editValuesOf(intent)[key]).trim();
  const targets = value('targets')
    .split(/[\s,;/]+/)
    .filter(Boolean);
  return [
    value('side'),
    value('symbol'),
    `@ ${value('entry')}`,
    value('stop') ? `stop ${value('stop')}` : '',
    ...targets.map((t) => `target ${t}`),
    value('size'),
    value('timeframe'),
    intent.timeStopBars !== undefined ? `time stop ${intent.timeStopBars} bars` : '',
    intent.holdingHorizon ?? '',
    intent.thesis ? `because ${intent.thesis}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function sizeText(size: NonNullable<TradeIntent['size']>): string {
  switch (size.kind) {
    case 'shares':
      return `${size.value} shares`;
    case 'notional':
      return `$${size.value} notional`;
    case 'risk-pct':
      return `risk ${size.value}%`;
    case 'risk-amount':
      return `risk $${size.value}`;
  }
}
