/** One OHLCV bar. `ts` is the bar's open time in epoch milliseconds (UTC). */
export interface Bar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1M'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** The timeframes a daily trader looks up to, in order. */
export const HIGHER_TIMEFRAME: Record<Timeframe, Timeframe | undefined> = {
  '1m': '5m',
  '5m': '15m',
  '15m': '1h',
  '30m': '1h',
  '1h': '4h',
  '4h': '1d',
  '1d': '1w',
  '1w': '1M',
  '1M': undefined,
};

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}
