/**
 * Technical agent: trend, momentum, volatility and levels of the idea's own timeframe, read from
 * the ContextPack features (never from bars a model saw).
 *
 * Rule mode (weights in brackets; +1 leans BUY, -1 SELL, 0 neutral):
 * - Trend: close vs EMA50 [1], EMA20 vs EMA50 [1], EMA50 vs EMA200 [1, when 200 bars exist],
 *   the first higher timeframe's close vs its EMA50 [1.5].
 * - Trend strength: ADX14 >= 20 votes the side of +DI vs -DI [1, 1.5 when ADX >= 25]; a weaker
 *   ADX is a neutral vote [0.5] that dilutes the others.
 * - Momentum: MACD histogram sign [1]; RSI14 above 55 up, below 45 down, else neutral [1];
 *   RSI above 75 or below 25 is stretched and votes against the move [0.5].
 * - Levels: a swing level or range edge within 0.5 ATR of the entry, on the side the trade
 *   must cross (resistance above a long, support below a short), votes against it [1].
 * - Volatility (ATR as % of price, its percentile, Bollinger width) does not vote; a 'high'
 *   volatility state takes 10% off the confidence, since every reading is noisier then.
 * Decision and confidence: rules/votes.ts `decide` (|net| >= 0.25 calls a side). Coverage is the
 * share of EMA200, ADX, MACD and a higher frame that were available. Abstains without ATR14,
 * EMA50 and RSI14 (fewer than ~50 bars).
 */
import type { FeatureSnapshot } from '../market/features/index.js';
import { abstain, AgentRecommendationSchema } from './schema.js';
import { nearestAround } from './rules/levels.js';
import { factSet, num, show } from './rules/facts.js';
import { decide, keyFactors, stance, tally, type Vote } from './rules/votes.js';
import type { Agent, AgentInput } from './types.js';

const LEVEL_NEAR_ATR = 0.5;

const sign = (v: number): -1 | 0 | 1 => (v > 0 ? 1 : v < 0 ? -1 : 0);

function facts(input: AgentInput) {
  const { ctx, intent } = input;
  const f: FeatureSnapshot = ctx.primary.latest;
  const close = ctx.primary.lastBar.close;
  const { put, facts } = factSet();
  put('close', close);
  for (const name of [
    'ema20',
    'ema50',
    'ema200',
    'rsi14',
    'macdHist',
    'adx14',
    'plusDi',
    'minusDi',
    'atr14',
    'relVolume',
    'stochK',
  ] as const) {
    put(name, f[name], name === 'macdHist' ? 4 : 2);
  }
  if (f.atr14 !== undefined && f.atr14 > 0) {
    put('atrPct', (f.atr14 / close) * 100);
    if (f.ema50 !== undefined) put('closeVsEma50Atr', (close - f.ema50) / f.atr14);
    if (f.bbUpper !== undefined && f.bbLower !== undefined && f.bbMiddle)
      put('bbWidthPct', ((f.bbUpper - f.bbLower) / f.bbMiddle) * 100);
    const near = nearestAround(ctx.levels, intent.entry);
    if (near.above !== undefined) {
      put('levelAboveEntry', near.above);
      put('levelAboveEntryAtr', (near.above - intent.entry) / f.atr14);
    }
    if (near.below !== undefined) {
      put('levelBelowEntry', near.below);
      put('levelBelowEntryAtr', (intent.entry - near.below) / f.atr14);
    }
  }
  const { regime } = ctx;
  put('trendState', regime.trendState);
  put('volState', regime.volState);
  put('atrPercentile', regime.atrPercentile, 0);
  const higher = ctx.higher[0];
  const hClose = higher?.lastBar.close;
  const hEma = higher?.latest.ema50;
  const hAtr = higher?.latest.atr14;
  if (higher && hClose !== undefined && hEma !== undefined && hAtr) {
    put('higherTimeframe', higher.timeframe);
    put('higherCloseVsEma50Atr', (hClose - hEma) / hAtr);
  }
  return facts;
}

export const technicalAgent: Agent = {
  id: 'technical',
  title: 'Technical',
  domain: 'technical',
  glossary: {
    closeVsEma50Atr: '(close - EMA50) / ATR14 on the idea timeframe',
    atrPct: 'ATR14 as a percent of the close',
    atrPercentile: 'where ATR/close sits among its last 250 values (0-100)',
    bbWidthPct: 'Bollinger band width (upper - lower) as a percent of the middle band',
    levelAboveEntry: 'nearest swing level or range edge above the entry',
    levelAboveEntryAtr: 'its distance from the entry, in ATR',
    levelBelowEntry: 'nearest swing level or range edge below the entry',
    levelBelowEntryAtr: 'its distance from the entry, in ATR',
    higherCloseVsEma50Atr: '(close - EMA50) / ATR14 on the next higher timeframe',
    trendState: 'trend regime of the idea timeframe (EMA slopes, swing structure, ADX)',
    volState: 'volatility regime: ATR/close against its own last 250 bars',
  },
  query({ intent, ctx }) {
    const { regime } = ctx;
    return `${intent.side} ${intent.timeframe} entry in a ${regime.trendState} with ${regime.volState} volatility: trend, moving averages, ADX, RSI and MACD momentum, ATR stops, support and resistance levels`;
  },
  analyse(input) {
    const { ctx, intent, chunks } = input;
    const f = facts(input);
    const n = (k: string): number | undefined => num(f, k);
    const [close, ema20, ema50, ema200, rsi, macdHist, adx, atr] = [
      'close',
      'ema20',
      'ema50',
      'ema200',
      'rsi14',
      'macdHist',
      'adx14',
      'atr14',
    ].map(n);
    if (atr === undefined || ema50 === undefined || rsi === undefined || close === undefined) {
      const missing = [
        atr === undefined && 'ATR14',
        ema50 === undefined && 'EMA50',
        rsi === undefined && 'RSI14',
      ]
        .filter(Boolean)
        .join(', ');
      return {
        facts: f,
        recommendation: abstain(
          `${missing} not available on ${ctx.primary.bars.length} ${ctx.primary.timeframe} bars of ${ctx.symbol}; trend and momentum cannot be read`,
        ),
      };
    }
    const votes: Vote[] = [
      {
        factor: `Close ${show(close)} is ${close >= ema50 ? 'above' : 'below'} EMA50 ${show(ema50)} (${show(Math.abs(n('closeVsEma50Atr') ?? 0))} ATR)`,
        fact: 'closeVsEma50Atr',
        direction: sign(close - ema50),
        weight: 1,
      },
    ];
    if (ema20 !== undefined)
      votes.push({
        factor: `EMA20 ${show(ema20)} is ${ema20 >= ema50 ? 'above' : 'below'} EMA50`,
        fact: 'ema20',
        direction: sign(ema20 - ema50),
        weight: 1,
      });
    if (ema200 !== undefined)
      votes.push({
        factor: `EMA50 is ${ema50 >= ema200 ? 'above' : 'below'} EMA200 ${show(ema200)}`,
        fact: 'ema200',
        direction: sign(ema50 - ema200),
        weight: 1,
      });
    const hVs = n('higherCloseVsEma50Atr');
    if (hVs !== undefined)
      votes.push({
        factor: `On ${String(f['higherTimeframe'])} the close is ${show(Math.abs(hVs))} ATR ${hVs >= 0 ? 'above' : 'below'} EMA50`,
        fact: 'higherCloseVsEma50Atr',
        direction: sign(hVs),
        weight: 1.5,
      });
    const pdi = n('plusDi');
    const mdi = n('minusDi');
    if (adx !== undefined && pdi !== undefined && mdi !== undefined) {
      votes.push(
        adx >= 20
          ? {
              // One trend label across the report: the regime's trend state says range or trend; ADX
              // only says how strong the directional movement is, so it does not call a trend itself.
              factor: `ADX ${show(adx)}: strong directional movement, +DI ${show(pdi)} vs -DI ${show(mdi)}${f['trendState'] === 'range' ? ', though the trend model reads a range' : ''}`,
              fact: 'adx14',
              direction: sign(pdi - mdi),
              weight: adx >= 25 ? 1.5 : 1,
            }
          : {
              factor: `ADX ${show(adx)} is below 20: little trend strength`,
              fact: 'adx14',
              direction: 0,
              weight: 0.5,
            },
      );
    }
    if (macdHist !== undefined)
      votes.push({
        factor: `MACD histogram ${show(macdHist, 4)} is ${macdHist >= 0 ? 'positive' : 'negative'}`,
        fact: 'macdHist',
        direction: sign(macdHist),
        weight: 1,
      });
    votes.push({
      factor: `RSI14 ${show(rsi)} ${rsi > 55 ? 'shows upward momentum' : rsi < 45 ? 'shows downward momentum' : 'is neutral'}`,
      fact: 'rsi14',
      direction: rsi > 55 ? 1 : rsi < 45 ? -1 : 0,
      weight: 1,
    });
    if (rsi > 75 || rsi < 25)
      votes.push({
        factor: `RSI14 ${show(rsi)} is stretched ${rsi > 75 ? 'up' : 'down'}`,
        fact: 'rsi14',
        direction: rsi > 75 ? -1 : 1,
        weight: 0.5,
      });
    const above = n('levelAboveEntryAtr');
    const below = n('levelBelowEntryAtr');
    if (intent.side === 'long' && above !== undefined && above <= LEVEL_NEAR_ATR) {
      votes.push({
        factor: `A level at ${show(n('levelAboveEntry') ?? 0)} sits ${show(above)} ATR above the entry`,
        fact: 'levelAboveEntryAtr',
        direction: -1,
        weight: 1,
        plan: true,
      });
    }
    if (intent.side === 'short' && below !== undefined && below <= LEVEL_NEAR_ATR) {
      votes.push({
        factor: `A level at ${show(n('levelBelowEntry') ?? 0)} sits ${show(below)} ATR below the entry`,
        fact: 'levelBelowEntryAtr',
        direction: 1,
        weight: 1,
        plan: true,
      });
    }
    const expected = [ema200, adx, macdHist, hVs];
    const coverage =
      (0.6 + (0.4 * expected.filter((v) => v !== undefined).length) / expected.length) *
      (f['volState'] === 'high' ? 0.9 : 1);
    const decision = decide(votes, coverage);
    const vol = `Volatility is ${String(f['volState'])}${f['atrPct'] !== undefined ? ` (ATR ${show(n('atrPct') ?? 0)}% of price)` : ''}.`;
    const reasoning = `${ctx.symbol} ${ctx.primary.timeframe}: trend ${String(f['trendState'])}; ${tally(votes)}. ${vol} ${stance(decision.recommendation, intent)}`;
    return {
      facts: f,
      recommendation: AgentRecommendationSchema.parse({
        recommendation: decision.recommendation,
        confidence: decision.confidence,
        reasoning,
        key_factors: keyFactors(votes, f, decision, chunks),
      }),
    };
  },
};
