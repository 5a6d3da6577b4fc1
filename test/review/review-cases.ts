/**
 * Hand-built trades over real daily bars, each with the MAE/MFE read off the bars by hand and
 * the grades a coach would give. Steps are chat messages sent at a given UTC time (15:00 is
 * mid-session in New York), so the fills carry the dates of the bars.
 */
export interface ReviewCase {
  name: string;
  symbol: string;
  steps: [at: string, text: string][];
  expected: {
    processGrade: string;
    outcomeGrade: string;
    verdict: string;
    codes: string[];
    barsHeld: number;
    /** Price excursions from the average entry, and the same in R. */
    mae: number;
    mfe: number;
    maeR: number;
    mfeR: number;
    realisedR: number;
    bestExit: number;
  };
}

const t = (day: string) => `${day}T15:00:00Z`;

/** AAPL, autumn 2017 (../shared/data/market/daily/AAPL.csv). */
export const AAPL_CASES: ReviewCase[] = [
  {
    name: 'a long run to its target',
    symbol: 'AAPL',
    steps: [
      [t('2017-10-02'), '/trade open AAPL long 100 @ 154 stop 150 target 162'],
      [t('2017-10-27'), '/trade close AAPL @ 162'],
    ],
    // Lowest low 152.46 (4 Oct), highest high 163.6 (27 Oct); risk 4 a share.
    expected: {
      processGrade: 'A',
      outcomeGrade: 'A',
      verdict: 'good win',
      codes: ['entry-as-planned', 'size-as-planned', 'exit-at-target'],
      barsHeld: 20,
      mae: -1.54,
      mfe: 9.6,
      maeR: -0.385,
      mfeR: 2.4,
      realisedR: 2,
      bestExit: 163.6,
    },
  },
  {
    name: 'a long stopped out the next day',
    symbol: 'AAPL',
    steps: [
      [t('2017-09-19'), '/trade open AAPL long 100 @ 159.5 stop 156 target 166'],
      [t('2017-09-20'), '/trade close AAPL @ 156'],
    ],
    // 20 Sep traded down to 153.83 after the stop: the whole-day bar makes MAE an upper bound.
    expected: {
      processGrade: 'A',
      outcomeGrade: 'D',
      verdict: 'good loss',
      codes: ['exit-at-stop'],
      barsHeld: 2,
      mae: -5.67,
      mfe: 0.27,
      maeR: -1.62,
      mfeR: 0.0771,
      realisedR: -1,
      bestExit: 159.77,
    },
  },
  {
    name: 'a long whose stop was widened, averaged down and closed in profit',
    symbol: 'AAPL',
    steps: [
      [t('2017-09-18'), '/trade open AAPL long 100 @ 158.5 stop 157 target 162'],
      [t('2017-09-20'), '/trade stop AAPL 150'],
      [t('2017-09-22'), '/trade add AAPL 100 @ 152'],
      [t('2017-10-17'), '/trade close AAPL @ 160'],
    ],
    // Average entry 155.25; low 149.16 (25 Sep), high 160.87 (17 Oct). 1R from the fills (issue 14):
    // 100 x (158.5 - 157) + 100 x |152 - 157| = 650, 3.25 a share (was the plan's 1.5 x 200 = 300), so
    // the 950 profit is 1.46R and the outcome a B.
    expected: {
      processGrade: 'F',
      outcomeGrade: 'B',
      verdict: 'bad win',
      codes: ['stop-widened', 'held-through-stop', 'oversized', 'added-to-loser', 'early-exit'],
      barsHeld: 22,
      mae: -6.09,
      mfe: 5.62,
      maeR: -1.8738,
      mfeR: 1.7292,
      realisedR: 1.4615,
      bestExit: 160.87,
    },
  },
  {
    name: 'a short whose stop was removed and overrun',
    symbol: 'AAPL',
    steps: [
      [t('2017-10-25'), '/trade open AAPL short 100 @ 156.5 stop 158 target 153'],
      [t('2017-10-26'), '/trade stop AAPL none'],
      [t('2017-10-30'), '/trade close AAPL @ 166'],
    ],
    // Highest high 168.07 (30 Oct), lowest low 155.27 (25 Oct); risk 1.5 a share.
    expected: {
      processGrade: 'F',
      outcomeGrade: 'F',
      verdict: 'bad loss',
      codes: ['stop-removed', 'stop-overrun'],
      barsHeld: 4,
      mae: -11.57,
      mfe: 1.23,
      maeR: -7.7133,
      mfeR: 0.82,
      realisedR: -6.3333,
      bestExit: 155.27,
    },
  },
  {
    name: 'a long whose trailed stop was gapped through',
    symbol: 'AAPL',
    steps: [
      [t('2017-10-11'), '/trade open AAPL long 100 @ 156 stop 154 target 164'],
      [t('2017-10-17'), '/trade stop AAPL 158.5'],
      [t('2017-10-19'), '/trade close AAPL @ 156.75'],
    ],
    // Low 155.02 (19 Oct), high 160.87 (17 Oct); kept 0.375R of 2.435R on offer.
    expected: {
      processGrade: 'A',
      outcomeGrade: 'C',
      verdict: 'good win',
      codes: ['stop-trailed', 'exit-at-trailed-stop'],
      barsHeld: 7,
      mae: -0.98,
      mfe: 4.87,
      maeR: -0.49,
      mfeR: 2.435,
      realisedR: 0.375,
      bestExit: 160.87,
    },
  },
];

/** TCHA from the synthetic demo universe (always loaded), spring 2019. Prices as generated, so checked to 2 decimals. */
export const DEMO_CASES: ReviewCase[] = [
  {
    name: 'a demo long run to its target',
    symbol: 'TCHA',
    steps: [
      [t('2019-03-12'), '/trade open TCHA long 20 @ 392 stop 384 target 408'],
      [t('2019-03-26'), '/trade close TCHA @ 408'],
    ],
    expected: {
      processGrade: 'A',
      outcomeGrade: 'A',
      verdict: 'good win',
      codes: ['exit-at-target'],
      barsHeld: 11,
      mae: -3.28,
      mfe: 19.57,
      maeR: -0.41,
      mfeR: 2.446,
      realisedR: 2,
      bestExit: 411.57,
    },
  },
  {
    name: 'a demo short stopped out',
    symbol: 'TCHA',
    steps: [
      [t('2019-03-21'), '/trade open TCHA short 20 @ 402 stop 406 target 390'],
      [t('2019-03-26'), '/trade close TCHA @ 406'],
    ],
    expected: {
      processGrade: 'A',
      outcomeGrade: 'D',
      verdict: 'good loss',
      codes: ['exit-at-stop'],
      barsHeld: 4,
      mae: -9.57,
      mfe: 9.34,
      maeR: -2.39,
      mfeR: 2.335,
      realisedR: -1,
      bestExit: 392.66,
    },
  },
  {
    name: 'a demo long without its stop, averaged down',
    symbol: 'TCHA',
    steps: [
      [t('2019-03-06'), '/trade open TCHA long 20 @ 394 stop 388 target 405'],
      [t('2019-03-07'), '/trade stop TCHA none'],
      [t('2019-03-08'), '/trade add TCHA 40 @ 376'],
      [t('2019-03-19'), '/trade close TCHA @ 402'],
    ],
    expected: {
      processGrade: 'F',
      outcomeGrade: 'A',
      verdict: 'bad win',
      codes: ['stop-removed', 'held-through-stop', 'oversized', 'added-to-loser', 'target-touched-not-taken'],
      barsHeld: 10,
      mae: -8.32,
      mfe: 23.04,
      // 1R from the fills (issue 14): 20 x |394 - 388| + 40 x |376 - 388| = 600, 10 a share.
      maeR: -0.832,
      mfeR: 2.304,
      realisedR: 2,
      bestExit: 405.04,
    },
  },
];
