import { z } from 'zod';
import type { NewReviewRow, ReviewRow } from '../db/index.js';
import type { PostTradeReview } from './types.js';

/** A review as stored: the review itself plus where it lives and what it links to. */
export interface StoredReview extends PostTradeReview {
  reviewId: string;
  tradeId: string;
  userId: string;
  generatedAt: Date;
  linkedEvalId: string | null;
  /** The lessons phrased by the explanation layer with an LLM; null in rule mode. */
  coachNote: string | null;
}

const grade = z.enum(['A', 'B', 'C', 'D', 'F']);
const num = z.number().nullable();
const FindingSchema = z.object({
  code: z.string(),
  kind: z.enum(['adherence', 'execution', 'context', 'rule', 'warning']),
  severity: z.enum(['info', 'low', 'medium', 'high']),
  followedPlan: z.boolean(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});
const ExcursionsSchema = z.object({
  maePrice: z.number(),
  mfePrice: z.number(),
  maeR: num,
  mfeR: num,
  maeAtr: num,
  mfeAtr: num,
  bestExitPrice: z.number(),
  bestExitR: num,
  capturedPct: num,
  barsHeld: z.number(),
  basis: z.enum(['bars', 'fills']),
  coverage: z.enum(['full', 'partial', 'none']),
});
const WarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  cameTrue: z.boolean().nullable(),
  why: z.string(),
});
const PlanSchema = z.object({
  entry: z.number(),
  stop: z.number().optional(),
  targets: z.array(z.number()),
  plannedRiskAmount: z.number().optional(),
  timeStopBars: z.number().optional(),
  timeframe: z.string(),
});
const FactsSchema = z.object({
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  timeframe: z.string(),
  openTs: z.number(),
  closeTs: z.number(),
  plan: PlanSchema.nullable(),
  atrAtEntry: num,
  fees: z.number(),
  avgEntry: z.number(),
  avgExit: z.number(),
  qty: z.number(),
  riskPerShare: num,
});

/** The row for a review; the columns seed 004 names, and `facts` for the rest. */
export function toReviewRow(
  review: PostTradeReview,
  meta: {
    tradeId: string;
    userId: string;
    linkedEvalId: string | null;
    generatedAt: Date;
    coachNote?: string | null;
  },
): NewReviewRow {
  const {
    symbol,
    side,
    timeframe,
    openTs,
    closeTs,
    plan,
    atrAtEntry,
    fees,
    avgEntry,
    avgExit,
    qty,
    riskPerShare,
  } = review;
  return {
    tradeId: meta.tradeId,
    userId: meta.userId,
    generatedAt: meta.generatedAt,
    linkedEvalId: meta.linkedEvalId,
    coachNote: meta.coachNote ?? null,
    version: review.version,
    processGrade: review.processGrade,
    processScore: review.processScore,
    outcomeGrade: review.outcomeGrade,
    verdict: review.verdict,
    realisedR: review.realisedR,
    pnl: review.pnl,
    keyLessons: review.keyLessons,
    whatWentWell: review.wentWell,
    whatToImprove: review.toImprove,
    findings: review.findings.map((f) => ({ ...f })),
    excursions: { ...review.excursions },
    warnings: review.warnings.map((w) => ({ ...w })),
    facts: {
      symbol,
      side,
      timeframe,
      openTs,
      closeTs,
      plan: plan ? { ...plan } : null,
      atrAtEntry,
      fees,
      avgEntry,
      avgExit,
      qty,
      riskPerShare,
    },
  };
}

/**
 * Reads a stored row back, checked: a row written by an older layout does not parse and is
 * reported as undefined, so the caller regenerates it instead of rendering half a review.
 */
export function fromReviewRow(row: ReviewRow): StoredReview | undefined {
  const facts = FactsSchema.safeParse(row.facts);
  const findings = z.array(FindingSchema).safeParse(row.findings);
  const excursions = ExcursionsSchema.safeParse(row.excursions);
  const warnings = z.array(WarningSchema).safeParse(row.warnings);
  const grades = z
    .object({ p: grade, o: grade, v: z.enum(['good win', 'good loss', 'bad win', 'bad loss', 'scratch']) })
    .safeParse({ p: row.processGrade, o: row.outcomeGrade, v: row.verdict });
  if (!facts.success || !findings.success || !excursions.success || !warnings.success || !grades.success)
    return undefined;
  return {
    ...facts.data,
    version: row.version,
    pnl: row.pnl,
    realisedR: row.realisedR,
    processScore: row.processScore,
    processGrade: grades.data.p,
    outcomeGrade: grades.data.o,
    verdict: grades.data.v,
    excursions: excursions.data,
    findings: findings.data,
    warnings: warnings.data,
    keyLessons: row.keyLessons,
    wentWell: row.whatWentWell,
    toImprove: row.whatToImprove,
    reviewId: row.reviewId,
    tradeId: row.tradeId,
    userId: row.userId,
    generatedAt: row.generatedAt,
    linkedEvalId: row.linkedEvalId,
    coachNote: row.coachNote,
  };
}
