import { z } from 'zod';
import type { Bar } from '../market/types.js';
import type { TradeIntent } from './intent.js';
import {
  atrOf,
  betterEntry,
  betterEntryText,
  capitalise,
  namedLevels,
  nearestNamed,
  riskCut,
  sideSign,
} from './level-facts.js';
import { fmt, positionMath } from './position-math.js';
import { round, scoreFrom, sizeBeyond, type Evaluator, type EvidenceValue, type Issue } from './types.js';

const ConfigSchema = z.object({
  /** Entry this many ATR beyond the 20-EMA (in the trade's direction) is extended; twice it, high. */
  extendedAtr: z.number().positive(),
  /** RSI beyond this (long; 100 minus it for a short) counts as stretched. */
  rsiStretched: z.number().min(50).max(100),
  /** This many closes in a row in the trade's direction is a run being chased. */
  runBars: z.number().int().min(2),
  /** The first level against the trade closer than this many ATR leaves no room. */
  minRoomAtr: z.number().positive(),
  /** Only levels this significant (0-100) count as blocking: ranges, prior highs/lows, multi-touch swings. */
  minRoomSignificance: z.number().min(0).max(100),
  /** Nearest level behind the entry further than this many ATR: the entry is in mid-air. */
  maxSupportAtr: z.number().positive(),
  /** A gap or a bar range this many ATR is an outsized move to enter after. */
  gapAtr: z.number().positive(),
  wideBarAtr: z.number().positive(),
  /** Levels below this significance (0-100) do not count for location. */
  minLevelSignificance: z.number().min(0).max(100),
});
type Config = z.infer<typeof ConfigSchema>;

/** Closes in a row, up to the last bar, that moved in `sign`'s direction. */
export function runLength(bars: readonly Bar[], sign: 1 | -1): number {
  let n = 0;
  for (let i = bars.length - 1; i > 0; i--) {
    const bar = bars[i];
    const prev = bars[i - 1];
    if (!bar || !prev || sign * (bar.close - prev.close) <= 0) break;
    n++;
  }
  return n;
}

export const entryQuality = {
  id: 'entry-quality',
  version: 1,
  title: 'Entry quality',
  configSchema: ConfigSchema,
  defaults: {
    extendedAtr: 1.5,
    rsiStretched: 70,
    runBars: 5,
    minRoomAtr: 0.35,
    minRoomSignificance: 62,
    maxSupportAtr: 2,
    gapAtr: 1,
    wideBarAtr: 2,
    minLevelSignificance: 40,
  },
  evaluate(intent, ctx, config) {
    const issues: Issue[] = [];
    const atr = atrOf(ctx);
    if (atr === undefined) {
      const facts: Record<string, EvidenceValue> = { checked: false, reason: 'no ATR yet for this frame' };
      return { score: 100, issues, explainFacts: facts };
    }
    const s = sideSign(intent);
    const long = intent.side === 'long';
    const tf = ctx.primary.timeframe;
    const { ema20, ema50, rsi14 } = ctx.primary.latest;
    const bars = ctx.primary.bars;
    const last = ctx.primary.lastBar;
    const prev = bars.at(-2);
    const better = betterEntry(intent, ctx, atr);
    const betterText = better ? betterEntryText(better, fmt) : undefined;
    const named = namedLevels(ctx.levels);

    // Location: room to the first level against the trade, and distance to the level behind it.
    // Weak levels (pivots, single old touches) are left out: nobody defends a pivot R3.
    const near = nearestNamed(
      named.filter((l) => l.significance >= config.minLevelSignificance),
      intent.entry,
      atr,
    );
    const blocking = nearestNamed(
      named.filter((l) => l.significance >= config.minRoomSignificance),
      intent.entry,
      atr,
    );
    const ahead = long ? blocking.resistance : blocking.support;
    const behind = long ? near.support : near.resistance;
    const vwap = ctx.levels.anchoredVwaps.find((v) => v.anchor === 'period-start');
    const vwapAtr = vwap ? (s * (intent.entry - vwap.price)) / atr : undefined;
    if (
      ahead?.distanceAtr !== undefined &&
      ahead.distanceAtr < config.minRoomAtr &&
      ahead.price !== intent.entry
    ) {
      const target = intent.targets[0];
      const beyond = target !== undefined && s * (target - ahead.price) > 0;
      issues.push({
        code: 'entry-into-level',
        severity: beyond ? 'medium' : 'low',
        topic: 'entry-location',
        // 0 at the minimum room, 1 right at the level.
        size: round(sizeBeyond(config.minRoomAtr - ahead.distanceAtr, 0, config.minRoomAtr)),
        message: `The ${intent.side} enters ${fmt(ahead.distanceAtr)} ATR ${long ? 'under' : 'above'} ${long ? 'resistance' : 'support'} at ${fmt(ahead.price)} (${ahead.name}): little room before the first level ${long ? 'sellers' : 'buyers'} have defended.`,
        evidence: {
          entry: intent.entry,
          level: ahead.price,
          levelName: ahead.name,
          roomAtr: round(ahead.distanceAtr),
          atr14: round(atr),
          minRoomAtr: config.minRoomAtr,
        },
        mitigation: `Enter on a ${tf} close ${long ? 'above' : 'below'} ${fmt(ahead.price)} and a retest of it${betterText ? `, or ${betterText}` : ''}.`,
      });
    }
    if (behind?.distanceAtr !== undefined && behind.distanceAtr > config.maxSupportAtr) {
      issues.push({
        code: 'entry-far-from-level',
        severity: 'low',
        topic: 'entry-location',
        message: `The nearest ${long ? 'support' : 'resistance'} is ${fmt(behind.distanceAtr)} ATR ${long ? 'below' : 'above'} the entry (${fmt(behind.price)}, ${behind.name})${vwapAtr !== undefined ? ` and the ${vwap?.period ?? 'period'}-start VWAP ${fmt(vwapAtr)} ATR` : ''}: the entry is in mid-air, with no level for the stop to lean on.`,
        evidence: {
          entry: intent.entry,
          level: behind.price,
          levelName: behind.name,
          distanceAtr: round(behind.distanceAtr),
          vwap: vwap?.price ?? null,
          vwapDistanceAtr: vwapAtr === undefined ? null : round(vwapAtr),
        },
        mitigation: betterText
          ? `${capitalise(betterText)}.`
          : `Wait for price to come back towards ${fmt(behind.price)} and enter there with the stop beyond it.`,
      });
    }

    // Extension: distance from the EMAs and RSI; a run of closes in the trade's direction.
    const ext20 = ema20 === undefined ? undefined : (s * (intent.entry - ema20)) / atr;
    const ext50 = ema50 === undefined ? undefined : (s * (intent.entry - ema50)) / atr;
    const rsiStretched =
      rsi14 !== undefined && (long ? rsi14 >= config.rsiStretched : rsi14 <= 100 - config.rsiStretched);
    if (
      ema20 !== undefined &&
      ext20 !== undefined &&
      (ext20 >= config.extendedAtr || (rsiStretched && ext20 > 0.5))
    ) {
      const half = positionMath(intent, ctx).sharesAtMaxRisk;
      const emaBeyondStop = intent.stop !== undefined && s * (ema20 - intent.stop) <= 0;
      const fix =
        betterText ??
        (emaBeyondStop
          ? `the 20-EMA (${fmt(ema20)}) is beyond your stop, so waiting for a pullback there is a new plan with a new stop; for this entry, half size${half !== undefined && half > 1 ? ` (${Math.floor(half / 2)} shares)` : ''} keeps a stretched entry small`
          : `a limit nearer the 20-EMA at ${fmt(ema20)}${riskText(intent, ema20)}`);
      issues.push({
        code: 'entry-extended',
        severity: ext20 >= 2 * config.extendedAtr ? 'high' : 'medium',
        topic: 'entry-extension',
        size: round(sizeBeyond(ext20, config.extendedAtr, 2 * config.extendedAtr)),
        message: `The entry is ${fmt(ext20)} ATR ${long ? 'above' : 'below'} the 20-EMA (${fmt(ema20)})${ext50 !== undefined ? ` and ${fmt(ext50)} ATR from the 50-EMA` : ''}${rsi14 !== undefined ? `, RSI ${fmt(rsi14, 1)}` : ''}: it ${long ? 'buys' : 'sells'} a stretched move.`,
        evidence: {
          entry: intent.entry,
          ema20: round(ema20),
          ema50: ema50 === undefined ? null : round(ema50),
          extensionAtr20: round(ext20),
          extensionAtr50: ext50 === undefined ? null : round(ext50),
          rsi14: rsi14 === undefined ? null : round(rsi14, 1),
          atr14: round(atr),
        },
        mitigation: `${capitalise(fix)}.`,
      });
    }
    const run = runLength(bars, s);
    if (run >= config.runBars) {
      const moved = bars.at(-1 - run)?.close;
      issues.push({
        code: 'entry-after-run',
        severity: 'low',
        topic: 'entry-extension',
        message: `The last ${run} ${tf} closes were all ${long ? 'higher' : 'lower'}${moved !== undefined ? ` (${fmt(moved)} to ${fmt(last.close)}, ${fmt(Math.abs(last.close - moved) / atr)} ATR)` : ''}: the ${intent.side} chases a run.`,
        evidence: {
          runBars: run,
          fromClose: moved ?? null,
          lastClose: last.close,
          runAtr: moved === undefined ? null : round(Math.abs(last.close - moved) / atr),
        },
        mitigation: betterText
          ? `Wait for the first ${long ? 'down' : 'up'} close, or ${betterText}.`
          : `Wait for the first ${long ? 'down' : 'up'} close before entering.`,
      });
    }

    // Timing: entering right after a gap or an outsized bar in the trade's direction.
    const gapAtr = prev ? (s * (last.open - prev.close)) / atr : undefined;
    const rangeAtr = (last.high - last.low) / atr;
    if (prev && gapAtr !== undefined && gapAtr >= config.gapAtr) {
      issues.push({
        code: 'entry-after-gap',
        severity: 'medium',
        topic: 'entry-timing',
        message: `The last ${tf} bar gapped ${long ? 'up' : 'down'} ${fmt(gapAtr)} ATR (${fmt(prev.close)} to ${fmt(last.open)}): the ${intent.side} enters with the gap unfilled ${long ? 'below' : 'above'}.`,
        evidence: { prevClose: prev.close, open: last.open, gapAtr: round(gapAtr), atr14: round(atr) },
        mitigation: gapEdgeBeyondStop(intent, prev.close)
          ? `Let the gap settle: its edge ${fmt(prev.close)} is beyond your stop, so ${betterText ?? `wait for a ${tf} close that holds the gap before entering`}.`
          : `Let the gap settle: a limit at the gap's edge ${fmt(prev.close)}${riskText(intent, prev.close)}${better && better.price !== prev.close ? `, or ${betterText}` : ''}.`,
      });
    }
    if (rangeAtr >= config.wideBarAtr && s * (last.close - last.open) > 0) {
      const mid = (last.high + last.low) / 2;
      issues.push({
        code: 'entry-after-wide-bar',
        severity: 'low',
        topic: 'entry-timing',
        message: `The last ${tf} bar spanned ${fmt(rangeAtr)} ATR (${fmt(last.low)} to ${fmt(last.high)}): entering after an outsized bar puts the stop far from its start or inside its noise.`,
        evidence: { barHigh: last.high, barLow: last.low, barRangeAtr: round(rangeAtr), atr14: round(atr) },
        mitigation: `A limit near the bar's midpoint ${fmt(mid)}${riskText(intent, mid)}.`,
      });
    }
    return {
      score: scoreFrom(issues),
      issues,
      explainFacts: {
        atr14: round(atr),
        extensionAtr20: ext20 === undefined ? null : round(ext20),
        extensionAtr50: ext50 === undefined ? null : round(ext50),
        rsi14: rsi14 === undefined ? null : round(rsi14, 1),
        runBars: run,
        gapAtr: gapAtr === undefined ? null : round(gapAtr),
        barRangeAtr: round(rangeAtr),
        nearestSupport: near.support?.price ?? null,
        nearestResistance: near.resistance?.price ?? null,
        roomAtr: ahead?.distanceAtr === undefined ? null : round(ahead.distanceAtr),
        vwapDistanceAtr: vwapAtr === undefined ? null : round(vwapAtr),
        betterEntry: better?.price ?? null,
        betterEntryRiskCut: better?.riskCut === undefined ? null : round(better.riskCut, 3),
      },
    };
  },
} satisfies Evaluator<Config>;

function gapEdgeBeyondStop(intent: TradeIntent, edge: number): boolean {
  return intent.stop !== undefined && sideSign(intent) * (edge - intent.stop) <= 0;
}

function riskText(intent: TradeIntent, price: number): string {
  const cut = riskCut(intent, price);
  return cut === undefined ? '' : `, which cuts the risk per share by ${Math.round(cut * 100)}%`;
}
