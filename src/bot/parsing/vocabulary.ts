import type { Timeframe } from '../../market/types.js';

export const SIDE_WORDS: Record<string, 'long' | 'short'> = {
  long: 'long', buy: 'long', buying: 'long', bull: 'long', bullish: 'long', longing: 'long', calls: 'long',
  short: 'short', sell: 'short', selling: 'short', bear: 'short', bearish: 'short', shorting: 'short', puts: 'short',
};

export const ENTRY_WORDS = new Set(['entry', 'enter', 'in', 'at', '@', 'e', 'limit', 'lmt', 'price', 'from', 'around', 'near']);
export const STOP_WORDS = new Set(['stop', 'sl', 's', 'stp', 'stoploss', 'stop-loss', 'stops', 'invalidation']);
export const TARGET_WORDS = new Set([
  'target', 'targets', 'tp', 't', 'tgt', 'tgts', 'pt', 'take-profit', 'objective', 'tp1', 'tp2', 'tp3', 't1', 't2', 't3', 'to',
]);
export const SIZE_WORDS = new Set(['size', 'qty', 'quantity', 'shares', 'sh', 'shs', 'x', 'contracts', 'units', 'position']);
export const RISK_WORDS = new Set(['risk', 'risking']);
export const FILLER_WORDS = new Set(['loss', 'profit', 'of', 'and', 'the', 'a', 'with', 'my', 'on', 'my', 'i', 'want', 'to', 'go', 'here', 'then']);

export const TIMEFRAME_WORDS: Record<string, Timeframe> = {
  '1m': '1m', '1min': '1m', m1: '1m',
  '5m': '5m', '5min': '5m', m5: '5m',
  '15m': '15m', '15min': '15m', m15: '15m',
  '30m': '30m', '30min': '30m', m30: '30m',
  '1h': '1h', h1: '1h', hourly: '1h', '60m': '1h',
  '4h': '4h', h4: '4h', '240m': '4h',
  '1d': '1d', d1: '1d', daily: '1d', d: '1d',
  '1w': '1w', w1: '1w', weekly: '1w', w: '1w',
  '1mo': '1M', monthly: '1M', mn: '1M',
};

export const HORIZON_WORDS: Record<string, 'intraday' | 'swing' | 'position'> = {
  intraday: 'intraday', daytrade: 'intraday', 'day-trade': 'intraday', scalp: 'intraday', scalping: 'intraday',
  swing: 'swing', 'swing-trade': 'swing',
  position: 'position', 'long-term': 'position', investment: 'position', invest: 'position',
};

export const THESIS_WORDS = new Set(['because', 'thesis', 'reason', 'rationale']);

/** Words that look like tickers when typed in capitals but are part of the grammar. */
export const NOT_SYMBOLS = new Set([
  ...Object.keys(SIDE_WORDS), ...ENTRY_WORDS, ...STOP_WORDS, ...TARGET_WORDS, ...SIZE_WORDS, ...RISK_WORDS,
  ...FILLER_WORDS, ...Object.keys(TIMEFRAME_WORDS), ...Object.keys(HORIZON_WORDS), ...THESIS_WORDS,
  'market', 'mkt', 'time', 'bars', 'days', 'weeks', 'usd', 'pct', 'percent', 'r', 'rr', 'atr', 'tf', 'timeframe',
  // Indicator names typed in capitals are questions about the indicator, not tickers.
  'rsi', 'macd', 'sma', 'ema', 'vwap', 'adx', 'obv', 'stoch',
  'evaluate', 'eval', 'check', 'idea', 'trade', 'is', 'it', 'this', 'what', 'how', 'should', 'thinking', 'about',
  'for', 'me', 'you', 'ok', 'yes', 'no', 'hi', 'hello', 'help', 'am', 'pm', 'eod', 'ceo', 'etf', 'ipo', 'pe', 'eps',
]);
