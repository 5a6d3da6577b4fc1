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

const WIN_RATE = /\b(?:win[- ]?rate|hit rate|how often|break[- ]?even)\b/i;
const RATIO = /\b(\d+(?:\.\d+)?)\s*(?::|to)\s*(\d+(?:\.\d+)?)\b/;
const R_MULTIPLE = /\b(\d+(?:\.\d+)?)\s*r\b/i;
const DRAWDOWN =
  /(\d+(?:\.\d+)?)\s*%\s*(?:draw\s*-?down|loss|drop|down)\b|\b(?:down|lost)\s*(\d+(?:\.\d+)?)\s*%/i;
const RECOVER = /\b(?:recover|get back|back to|make (?:it )?back|break even|gain)\b/i;

/** Reward per unit of risk from "2:1", "1:3" or "3R"; undefined when it cannot be told. */
function rewardMultiple(question: string): number | undefined {
  const ratio = RATIO.exec(question);
  if (ratio) {
    const [a, b] = [Number(ratio[1]), Number(ratio[2])];
    // Either order is written ("2:1 reward to risk", "1:2 risk reward"): one side is the unit.
    if (a > 0 && b > 0 && (a === 1 || b === 1)) return Math.max(a, b) / Math.min(a, b);
    return undefined;
  }
  const r = R_MULTIPLE.exec(question);
  return r ? Number(r[1]) : undefined;
}

/** "What win rate do I need at 2:1?": 1 / (1 + R), before costs. */
function breakevenWinRate(question: string): WorkedNumber | undefined {
  if (!WIN_RATE.test(question)) return undefined;
  const reward = rewardMultiple(question);
  if (reward === undefined || reward <= 0 || reward > 100) return undefined;
  const rate = 100 / (1 + reward);
  return {
    kind: 'breakeven-win-rate',
    steps: [`break-even win rate = 1 / (1 + ${fmt(reward)}) = ${fmt(rate)}% (before costs)`],
    result: `a win rate above ${fmt(rate)}% to come out ahead at ${fmt(reward)}R`,
    numbers: [reward, rate, 1 + reward],
  };
}

/** "How much to recover from a 30% drawdown?": d / (100 − d). */
function drawdownRecovery(question: string): WorkedNumber | undefined {
  const match = DRAWDOWN.exec(question);
  if (!match || !RECOVER.test(question)) return undefined;
  const loss = Number(match[1] ?? match[2]);
  if (!(loss > 0 && loss < 100)) return undefined;
  const gain = (loss / (100 - loss)) * 100;
  return {
    kind: 'drawdown-recovery',
    steps: [`gain needed = ${fmt(loss)} / (100 − ${fmt(loss)}) = ${fmt(gain)}%`],
    result: `a ${fmt(gain)}% gain to get back to where you started`,
    numbers: [loss, 100 - loss, gain],
  };
}

/**
 * Fixed-fractional position size from the numbers in the question ("1% risk on a 50k account
 * with a $2 stop" → 500 / 2 = 250 shares), worked out by our own arithmetic (the evaluators'
 * whole-share rounding), never read from a document; otherwise the break-even win rate of a
 * reward:risk ("2:1" → 33.33%) or the gain that recovers a drawdown ("30%" → 42.86%).
 * Undefined when the question carries none of these.
 */
export function workedNumber(question: string): WorkedNumber | undefined {
  const inputs = sizingInputs(question);
  if (!inputs) return breakevenWinRate(question) ?? drawdownRecovery(question);
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
