import type { ContextPack } from '../../src/market/context/index.js';
import type { KeyLevels, SupportResistanceLevel } from '../../src/market/levels/index.js';
import type {
  FrameEvidence,
  MtfaConflict,
  MtfaResult,
  SufficientFrame,
} from '../../src/market/mtfa/index.js';
import type { HmmSnapshot, RegimeSnapshot } from '../../src/market/regime/index.js';
import type { Bar, Timeframe } from '../../src/market/types.js';
import { constantRangeBars, contextPack, T0, type ContextOptions } from '../helpers/context.js';

// Hand-written market states for evaluator tables: every number is chosen so the expected
// figures can be worked out on paper. The default bars (helpers/context.ts) are flat at 100 with
// a range of 2, so ATR(14) = 2 and EMA20 = EMA50 = 100.

/** Key levels with nothing in them but what a case adds. */
export function levelsOf(parts: Partial<KeyLevels> = {}): KeyLevels {
  return {
    version: 1,
    asOf: T0,
    cadence: 'daily',
    lastClose: 100,
    atr: 2,
    anchoredVwaps: [],
    supportResistance: [],
    ...parts,
  };
}

export function swingLevel(
  price: number,
  touches: number,
  strength: number,
  lastClose = 100,
): SupportResistanceLevel {
  return { price, kind: price > lastClose ? 'resistance' : 'support', touches, lastTouchTs: T0, strength };
}

/** A two-state HMM summary; `calmVol`/`wildVol` are typical ranges as a fraction of the close. */
export function hmmOf(opts: {
  current: 0 | 1;
  transitionRisk: number;
  calmProb: number;
  calmVol?: number;
  wildVol?: number;
}): HmmSnapshot {
  const { calmVol = 0.01, wildVol = 0.025 } = opts;
  return {
    states: [
      { id: 0, label: 'calm', meanReturn: 0.0005, returnVol: 0.008, meanVol: calmVol, prob: opts.calmProb },
      {
        id: 1,
        label: 'volatile',
        meanReturn: -0.001,
        returnVol: 0.02,
        meanVol: wildVol,
        prob: 1 - opts.calmProb,
      },
    ],
    currentState: opts.current,
    transitionRisk: opts.transitionRisk,
    transitionMatrix: [
      [0.9, 0.1],
      [0.2, 0.8],
    ],
    logLikelihood: 1000,
    iterations: 20,
    converged: true,
    observations: 750,
  };
}

export function regimeOf(parts: Partial<RegimeSnapshot> = {}): RegimeSnapshot {
  return {
    version: 1,
    asOf: T0,
    trendState: 'range',
    trendStrength: 20,
    trendComponents: {
      adx: 15,
      direction: 0.05,
      structure: { bias: 'mixed', score: 0, higherHighs: 1, lowerHighs: 1, higherLows: 1, lowerLows: 1 },
    },
    volState: 'normal',
    atrPercentile: 50,
    volExpansion: false,
    volComponents: { atrPct: 0.02, atrRatio: 1, rangeRatio: 1 },
    liquidityState: 'normal',
    relVolume: 1,
    spreadProxy: 200,
    label: 'range · normal volatility',
    ...parts,
  };
}

const EVIDENCE: FrameEvidence = {
  close: 100,
  ema20: 100,
  ema50: 100,
  ema50SlopeAtr: 0,
  atr: 2,
  distanceAtr: 0,
  macdHist: 0,
  rsi14: 50,
};

export function frameOf(
  timeframe: Timeframe,
  weight: number,
  parts: Omit<Partial<SufficientFrame>, 'evidence'> & { evidence?: Partial<FrameEvidence> } = {},
): SufficientFrame {
  return {
    timeframe,
    status: 'ok',
    bars: 300,
    weight,
    trend: 'mixed',
    trendVotes: 0,
    structure: 'mixed',
    structureDetail: { bias: 'mixed', score: 0, higherHighs: 1, lowerHighs: 1, higherLows: 1, lowerLows: 1 },
    momentum: 'mixed',
    agreement: 0,
    ...parts,
    evidence: { ...EVIDENCE, ...parts.evidence },
  };
}

export function alignmentOf(
  side: 'long' | 'short',
  score: number,
  frames: SufficientFrame[],
  conflicts: MtfaConflict[],
): MtfaResult {
  return {
    version: 1,
    intentSide: side,
    intentTimeframe: frames[0]?.timeframe ?? '1d',
    score,
    frames,
    conflicts,
  };
}

/** The pack with its MTFA result replaced, as if the frames had produced it. */
export function withAlignment(ctx: ContextPack, result: MtfaResult): ContextPack {
  return { ...ctx, alignment: () => result };
}

/** The default flat bars with `extra` bars appended (ts continue daily). */
export function flatThen(extra: readonly Omit<Bar, 'ts' | 'volume'>[]): Bar[] {
  const bars = constantRangeBars();
  const last = bars.at(-1);
  if (!last) throw new Error('no bars');
  return [
    ...bars,
    ...extra.map((b, i) => ({ ...b, ts: last.ts + (i + 1) * 86_400_000, volume: 10_000_000 })),
  ];
}

/** The helper's flat pack with hand-set levels and regime (empty and neutral unless given) and RSI 50. */
export function packOf(options: ContextOptions = {}): ContextPack {
  return contextPack({
    levels: levelsOf(),
    regime: regimeOf(),
    ...options,
    latest: { rsi14: 50, ...options.latest },
  });
}
