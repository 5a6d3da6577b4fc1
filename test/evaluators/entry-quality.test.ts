import { describe, expect, it } from 'vitest';
import { entryQuality, runLength } from '../../src/evaluators/entry-quality.js';
import type { ContextPack } from '../../src/market/context/index.js';
import { intentOf, mirrored, type IntentPatch } from '../helpers/context.js';
import { flatThen, levelsOf, packOf, swingLevel } from './market-fixtures.js';

// Packs built on flat bars at 100 with a range of 2: ATR 2, EMA20 = EMA50 = 100, RSI pinned to 50.
const underRangeHigh = packOf({
  levels: levelsOf({ rollingRange: { lookback: 20, high: 100.6, low: 98.6 } }),
});
const farAbove = packOf({
  levels: levelsOf({
    priorBar: { ts: 0, high: 95.6, low: 95, close: 95.5 },
    anchoredVwaps: [{ anchor: 'period-start', anchorTs: 0, price: 94, period: 'month' }],
  }),
});
const stretched = packOf({ latest: { ema20: 96, ema50: 94, rsi14: 72 } });
const veryStretched = packOf({ latest: { ema20: 93, ema50: 92 } });
const hotRsi = packOf({ latest: { ema20: 98.5, rsi14: 75 } });
// Six closes up by 0.5 from 100 to 103; ATR pinned at 2 so the run is 1.5 ATR.
const run = packOf({
  bars: flatThen(
    [0, 1, 2, 3, 4, 5].map((i) => ({
      open: 100 + 0.5 * i,
      high: 101 + 0.5 * i,
      low: 99.5 + 0.5 * i,
      close: 100.5 + 0.5 * i,
    })),
  ),
  latest: { atr14: 2, ema20: 101.5, ema50: 100.5 },
});
// Opens 2.5 above the prior close of 100: a 1.25 ATR gap.
const gap = packOf({
  bars: flatThen([{ open: 102.5, high: 103.5, low: 102, close: 103 }]),
  latest: { atr14: 2, ema20: 101, ema50: 100.5 },
});
// One 5-point up bar: 2.5 ATR.
const wide = packOf({
  bars: flatThen([{ open: 99.5, high: 104, low: 99, close: 103.5 }]),
  latest: { atr14: 2, ema20: 101.5, ema50: 101 },
});

type Case = [string, IntentPatch, ContextPack, string, string, Record<string, unknown>, string];

const CASES: Case[] = [
  [
    'a long 0.3 ATR under the 20-bar high',
    { stop: 96, targets: [104] },
    underRangeHigh,
    'entry-into-level',
    'medium',
    { level: 100.6, levelName: '20-bar high', roomAtr: 0.3 },
    'Enter on a 1d close above 100.6 and a retest of it, or a limit at 98.6, the 20-bar low, cuts the risk per share by 35%.',
  ],
  [
    'the same long with its target short of the level',
    { stop: 96, targets: [100.4] },
    underRangeHigh,
    'entry-into-level',
    'low',
    { roomAtr: 0.3 },
    'retest',
  ],
  [
    'a long 2.2 ATR above its nearest support',
    { stop: 92, targets: [110] },
    farAbove,
    'entry-far-from-level',
    'low',
    { level: 95.6, levelName: 'prior-day high', distanceAtr: 2.2, vwap: 94, vwapDistanceAtr: 3 },
    'A limit at 95.6, the prior-day high, cuts the risk per share by 55%.',
  ],
  [
    'a long 2 ATR above the 20-EMA, RSI 72',
    { stop: 95, targets: [110] },
    stretched,
    'entry-extended',
    'medium',
    { ema20: 96, ema50: 94, extensionAtr20: 2, extensionAtr50: 3, rsi14: 72 },
    'A limit at 96, the 20-EMA, cuts the risk per share by 80%.',
  ],
  [
    'a long 3.5 ATR above the 20-EMA, which is below the stop',
    { stop: 95, targets: [110] },
    veryStretched,
    'entry-extended',
    'high',
    { extensionAtr20: 3.5, extensionAtr50: 4 },
    'The 20-EMA (93) is beyond your stop, so waiting for a pullback there is a new plan with a new stop; for this entry, half size (50 shares) keeps a stretched entry small.',
  ],
  [
    'a long 0.75 ATR above the 20-EMA with RSI 75',
    { stop: 97, targets: [106] },
    hotRsi,
    'entry-extended',
    'medium',
    { extensionAtr20: 0.75, rsi14: 75 },
    'A limit at 98.5, the 20-EMA, cuts the risk per share by 50%.',
  ],
  [
    'a long after six higher closes',
    { entry: 103, stop: 100, targets: [109] },
    run,
    'entry-after-run',
    'low',
    { runBars: 6, fromClose: 100, lastClose: 103, runAtr: 1.5 },
    'Wait for the first down close, or a limit at 101.5, the 20-EMA, cuts the risk per share by 50%.',
  ],
  [
    'a long after a 1.25 ATR gap up',
    { entry: 103, stop: 98, targets: [113] },
    gap,
    'entry-after-gap',
    'medium',
    { prevClose: 100, open: 102.5, gapAtr: 1.25 },
    "Let the gap settle: a limit at the gap's edge 100, which cuts the risk per share by 60%",
  ],
  [
    'a long after a 2.5 ATR bar',
    { entry: 103.5, stop: 99, targets: [112.5] },
    wide,
    'entry-after-wide-bar',
    'low',
    { barHigh: 104, barLow: 99, barRangeAtr: 2.5 },
    "A limit near the bar's midpoint 101.5, which cuts the risk per share by 44%.",
  ],
];

const evaluate = (patch: IntentPatch, ctx: ContextPack) =>
  entryQuality.evaluate(intentOf(patch), ctx, entryQuality.defaults);

describe('entry-quality evaluator', () => {
  it.each(CASES)(
    'when %s, then it raises the issue with its numbers and mitigation (%#)',
    (_what, patch, ctx, code, severity, evidence, mitigation) => {
      const issue = evaluate(patch, ctx).issues.find((i) => i.code === code);
      expect(issue, `no ${code}`).toBeDefined();
      expect(issue?.severity).toBe(severity);
      expect(issue?.evidence).toMatchObject(evidence);
      expect(issue?.mitigation).toContain(mitigation);
    },
  );

  it('when a clean long enters at flat support with room above, then there are no issues', () => {
    const ctx = packOf({
      levels: levelsOf({ supportResistance: [swingLevel(99, 3, 70), swingLevel(104, 2, 65)] }),
    });
    const result = evaluate({ stop: 97, targets: [103] }, ctx);
    expect(result.issues).toEqual([]);
    expect(result.score).toBe(100);
    expect(result.explainFacts).toMatchObject({
      atr14: 2,
      extensionAtr20: 0,
      runBars: 0,
      gapAtr: 0,
      barRangeAtr: 1,
      nearestSupport: 99,
      nearestResistance: 104,
      roomAtr: 2,
    });
  });

  it.each([
    ['a weak pivot', levelsOf({ pivots: { p: 99, r1: 100.3, r2: 101, r3: 102, s1: 98, s2: 97, s3: 96 } })],
    [
      'the prior-day high (a daily chart redraws it every bar)',
      levelsOf({ priorBar: { ts: 0, high: 100.3, low: 98, close: 99 } }),
    ],
  ])('when only %s sits right above the entry, then no level is in the way', (_what, levels) => {
    expect(
      evaluate({ stop: 97, targets: [106] }, packOf({ levels })).issues.map((i) => i.code),
    ).not.toContain('entry-into-level');
  });

  it.each([
    ['20-bar high above a long', underRangeHigh, { stop: 96, targets: [104] }],
    ['2 ATR stretch above the 20-EMA', stretched, { stop: 95, targets: [110] }],
  ] as const)(
    'when the %s case is mirrored into a short, then the short sees the same thing from the other side',
    (_what, ctx, patch) => {
      const long = evaluate(patch, ctx);
      const flip = (p: number) => 200 - p;
      const mirrorPack = packOf({
        levels: ctx.levels.rollingRange
          ? levelsOf({
              rollingRange: {
                lookback: 20,
                high: flip(ctx.levels.rollingRange.low),
                low: flip(ctx.levels.rollingRange.high),
              },
            })
          : levelsOf(),
        latest: {
          ...ctx.primary.latest,
          ema20: flip(ctx.primary.latest.ema20 ?? 100),
          ema50: flip(ctx.primary.latest.ema50 ?? 100),
          rsi14: 100 - (ctx.primary.latest.rsi14 ?? 50),
        },
      });
      const short = entryQuality.evaluate(mirrored(intentOf(patch)), mirrorPack, entryQuality.defaults);
      expect(short.issues.map((i) => [i.code, i.severity])).toEqual(
        long.issues.map((i) => [i.code, i.severity]),
      );
    },
  );

  it.each([
    [[100, 101, 102, 103], 1, 3],
    [[100, 101, 102, 103], -1, 0],
    [[103, 102, 101, 102], -1, 0],
    [[103, 102, 101, 100], -1, 3],
    [[100, 100, 101], 1, 1],
  ] as const)('when closes are %j, then the run in direction %i is %i bars', (closes, sign, expected) => {
    const bars = closes.map((close, i) => ({
      ts: i,
      open: close,
      high: close,
      low: close,
      close,
      volume: 1,
    }));
    expect(runLength(bars, sign)).toBe(expected);
  });
});
