import { z } from 'zod';
import { AppError } from '../errors.js';
import { TIMEFRAMES, type Bar } from '../market/types.js';

const price = z.number().positive();

const barSchema = z
  .object({
    ts: z.number().int(),
    open: price,
    high: price,
    low: price,
    close: price,
    volume: z.number().nonnegative(),
  })
  .refine((b) => b.high >= Math.max(b.open, b.close) && b.low <= Math.min(b.open, b.close), {
    message: 'high must be >= open/close and low <= open/close',
  }) satisfies z.ZodType<Bar>;

const overlaySchema = z.object({
  name: z.string().min(1).max(40),
  values: z.array(z.number().optional()),
  color: z.string().min(1).optional(),
});

const tradeLineSchema = z.object({
  kind: z.enum(['entry', 'stop', 'target']),
  price,
  label: z.string().max(40),
});

const levelSchema = z.object({
  label: z.string().min(1).max(40),
  price,
  kind: z.enum(['support', 'resistance', 'pivot', 'vwap', 'other']),
});

const badgeSchema = z.object({
  text: z.string().min(1).max(60),
  tone: z.enum(['bull', 'bear', 'neutral', 'warn']),
});

export const candleChartSpecSchema = z
  .object({
    title: z.string().max(120),
    symbol: z.string().min(1).max(24),
    timeframe: z.enum(TIMEFRAMES),
    bars: z.array(barSchema).min(2, 'at least 2 bars are needed to draw a chart'),
    overlays: z.array(overlaySchema).max(6).default([]),
    lines: z.array(tradeLineSchema).max(12).default([]),
    levels: z.array(levelSchema).default([]),
    badge: badgeSchema.optional(),
    width: z.number().int().min(480).max(3000).default(1200),
    height: z.number().int().min(320).max(2000).default(700),
    /** How many of the most recent bars to draw; older ones are only context for the caller. */
    maxBars: z.number().int().min(20).max(400).default(160),
  })
  .superRefine((spec, ctx) => {
    for (let i = 1; i < spec.bars.length; i++) {
      const prev = spec.bars[i - 1];
      const cur = spec.bars[i];
      if (prev !== undefined && cur !== undefined && cur.ts <= prev.ts) {
        ctx.addIssue({
          code: 'custom',
          path: ['bars', i, 'ts'],
          message: 'bars must be in strictly increasing ts order',
        });
        break;
      }
    }
    spec.overlays.forEach((overlay, i) => {
      if (overlay.values.length !== spec.bars.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['overlays', i, 'values'],
          message: `overlay "${overlay.name}" has ${overlay.values.length} values but there are ${spec.bars.length} bars; they must be aligned`,
        });
      }
    });
  });

/** What callers pass: defaults (overlays, lines, levels, width, height, maxBars) may be omitted. */
export type CandleChartSpec = z.input<typeof candleChartSpecSchema>;
/** The spec after validation, with defaults filled in. */
export type ValidCandleChartSpec = z.output<typeof candleChartSpecSchema>;
export type TradeLine = ValidCandleChartSpec['lines'][number];
export type KeyLevel = ValidCandleChartSpec['levels'][number];
export type ChartBadge = NonNullable<ValidCandleChartSpec['badge']>;
export type ChartOverlay = ValidCandleChartSpec['overlays'][number];

/**
 * A spec that failed validation; `issues` lists every problem, path first. Category
 * 'internal': specs are built by our code from a ContextPack, never typed by a trader.
 */
export class ChartSpecError extends AppError {
  readonly issues: string[];
  constructor(issues: string[], cause?: unknown) {
    super({
      code: 'chart-spec-invalid',
      category: 'internal',
      message: `Invalid candle chart spec: ${issues.join('; ')}`,
      cause,
      details: { issues },
    });
    this.name = 'ChartSpecError';
    this.issues = issues;
  }
}

export function parseCandleChartSpec(input: unknown): ValidCandleChartSpec {
  const result = candleChartSpecSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map(
      (i) => `${i.path.length > 0 ? i.path.join('.') : '(spec)'}: ${i.message}`,
    );
    throw new ChartSpecError(issues, result.error);
  }
  return result.data;
}
