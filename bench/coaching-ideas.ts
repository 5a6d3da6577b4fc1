// Ideas with one planted flaw each, built from a ContextPack's own numbers (close, ATR, EMAs,
// rolling extremes): the generator for bench/coaching.ts. Every flawed idea is the clean idea
// with one thing changed, so the planted finding is the one that should lead.
import type { TradeIntent } from '../src/evaluators/index.js';
import type { ContextPack } from '../src/market/context/index.js';

export interface PlantedIdea {
  flaw: string;
  /** Finding codes that name the planted flaw; any of them counts. */
  expect: readonly string[];
  intent: TradeIntent;
}

const round = (v: number): number => Math.round(v * 100) / 100;

export function plantedIdeas(symbol: string, ctx: ContextPack): PlantedIdea[] {
  const close = ctx.primary.lastBar.close;
  const atr = ctx.primary.latest.atr14;
  const ema20 = ctx.primary.latest.ema20;
  const ema50 = ctx.primary.latest.ema50;
  if (atr === undefined || ema50 === undefined || ema20 === undefined) return [];
  const trendSide = close >= ema50 ? 'long' : 'short';
  const plan = (side: 'long' | 'short', patch: Partial<TradeIntent> = {}): TradeIntent => {
    const s = side === 'long' ? 1 : -1;
    return {
      symbol,
      side,
      timeframe: '1d',
      orderType: 'limit',
      entry: round(close),
      stop: round(close - s * 1.5 * atr),
      targets: [round(close + s * 3.6 * atr)],
      size: { kind: 'risk-pct', value: 0.8 },
      timeStopBars: 20,
      ...patch,
    };
  };
  const s = trendSide === 'long' ? 1 : -1;
  const ideas: PlantedIdea[] = [
    { flaw: 'clean', expect: [], intent: plan(trendSide) },
    {
      flaw: 'tight-stop',
      expect: ['stop-inside-noise'],
      intent: plan(trendSide, { stop: round(close - s * 0.35 * atr) }),
    },
    {
      flaw: 'low-reward-risk',
      expect: ['rr-below-minimum'],
      intent: plan(trendSide, { targets: [round(close + s * 1.2 * atr)] }),
    },
    {
      flaw: 'oversized',
      expect: ['risk-above-limit'],
      intent: plan(trendSide, {
        size: { kind: 'shares', value: Math.ceil((3 * 0.01 * ctx.user.equity) / (1.5 * atr)) },
      }),
    },
    { flaw: 'no-stop', expect: ['no-stop'], intent: plan(trendSide, { stop: undefined, size: undefined }) },
    { flaw: 'no-target', expect: ['no-target'], intent: plan(trendSide, { targets: [] }) },
    {
      flaw: 'entry-typo',
      expect: ['entry-far-from-market'],
      intent: (() => {
        const entry = round(close * (1 + s * 0.12));
        return plan(trendSide, {
          entry,
          stop: round(entry - s * 1.5 * atr),
          targets: [round(entry + s * 3.6 * atr)],
        });
      })(),
    },
  ];
  // Against the trend when price is clearly on one side of the 50-EMA.
  if (Math.abs(close - ema50) > atr)
    ideas.push({
      flaw: 'counter-trend',
      expect: ['htf-trend-conflict', 'counter-trend-entry', 'regime-style-mismatch', 'mtfa-weak-alignment'],
      intent: plan(trendSide === 'long' ? 'short' : 'long'),
    });
  // Chasing: entry stretched far from the 20-EMA in the trend's direction.
  if (s * (close - ema20) >= 2.5 * atr)
    ideas.push({
      flaw: 'extended-entry',
      expect: ['entry-extended', 'entry-after-run'],
      intent: plan(trendSide),
    });
  // A quarter's-or-longer extreme 0.4-1.4 ATR ahead, with the target beyond it.
  const extreme = ctx.levels.extremes?.find(
    (e) =>
      e.kind === (trendSide === 'long' ? 'high' : 'low') &&
      e.reach >= 60 &&
      s * (e.price - close) > 0.4 * atr &&
      s * (e.price - close) < 1.4 * atr,
  );
  if (extreme)
    ideas.push({
      flaw: 'major-level-in-way',
      expect: ['level-before-target'],
      intent: plan(trendSide, { targets: [round(extreme.price + s * 2.5 * atr)] }),
    });
  return ideas;
}
