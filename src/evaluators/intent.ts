import { z } from 'zod';
import { refineStorable } from '../db/index.js';
import { TIMEFRAMES } from '../market/types.js';
import { amountProblem, checkedNumber, priceProblem, SIZE_RULES } from './intent-bounds.js';

const price = checkedNumber(priceProblem);
const sizeValue = (kind: keyof typeof SIZE_RULES) =>
  checkedNumber((value) => amountProblem(value, SIZE_RULES[kind]));

export const SizeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shares'), value: sizeValue('shares') }),
  z.object({ kind: z.literal('notional'), value: sizeValue('notional') }),
  z.object({ kind: z.literal('risk-pct'), value: sizeValue('risk-pct') }),
  z.object({ kind: z.literal('risk-amount'), value: sizeValue('risk-amount') }),
]);
export type PositionSize = z.infer<typeof SizeSchema>;

export const HOLDING_HORIZONS = ['intraday', 'swing', 'position'] as const;
export type HoldingHorizon = (typeof HOLDING_HORIZONS)[number];

/**
 * A trader's idea, as typed in chat or posted to the API. Stop and target may be missing (the
 * exit-plan check then says so); when present they must sit on the right side of the entry.
 */
export const TradeIntentSchema = z
  .object({
    symbol: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9.^=-]{1,15}$/, 'must be a ticker symbol like AAPL or SPX'),
    side: z.enum(['long', 'short']),
    timeframe: z.enum(TIMEFRAMES).default('1d'),
    entry: price,
    stop: price.optional(),
    targets: z.array(price).max(5, 'at most 5 targets').default([]),
    size: SizeSchema.optional(),
    orderType: z.enum(['market', 'limit', 'stop']).default('limit'),
    holdingHorizon: z.enum(HOLDING_HORIZONS).optional(),
    timeStopBars: z
      .number()
      .int('a time stop is a whole number of bars')
      .positive('a time stop must be at least 1 bar')
      .max(1000, 'a time stop over 1000 bars is no time stop')
      .optional(),
    thesis: z
      .string()
      .superRefine(refineStorable)
      .trim()
      .max(2000, 'keep the thesis under 2000 characters')
      .optional(),
  })
  .strict()
  .superRefine((intent, ctx) => {
    for (const problem of coherenceProblems(intent)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  });

export type TradeIntent = z.output<typeof TradeIntentSchema>;
export type TradeIntentInput = z.input<typeof TradeIntentSchema>;

/** Stops and targets on the wrong side of the entry, explained in the trader's terms. */
export function coherenceProblems(intent: {
  side: 'long' | 'short';
  entry: number;
  stop?: number | undefined;
  targets?: number[] | undefined;
}): { field: 'stop' | 'targets'; message: string }[] {
  const problems: { field: 'stop' | 'targets'; message: string }[] = [];
  const long = intent.side === 'long';
  if (intent.stop !== undefined) {
    if (intent.stop === intent.entry) {
      problems.push({
        field: 'stop',
        message: `the stop (${intent.stop}) equals the entry: there is no risk distance`,
      });
    } else if (long ? intent.stop > intent.entry : intent.stop < intent.entry) {
      problems.push({
        field: 'stop',
        message: `for a ${intent.side} the stop must be ${long ? 'below' : 'above'} the entry, but ${intent.stop} is ${long ? 'above' : 'below'} ${intent.entry}${long ? ' (did you mean short?)' : ' (did you mean long?)'}`,
      });
    }
  }
  for (const target of intent.targets ?? []) {
    if (long ? target <= intent.entry : target >= intent.entry) {
      problems.push({
        field: 'targets',
        message: `for a ${intent.side} a target must be ${long ? 'above' : 'below'} the entry, but ${target} is ${long ? 'at or below' : 'at or above'} ${intent.entry}`,
      });
    }
  }
  return problems;
}
