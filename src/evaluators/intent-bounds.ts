import { z } from 'zod';

/**
 * The numbers a real market can have, so that a typo or a probe (`entry 1e300`, `1e309`,
 * a negative size) is refused with what was wrong and what is accepted, not stored.
 *
 * - Prices from 0.00000001 (one satoshi: the smallest quoted crypto prices; OTC stocks trade
 *   at 0.0001) to 10,000,000 (over ten times Berkshire Hathaway A, the highest-priced share,
 *   and over fifty times any index level or bitcoin price so far).
 * - Share or contract counts up to 1,000,000,000: more than any listed stock trades in a day
 *   except a handful, far beyond an order one trader places; fractions are allowed.
 * - Notional sizes up to 10,000,000,000 and risk amounts up to 1,000,000,000 in account
 *   currency: block-trade scale, well past a personal or prop account.
 * - Risk as a percent of equity above 0 and at most 100.
 */
export const INTENT_LIMITS = {
  price: { min: 0.000_000_01, max: 10_000_000 },
  shares: { max: 1_000_000_000 },
  notional: { max: 10_000_000_000 },
  riskAmount: { max: 1_000_000_000 },
  riskPct: { max: 100 },
} as const;

const show = (n: number) =>
  Math.abs(n) >= 1e15 ? n.toExponential() : n.toLocaleString('en-US', { maximumFractionDigits: 8 });

const PRICE_RANGE = `prices from ${show(INTENT_LIMITS.price.min)} to ${show(INTENT_LIMITS.price.max)} are accepted`;

/** What is wrong with `value` as a price, or undefined when it is a price a market can have. */
export function priceProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return `must be a finite number; ${PRICE_RANGE}`;
  if (value <= 0) return `must be a positive price; ${PRICE_RANGE}`;
  if (value < INTENT_LIMITS.price.min) return `${value} is below the smallest price; ${PRICE_RANGE}`;
  if (value > INTENT_LIMITS.price.max) return `${show(value)} is above the largest price; ${PRICE_RANGE}`;
  return undefined;
}

/** A size above 0 and up to `max`, with the trader-facing words for each way it can be wrong. */
export interface AmountRule {
  max: number;
  /** e.g. "share counts above 0 and up to 1,000,000,000 are accepted". */
  range: string;
  notPositive: string;
  tooLarge?: string;
}

export function amountProblem(value: number, rule: AmountRule): string | undefined {
  if (!Number.isFinite(value)) return `must be a finite number; ${rule.range}`;
  if (value <= 0) return `${rule.notPositive}; ${rule.range}`;
  if (value > rule.max) return `${rule.tooLarge ?? `${show(value)} is too large`}; ${rule.range}`;
  return undefined;
}

/** The size rules of SizeSchema, by kind. */
export const SIZE_RULES = {
  shares: {
    max: INTENT_LIMITS.shares.max,
    range: `share counts above 0 and up to ${show(INTENT_LIMITS.shares.max)} are accepted`,
    notPositive: 'a share count must be positive',
  },
  notional: {
    max: INTENT_LIMITS.notional.max,
    range: `notional sizes above 0 and up to ${show(INTENT_LIMITS.notional.max)} are accepted`,
    notPositive: 'a notional size must be positive',
  },
  'risk-pct': {
    max: INTENT_LIMITS.riskPct.max,
    range: 'a risk above 0% and up to 100% of equity is accepted',
    notPositive: 'a risk of 0% is no trade',
    tooLarge: 'risk per trade cannot exceed 100% of equity',
  },
  'risk-amount': {
    max: INTENT_LIMITS.riskAmount.max,
    range: `risk amounts above 0 and up to ${show(INTENT_LIMITS.riskAmount.max)} are accepted`,
    notPositive: 'a risk amount must be positive',
  },
} as const satisfies Record<string, AmountRule>;

/**
 * A zod number checked by `problem`. Infinity and NaN (JSON's 1e309 parses to Infinity) get the
 * same specific message instead of zod's generic type error.
 */
export function checkedNumber(problem: (value: number) => string | undefined) {
  return z
    .number({
      error: (issue) =>
        typeof issue.input === 'number'
          ? (problem(issue.input) ?? 'must be a finite number')
          : 'must be a number',
    })
    .superRefine((value, ctx) => {
      const found = problem(value);
      if (found) ctx.addIssue({ code: 'custom', message: found });
    });
}
