import { z } from 'zod';
import { fmt } from './position-math.js';
import { round, scoreFrom, type Evaluator, type Issue } from './types.js';

const ConfigSchema = z.object({
  /** Beyond this many ATR from the last close an entry is worth a question. */
  noteAtr: z.number().positive(),
  /** Beyond this many ATR, or `askPct` percent, it is asked first, before anything else. */
  askAtr: z.number().positive(),
  askPct: z.number().positive(),
});
type Config = z.infer<typeof ConfigSchema>;

/**
 * An entry far from the market is a resting limit or a typo (31.5 for 315): either way every
 * other number of the report rests on it, so it is the first thing said.
 */
export const entryDistance = {
  id: 'entry-distance',
  version: 1,
  title: 'Entry vs the market',
  configSchema: ConfigSchema,
  defaults: { noteAtr: 3, askAtr: 5, askPct: 30 },
  evaluate(intent, ctx, config) {
    const issues: Issue[] = [];
    const close = ctx.primary.lastBar.close;
    const atr = ctx.primary.latest.atr14;
    const distance = Math.abs(intent.entry - close);
    const inAtr = atr ? distance / atr : undefined;
    const pct = close > 0 ? (distance / close) * 100 : 0;
    const ask = (inAtr !== undefined && inAtr > config.askAtr) || pct > config.askPct;
    if (ask || (inAtr !== undefined && inAtr > config.noteAtr)) {
      const where = intent.entry < close ? 'below' : 'above';
      issues.push({
        code: 'entry-far-from-market',
        severity: ask ? 'critical' : 'high',
        // Leads its severity: every other number of the report rests on the entry.
        size: 1,
        topic: 'entry-price',
        message: `Your entry ${fmt(intent.entry)} is ${inAtr !== undefined ? `${fmt(inAtr, 1)} ATR, ` : ''}${fmt(pct, 0)}% ${where} the last close ${fmt(close)}: a limit this far away, or a typo?${ask ? ' Check it before reading the rest: every other number here rests on it.' : ''}`,
        evidence: {
          entry: intent.entry,
          lastClose: round(close),
          distanceAtr: inAtr === undefined ? null : round(inAtr),
          distancePct: round(pct),
        },
        mitigation: `If it is a typo, send the idea again with the right entry; if it is a resting limit, expect it to fill only after a ${fmt(pct, 0)}% move.`,
      });
    }
    return {
      score: scoreFrom(issues),
      issues,
      explainFacts: {
        entryDistanceAtr: inAtr === undefined ? null : round(inAtr),
        entryDistancePct: round(pct),
      },
    };
  },
} satisfies Evaluator<Config>;
