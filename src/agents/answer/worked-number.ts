import { fmt, wholeShares } from '../../evaluators/index.js';
import type { WorkedNumber } from './types.js';

const AMOUNT = String.raw`\$?\s?(\d[\d,]*(?:\.\d+)?)\s*([km])?\b`;
const PRICE = String.raw`\$?\s?(\d+(?:\.\d+)?)`;

const ACCOUNT_BEFORE = new RegExp(`${AMOUNT}\\s*(?:dollars?\\s+)?(?:account|acct|portfolio|equity)`, 'i');
const ACCOUNT_AFTER = new RegExp(
  `(?:account|acct|portfolio|equity)(?:\\s+(?:size|balance))?\\s*(?:of|is|=|:|at)?\\s*${AMOUNT}`,
  'i',
);
const RISK_PCT =
  /(?:risk(?:ing)?\s*(?:of\s*)?(\d+(?:\.\d+)?)\s*%)|(?:(\d+(?:\.\d+)?)\s*%\s*(?:risk|of\s+(?:my|the|an?)\s+account))/i;
const RISK_AMOUNT = new RegExp(
  `risk(?:ing)?\\s*(?:of\\s*)?\\$\\s?(\\d[\\d,]*(?:\\.\\d+)?)\\s*([km])?\\b`,
  'i',
);
const STOP_DISTANCE = new RegExp(
  `(?:\\$\\s?(\\d+(?:\\.\\d+)?)\\s*-?\\s*(?:wide\\s+)?stop)|(?:(\\d+(?:\\.\\d+)?)\\s*(?:dollars?|points?)\\s*(?:wide\\s+)?stop)|(?:stop\\s*(?:distance\\s*)?(?:of|is)\\s*\\$\\s?(\\d+(?:\\.\\d+)?))`,
  'i',
);
const ENTRY = new RegExp(
  `(?:entry|enter(?:ing)?|buy(?:ing)?\\s+at|in\\s+at)\\s*(?:of|at|is|=|:)?\\s*${PRICE}`,
  'i',
);
const STOP_PRICE = new RegExp(`stop(?:\\s*loss)?\\s*(?:at|of|is|=|:)?\\s*${PRICE}`, 'i');
const ABOUT_SIZE = /\b(shares?|position|size|sizing|how many|how big|how much)\b/i;

function amount(digits: string | undefined, suffix: string | undefined): number | undefined {
  if (digits === undefined) return undefined;
  const value = Number(digits.replace(/,/g, ''));
  const scale = suffix?.toLowerCase() === 'k' ? 1_000 : suffix?.toLowerCase() === 'm' ? 1_000_000 : 1;
  const scaled = value * scale;
  return Number.isFinite(scaled) && scaled > 0 ? scaled : undefined;
}

interface SizingInputs {
  budget: { amount: number; account?: number; pct?: number };
  perShare: { distance: number; entry?: number; stop?: number };
}

function sizingInputs(question: string): SizingInputs | undefined {
  if (!ABOUT_SIZE.test(question)) return undefined;
  const accountMatch = ACCOUNT_BEFORE.exec(question) ?? ACCOUNT_AFTER.exec(question);
  const account = amount(accountMatch?.[1], accountMatch?.[2]);
  const pctMatch = RISK_PCT.exec(question);
  const pct = pctMatch ? Number(pctMatch[1] ?? pctMatch[2]) : undefined;
  const riskMatch = RISK_AMOUNT.exec(question);
  const riskAmount = amount(riskMatch?.[1], riskMatch?.[2]);
  let budget: SizingInputs['budget'] | undefined;
  if (account !== undefined && pct !== undefined && pct > 0 && pct <= 100)
    budget = { amount: (account * pct) / 100, account, pct };
  else if (riskAmount !== undefined) budget = { amount: riskAmount };
  if (!budget) return undefined;

  const entry = amount(ENTRY.exec(question)?.[1], undefined);
  const stop = amount(STOP_PRICE.exec(question)?.[1], undefined);
  const distanceMatch = STOP_DISTANCE.exec(question);
  const distance = amount(distanceMatch?.[1] ?? distanceMatch?.[2] ?? distanceMatch?.[3], undefined);
  if (entry !== undefined && stop !== undefined && entry !== stop)
    return { budget, perShare: { distance: Math.abs(entry - stop), entry, stop } };
  if (distance !== undefined) return { budget, perShare: { distance } };
  return undefined;
}

/**
 * Fixed-fractional position size from the numbers in the question ("1% risk on a 50k account
 * with a $2 stop" → 500 / 2 = 250 shares), worked out by our own arithmetic (the evaluators'
 * whole-share rounding), never read from a document. Undefined when the question does not
 * carry a budget and a per-share risk.
 */
export function workedNumber(question: string): WorkedNumber | undefined {
  const inputs = sizingInputs(question);
  if (!inputs) return undefined;
  const { budget, perShare } = inputs;
  const shares = wholeShares(budget.amount / perShare.distance);
  const steps = [
    budget.account !== undefined && budget.pct !== undefined
      ? `risk budget = ${fmt(budget.account)} × ${fmt(budget.pct)}% = ${fmt(budget.amount)}`
      : `risk budget = ${fmt(budget.amount)}`,
    perShare.entry !== undefined && perShare.stop !== undefined
      ? `risk per share = |${fmt(perShare.entry)} − ${fmt(perShare.stop)}| = ${fmt(perShare.distance)}`
      : `risk per share = ${fmt(perShare.distance)}`,
    `shares = ${fmt(budget.amount)} / ${fmt(perShare.distance)} = ${fmt(shares, 0)} (rounded down)`,
  ];
  const numbers = [
    budget.amount,
    perShare.distance,
    shares,
    budget.account,
    budget.pct,
    perShare.entry,
    perShare.stop,
  ].filter((n): n is number => n !== undefined);
  return { kind: 'position-size', steps, result: `${fmt(shares, 0)} shares`, numbers };
}
