import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/market/data/index.js';
import type { Bar } from '../../src/market/types.js';
import { reviewTrade, type ReviewInput } from '../../src/review/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);
/** Daily bars from [low, high] pairs; open/close mid-range. */
const bars = (ranges: [number, number][]): Bar[] =>
  ranges.map(([low, high], i) => ({
    ts: T0 + i * DAY,
    open: (low + high) / 2,
    high,
    low,
    close: (low + high) / 2,
    volume: 1000,
  }));
const at = (day: number, hour = 15) => T0 + day * DAY + hour * 3_600_000;
const plan = { entry: 100, stop: 95, targets: [110], plannedRiskAmount: 500, timeframe: '1d' };
const path = bars([
  [98, 102],
  [96, 104],
  [97, 108],
  [103, 111],
  [105, 109],
]);

const trade = (over: Partial<ReviewInput>): ReviewInput => ({
  symbol: 'TEST',
  side: 'long',
  plan,
  bars: path,
  atrAtEntry: 4,
  fills: [
    { ts: at(0), qty: 100, price: 100 },
    { ts: at(3), qty: -100, price: 110 },
  ],
  ...over,
});

describe('post-trade review', () => {
  it.each([
    [
      'a plan followed to the target',
      trade({}),
      {
        processGrade: 'A',
        outcomeGrade: 'A',
        verdict: 'good win',
        codes: ['entry-as-planned', 'size-as-planned', 'exit-at-target'],
      },
    ],
    [
      'a loss taken at the stop',
      trade({
        bars: bars([
          [98, 102],
          [94, 100],
        ]),
        fills: [
          { ts: at(0), qty: 100, price: 100 },
          { ts: at(1), qty: -100, price: 95 },
        ],
      }),
      { processGrade: 'A', outcomeGrade: 'D', verdict: 'good loss', codes: ['exit-at-stop'] },
    ],
    [
      'a win after holding through the stop and adding to the loser',
      trade({
        bars: bars([
          [98, 102],
          [93, 99],
          [92, 98],
          [97, 108],
          [105, 112],
        ]),
        fills: [
          { ts: at(0), qty: 100, price: 100 },
          { ts: at(2), qty: 100, price: 94 },
          { ts: at(4), qty: -200, price: 110 },
        ],
      }),
      {
        processGrade: 'F',
        outcomeGrade: 'A',
        verdict: 'bad win',
        codes: ['held-through-stop', 'oversized', 'added-to-loser'],
      },
    ],
    [
      'a chased entry and an overrun stop',
      trade({
        bars: bars([
          [99, 104],
          [90, 103],
        ]),
        fills: [
          { ts: at(0), qty: 100, price: 103 },
          { ts: at(1), qty: -100, price: 91 },
        ],
      }),
      {
        processGrade: 'F',
        outcomeGrade: 'F',
        verdict: 'bad loss',
        codes: ['entry-chased', 'stop-overrun', 'oversized'],
      },
    ],
  ])('when %s, then the grades and findings say so', (_name, input, expected) => {
    const review = reviewTrade(input);
    expect(review.processGrade).toBe(expected.processGrade);
    expect(review.outcomeGrade).toBe(expected.outcomeGrade);
    expect(review.verdict).toBe(expected.verdict);
    expect(review.findings.map((f) => f.code)).toEqual(expect.arrayContaining(expected.codes));
  });

  it('when the trade ran to the target, then MAE and MFE are measured in price, R and ATR', () => {
    const review = reviewTrade(trade({}));
    // Held bars 0..3: lowest low 96, highest high 111; entry 100, risk 5 a share, ATR 4.
    expect(review.excursions).toMatchObject({
      maePrice: -4,
      mfePrice: 11,
      maeR: -0.8,
      mfeR: 2.2,
      maeAtr: -1,
      mfeAtr: 2.75,
      bestExitPrice: 111,
      barsHeld: 4,
    });
    expect(review.realisedR).toBeCloseTo(2, 6);
    expect(review.excursions.capturedPct).toBeCloseTo((2 / 2.2) * 100, 6);
  });

  it('when a short is reviewed, then excursions mirror the long', () => {
    const mirrored = bars(path.map((b) => [200 - b.high, 200 - b.low] as [number, number]));
    const review = reviewTrade(
      trade({
        side: 'short',
        bars: mirrored,
        plan: { ...plan, entry: 100, stop: 105, targets: [90] },
        fills: [
          { ts: at(0), qty: -100, price: 100 },
          { ts: at(3), qty: 100, price: 90 },
        ],
      }),
    );
    expect(review.excursions).toMatchObject({ maePrice: -4, mfePrice: 11, mfeR: 2.2 });
    expect(review.processGrade).toBe('A');
  });

  it('when the time stop passed, then holding on is named with the bar count', () => {
    const review = reviewTrade(
      trade({
        plan: { ...plan, timeStopBars: 2 },
        fills: [
          { ts: at(0), qty: 100, price: 100 },
          { ts: at(4), qty: -100, price: 107 },
        ],
      }),
    );
    const finding = review.findings.find((f) => f.code === 'time-stop-ignored');
    expect(finding?.evidence).toEqual({ barsHeld: 5, timeStopBars: 2 });
  });

  it('when warnings were raised before the trade, then the review says whether they came true', () => {
    const review = reviewTrade(
      trade({
        bars: bars([
          [98, 102],
          [94, 100],
        ]),
        fills: [
          { ts: at(0), qty: 100, price: 100 },
          { ts: at(1), qty: -100, price: 95 },
        ],
        warnings: [
          { code: 'stop-inside-noise', message: 'stop 0.4 ATR' },
          { code: 'gap-risk', message: '...' },
        ],
      }),
    );
    expect(review.warnings.map((w) => [w.code, w.cameTrue])).toEqual([
      ['stop-inside-noise', true],
      ['gap-risk', null],
    ]);
  });

  it('when there is no plan, then adherence is not graded above C', () => {
    const review = reviewTrade(trade({ plan: undefined }));
    expect(review.realisedR).toBeNull();
    expect(review.processGrade).toBe('C');
    expect(review.findings[0]?.code).toBe('no-plan');
  });

  it('when the trade is still open, then it refuses with the open quantity', () => {
    expect(() =>
      reviewTrade(
        trade({
          fills: [
            { ts: at(0), qty: 100, price: 100 },
            { ts: at(1), qty: -40, price: 104 },
          ],
        }),
      ),
    ).toThrow(/still open \(60 shares\)/);
  });

  it('property: MAE <= 0 <= MFE in R for any path and exit', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 80, max: 120, noNaN: true }),
            fc.double({ min: 0, max: 10, noNaN: true }),
          ),
          { minLength: 2, maxLength: 30 },
        ),
        fc.double({ min: 85, max: 115, noNaN: true }),
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        (raw, exit, side) => {
          const series = bars(raw.map(([low, width]) => [low, low + width]));
          const last = series.length - 1;
          const review = reviewTrade({
            symbol: 'P',
            side,
            bars: series,
            atrAtEntry: 3,
            plan: {
              entry: 100,
              stop: side === 'long' ? 95 : 105,
              targets: [side === 'long' ? 110 : 90],
              timeframe: '1d',
            },
            fills: [
              { ts: at(0), qty: side === 'long' ? 10 : -10, price: 100 },
              { ts: at(last), qty: side === 'long' ? -10 : 10, price: exit },
            ],
          });
          expect(review.excursions.maeR ?? 0).toBeLessThanOrEqual(0);
          expect(review.excursions.mfeR ?? 0).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: the process grade does not depend on the P&L (stop-out and target exit of the same plan grade alike)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 500, noNaN: true }),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (entry, stopPct, rr, qty, chase) => {
          const stop = entry * (1 - stopPct);
          const target = entry + (entry - stop) * rr;
          const filled = chase ? entry + (entry - stop) * 0.5 : entry;
          const common = {
            symbol: 'P',
            side: 'long' as const,
            atrAtEntry: entry * 0.02,
            plan: { entry, stop, targets: [target], timeframe: '1d' },
          };
          const win = reviewTrade({
            ...common,
            bars: bars([
              [stop * 1.01, filled * 1.001],
              [filled, target * 1.001],
            ]),
            fills: [
              { ts: at(0), qty, price: filled },
              { ts: at(1), qty: -qty, price: target },
            ],
          });
          const loss = reviewTrade({
            ...common,
            bars: bars([
              [stop * 1.01, filled * 1.001],
              [stop, filled],
            ]),
            fills: [
              { ts: at(0), qty, price: filled },
              { ts: at(1), qty: -qty, price: stop },
            ],
          });
          expect(win.processGrade).toBe(loss.processGrade);
          expect(win.outcomeGrade <= loss.outcomeGrade).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const SHARED = join(process.cwd(), '..', 'shared', 'data', 'market', 'daily', 'AAPL.csv');
describe.skipIf(!existsSync(SHARED))('post-trade review on real AAPL bars', () => {
  it('when a 2017 swing long is reviewed, then MAE/MFE match the lows and highs of the holding days', () => {
    const series = parseOhlcvCsv(readFileSync(SHARED, 'utf8')).bySymbol.get('AAPL') ?? [];
    const open = Date.UTC(2017, 9, 2, 15);
    const close = Date.UTC(2017, 9, 27, 15);
    const held = series.filter((b) => b.ts >= Date.UTC(2017, 9, 2) && b.ts <= close);
    const review = reviewTrade({
      symbol: 'AAPL',
      side: 'long',
      bars: series,
      atrAtEntry: 2.2,
      plan: { entry: 154, stop: 150, targets: [162], plannedRiskAmount: 400, timeframe: '1d' },
      fills: [
        { ts: open, qty: 100, price: 154 },
        { ts: close, qty: -100, price: 162 },
      ],
    });
    const minLow = Math.min(...held.map((b) => b.low));
    const maxHigh = Math.max(...held.map((b) => b.high));
    expect(review.excursions.barsHeld).toBe(held.length);
    expect(review.excursions.maePrice).toBeCloseTo(Math.min(0, minLow - 154), 6);
    expect(review.excursions.mfePrice).toBeCloseTo(maxHigh - 154, 6);
    expect(review.realisedR).toBeCloseTo(2, 6);
  });
});

describe('an exit through a gap', () => {
  // Held overnight above the stop 95; the next bar opens at 92, below it, and the trader sells at the open.
  const gapBars: Bar[] = [
    { ts: T0, open: 100, high: 102, low: 98, close: 99, volume: 1000 },
    { ts: T0 + DAY, open: 97, high: 99, low: 96, close: 98, volume: 1000 },
    { ts: T0 + 2 * DAY, open: 92, high: 93, low: 90, close: 91, volume: 1000 },
  ];
  const exitAt = (price: number) =>
    reviewTrade(
      trade({
        bars: gapBars,
        fills: [
          { ts: at(0), qty: 100, price: 100 },
          { ts: at(2), qty: -100, price },
        ],
      }),
    );

  it('when the market gaps through the stop and the exit is at the open, then it is not called a late exit', () => {
    const review = exitAt(92);
    const codes = review.findings.map((f) => f.code);
    expect(codes).not.toContain('stop-overrun');
    expect(review.findings.find((f) => f.code === 'exit-at-stop')?.followedPlan ?? true).toBe(true);
  });

  it('when the exit after the gap is well below the open, then the stop did not hold', () => {
    const review = exitAt(90.5);
    expect(review.findings.map((f) => f.code)).toContain('stop-overrun');
  });
});
