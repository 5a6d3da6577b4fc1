import { z } from 'zod';
import type {
  KeyLevelsRow,
  NewKeyLevelsRow,
  NewRegimeSnapshotRow,
  RegimeSnapshotRow,
} from '../../db/index.js';
import type { Cadence, KeyLevels } from '../levels/index.js';
import type { LiquidityState, RegimeSnapshot, TrendState, VolState } from '../regime/index.js';

// jsonb read back from the database is checked like any other input: a row written by an older
// build or edited by hand must fail loudly here, not as a NaN deep inside an evaluator.
const num = z.number();
const AnchoredVwaps = z.array(
  z
    .object({
      anchor: z.enum(['swing-high', 'swing-low', 'period-start']),
      anchorTs: num,
      price: num,
      period: z.enum(['week', 'month', 'quarter', 'year']).optional(),
    })
    .strict(),
);
const SupportResistance = z.array(
  z
    .object({
      price: num,
      kind: z.enum(['support', 'resistance']),
      touches: num,
      lastTouchTs: num,
      strength: num,
    })
    .strict(),
);
const RollingExtremes = z.array(
  z
    .object({
      kind: z.enum(['high', 'low']),
      price: num,
      ts: num,
      window: num,
      reach: num,
      reachCapped: z.boolean(),
      age: num,
    })
    .strict(),
);
const Pivots = z.object({ p: num, r1: num, r2: num, r3: num, s1: num, s2: num, s3: num }).strict();
const Structure = z
  .object({
    bias: z.enum(['up', 'down', 'mixed', 'unknown']),
    score: num,
    higherHighs: num,
    lowerHighs: num,
    higherLows: num,
    lowerLows: num,
    lastHigh: num.optional(),
    prevHigh: num.optional(),
    lastLow: num.optional(),
    prevLow: num.optional(),
  })
  .strict();
const TrendComponents = z
  .object({
    adx: num.optional(),
    adxScore: num.optional(),
    emaSlope20Atr: num.optional(),
    emaSlope50Atr: num.optional(),
    slopeScore: num.optional(),
    structure: Structure,
    direction: num.optional(),
  })
  .strict();
const VolComponents = z
  .object({
    atrPct: num.optional(),
    window: num.optional(),
    atrRatio: num.optional(),
    rangeRatio: num.optional(),
  })
  .strict();
const Hmm = z
  .object({
    states: z.array(
      z
        .object({
          id: num,
          label: z.enum(['calm', 'normal', 'volatile']),
          meanReturn: num,
          returnVol: num,
          meanVol: num,
          prob: num,
        })
        .strict(),
    ),
    currentState: num,
    transitionRisk: num,
    transitionMatrix: z.array(z.array(num)),
    logLikelihood: num,
    iterations: num,
    converged: z.boolean(),
    observations: num,
  })
  .strict();

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** `ts` is the last stored bar the snapshot saw (see the key_levels table). */
export function keyLevelsToRow(
  symbol: string,
  timeframe: string,
  ts: number,
  levels: KeyLevels,
): NewKeyLevelsRow {
  if (levels.asOf === null)
    throw new Error(`key levels for ${symbol} ${timeframe} have no bars; nothing to store`);
  return {
    symbol,
    timeframe,
    ts: new Date(ts),
    version: levels.version,
    barTs: new Date(levels.asOf),
    cadence: levels.cadence,
    lastClose: levels.lastClose ?? null,
    atr: levels.atr ?? null,
    priorDayTs: levels.priorBar ? new Date(levels.priorBar.ts) : null,
    priorDayHigh: levels.priorBar?.high ?? null,
    priorDayLow: levels.priorBar?.low ?? null,
    priorDayClose: levels.priorBar?.close ?? null,
    pivots: levels.pivots ?? null,
    anchoredVwapLevels: levels.anchoredVwaps,
    rollingRangeHigh: levels.rollingRange?.high ?? null,
    rollingRangeLow: levels.rollingRange?.low ?? null,
    rollingRangeLookback: levels.rollingRange?.lookback ?? null,
    rollingExtremes: levels.extremes ?? null,
    supportResistance: levels.supportResistance,
  };
}

export function keyLevelsFromRow(row: KeyLevelsRow): KeyLevels {
  const levels: KeyLevels = {
    version: row.version,
    asOf: row.barTs.getTime(),
    cadence: z.enum(['intraday', 'daily', 'weekly', 'monthly']).parse(row.cadence) satisfies Cadence,
    anchoredVwaps: AnchoredVwaps.parse(row.anchoredVwapLevels),
    supportResistance: SupportResistance.parse(row.supportResistance),
  };
  if (row.lastClose !== null) levels.lastClose = row.lastClose;
  if (row.priorDayTs && row.priorDayHigh !== null && row.priorDayLow !== null && row.priorDayClose !== null) {
    levels.priorBar = {
      ts: row.priorDayTs.getTime(),
      high: row.priorDayHigh,
      low: row.priorDayLow,
      close: row.priorDayClose,
    };
  }
  if (row.pivots !== null) levels.pivots = Pivots.parse(row.pivots);
  if (row.rollingRangeHigh !== null && row.rollingRangeLow !== null && row.rollingRangeLookback !== null) {
    levels.rollingRange = {
      lookback: row.rollingRangeLookback,
      high: row.rollingRangeHigh,
      low: row.rollingRangeLow,
    };
  }
  if (row.rollingExtremes !== null) levels.extremes = RollingExtremes.parse(row.rollingExtremes);
  if (row.atr !== null) levels.atr = row.atr;
  return levels;
}

export function regimeToRow(
  symbol: string,
  timeframe: string,
  ts: number,
  regime: RegimeSnapshot,
): NewRegimeSnapshotRow {
  if (regime.asOf === null)
    throw new Error(`regime for ${symbol} ${timeframe} has no bars; nothing to store`);
  return {
    symbol,
    timeframe,
    ts: new Date(ts),
    version: regime.version,
    barTs: new Date(regime.asOf),
    label: regime.label,
    trendState: regime.trendState,
    trendStrength: regime.trendStrength ?? null,
    trendComponents: regime.trendComponents,
    volState: regime.volState,
    atrPercentile: regime.atrPercentile ?? null,
    volZ: regime.volZ ?? null,
    volExpansionFlag: regime.volExpansion ?? null,
    volComponents: regime.volComponents,
    liquidityState: regime.liquidityState,
    spreadProxy: regime.spreadProxy ?? null,
    relvol: regime.relVolume ?? null,
    hmmStateId: regime.hmm?.currentState ?? null,
    hmmProbs: regime.hmm ? regime.hmm.states.map((s) => s.prob) : null,
    transitionRisk: regime.hmm?.transitionRisk ?? null,
    hmm: regime.hmm ?? null,
  };
}

export function regimeFromRow(row: RegimeSnapshotRow): RegimeSnapshot {
  const regime: RegimeSnapshot = {
    version: row.version,
    asOf: row.barTs.getTime(),
    trendState: z
      .enum(['uptrend', 'downtrend', 'range', 'insufficient'])
      .parse(row.trendState) satisfies TrendState,
    trendComponents: TrendComponents.parse(row.trendComponents),
    volState: z.enum(['low', 'normal', 'high', 'insufficient']).parse(row.volState) satisfies VolState,
    volComponents: VolComponents.parse(row.volComponents),
    liquidityState: z
      .enum(['thin', 'normal', 'heavy', 'insufficient'])
      .parse(row.liquidityState) satisfies LiquidityState,
    label: row.label,
  };
  const optional = {
    trendStrength: opt(row.trendStrength),
    atrPercentile: opt(row.atrPercentile),
    volZ: opt(row.volZ),
    volExpansion: opt(row.volExpansionFlag),
    relVolume: opt(row.relvol),
    spreadProxy: opt(row.spreadProxy),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) Object.assign(regime, { [key]: value });
  if (row.hmm !== null) regime.hmm = Hmm.parse(row.hmm);
  return regime;
}
