import { readFileSync } from 'node:fs';
import { ATR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv, spxCsvPath } from '../../src/market/data/index.js';
import {
  atrAtEntry,
  barsToLoad,
  planOf,
  reviewFills,
  reviewInputOf,
  timeStopFrom,
  type TradeFacts,
} from '../../src/review/index.js';

const DAY = 86_400_000;
const spx = parseOhlcvCsv(readFileSync(spxCsvPath(), 'utf8'), { symbol: 'SPX' }).bySymbol.get('SPX') ?? [];
const trade: TradeFacts = {
  symbol: 'SPX',
  side: 'long',
  plannedEntry: null,
  plannedStop: 2790,
  plannedTarget: 3050,
  plannedRisk: 500,
  linkedIntentId: null,
};

describe('review input from a stored trade', () => {
  it.each<[string, TradeFacts, Parameters<typeof planOf>[1], object | undefined]>([
    [
      'levels given at open, no intent',
      trade,
      undefined,
      { entry: 2870, stop: 2790, targets: [3050], plannedRiskAmount: 500, timeframe: '1d' },
    ],
    [
      'a linked intent with its own entry and targets',
      { ...trade, plannedEntry: 2860, plannedTarget: null },
      { timeframe: '4h', targets: [2950, 3050] },
      { entry: 2860, stop: 2790, targets: [2950, 3050], timeframe: '4h' },
    ],
    ['nothing but a price', { ...trade, plannedStop: null, plannedTarget: null }, undefined, undefined],
  ])('when the trade has %s, then the plan is what the trader said', (_name, facts, intent, expected) => {
    const plan = planOf(facts, intent, 2870, undefined);
    if (expected === undefined) expect(plan).toBeUndefined();
    else expect(plan).toMatchObject(expected);
  });

  it('when fills are read back, then buys are positive, sells negative and fees kept', () => {
    expect(
      reviewFills([
        { ts: new Date(5), side: 'sell', qty: 10, price: 50, fee: 1 },
        { ts: new Date(6), side: 'buy', qty: 10, price: 48, fee: 1 },
      ]),
    ).toEqual([
      { ts: 5, qty: -10, price: 50, fees: 1 },
      { ts: 6, qty: 10, price: 48, fees: 1 },
    ]);
  });

  it.each([
    [{ intent: { symbol: 'SPX', timeStopBars: 12 } }, 12],
    [{ intent: { symbol: 'SPX' } }, undefined],
    [{ nothing: true }, undefined],
    [null, undefined],
  ])('when the evaluation summary is %j, then the time stop is %s', (summary, expected) => {
    expect(timeStopFrom(summary)).toBe(expected);
  });

  it('when the entry is mid-session, then ATR at entry comes from the bars closed before it (not the entry bar), matching ATR(14) on the real SPX series', () => {
    const entryIndex = spx.findIndex((b) => b.ts >= Date.UTC(2018, 1, 5));
    const entryBar = spx[entryIndex];
    if (!entryBar) throw new Error('no SPX bar on 2018-02-05');
    const openTs = entryBar.ts + 15 * 3_600_000;
    const atr = new ATR(14);
    let reference: number | undefined;
    for (const bar of spx.slice(0, entryIndex)) reference = Number(atr.add(bar) ?? Number.NaN);
    // 120 bars of Wilder smoothing converge on the full-history ATR within a fraction of a percent.
    const fromWindow = atrAtEntry(spx.slice(entryIndex - 119, entryIndex + 1), '1d', openTs);
    expect(fromWindow).toBeDefined();
    expect(Math.abs((fromWindow ?? 0) / (reference ?? 1) - 1)).toBeLessThan(0.005);
    // Including the entry day's own (wide) bar would give a different, look-ahead number.
    expect(
      atrAtEntry(spx.slice(entryIndex - 119, entryIndex + 1), '1d', entryBar.ts + DAY + 1),
    ).not.toBeCloseTo(fromWindow ?? 0, 3);
  });

  it.each([
    ['too few bars', 10, 15 * 3_600_000],
    ['bars that ended weeks before the entry', 120, 30 * DAY],
  ])('when there are %s, then there is no ATR at entry', (_name, count, after) => {
    const window = spx.slice(1000, 1000 + count);
    const last = window[window.length - 1];
    expect(atrAtEntry(window, '1d', (last?.ts ?? 0) + after)).toBeUndefined();
  });

  it('when a daily trade is held three weeks, then enough bars are loaded to cover it and its edges', () => {
    expect(barsToLoad('1d', Date.UTC(2020, 0, 2, 15), Date.UTC(2020, 0, 23, 15))).toBe(24);
    expect(barsToLoad('1h', 0, 10 * 3_600_000)).toBe(13);
  });

  it('when a plan names a time stop on another timeframe than the bars, then the time stop is dropped rather than mis-counted', () => {
    const input = reviewInputOf({
      trade,
      fills: [
        { ts: Date.UTC(2019, 0, 3, 15), qty: 1, price: 2450 },
        { ts: Date.UTC(2019, 0, 10, 15), qty: -1, price: 2590 },
      ],
      intent: { timeframe: '4h', targets: [3050] },
      timeStopBars: 6,
      warnings: [],
      stopChanges: [],
      timeframe: '1d',
      bars: spx,
      barsBeforeEntry: spx,
    });
    expect(input.plan?.timeStopBars).toBeUndefined();
    expect(input.plan?.timeframe).toBe('1d');
  });
});
