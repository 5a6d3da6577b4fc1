import { BRAINSTORM_MODE, REVIEW_MODE } from '../../../src/bot/brainstorm/index.js';
import { r2, type Dialogue } from './harness.js';

/** From a vague idea to a full plan: one slot at a time, several at once, and every unit of measure. */
export const SHAPING: Dialogue[] = [
  {
    name: 'a vague idea is talked into an evaluated, journaled plan',
    turns: [
      {
        say: 'thinking about TCHA',
        asks: 'side',
        slots: { symbol: 'TCHA' },
        reply: /Long or short TCHA\? TCHA last closed at 600\.6/,
        mode: BRAINSTORM_MODE,
      },
      {
        say: 'long, in at market',
        asks: 'stop',
        slots: { side: 'long', entry: 600.6, entryAtMarket: true },
        reply: /ATR\(14\) is 43\.56: a 1\.5 ATR stop would be 535\.26; the nearest support below is/,
      },
      {
        say: 'ok',
        asks: 'target',
        slots: (f) => ({
          stop: r2(600.6 - 1.5 * (f('TCHA').atr ?? 0), 600.6),
          stopOffset: { unit: 'atr', value: 1.5 },
        }),
        title: /^Draft ready: long TCHA$/,
      },
      {
        say: '3R',
        asks: 'size',
        slots: (f) => ({
          targets: [r2(600.6 + 3 * (600.6 - r2(600.6 - 1.5 * (f('TCHA').atr ?? 0), 600.6)), 600.6)],
        }),
        reply: /target 796\.6\d? \(3R\)/,
      },
      {
        say: 'risk half a percent',
        asks: 'thesis',
        slots: { size: { kind: 'risk-pct', value: 0.5 } },
        reply: /risk 0\.5% \(250, 3 shares\)/,
      },
      {
        say: 'breakout from a 3-week base',
        asks: 'horizon',
        slots: { thesis: 'breakout from a 3-week base' },
      },
      { say: 'swing', asks: null, slots: { horizon: 'swing' }, reply: /Everything is in/ },
      {
        say: 'evaluate',
        title: /^Buddy Report: long TCHA$/,
        mode: REVIEW_MODE,
        slots: { status: 'evaluated' },
        check: ({ reply }) => {
          if (!reply.buttons.some((b) => b.label === 'Save chat to journal' && b.value.startsWith('draft:')))
            throw new Error('no Save chat button on the report');
        },
      },
      {
        say: 'save',
        title: /^Saved to your journal$/,
        mode: 'idle',
        slots: { status: 'saved' },
        check: async ({ app, userId, draft }) => {
          const [entry] = await app.services.trading.journal.list(userId, 1);
          if (
            !entry ||
            entry.kind !== 'conversation' ||
            entry.evalId !== draft?.evalId ||
            entry.journalId !== draft?.journalId
          )
            throw new Error(`journal entry not linked: ${JSON.stringify(entry)}`);
          if (!entry.noteText.includes('me: thinking about TCHA') || !entry.noteText.includes('Evaluation: '))
            throw new Error(entry.noteText);
        },
      },
    ],
  },
  {
    name: 'several slots arrive in one message',
    turns: [
      {
        say: '/brainstorm TCHA long swing, in at 590 with a stop under 560',
        asks: 'target',
        slots: { symbol: 'TCHA', side: 'long', horizon: 'swing', entry: 590, stop: 560 },
        reply: /Got it: long TCHA, entry 590, stop 560 \(0\.69 ATR\), swing\./,
      },
      { say: 'targets 620 and 650', asks: 'size', slots: { targets: [620, 650] } },
    ],
  },
  {
    name: 'an idea without an entry goes to brainstorm, which suggests the last close',
    turns: [
      {
        say: 'long TCHA',
        asks: 'entry',
        mode: BRAINSTORM_MODE,
        reply:
          /Where do you get in\? TCHA last closed at 600\.6 on 2020-04-17; nearest support .* Say a price, or "ok" for the last close/,
      },
      { say: 'ok', asks: 'stop', slots: { entry: 600.6 }, empty: ['entryAtMarket'] },
    ],
  },
  {
    name: 'a stop as a percentage below the entry',
    turns: [
      { say: 'short SPX', asks: 'entry' },
      { say: '2870', asks: 'stop', slots: { entry: 2870 } },
      {
        say: 'stop 2% above',
        asks: 'target',
        slots: { stop: 2927.4, stopOffset: { unit: 'pct', value: 2 } },
      },
    ],
  },
  {
    name: 'a stop in dollars from the entry',
    turns: [
      { say: '/brainstorm thinking about going long FINA at 26', asks: 'stop' },
      {
        say: 'stop $1.50 below',
        asks: 'target',
        slots: { stop: 24.5, stopOffset: { unit: 'points', value: 1.5 } },
      },
    ],
  },
  {
    name: 'a stop in spelled-out ATR and a target as a ratio',
    turns: [
      { say: '/brainstorm long TCHA 580', asks: 'stop' },
      {
        say: 'one and a half ATR stop',
        asks: 'target',
        slots: (f) => ({ stop: r2(580 - 1.5 * (f('TCHA').atr ?? 0), 580) }),
      },
      {
        say: 'target 2.5 to 1',
        asks: 'size',
        slots: (f) => ({
          targets: [r2(580 + 2.5 * (580 - r2(580 - 1.5 * (f('TCHA').atr ?? 0), 580)), 580)],
          targetOffset: { unit: 'r', value: 2.5 },
        }),
      },
    ],
  },
  {
    name: 'a target in R before the stop exists waits for the stop',
    turns: [
      {
        say: 'long SPX 2800 target 3R',
        asks: 'stop',
        slots: { targetOffset: { unit: 'r', value: 3 } },
        empty: ['targets'],
        reply: /The 3R target needs the stop/,
      },
      { say: '2700', asks: 'size', slots: { stop: 2700, targets: [3100] }, reply: /Got it: stop 2700/ },
    ],
  },
  {
    name: 'the support the buddy named is taken by name',
    turns: [
      {
        say: '/brainstorm long TCHA at 600',
        asks: 'stop',
        reply: /"support" for (\d+(\.\d+)?) \(just under it\)/,
      },
      {
        say: 'use the support',
        asks: 'target',
        check: ({ draft }) => {
          if (draft?.stop === undefined || draft.stop >= 600 || draft.stopOffset)
            throw new Error(`stop not at the support: ${JSON.stringify(draft)}`);
        },
      },
    ],
  },
  {
    name: 'the risk question is answered with a bare number, read as percent and said so',
    turns: [
      { say: 'long FINA 26 stop 24.9 target 3R', asks: 'size', title: /Draft ready: long FINA/ },
      {
        say: '0.5',
        asks: 'thesis',
        slots: { size: { kind: 'risk-pct', value: 0.5 } },
        reply: /I read "risk 0\.5" as 0\.5% of equity/,
      },
    ],
  },
  {
    name: 'size in shares, in dollars and as a dollar risk',
    turns: [
      { say: '/brainstorm short TCHA 600 stop 640 target 520', asks: 'size' },
      {
        say: '100 shares',
        asks: 'thesis',
        slots: { size: { kind: 'shares', value: 100 } },
        reply: /100 shares \(≈ 60,000\)/,
      },
      {
        say: 'risk $200',
        slots: { size: { kind: 'risk-amount', value: 200 } },
        reply: /risk 200 \(5 shares\)/,
      },
      {
        say: 'size $5k',
        slots: { size: { kind: 'notional', value: 5000 } },
        reply: /5,000 position \(≈ 8 shares\)/,
      },
    ],
  },
  {
    name: '"size 2k" on an index is read as shares, with the notional shown so it can be corrected',
    turns: [
      { say: '/brainstorm long SPX 2850 stop 2750', asks: 'target' },
      {
        say: 'size 2k',
        slots: { size: { kind: 'shares', value: 2000 } },
        reply:
          /I read that as 2,000 shares ≈ 5,700,000, 11,400% of your 50,000 equity\. If you meant dollars, say "size \$2k"/,
      },
      {
        say: 'size $2k',
        slots: { size: { kind: 'notional', value: 2000 } },
        reply: /Changed 2,000 shares .* → 2,000 position/,
      },
    ],
  },
  {
    name: 'a holding period in weeks becomes a time stop',
    turns: [
      {
        say: '/brainstorm long CONA 90 stop 85 target 100 risk 1% because rotation into retail',
        asks: 'horizon',
        slots: { thesis: 'rotation into retail' },
      },
      { say: '3 weeks', asks: null, slots: { timeStopBars: 15 } },
    ],
  },
  {
    name: 'a weekly timeframe changes the ATR the suggestion uses',
    turns: [
      { say: 'long TCHA weekly', asks: 'entry', slots: { timeframe: '1w' } },
      {
        say: '600',
        asks: 'stop',
        reply: /ATR\(14\) is (\d+\.\d\d)/,
        check: ({ reply }) => {
          const atr = Number(/ATR\(14\) is (\d+\.\d\d)/.exec(reply.text ?? '')?.[1]);
          if (!(atr > 60)) throw new Error(`weekly ATR should exceed the daily 43.56, got ${atr}`);
        },
      },
    ],
  },
  {
    name: 'a timeframe without data is refused and the daily kept',
    turns: [
      { say: '/brainstorm long SPX 2850 stop 2750 target 3050', asks: 'size' },
      {
        say: 'on the 4h',
        slots: { stop: 2750 },
        empty: ['timeframe'],
        reply: /There are no 4h bars for SPX .* I kept 1d\./,
      },
    ],
  },
];
