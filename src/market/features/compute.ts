import {
  ADX,
  ATR,
  BollingerBands,
  EMA,
  MACD,
  OBV,
  RSI,
  RVOL,
  SMA,
  StochasticOscillator,
  VWAP,
} from 'trading-signals';
import type { Bar } from '../types.js';
import { FEATURE_NAMES, type FeatureColumns, type FeatureName, type FeatureSnapshot } from './names.js';

const DAY_MS = 86_400_000;

function emptyColumns(length: number): FeatureColumns {
  const columns = {} as FeatureColumns;
  for (const name of FEATURE_NAMES) columns[name] = new Float64Array(length).fill(Number.NaN);
  return columns;
}

function put(
  columns: FeatureColumns,
  name: FeatureName,
  i: number,
  value: number | null | undefined | void,
): void {
  if (typeof value === 'number' && Number.isFinite(value)) columns[name][i] = value;
}

/**
 * Computes every feature for a bar series in one pass, with trading-signals' indicators
 * (Wilder smoothing for RSI, ATR and ADX). `intraday` turns on a session VWAP that resets at
 * each UTC day.
 */
export function computeFeatures(bars: readonly Bar[], options: { intraday: boolean }): FeatureColumns {
  const columns = emptyColumns(bars.length);
  const sma = { sma20: new SMA(20), sma50: new SMA(50), sma200: new SMA(200) };
  const ema = { ema20: new EMA(20), ema50: new EMA(50), ema200: new EMA(200) };
  const rsi = new RSI(14);
  const atr = new ATR(14);
  const macd = new MACD(new EMA(12), new EMA(26), new EMA(9));
  const bb = new BollingerBands(20, 2);
  const adx = new ADX(14);
  const stoch = new StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
  const obv = new OBV(2);
  const rvol = new RVOL(20);
  let vwap: VWAP | undefined;
  let vwapDay = -1;

  bars.forEach((bar, i) => {
    for (const [name, indicator] of Object.entries(sma) as [FeatureName, SMA][]) {
      indicator.add(bar.close);
      if (indicator.isStable) put(columns, name, i, indicator.getResult());
    }
    for (const [name, indicator] of Object.entries(ema) as [FeatureName, EMA][]) {
      indicator.add(bar.close);
      if (indicator.isStable) put(columns, name, i, indicator.getResult());
    }
    put(columns, 'rsi14', i, rsi.add(bar.close));
    put(columns, 'atr14', i, atr.add(bar));
    const m = macd.add(bar.close);
    if (m) {
      put(columns, 'macd', i, m.macd);
      put(columns, 'macdSignal', i, m.signal);
      put(columns, 'macdHist', i, m.histogram);
    }
    const bands = bb.add(bar.close);
    if (bands) {
      put(columns, 'bbUpper', i, bands.upper);
      put(columns, 'bbMiddle', i, bands.middle);
      put(columns, 'bbLower', i, bands.lower);
    }
    const adxValue = adx.add(bar);
    if (adxValue !== null) {
      put(columns, 'adx14', i, adxValue);
      // trading-signals reports DI as a fraction; TA-Lib and charting tools show 0-100.
      const { pdi, mdi } = adx;
      if (typeof pdi === 'number') put(columns, 'plusDi', i, pdi * 100);
      if (typeof mdi === 'number') put(columns, 'minusDi', i, mdi * 100);
    }
    const s = stoch.add(bar);
    if (s) {
      put(columns, 'stochK', i, s.stochK);
      put(columns, 'stochD', i, s.stochD);
    }
    put(columns, 'obv', i, obv.add(bar));
    put(columns, 'relVolume', i, rvol.add(bar.volume));
    if (options.intraday) {
      const day = Math.floor(bar.ts / DAY_MS);
      if (day !== vwapDay) {
        vwap = new VWAP();
        vwapDay = day;
      }
      put(columns, 'vwap', i, vwap?.add(bar));
    }
  });
  return columns;
}

export function featureAt(columns: FeatureColumns, name: FeatureName, index: number): number | undefined {
  const value = columns[name][index];
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

/** The stable features at one bar (the last one by default), for evidence and audit. */
export function snapshotAt(columns: FeatureColumns, index?: number): FeatureSnapshot {
  const at = index ?? columns.sma20.length - 1;
  const snapshot: FeatureSnapshot = {};
  for (const name of FEATURE_NAMES) {
    const value = featureAt(columns, name, at);
    if (value !== undefined) snapshot[name] = value;
  }
  return snapshot;
}
