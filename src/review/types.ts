import type { Bar } from '../market/types.js';

export interface ReviewFill {
  ts: number;
  /** Signed quantity: + buys, - sells. */
  qty: number;
  price: number;
  fees?: number;
}

/** The plan agreed before the trade (from the linked intent), as far as it is known. */
export interface ReviewPlan {
  entry: number;
  stop?: number | undefined;
  targets: number[];
  /** Money the plan meant to risk, when the plan sized the trade. */
  plannedRiskAmount?: number | undefined;
  timeStopBars?: number | undefined;
  timeframe: string;
}

export interface ReviewInput {
  symbol: string;
  side: 'long' | 'short';
  fills: ReviewFill[];
  plan?: ReviewPlan | undefined;
  /** Bars covering the holding period (the entry bar to the exit bar), oldest first. */
  bars: Bar[];
  /** ATR(14) of the plan's timeframe at entry. */
  atrAtEntry?: number | undefined;
  /** Issue codes the evaluation raised before the trade. */
  /** `level`: the price of a level warning (level-before-target), from its evidence. */
  warnings?: { code: string; message: string; level?: number | undefined }[] | undefined;
  /** Stop changes recorded during the trade (price or null when removed). */
  stopChanges?: { ts: number; stop: number | null }[] | undefined;
  /** Timeframe of `bars` (the plan's when there is one); '1d' when absent. */
  timeframe?: string | undefined;
  /** The trader's rules in force at entry; without them rule adherence is not judged. */
  rules?: EntryRules | undefined;
  /** The idea's levels and size as evaluated, to tell a heeded warning from an ignored one. */
  proposed?: Levels | undefined;
  /** The evaluation's issues (all severities; the high ones are weighed). */
  entryWarnings?: EntryWarning[] | undefined;
  /** The reason the trader gave at entry for taking the trade despite the warnings. */
  acknowledgement?: string | undefined;
  /** Realised P&L of the trader's trades closed earlier the same UTC day, for the daily loss limit. */
  pnlTodayBefore?: number | undefined;
}

/** The trader's rules in force when the trade was opened, with the versions they came from. */
export interface EntryRules {
  equity: number;
  maxRiskPct: number;
  maxPositionPct: number;
  minRewardRisk: number;
  requireStop: boolean;
  dailyLossLimitPct?: number | undefined;
  /** `user_rules` version (0: start-up and team defaults only) and `team_rules` version. */
  version: number;
  teamVersion: number;
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface Finding {
  code: string;
  /** rule: a rule of the trader's broken at entry; warning: what was done with a high-severity warning. */
  kind: 'adherence' | 'execution' | 'context' | 'rule' | 'warning';
  severity: 'info' | 'low' | 'medium' | 'high';
  followedPlan: boolean;
  message: string;
  evidence: Record<string, number | string | boolean | null>;
}

export interface Excursions {
  maePrice: number;
  mfePrice: number;
  maeR: number | null;
  mfeR: number | null;
  maeAtr: number | null;
  mfeAtr: number | null;
  bestExitPrice: number;
  bestExitR: number | null;
  /** Realised R as a share of the best R the market offered (null when it offered none). */
  capturedPct: number | null;
  barsHeld: number;
  /**
   * What the range was measured on: bars (plus the fill prices, which are traded prices too) or
   * the fills alone when no bar covers the holding period (then a lower bound).
   */
  basis: 'bars' | 'fills';
  /** Whether the bars span the whole holding period, part of it or none of it. */
  coverage: 'full' | 'partial' | 'none';
}

export interface WarningOutcome {
  code: string;
  message: string;
  cameTrue: boolean | null;
  why: string;
}

export interface PostTradeReview {
  version: number;
  symbol: string;
  side: 'long' | 'short';
  timeframe: string;
  openTs: number;
  closeTs: number;
  /** The plan the fills were compared with; null when none was recorded. */
  plan: ReviewPlan | null;
  atrAtEntry: number | null;
  fees: number;
  avgEntry: number;
  avgExit: number;
  qty: number;
  pnl: number;
  realisedR: number | null;
  riskPerShare: number | null;
  excursions: Excursions;
  findings: Finding[];
  processGrade: Grade;
  processScore: number;
  outcomeGrade: Grade;
  verdict: 'good win' | 'good loss' | 'bad win' | 'bad loss' | 'scratch';
  keyLessons: string[];
  wentWell: string[];
  toImprove: string[];
  warnings: WarningOutcome[];
}

/** A warning of the evaluation the trade carried out, as stored. */
export interface EntryWarning {
  code: string;
  severity: string;
  message: string;
}

/** The plan's levels and size: as the idea proposed them, and as the trade actually had them at entry. */
export interface Levels {
  entry: number;
  stop?: number | undefined;
  target?: number | undefined;
  shares?: number | undefined;
}
