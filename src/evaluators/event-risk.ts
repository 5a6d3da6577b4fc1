import { z } from 'zod';
import type { EventFact } from '../market/context/index.js';
import { EVENT_WINDOW_DAYS } from '../market/context/index.js';
import type { Timeframe } from '../market/types.js';
import { fmt } from './position-math.js';
import { scoreFrom, type Evaluator, type Issue } from './types.js';

const DAY = 86_400_000;

/** Calendar days one bar spans: a trading day is 6.5 h of a 5-day week (7/5 calendar days). */
const DAYS_PER_BAR: Record<Timeframe, number> = {
  '1m': 7 / 5 / 390,
  '5m': (7 / 5) * (5 / 390),
  '15m': (7 / 5) * (15 / 390),
  '30m': (7 / 5) * (30 / 390),
  '1h': (7 / 5) * (60 / 390),
  '4h': (7 / 5) * (240 / 390),
  '1d': 7 / 5,
  '1w': 7,
  '1M': 30.44,
};

/**
 * The holding horizon when the plan names no time stop, in calendar days, by timeframe: an
 * intraday idea is out the same day (1 day, 3 on 1h, a week on 4h), a daily swing holds about two
 * weeks, a weekly idea a quarter, a monthly one a year.
 */
export const DEFAULT_HORIZON_DAYS: Record<Timeframe, number> = {
  '1m': 1,
  '5m': 1,
  '15m': 1,
  '30m': 1,
  '1h': 3,
  '4h': 7,
  '1d': 14,
  '1w': 91,
  '1M': 365,
};

const ConfigSchema = z.object({ maxEventsNamed: z.number().int().min(1).max(10) });
type Config = z.infer<typeof ConfigSchema>;

/** The horizon in calendar days: the time stop's bars when given, else the timeframe's default; never past the calendar window. */
export function horizonDays(
  timeframe: Timeframe,
  timeStopBars: number | undefined,
): { days: number; from: 'time stop' | 'timeframe' } {
  const days =
    timeStopBars !== undefined
      ? Math.max(1, Math.ceil(timeStopBars * DAYS_PER_BAR[timeframe]))
      : DEFAULT_HORIZON_DAYS[timeframe];
  return {
    days: Math.min(days, EVENT_WINDOW_DAYS),
    from: timeStopBars !== undefined ? 'time stop' : 'timeframe',
  };
}

/** Weekdays after `from` up to and including `to` (YYYY-MM-DD): the daily bars until an event. */
export function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`) + DAY; t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

const nameOf = (e: EventFact) =>
  `${e.symbol ? `${e.symbol} ${e.kind}` : e.kind.toUpperCase()} on ${e.date}${e.isSynthetic ? ' (synthetic demo calendar)' : ''}`;

/**
 * Scheduled events inside the idea's holding horizon: the symbol's earnings (medium: the price
 * can gap through the stop) or a macro release that moves every symbol (low). One issue naming
 * the events and their dates, with the mitigations: size down, exit before, or accept the gap
 * knowingly. It adds no weight to the score's average (its default weight is 0), so an idea with
 * no event ahead scores as before; an event caps the score by its severity. Pure: the events come
 * from the ContextPack.
 */
export const eventRisk = {
  id: 'event-risk',
  version: 1,
  title: 'Events in the holding horizon',
  configSchema: ConfigSchema,
  defaults: { maxEventsNamed: 3 },
  defaultWeight: 0,
  evaluate(intent, ctx, config: Config) {
    const tf = ctx.primary.timeframe;
    const horizon = horizonDays(tf, intent.timeStopBars);
    const start = new Date(ctx.asOf).toISOString().slice(0, 10);
    const end = new Date(ctx.asOf + horizon.days * DAY).toISOString().slice(0, 10);
    const inside = (ctx.events ?? []).filter(
      (e) => e.date > start && e.date <= end && (e.symbol === null || e.symbol === ctx.symbol),
    );
    const earnings = inside.filter((e) => e.symbol !== null);
    const first = earnings[0] ?? inside[0];
    const issues: Issue[] = [];
    if (first) {
      const named = [...earnings, ...inside.filter((e) => e.symbol === null)].slice(0, config.maxEventsNamed);
      const more = inside.length - named.length;
      const bars = tf === '1d' ? weekdaysBetween(start, first.date) : undefined;
      const exitBefore =
        bars !== undefined && bars > 1
          ? `exit before ${first.date} (a time stop of ${bars - 1} bars or fewer)`
          : `exit before ${first.date}`;
      issues.push({
        code: earnings.length ? 'earnings-in-horizon' : 'macro-event-in-horizon',
        severity: earnings.length ? 'medium' : 'low',
        topic: 'event-risk',
        message: `${named.map(nameOf).join(', ')}${more > 0 ? ` and ${more} more` : ''} fall${named.length === 1 && more === 0 ? 's' : ''} inside the holding horizon (${horizon.days} days to ${end}, from the ${horizon.from === 'time stop' ? `time stop of ${intent.timeStopBars} bars` : `${tf} timeframe`}): price can gap past the stop on the news.`,
        evidence: {
          eventDate: first.date,
          eventKind: first.kind,
          eventSymbol: first.symbol,
          eventsInHorizon: inside.length,
          horizonDays: horizon.days,
          horizonEnd: end,
          horizonFrom: horizon.from,
          barsToEvent: bars ?? null,
          synthetic: first.isSynthetic,
        },
        mitigation: `Size down so a gap beyond the stop${intent.stop !== undefined ? ` at ${fmt(intent.stop)}` : ''} stays affordable, ${exitBefore}, or hold through it knowingly and accept the gap risk.`,
      });
    }
    return {
      score: scoreFrom(issues),
      issues,
      explainFacts: {
        horizonDays: horizon.days,
        horizonEnd: end,
        eventsInHorizon: inside.length,
        nextEventDate: first?.date ?? null,
      },
    };
  },
} satisfies Evaluator<Config>;
