/**
 * Fundamental agent: valuation, growth, profitability and balance sheet from the fundamentals
 * stored on `tickers` (imported with `buddy fundamentals import`, or demo values).
 *
 * Rule mode (weights in brackets; +1 leans BUY, -1 SELL, 0 neutral):
 * - Valuation [1.5]: PEG (P/E over EPS growth %, both positive) below 1 up, above 2 down; without
 *   a PEG, P/E below 12 up, above 35 down, negative (losses) down.
 * - Expected earnings [1]: forward P/E under 0.9 x trailing up (earnings seen rising), over
 *   1.1 x down.
 * - Growth [1]: EPS growth above 10% up, below 0% down.
 * - Profitability [1]: net margin above 15% up, below 5% down.
 * - Leverage [1]: debt/equity below 0.5 up, above 2 down; skipped for Financials, whose
 *   balance sheets are leveraged by design.
 * - Dividend [0.5]: a yield above 8% votes down (a yield that high often prices in a cut).
 * Decision and confidence: rules/votes.ts `decide`. Coverage is the share of the six inputs
 * present, halved when the numbers are over 550 days older than the bar date or dated after it.
 * Abstains for anything but an equity (an index has no company fundamentals), when nothing is
 * on record, or when fewer than three of the six inputs are.
 */
import { DEMO_FUNDAMENTALS_SOURCE } from '../market/fundamentals/types.js';
import { abstain, AgentRecommendationSchema } from './schema.js';
import { factSet, num, show } from './rules/facts.js';
import { decide, keyFactors, stance, tally, withBackground, type Vote } from './rules/votes.js';
import type { Agent, AgentInput } from './types.js';

const DAY_MS = 86_400_000;
const STALE_DAYS = 550;
const INPUTS = [
  'peRatio',
  'forwardPe',
  'epsGrowthPct',
  'profitMarginPct',
  'debtToEquity',
  'dividendYieldPct',
] as const;

function facts(input: AgentInput) {
  const { put, facts } = factSet();
  const fu = input.fundamentals;
  if (!fu) return facts;
  for (const name of INPUTS) put(name, fu[name]);
  if (fu.marketCap !== null) put('marketCapBn', fu.marketCap / 1e9);
  if (fu.peRatio !== null && fu.epsGrowthPct !== null && fu.peRatio > 0 && fu.epsGrowthPct > 0)
    put('peg', fu.peRatio / fu.epsGrowthPct);
  put('sector', fu.sector);
  put('fundamentalsAsOf', fu.asOf);
  put('fundamentalsSource', fu.source);
  if (fu.asOf)
    put('fundamentalsAgeDays', Math.round((input.ctx.asOf - Date.parse(`${fu.asOf}T00:00:00Z`)) / DAY_MS), 0);
  return facts;
}

function valuationVote(f: ReturnType<typeof facts>): Vote | undefined {
  const peg = num(f, 'peg');
  const pe = num(f, 'peRatio');
  if (peg !== undefined) {
    const d = peg < 1 ? 1 : peg > 2 ? -1 : 0;
    return {
      factor: `PEG ${show(peg)} (P/E ${show(pe ?? 0)} over EPS growth ${show(num(f, 'epsGrowthPct') ?? 0)}%) ${d > 0 ? 'is low' : d < 0 ? 'is high' : 'is moderate'}`,
      fact: 'peg',
      direction: d,
      weight: 1.5,
    };
  }
  if (pe === undefined) return undefined;
  const d = pe < 0 ? -1 : pe < 12 ? 1 : pe > 35 ? -1 : 0;
  return {
    factor:
      pe < 0
        ? `Negative P/E ${show(pe)}: the company is losing money`
        : `P/E ${show(pe)} is ${d > 0 ? 'low' : d < 0 ? 'high' : 'moderate'}`,
    fact: 'peRatio',
    direction: d,
    weight: 1.5,
  };
}

export const fundamentalAgent: Agent = {
  id: 'fundamental',
  title: 'Fundamental',
  domain: 'fundamental',
  needs: ['fundamentals'],
  glossary: {
    peg: 'P/E divided by EPS growth in percent (only when both are positive)',
    marketCapBn: 'market capitalisation in billions',
    fundamentalsAgeDays: 'days between the fundamentals date and the last bar',
    fundamentalsSource: "where the numbers came from; 'demo (synthetic)' means invented demo values",
  },
  query({ ctx, fundamentals }) {
    if (ctx.ticker.assetClass !== 'equity')
      return `fundamentals of an ${ctx.ticker.assetClass} versus single stocks, index valuation`;
    return `${fundamentals?.sector ?? ctx.ticker.sector ?? ''} stock valuation: P/E, forward P/E, PEG, EPS growth, profit margins, debt to equity, dividend yield`;
  },
  analyse(input) {
    const { ctx, intent, chunks, fundamentals } = input;
    const f = facts(input);
    if (ctx.ticker.assetClass === 'index')
      return {
        facts: f,
        recommendation: abstain('fundamentals do not apply to an index', withBackground([], chunks)),
      };
    if (ctx.ticker.assetClass !== 'equity')
      return {
        facts: f,
        recommendation: abstain(
          `company fundamentals do not apply to an instrument of class ${ctx.ticker.assetClass}`,
          withBackground([], chunks),
        ),
      };
    const present = INPUTS.filter((k) => f[k] !== undefined);
    if (!fundamentals || present.length === 0)
      return {
        facts: f,
        recommendation: abstain(
          `no fundamentals on record for ${ctx.symbol}; import them with \`buddy fundamentals import FILE.csv\``,
        ),
      };
    if (present.length < 3)
      return {
        facts: f,
        recommendation: abstain(
          `only ${present.join(', ')} on record for ${ctx.symbol}; at least 3 of ${INPUTS.join(', ')} are needed`,
        ),
      };

    const votes: Vote[] = [];
    const valuation = valuationVote(f);
    if (valuation) votes.push(valuation);
    const pe = num(f, 'peRatio');
    const fpe = num(f, 'forwardPe');
    if (pe !== undefined && fpe !== undefined && pe > 0 && fpe > 0) {
      const d = fpe < 0.9 * pe ? 1 : fpe > 1.1 * pe ? -1 : 0;
      votes.push({
        // Said as what the data holds (the estimates behind the forward P/E), not as a forecast of ours.
        factor: `Forward P/E ${show(fpe)} vs trailing ${show(pe)}: the estimates in the data put earnings ${d > 0 ? 'above' : d < 0 ? 'below' : 'near'} the last 12 months'`,
        fact: 'forwardPe',
        direction: d,
        weight: 1,
      });
    }
    const eps = num(f, 'epsGrowthPct');
    if (eps !== undefined)
      votes.push({
        factor: `EPS growth ${show(eps)}%`,
        fact: 'epsGrowthPct',
        direction: eps > 10 ? 1 : eps < 0 ? -1 : 0,
        weight: 1,
      });
    const margin = num(f, 'profitMarginPct');
    if (margin !== undefined)
      votes.push({
        factor: `Net margin ${show(margin)}%`,
        fact: 'profitMarginPct',
        direction: margin > 15 ? 1 : margin < 5 ? -1 : 0,
        weight: 1,
      });
    const de = num(f, 'debtToEquity');
    if (de !== undefined && fundamentals.sector !== 'Financials') {
      votes.push({
        factor: `Debt/equity ${show(de)} ${de > 2 ? 'is heavy' : de < 0.5 ? 'is light' : 'is moderate'}`,
        fact: 'debtToEquity',
        direction: de < 0.5 ? 1 : de > 2 ? -1 : 0,
        weight: 1,
      });
    }
    const yieldPct = num(f, 'dividendYieldPct');
    if (yieldPct !== undefined && yieldPct > 8)
      votes.push({
        factor: `Dividend yield ${show(yieldPct)}% is high enough to suggest a cut is priced in`,
        fact: 'dividendYieldPct',
        direction: -1,
        weight: 0.5,
      });

    const age = num(f, 'fundamentalsAgeDays');
    const dated = age !== undefined && (age > STALE_DAYS || age < -1);
    const coverage = (present.length / INPUTS.length) * (dated ? 0.5 : 1);
    const decision = decide(votes, coverage);
    const demo =
      fundamentals.source === DEMO_FUNDAMENTALS_SOURCE
        ? ' These are synthetic demo values, not real company data.'
        : '';
    const when = fundamentals.asOf ? ` as of ${fundamentals.asOf}` : '';
    const datedNote =
      dated && age !== undefined
        ? ` The numbers are ${age < 0 ? `dated ${-age} days after` : `${age} days older than`} the last bar, so confidence is halved.`
        : '';
    const reasoning = `${ctx.symbol} fundamentals${when}: ${tally(votes)}.${demo}${datedNote} ${stance(decision.recommendation, intent)}`;
    return {
      facts: f,
      recommendation: AgentRecommendationSchema.parse({
        recommendation: decision.recommendation,
        confidence: decision.confidence,
        reasoning,
        key_factors: keyFactors(votes, f, decision, chunks),
      }),
    };
  },
};
