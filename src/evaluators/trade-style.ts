import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';
import { sideSign } from './level-facts.js';

export type TradeStyle = 'breakout' | 'pullback' | 'trend-following' | 'mean-reversion' | 'counter-trend';

export interface StyleGuess {
  style: TradeStyle | 'unclassified';
  /** 'thesis': words in the trader's thesis; 'plan': where the entry sits against price and trend. */
  source: 'thesis' | 'plan';
  /** Why, in a few words, for the report and the audit. */
  reason: string;
}

// Checked in this order: "fade the breakout" is mean reversion, "breakout retest" a pullback.
const THESIS_WORDS: readonly [TradeStyle, RegExp][] = [
  [
    'mean-reversion',
    /\b(mean[- ]?revert\w*|mean reversion|revert\w*|oversold|overbought|fad(e|es|ing)|stretched|snap ?back|revers(al|ing))\b/i,
  ],
  [
    'pullback',
    /\b(pull ?backs?|pulling back|dips?|retest\w*|buy(ing)? the dip|continuation|back to (the )?(ema|ma|vwap|support))\b/i,
  ],
  [
    'breakout',
    /\b(break ?outs?|break(s|ing)? (out|above|below|through)|breakdown|new (highs?|lows?)|range break|squeeze|all[- ]time high)\b/i,
  ],
];

/**
 * The idea's style: from the thesis when it names one, else from the plan. A buy above the recent
 * range (or a stop order beyond the last close) is a breakout; a buy below the last close with the
 * trend up is a pullback, above it a trend-following entry; a buy against a falling trend with RSI
 * under 40 is mean reversion, without it a counter-trend entry (mirrored for shorts).
 */
export function inferStyle(intent: TradeIntent, ctx: ContextPack): StyleGuess {
  const thesis = intent.thesis ?? '';
  for (const [style, words] of THESIS_WORDS) {
    const match = words.exec(thesis);
    if (match) return { style, source: 'thesis', reason: `the thesis says "${match[0].toLowerCase()}"` };
  }
  const s = sideSign(intent);
  const close = ctx.primary.lastBar.close;
  const { ema50, rsi14, atr14 } = ctx.primary.latest;
  const range = ctx.levels.rollingRange;
  const edge = range ? (intent.side === 'long' ? range.high : range.low) : undefined;
  const atr = atr14 ?? ctx.levels.atr ?? 0;
  if (edge !== undefined && s * (intent.entry - edge) >= -0.1 * atr) {
    return {
      style: 'breakout',
      source: 'plan',
      reason: `the entry is at or beyond the ${range?.lookback ?? 20}-bar ${intent.side === 'long' ? 'high' : 'low'} ${edge}`,
    };
  }
  if (intent.orderType === 'stop' && s * (intent.entry - close) > 0) {
    return { style: 'breakout', source: 'plan', reason: 'a stop order beyond the last close' };
  }
  const withTrend = ema50 !== undefined && s * (close - ema50) > 0;
  if (withTrend && s * (intent.entry - close) <= 0) {
    return {
      style: 'pullback',
      source: 'plan',
      reason: `the entry is ${intent.side === 'long' ? 'at or below' : 'at or above'} the last close with price ${intent.side === 'long' ? 'above' : 'below'} its 50-EMA`,
    };
  }
  const stretched = rsi14 !== undefined && (intent.side === 'long' ? rsi14 < 40 : rsi14 > 60);
  if (!withTrend && ema50 !== undefined && stretched) {
    return {
      style: 'mean-reversion',
      source: 'plan',
      reason: `a ${intent.side} against the 50-EMA with RSI ${rsi14?.toFixed(1)}`,
    };
  }
  // Against the trend: the regime's trend runs the other way, or price is clearly across its 50-EMA.
  const against =
    ctx.regime.trendState === (intent.side === 'long' ? 'downtrend' : 'uptrend') ||
    (ema50 !== undefined && s * (close - ema50) < -0.5 * atr);
  if (!withTrend && against)
    return {
      style: 'counter-trend',
      source: 'plan',
      reason: `a ${intent.side} against the trend (${ctx.regime.trendState}, price ${intent.side === 'long' ? 'below' : 'above'} its 50-EMA) with RSI not stretched`,
    };
  if (withTrend)
    return {
      style: 'trend-following',
      source: 'plan',
      reason: `a ${intent.side} above the last close with the trend, inside the recent range`,
    };
  return {
    style: 'unclassified',
    source: 'plan',
    reason: 'neither the thesis nor the plan shows a clear style',
  };
}
