import { BollingerBands, OBV, RSI, RVOL, SMA, StochasticOscillator, VWAP } from 'trading-signals';
import type { Bar } from '../types.js';
import { FEATURE_NAMES, type FeatureColumns, type FeatureName, type FeatureSnapshot } from './names.js';
import { ReferenceMacd } from './reference-macd.js';
import { SmaSeededEma } from './sma-seeded-ema.js';
import { WilderAtr } from './wilder-atr.js';
import { WilderDmi } from './wilder-dmi.js';

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
 * Computes every feature for a bar series in one pass. Every value matches TA-Lib (default
 * settings) from TA-Lib's first valid bar on, pinned by test/market/features/reference.test.ts:
 * SMA, RSI (Wilder), Bollinger, stochastic, relative volume and VWAP come from trading-signals;
 * EMA, MACD, ATR and DMI/ADX use the small modules beside this file where trading-signals seeds or
 * counts differently (see each). `intraday` turns on a session VWAP that resets at each UTC day.
 */
export function computeFeatures(bars: readonly Bar[], options: { intraday: boolean }): FeatureColumns {
  const columns = emptyColumns(bars.length);
  const sma = { sma20: new SMA(20), sma50: new SMA(50), sma200: new SMA(200) };
  const ema = { ema20: new SmaSeededEma(20), ema50: new SmaSeededEma(50), ema200: new SmaSeededEma(200) };
  const rsi = new RSI(14);
  const atr = new WilderAtr(14);
  const macd = new ReferenceMacd(12, 26, 9);
  const bb = new BollingerBands(20, 2);
  const dmi = new WilderDmi(14);
  const stoch = new StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
  // TA-Lib's OBV starts at the first bar's volume; trading-signals' starts at 0 on the second bar.
  const obv = new OBV(2);
  const obvStart = bars[0]?.volume ?? 0;
  const rvol = new RVOL(20);
  let vwap: VWAP | undefined;
  let vwapDay = -1;

  bars.forEach((bar, i) => {
    for (const [name, indicator] of Object.entries(sma) as [FeatureName, SMA][]) {
      indicator.add(bar.close);
      if (indicator.isStable) put(columns, name, i, indicator.getResult());
    }
    for (const [name, indicator] of Object.entries(ema) as [FeatureName, SmaSeededEma][]) {
      put(columns, name, i, indicator.add(bar.close));
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
    const d = dmi.add(bar);
    put(columns, 'adx14', i, d.adx);
    put(columns, 'plusDi', i, d.plusDi);
    put(columns, 'minusDi', i, d.minusDi);
    const s = stoch.add(bar);
    if (s) {
      put(columns, 'stochK', i, s.stochK);
      put(columns, 'stochD', i, s.stochD);
    }
    put(columns, 'obv', i, obvStart + (obv.add(bar) ?? 0));
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
