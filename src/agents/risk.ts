/**
 * Risk agent: whether the plan's risk fits the trader's own rules and the market's noise. It
 * never originates a direction: when risk is acceptable it passes the trader's side through
 * (BUY for a long, SELL for a short); when a rule is broken it says HOLD.
 *
 * Checks ('block' breaks a rule or makes the loss unbounded; 'caution' is worth knowing):
 * - no stop while the trader's rules require one: block;
 * - stop closer than 0.5 ATR14 to the entry (inside ordinary noise): block; wider than 4 ATR: caution;
 * - risk above the trader's max risk % of equity: block;
 * - position notional above the trader's max position % of equity: block;
 * - reward:risk to the first target below the trader's minimum: block; no target: caution;
 * - order above 1% of the 20-bar average volume: caution; above 5%: block;
 * - volatility state 'high': caution; no size given: caution (risk in money unknown);
 * - the symbol already open in the portfolio (when the pack knows it): caution.
 * Decision: any block -> HOLD at 60 + 10 per further block + 5 per caution (max 90). None ->
 * the trader's side at (85 - 8 per caution, min 50) x coverage, where coverage is 0.7 + 0.1 for
 * each of stop, target and size given. Abstains without ATR14 (fewer than 15 bars).
 */
import { positionMath } from '../evaluators/index.js';
import { abstain, AgentRecommendationSchema, type KeyFactor } from './schema.js';
import { factSet, num, show } from './rules/facts.js';
import { withBackground } from './rules/votes.js';
import type { Agent, AgentInput, Facts } from './types.js';

interface Check {
  level: 'block' | 'caution' | 'pass';
  factor: string;
  fact: string;
}

const NOISE_ATR = 0.5;
const WIDE_ATR = 4;

function facts(input: AgentInput): Facts {
  const { intent, ctx } = input;
  const { put, facts } = factSet();
  const math = positionMath(intent, ctx);
  const rules = ctx.user.rules;
  const atr = ctx.primary.latest.atr14;
  put('entry', intent.entry);
  put('stop', intent.stop);
  put('hasStop', intent.stop !== undefined);
  put('requireStop', rules.requireStop);
  put('atr14', atr);
  put('riskPerShare', math.riskPerShare);
  if (atr && math.riskPerShare !== undefined) put('stopDistanceAtr', math.riskPerShare / atr);
  const target = intent.targets[0];
  put('target', target);
  if (target !== undefined && math.riskPerShare)
    put('rewardRisk', Math.abs(target - intent.entry) / math.riskPerShare);
  put('minRewardRisk', rules.minRewardRisk);
  put('equity', ctx.user.equity, 0);
  put('shares', math.shares, 0);
  put('riskAmount', math.riskAmount);
  put('riskPct', math.riskPct);
  put('maxRiskPct', rules.maxRiskPct);
  put('sharesAtMaxRisk', math.sharesAtMaxRisk, 0);
  if (math.notional !== undefined) put('positionPctEquity', (math.notional / ctx.user.equity) * 100);
  put('maxPositionPct', rules.maxPositionPct);
  put('avgVolume20', ctx.liquidity.avgVolume20, 0);
  if (math.shares !== undefined && ctx.liquidity.avgVolume20 > 0)
    put('advParticipationPct', (math.shares / ctx.liquidity.avgVolume20) * 100, 3);
  put('medianRangePct20', ctx.liquidity.medianRangePct20);
  if (atr) put('atrPct', (atr / ctx.primary.lastBar.close) * 100);
  put('volState', ctx.regime.volState);
  const open = ctx.portfolio?.openSymbols;
  if (open)
    put(
      'alreadyOpen',
      open.some((s) => s.toUpperCase() === ctx.symbol),
    );
  return facts;
}

function checks(input: AgentInput, f: Facts): Check[] {
  const out: Check[] = [];
  const add = (level: Check['level'], factor: string, fact: string) => out.push({ level, factor, fact });
  const stopAtr = num(f, 'stopDistanceAtr');
  if (f['hasStop'] === false)
    add(
      f['requireStop'] === true ? 'block' : 'caution',
      'No stop: the loss on this idea is open-ended',
      'hasStop',
    );
  else if (stopAtr !== undefined && stopAtr < NOISE_ATR)
    add('block', `Stop ${show(stopAtr)} ATR from the entry sits inside ordinary noise`, 'stopDistanceAtr');
  else if (stopAtr !== undefined && stopAtr > WIDE_ATR)
    add('caution', `Stop ${show(stopAtr)} ATR away is wide: the position must be small`, 'stopDistanceAtr');
  else if (stopAtr !== undefined)
    add('pass', `Stop ${show(stopAtr)} ATR away is beyond ordinary noise`, 'stopDistanceAtr');
  const riskPct = num(f, 'riskPct');
  const maxRisk = num(f, 'maxRiskPct') ?? 0;
  if (riskPct !== undefined)
    add(
      riskPct > maxRisk + 1e-9 ? 'block' : 'pass',
      `Risk ${show(riskPct)}% of equity vs your ${show(maxRisk)}% limit`,
      'riskPct',
    );
  else if (num(f, 'sharesAtMaxRisk') !== undefined)
    add(
      'caution',
      `No size given; ${show(num(f, 'sharesAtMaxRisk') ?? 0, 0)} shares would risk your ${show(maxRisk)}% limit`,
      'sharesAtMaxRisk',
    );
  const posPct = num(f, 'positionPctEquity');
  const maxPos = num(f, 'maxPositionPct') ?? 100;
  if (posPct !== undefined && posPct > maxPos)
    add(
      'block',
      `Position ${show(posPct)}% of equity exceeds your ${show(maxPos)}% limit`,
      'positionPctEquity',
    );
  const rr = num(f, 'rewardRisk');
  const minRr = num(f, 'minRewardRisk') ?? 0;
  if (rr !== undefined)
    add(
      rr < minRr ? 'block' : 'pass',
      `Reward:risk ${show(rr)} vs your minimum ${show(minRr)}`,
      'rewardRisk',
    );
  else if (input.intent.targets.length === 0)
    add('caution', 'No target: reward:risk cannot be measured', 'minRewardRisk');
  const adv = num(f, 'advParticipationPct');
  if (adv !== undefined && adv > 1)
    add(
      adv > 5 ? 'block' : 'caution',
      `The order is ${show(adv)}% of average daily volume: fills will move the price`,
      'advParticipationPct',
    );
  if (f['volState'] === 'high')
    add(
      'caution',
      `Volatility is high (ATR ${show(num(f, 'atrPct') ?? 0)}% of price): gaps can jump the stop`,
      'volState',
    );
  if (f['alreadyOpen'] === true)
    add(
      'caution',
      `${input.ctx.symbol} is already open in your portfolio: this adds to that exposure`,
      'alreadyOpen',
    );
  return out;
}

export const riskAgent: Agent = {
  id: 'risk',
  title: 'Risk',
  domain: 'risk',
  glossary: {
    stopDistanceAtr: '|entry - stop| / ATR14 on the idea timeframe',
    rewardRisk: 'distance to the first target over distance to the stop',
    riskPct: 'money at risk as a percent of equity, from the size given',
    positionPctEquity: 'position notional as a percent of equity',
    advParticipationPct: 'order shares as a percent of the 20-bar average volume',
    sharesAtMaxRisk: 'whole shares that risk exactly the maxRiskPct limit',
  },
  query({ intent }) {
    const topics = [
      'stop placement beyond noise',
      'position sizing fixed fractional',
      'reward risk and breakeven win rate',
    ];
    if (intent.stop === undefined) topics.unshift('trading without a stop');
    if (intent.size === undefined) topics.push('position size');
    return `${intent.side} ${intent.timeframe} trade risk: ${topics.join(', ')}, slippage and liquidity`;
  },
  analyse(input) {
    const { ctx, intent, chunks } = input;
    const f = facts(input);
    if (num(f, 'atr14') === undefined) {
      return {
        facts: f,
        recommendation: abstain(
          `ATR14 not available on ${ctx.primary.bars.length} ${ctx.primary.timeframe} bars of ${ctx.symbol}; stop distance and volatility cannot be judged`,
        ),
      };
    }
    const all = checks(input, f);
    const blocks = all.filter((c) => c.level === 'block');
    const cautions = all.filter((c) => c.level === 'caution');
    const order = { block: 0, caution: 1, pass: 2 } as const;
    const factors: KeyFactor[] = [...all]
      .sort((a, b) => order[a.level] - order[b.level])
      .flatMap((c) => {
        const value = f[c.fact];
        return value === undefined
          ? []
          : [{ factor: c.factor, evidence: { kind: 'feature' as const, name: c.fact, value } }];
      })
      .slice(0, chunks.length > 0 ? 4 : 5);
    const given = [intent.stop !== undefined, intent.targets.length > 0, intent.size !== undefined].filter(
      Boolean,
    ).length;
    const side = intent.side === 'long' ? 'BUY' : 'SELL';
    const recommendation = blocks.length > 0 ? 'HOLD' : side;
    const confidence =
      blocks.length > 0
        ? Math.min(90, 60 + 10 * (blocks.length - 1) + 5 * cautions.length)
        : Math.round(Math.max(50, 85 - 8 * cautions.length) * (0.7 + 0.1 * given));
    const reasoning =
      blocks.length > 0
        ? `The plan breaks ${blocks.length} risk rule${blocks.length === 1 ? '' : 's'} (${blocks.map((b) => b.factor).join('; ')}); as planned, risk says hold.${cautions.length ? ` ${cautions.length} further caution${cautions.length === 1 ? '' : 's'}.` : ''}`
        : `Risk fits your rules${cautions.length ? ` with ${cautions.length} caution${cautions.length === 1 ? '' : 's'}` : ''}; risk does not object to the ${intent.side} idea as planned.`;
    return {
      facts: f,
      recommendation: AgentRecommendationSchema.parse({
        recommendation,
        confidence,
        reasoning,
        key_factors: withBackground(factors, chunks),
      }),
    };
  },
};
