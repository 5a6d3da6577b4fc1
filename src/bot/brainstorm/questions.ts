import { roundPrice } from '../../market/levels/index.js';
import {
  hasSlot,
  isReady,
  OPTIONAL_SLOTS,
  type DraftOffer,
  type SlotName,
  type TradeIdeaDraft,
} from './draft.js';
import { isoDay, levelBeyond, px, type MarketFacts } from './facts.js';
import { draftProblems } from './resolve.js';
import { riskPerShare } from '../../evaluators/trade-math.js';

export interface Question {
  slot: SlotName;
  text: string;
  offer?: DraftOffer;
}

/** The stop a suggestion measures in ATR; 1.5 is a common noise buffer on daily bars. */
export const SUGGESTED_STOP_ATR = 1.5;
/** A level-based stop sits this many ATR beyond the level, not on it. */
const LEVEL_BUFFER_ATR = 0.1;

const money = (value: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : 2 });

/**
 * The single most important thing still missing, asked with a suggestion computed from the
 * market data: what to trade, which way, where in, where wrong (a stop on the wrong side is
 * fixed before anything else is asked), then target, size, thesis and horizon, which can be skipped.
 */
export function nextQuestion(
  draft: TradeIdeaDraft,
  facts: MarketFacts | undefined,
  symbolProblem: string | undefined,
  symbols: readonly string[],
): Question | undefined {
  if (!draft.symbol || symbolProblem) {
    const some = symbols.slice(0, 8).join(', ');
    return {
      slot: 'symbol',
      text: `${symbolProblem ? `${symbolProblem} ` : ''}Which instrument?${some ? ` I have data for ${some}${symbols.length > 8 ? ' and more' : ''}.` : ''}`,
    };
  }
  if (!draft.side) {
    const range = facts?.levels.rollingRange;
    const context = facts
      ? ` ${draft.symbol} last closed at ${px(facts.lastClose)} on ${isoDay(facts.asOf)}${range ? `; its ${range.lookback}-bar range is ${range.low}–${range.high}` : ''}.`
      : '';
    return { slot: 'side', text: `Long or short ${draft.symbol}?${context}` };
  }
  if (!hasSlot(draft, 'entry')) return entryQuestion(draft.symbol, facts);
  const problem = draftProblems(draft)[0];
  if (problem) {
    const slot: SlotName = problem.field === 'stop' ? 'stop' : 'target';
    const ask = slot === 'stop' ? stopQuestion(draft, facts) : targetQuestion(draft, facts);
    return { ...ask, text: `${capital(problem.message)}. ${ask.text}` };
  }
  if (!hasSlot(draft, 'stop')) return stopQuestion(draft, facts);
  const optional = OPTIONAL_SLOTS.find((slot) => !hasSlot(draft, slot) && !draft.skipped.includes(slot));
  if (!optional) return undefined;
  const question =
    optional === 'target'
      ? targetQuestion(draft, facts)
      : optional === 'size'
        ? sizeQuestion(draft, facts)
        : optional === 'thesis'
          ? thesisQuestion()
          : horizonQuestion();
  return isReady(draft) ? { ...question, text: `${question.text} Or say "evaluate" now.` } : question;
}

function entryQuestion(symbol: string, facts: MarketFacts | undefined): Question {
  if (!facts)
    return { slot: 'entry', text: `Where do you get in on ${symbol}? Give a price, e.g. "entry 185".` };
  const below = levelBeyond(facts, facts.lastClose, 'below', 0);
  const above = levelBeyond(facts, facts.lastClose, 'above', 0);
  const near = [
    below ? `support ${below.price} (${below.name})` : '',
    above ? `resistance ${above.price} (${above.name})` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    slot: 'entry',
    text: `Where do you get in? ${symbol} last closed at ${px(facts.lastClose)} on ${isoDay(facts.asOf)}${near ? `; nearest ${near}` : ''}. Say a price, or "ok" for the last close.`,
    offer: { slot: 'entry', price: roundPrice(facts.lastClose) },
  };
}

function stopQuestion(draft: TradeIdeaDraft, facts: MarketFacts | undefined): Question {
  const entry = draft.entry;
  const long = draft.side !== 'short';
  const way = long ? 'below' : 'above';
  if (entry === undefined || !facts?.atr)
    return {
      slot: 'stop',
      text: `Where is the idea wrong, i.e. your stop? Give a price or a distance, e.g. "stop 2% ${way}".`,
    };
  const sign = long ? -1 : 1;
  const atrStop = roundPrice(entry + sign * SUGGESTED_STOP_ATR * facts.atr, entry);
  const level = levelBeyond(facts, entry, way);
  const levelStop = level ? roundPrice(level.price + sign * LEVEL_BUFFER_ATR * facts.atr, entry) : undefined;
  const kind = long ? 'support' : 'resistance';
  const levelText = level ? `; the nearest ${kind} ${way} is ${level.price} (${level.name})` : '';
  const choices = [
    `"ok" for ${atrStop}`,
    levelStop !== undefined ? `"${kind}" for ${levelStop} (just ${long ? 'under' : 'over'} it)` : '',
    'a price',
    `or a distance like "2% ${way}"`,
  ].filter(Boolean);
  return {
    slot: 'stop',
    text: `Where is your stop? ATR(14) is ${facts.atr.toFixed(2)}: a ${SUGGESTED_STOP_ATR} ATR stop would be ${atrStop}${levelText}. Say ${choices.join(', ')}.`,
    offer: { slot: 'stop', price: atrStop, ...(levelStop !== undefined ? { level: levelStop } : {}) },
  };
}

function targetQuestion(draft: TradeIdeaDraft, facts: MarketFacts | undefined): Question {
  const { entry, stop } = draft;
  const long = draft.side !== 'short';
  if (entry === undefined || stop === undefined)
    return {
      slot: 'target',
      text: 'Where do you take profit? A price or a multiple of your risk, e.g. "target 3R" (or "skip").',
    };
  const risk = Math.abs(entry - stop);
  const sign = long ? 1 : -1;
  const minRr = facts?.user.rules.minRewardRisk;
  const base = Math.max(2, minRr ?? 2);
  const at = (r: number) => roundPrice(entry + sign * r * risk, entry);
  const level = facts ? levelBeyond(facts, entry, long ? 'above' : 'below') : undefined;
  const levelR = level ? Math.abs(level.price - entry) / risk : undefined;
  const levelText =
    level && levelR !== undefined
      ? `; the nearest ${long ? 'resistance above' : 'support below'} is ${level.price} (${level.name}, ${levelR.toFixed(1)}R)`
      : '';
  const name = long ? 'resistance' : 'support';
  return {
    slot: 'target',
    text: `Where do you take profit? You risk ${px(risk, entry)} a share: ${base}R is ${at(base)}, 3R is ${at(3)}${minRr !== undefined ? ` (your minimum is ${minRr}R)` : ''}${levelText}. Say "ok" for ${at(base)}${level ? `, "${name}" for ${level.price}` : ''}, a price, "3R", or "skip".`,
    offer: { slot: 'target', price: at(base), ...(level ? { level: level.price } : {}) },
  };
}

function sizeQuestion(draft: TradeIdeaDraft, facts: MarketFacts | undefined): Question {
  if (!facts)
    return {
      slot: 'size',
      text: 'How much will you risk on it? e.g. "risk 1%", "risk $200" or "100 shares" (or "skip").',
    };
  const { equity, equityIsDefault, rules } = facts.user;
  const cash = (equity * rules.maxRiskPct) / 100;
  const perShare = draft.entry === undefined ? undefined : riskPerShare(draft.entry, draft.stop);
  const shares = perShare ? Math.floor(cash / perShare) : undefined;
  const sizing =
    shares !== undefined && draft.entry !== undefined
      ? `: ${money(cash)}, which with the stop ${px(perShare ?? 0, draft.entry)} away is ${shares} shares (≈ ${money(shares * draft.entry)})`
      : `: ${money(cash)}`;
  return {
    slot: 'size',
    text: `How much will you risk on it? Your rule is at most ${rules.maxRiskPct}% of ${money(equity)}${equityIsDefault ? ' (the default equity: `/buddy settings equity 25k` sets yours)' : ''}${sizing}. Say "ok" for ${rules.maxRiskPct}%, "risk 0.5%", "risk $200", "100 shares", or "skip".`,
    offer: { slot: 'size', size: { kind: 'risk-pct', value: rules.maxRiskPct } },
  };
}

function thesisQuestion(): Question {
  return {
    slot: 'thesis',
    text: 'Why this trade, in a sentence? It goes in the journal with the plan (or "skip").',
  };
}

function horizonQuestion(): Question {
  return {
    slot: 'horizon',
    text: 'How long will you hold it: intraday, swing (days to weeks) or position? A time stop works too, e.g. "10 bars" (or "skip").',
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
