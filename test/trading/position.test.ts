import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import {
  classifyFill,
  foldFills,
  openPosition,
  tradeMetrics,
  unrealizedPnl,
  type Fill,
  type TradeSide,
} from '../../src/trading/index.js';

const T0 = Date.UTC(2024, 2, 8, 14, 30);
/** "b100@185" = buy 100 at 185; "s50@190/1.5" = sell 50 at 190 with a 1.5 fee. */
function fills(spec: string): Fill[] {
  return spec.split(' ').map((word, i) => {
    const m = /^([bs])([\d.]+)@([\d.]+)(?:\/([\d.]+))?$/.exec(word);
    if (!m) throw new Error(`bad fill spec ${word}`);
    return {
      ts: T0 + i * 60_000,
      side: m[1] === 'b' ? 'buy' : 'sell',
      qty: Number(m[2]),
      price: Number(m[3]),
      fee: m[4] ? Number(m[4]) : 0,
    };
  });
}

describe('position math', () => {
  it.each<
    [
      string,
      TradeSide,
      string,
      number | undefined,
      {
        avgEntry: number;
        avgExit?: number;
        qty: number;
        openQty: number;
        pnl: number;
        r?: number;
        outcome?: string;
      },
    ]
  >([
    [
      'a long closed in one fill',
      'long',
      'b100@185 s100@192',
      180,
      { avgEntry: 185, avgExit: 192, qty: 100, openQty: 0, pnl: 700, r: 1.4, outcome: 'win' },
    ],
    [
      'a long stopped out',
      'long',
      'b100@185 s100@180',
      180,
      { avgEntry: 185, avgExit: 180, qty: 100, openQty: 0, pnl: -500, r: -1, outcome: 'loss' },
    ],
    [
      'a short closed lower',
      'short',
      's200@50 b200@46',
      52,
      { avgEntry: 50, avgExit: 46, qty: 200, openQty: 0, pnl: 800, r: 2, outcome: 'win' },
    ],
    [
      'a short squeezed past its stop',
      'short',
      's100@50 b100@53',
      52,
      { avgEntry: 50, avgExit: 53, qty: 100, openQty: 0, pnl: -300, r: -1.5, outcome: 'loss' },
    ],
    [
      'a long scaled in, then closed',
      'long',
      'b100@185 b50@182 s150@190',
      180,
      { avgEntry: 184, avgExit: 190, qty: 150, openQty: 0, pnl: 900, r: 1.5, outcome: 'win' },
    ],
    [
      'a long closed in two parts',
      'long',
      'b100@185 s50@190 s50@192',
      180,
      { avgEntry: 185, avgExit: 191, qty: 100, openQty: 0, pnl: 600, r: 1.2, outcome: 'win' },
    ],
    [
      'a partial close that leaves some open',
      'long',
      'b100@185 s40@190',
      180,
      { avgEntry: 185, avgExit: 190, qty: 100, openQty: 60, pnl: 200, r: 0.4 },
    ],
    [
      'fees on every fill',
      'long',
      'b100@185/1 s100@192/1.5',
      180,
      { avgEntry: 185, avgExit: 192, qty: 100, openQty: 0, pnl: 697.5, r: 1.395, outcome: 'win' },
    ],
    [
      'a scratch within a tenth of R',
      'long',
      'b100@185 s100@185.2/1',
      180,
      { avgEntry: 185, avgExit: 185.2, qty: 100, openQty: 0, pnl: 19, r: 0.038, outcome: 'breakeven' },
    ],
    [
      'no stop: no R',
      'long',
      'b10@100 s10@90',
      undefined,
      { avgEntry: 100, avgExit: 90, qty: 10, openQty: 0, pnl: -100, outcome: 'loss' },
    ],
    [
      'scale in, partial out, add again, close',
      'short',
      's100@20 s100@22 b100@19 s50@21 b150@18',
      23,
      { avgEntry: 21, avgExit: 18.4, qty: 200, openQty: 0, pnl: 650, r: 650 / 500, outcome: 'win' },
    ],
  ])('when %s, then entry, exit, P&L and R are right', (_name, side, spec, stop, want) => {
    const state = foldFills(side, fills(spec), stop);
    const m = tradeMetrics(state, { stop });
    expect(m.avgEntry).toBeCloseTo(want.avgEntry, 9);
    if (want.avgExit !== undefined) expect(m.avgExit).toBeCloseTo(want.avgExit, 9);
    expect(m.qty).toBe(want.qty);
    expect(m.openQty).toBeCloseTo(want.openQty, 9);
    expect(m.pnl).toBeCloseTo(want.pnl, 9);
    if (want.r === undefined) expect(m.pnlR).toBeUndefined();
    else expect(m.pnlR).toBeCloseTo(want.r, 9);
    expect(m.outcome).toBe(want.outcome);
    expect(m.status).toBe(want.openQty === 0 ? 'closed' : 'open');
  });

  // Since issue 14, 1R comes from the trade's own fills (trade-math), never from a planned entry.
  it('when the plan names an entry, then 1R still comes from the fills and slippage is a cost in money', () => {
    const state = foldFills('long', fills('b100@186 s100@195'), 180);
    const m = tradeMetrics(state, { entry: 185, stop: 180 });
    expect(m.riskPerShare).toBe(6);
    expect(m.pnlR).toBeCloseTo(900 / 600, 9);
    expect(m.slippageEst).toBeCloseTo(100, 9);
  });

  it('when a short is scaled in, then the peak risk to the stop uses the average price', () => {
    const state = foldFills('short', fills('s100@50 s100@51'), 53);
    expect(state.avgPrice).toBe(50.5);
    expect(state.peakRisk).toBeCloseTo(200 * 2.5, 9);
  });

  it('when the worst exit is tracked, then it is the lowest sell of a long and the highest buy of a short', () => {
    expect(foldFills('long', fills('b100@10 s50@9 s50@11'), 9.5).worstExit).toBe(9);
    expect(foldFills('short', fills('s100@10 b50@10.5 b50@9'), 11).worstExit).toBe(10.5);
  });

  it('when an open long is marked, then the open P&L is (mark - avg) x open qty', () => {
    const state = foldFills('long', fills('b100@185 b100@175 s50@190'));
    expect(unrealizedPnl(state, 182)).toBeCloseTo((182 - 180) * 150, 9);
  });

  it.each<[string, string, string, string]>([
    ['an entry-side fill', 'long', 'b100@10', 'b5@10'],
    ['an exit smaller than the position', 'long', 'b100@10', 's5@10'],
    ['an exit equal to the position', 'short', 's100@10', 'b100@10'],
    ['an exit larger than the position', 'long', 'b100@10', 's150@10'],
  ])('when classifying %s, then the kind is right', (_name, side, spec, next) => {
    const state = foldFills(side as TradeSide, fills(spec));
    const [fill] = fills(next);
    if (!fill) throw new Error('no fill');
    const want = { b5: 'add', s5: 'reduce', b100: 'close', s150: 'flip' }[next.split('@')[0] ?? ''];
    expect(classifyFill(state, fill)).toBe(want);
  });

  it.each<[string, () => unknown, string]>([
    ['more than is open', () => foldFills('long', fills('b100@10 s101@11')), 'trade-overclose'],
    [
      'a negative quantity',
      () => openPosition('long', { ts: T0, side: 'buy', qty: -5, price: 10 }),
      'trade-qty',
    ],
    ['a zero price', () => openPosition('long', { ts: T0, side: 'buy', qty: 5, price: 0 }), 'trade-price'],
    [
      'a negative fee',
      () => foldFills('long', [{ ts: T0, side: 'buy', qty: 5, price: 10, fee: -1 }]),
      'trade-fee',
    ],
    ['a first fill on the wrong side', () => foldFills('short', fills('b10@10')), 'trade-fill-side'],
  ])('when the fills hold %s, then a user error says so', (_name, build, code) => {
    try {
      build();
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(isAppError(error) && error.category === 'user' && error.code).toBe(code);
    }
  });

  it('when random round trips are folded, then P&L equals sells minus buys minus fees', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            qty: fc.integer({ min: 1, max: 500 }),
            entry: fc.integer({ min: 100, max: 100_000 }),
            exit: fc.integer({ min: 100, max: 100_000 }),
            fee: fc.integer({ min: 0, max: 500 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.boolean(),
        (legs, long) => {
          // Every leg enters first, then the legs exit in the same sizes: a flat book at the end.
          const side: TradeSide = long ? 'long' : 'short';
          const inSide = long ? 'buy' : 'sell';
          const outSide = long ? 'sell' : 'buy';
          const all: Fill[] = [
            ...legs.map(
              (l, i) =>
                ({ ts: T0 + i, side: inSide, qty: l.qty, price: l.entry / 100, fee: l.fee / 100 }) as const,
            ),
            ...legs.map(
              (l, i) =>
                ({ ts: T0 + 100 + i, side: outSide, qty: l.qty, price: l.exit / 100, fee: 0 }) as const,
            ),
          ];
          const m = tradeMetrics(foldFills(side, all), {});
          const cash = all.reduce((s, f) => s + (f.side === 'sell' ? 1 : -1) * f.qty * f.price, 0);
          const fees = all.reduce((s, f) => s + (f.fee ?? 0), 0);
          expect(m.status).toBe('closed');
          expect(m.pnl).toBeCloseTo(cash - fees, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});
