import { BRAINSTORM_MODE, REVIEW_MODE } from '../../../src/bot/brainstorm/index.js';
import { r2, type Dialogue } from './harness.js';

/** Corrections, ambiguity, nonsense and the ways in and out of brainstorm. */
export const CORRECTIONS: Dialogue[] = [
  {
    name: 'the stop is corrected in passing',
    turns: [
      { say: '/brainstorm long TCHA 590 stop 560', asks: 'target' },
      {
        say: 'actually make the stop 578',
        asks: 'target',
        slots: { stop: 578 },
        empty: ['stopOffset'],
        reply: /Changed stop 560 \(0\.69 ATR\) → 578 \(0\.28 ATR\)/,
      },
    ],
  },
  {
    name: '"no, short" leaves a price stop on the wrong side, so the stop is asked again',
    turns: [
      { say: '/brainstorm long TCHA 590 stop 560', asks: 'target' },
      {
        say: 'no, short',
        asks: 'stop',
        slots: { side: 'short', stop: 560 },
        reply:
          /For a short the stop must be above the entry, but 560 is below 590 \(did you mean long\?\)\. Where is your stop\? .* 1\.5 ATR stop would be 655\.34/,
      },
      { say: '640', asks: 'target', slots: { stop: 640 } },
    ],
  },
  {
    name: 'a side flip carries a relative stop and target to the other side',
    turns: [
      { say: 'long SPX 2800 stop 2% target 2R', asks: 'size', slots: { stop: 2744, targets: [2912] } },
      {
        say: 'flip it',
        slots: { side: 'short', stop: 2856, targets: [2688] },
        reply: /Changed long → short\. Moved with it: stop 2856 \(2%\), target 2688 \(2R\)/,
      },
    ],
  },
  {
    name: 'a new entry moves an ATR stop with it',
    turns: [
      {
        say: 'long TCHA stop 1.5 ATR',
        asks: 'entry',
        slots: { stopOffset: { unit: 'atr', value: 1.5 } },
        empty: ['stop'],
      },
      {
        say: '595',
        asks: 'target',
        slots: (f) => ({ entry: 595, stop: r2(595 - 1.5 * (f('TCHA').atr ?? 0), 595) }),
      },
      {
        say: 'entry 580',
        slots: (f) => ({ entry: 580, stop: r2(580 - 1.5 * (f('TCHA').atr ?? 0), 580) }),
        reply: /Changed entry 595 → 580\. Moved with it: stop/,
      },
    ],
  },
  {
    name: 'switching instrument clears the old prices',
    turns: [
      { say: '/brainstorm long SPX 2850 stop 2750', asks: 'target' },
      {
        say: 'actually TCHA',
        asks: 'entry',
        slots: { symbol: 'TCHA', side: 'long' },
        empty: ['entry', 'stop'],
        reply: /I cleared the SPX prices/,
      },
    ],
  },
  {
    name: 'a symbol without data is named and another asked for',
    turns: [
      {
        say: 'thinking about shorting BAC here',
        asks: 'symbol',
        slots: { symbol: 'BAC', side: 'short', entryAtMarket: true },
        reply: /I have no data for BAC.*Which instrument\? I have data for/,
        mode: BRAINSTORM_MODE,
      },
      { say: 'TCHA then', asks: 'stop', slots: (f) => ({ symbol: 'TCHA', entry: r2(f('TCHA').lastClose) }) },
    ],
  },
  {
    name: 'an unknown ticker in a later message does not replace a known one',
    turns: [
      { say: 'long TCHA', asks: 'entry' },
      {
        say: 'like NVDA did',
        asks: 'entry',
        slots: { symbol: 'TCHA' },
        reply: /I have no data for NVDA, so I kept TCHA/,
      },
    ],
  },
  {
    name: 'nonsense gets the same question again and changes nothing',
    turns: [
      { say: 'long TCHA 590', title: /^Buddy Report/ },
      { say: '/brainstorm long TCHA 590', asks: 'stop' },
      {
        say: 'asdf qwer zzz',
        asks: 'stop',
        slots: { entry: 590 },
        empty: ['stop'],
        reply: /I did not catch a trade detail in "asdf qwer zzz"\.\nWhere is your stop\?/,
      },
      { say: '🙂', asks: 'stop', reply: /I did not catch a trade detail/ },
    ],
  },
  {
    name: 'two unlabelled numbers: the first answers the question, the second is asked about',
    turns: [
      { say: 'short FINA', asks: 'entry' },
      {
        say: '26.5 28',
        asks: 'stop',
        slots: { entry: 26.5 },
        empty: ['stop'],
        reply: /I could not tell what 28 is: label it, e.g\. "stop 28"/,
      },
      { say: 'stop 28', asks: 'target', slots: { stop: 28 } },
    ],
  },
  {
    name: 'a required slot cannot be skipped, an optional one can',
    turns: [
      { say: '/brainstorm long HLTA 70', asks: 'stop' },
      { say: 'skip', asks: 'stop', reply: /The stop cannot be skipped/ },
      { say: 'stop 66', asks: 'target' },
      { say: 'skip', asks: 'size', slots: { skipped: ['target'] }, reply: /Skipped the target/ },
      { say: 'no idea', asks: 'thesis', slots: { skipped: ['target', 'size'] } },
    ],
  },
  {
    name: '"ok" with no suggestion on the table changes nothing',
    turns: [
      { say: 'thinking about NRGA', asks: 'side' },
      { say: 'ok', asks: 'side', empty: ['side'], reply: /There is no suggestion on the table to accept/ },
      { say: 'bearish', asks: 'entry', slots: { side: 'short' } },
    ],
  },
  {
    name: '"no target" removes it and does not ask again',
    turns: [
      { say: '/brainstorm long TCHA 590 stop 560 target 650', asks: 'size' },
      {
        say: 'no target',
        asks: 'size',
        empty: ['targets'],
        slots: { skipped: ['target'] },
        reply: /Removed the target/,
      },
    ],
  },
  {
    name: 'evaluate before the stop is set says what is missing',
    turns: [
      { say: 'long UTLA', asks: 'entry' },
      { say: '47', asks: 'stop' },
      {
        say: 'evaluate',
        asks: 'stop',
        mode: BRAINSTORM_MODE,
        reply: /Not ready to evaluate yet: still missing: stop/,
      },
    ],
  },
  {
    name: 'help inside brainstorm explains the moves and asks again',
    turns: [
      { say: 'long TCHB', asks: 'entry' },
      { say: 'help', asks: 'entry', reply: /"ok" takes my suggestion, "skip" passes an optional question/ },
    ],
  },
  {
    name: 'cancel pauses, other messages route as usual, resume picks up the same question',
    turns: [
      { say: 'long TCHC', asks: 'entry' },
      { say: 'cancel', mode: 'idle', title: /Brainstorm paused/, slots: { symbol: 'TCHC' } },
      { say: 'what is ATR?', title: /From the knowledge base/, mode: 'idle' },
      { say: 'resume', asks: 'entry', mode: BRAINSTORM_MODE, reply: /Back to your TCHC draft/ },
    ],
  },
  {
    name: '"start over" discards the draft',
    turns: [
      { say: 'long FINB', asks: 'entry' },
      {
        say: 'start over',
        mode: 'idle',
        title: /Draft discarded/,
        check: ({ draft }) => {
          if (draft) throw new Error('draft kept');
        },
      },
      { say: 'resume', title: /No draft to go back to/ },
    ],
  },
  {
    name: 'a complete idea still goes straight to evaluation',
    turns: [
      {
        say: 'long SPX 2870 stop 2790 target 3050',
        title: /^Buddy Report: long SPX$/,
        mode: 'idle',
        check: ({ draft }) => {
          if (draft) throw new Error('a draft was created');
        },
      },
    ],
  },
  {
    name: 'a complete idea with a stop on the wrong side keeps the precise evaluation answer',
    turns: [
      {
        say: 'long spx 2870 stop 2900 target 3000',
        title: /I need a bit more to evaluate this/,
        mode: 'idle',
      },
    ],
  },
  {
    name: 'the draft buttons evaluate and save, whatever the mode',
    turns: [
      { say: '/brainstorm short NRGB 30 stop 32 target 26 risk 0.5%', asks: 'thesis' },
      { press: { id: 'evaluate' }, title: /^Buddy Report: short NRGB$/, mode: REVIEW_MODE },
      {
        press: { id: 'save-journal' },
        title: /^Saved to your journal$/,
        mode: 'idle',
        reply: /and its evaluation \(\d+\/100\)/,
      },
      {
        press: { id: 'save-journal' },
        title: /^Saved to your journal$/,
        check: async ({ app, userId }) => {
          const entries = await app.services.trading.journal.list(userId, 10);
          if (entries.filter((e) => e.kind === 'conversation').length !== 1)
            throw new Error('a second Save stored a second entry');
        },
      },
    ],
  },
  {
    name: 'a button of a discarded draft is refused',
    turns: [
      { say: 'long CONB', asks: 'entry' },
      { press: { id: 'evaluate', value: 'draft:deadbeef' }, title: /That draft is gone/ },
    ],
  },
  {
    name: 'Edit on a report reopens the idea as a draft and re-evaluates the change',
    turns: [
      { say: 'long TCHA 590 stop 560 target 650', title: /^Buddy Report/ },
      {
        press: { id: 'edit', value: 'button' },
        mode: BRAINSTORM_MODE,
        asks: null,
        slots: { symbol: 'TCHA', entry: 590, stop: 560, targets: [650] },
        reply: /Editing long TCHA\. What would you like to change\?/,
      },
      { say: 'stop 1 ATR below', slots: (f) => ({ stop: r2(590 - (f('TCHA').atr ?? 0), 590) }), asks: null },
      { say: 'evaluate', title: /^Buddy Report: long TCHA$/, mode: REVIEW_MODE },
      { say: 'edit', mode: BRAINSTORM_MODE, reply: /What would you like to change/ },
    ],
  },
  {
    name: 'Edit on a report from a draft reopens that same draft with its conversation',
    turns: [
      { say: '/brainstorm short TCHB 20 stop 21.5', asks: 'target' },
      { say: 'evaluate', title: /^Buddy Report: short TCHB$/, mode: REVIEW_MODE },
      {
        press: { id: 'edit', value: 'button' },
        mode: BRAINSTORM_MODE,
        slots: { status: 'open', symbol: 'TCHB', stop: 21.5 },
        reply: /What would you like to change/,
        check: ({ draft }) => {
          if (draft?.transcript[0]?.text !== '/brainstorm short TCHB 20 stop 21.5')
            throw new Error(`the conversation was lost: ${JSON.stringify(draft?.transcript[0])}`);
        },
      },
    ],
  },
  {
    name: 'after an evaluation, a new complete idea leaves the review and is evaluated',
    turns: [
      { say: '/brainstorm long HLTB 38 stop 36 target 42', asks: 'size' },
      { say: 'evaluate', mode: REVIEW_MODE },
      { say: 'short FINA 27 stop 28 target 25', title: /^Buddy Report: short FINA$/, mode: 'idle' },
    ],
  },
];
