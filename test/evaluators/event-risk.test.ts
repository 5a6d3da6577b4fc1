import { describe, expect, it } from 'vitest';
import { createRegistry, EVALUATORS } from '../../src/evaluators/index.js';
import { eventRisk, horizonDays, weekdaysBetween } from '../../src/evaluators/event-risk.js';
import type { EventFact } from '../../src/market/context/index.js';
import { contextPack, intentOf } from '../helpers/context.js';

const DAY = 86_400_000;
const ctx = contextPack({ symbol: 'TEST' });
const lastDay = new Date(ctx.asOf).toISOString().slice(0, 10);
const dayAfter = (n: number) => new Date(ctx.asOf + n * DAY).toISOString().slice(0, 10);
const event = (over: Partial<EventFact>): EventFact => ({
  symbol: 'TEST',
  date: dayAfter(5),
  kind: 'earnings',
  note: null,
  isSynthetic: false,
  ...over,
});
const run = (events: EventFact[], intent = intentOf({ entry: 100, stop: 95, targets: [110] })) =>
  eventRisk.evaluate(intent, { ...ctx, events }, eventRisk.defaults);

describe('event-risk evaluator', () => {
  it('when the symbol reports earnings inside the horizon, then it says which event, its date, and the mitigations', () => {
    const result = run([event({})]);
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0];
    expect(issue?.code).toBe('earnings-in-horizon');
    expect(issue?.severity).toBe('medium');
    expect(issue?.message).toContain(`TEST earnings on ${dayAfter(5)}`);
    expect(issue?.message).toContain(`(14 days to ${dayAfter(14)}, from the 1d timeframe)`);
    expect(issue?.mitigation).toContain('Size down so a gap beyond the stop at 95 stays affordable');
    expect(issue?.mitigation).toContain(`exit before ${dayAfter(5)}`);
    expect(issue?.mitigation).toContain('accept the gap risk');
    expect(issue?.evidence).toMatchObject({
      eventDate: dayAfter(5),
      horizonDays: 14,
      horizonFrom: 'timeframe',
    });
    expect(result.score).toBeLessThan(100);
  });

  it.each([
    ['after the horizon', [event({ date: dayAfter(20) })]],
    ['on the last bar itself', [event({ date: lastDay })]],
    ["another symbol's", [event({ symbol: 'OTHER' })]],
    ['none', []],
  ])('when the event is %s, then nothing is raised and the score is 100', (_what, events) => {
    const result = run(events);
    expect(result.issues).toEqual([]);
    expect(result.score).toBe(100);
  });

  it('when only a macro release is inside, then it is low and named for every symbol', () => {
    const [issue] = run([event({ symbol: null, kind: 'fomc', date: dayAfter(3) })]).issues;
    expect(issue).toMatchObject({ code: 'macro-event-in-horizon', severity: 'low' });
    expect(issue?.message).toContain(`FOMC on ${dayAfter(3)}`);
  });

  it('when the plan has a time stop, then the horizon comes from it: 3 daily bars miss an event 10 days out, 20 bars catch one 20 days out', () => {
    expect(
      run([event({ date: dayAfter(10) })], intentOf({ entry: 100, stop: 95, timeStopBars: 3 })).issues,
    ).toEqual([]);
    const [issue] = run(
      [event({ date: dayAfter(20) })],
      intentOf({ entry: 100, stop: 95, timeStopBars: 20 }),
    ).issues;
    expect(issue?.message).toContain('from the time stop of 20 bars');
    expect(issue?.evidence.horizonDays).toBe(28);
  });

  it('when the calendar is synthetic, then the issue says so', () => {
    expect(run([event({ isSynthetic: true })]).issues[0]?.message).toContain('(synthetic demo calendar)');
  });

  it.each([
    ['1d', undefined, 14],
    ['1w', undefined, 91],
    ['1h', undefined, 3],
    ['1d', 10, 14],
    ['1w', 4, 28],
    ['1M', 100, 400],
  ] as const)(
    'when the timeframe is %s and the time stop %s bars, then the horizon is %i days',
    (tf, bars, days) => {
      expect(horizonDays(tf, bars).days).toBe(days);
    },
  );

  it('when counting daily bars to an event, then weekends are skipped', () => {
    expect(weekdaysBetween('2020-04-17', '2020-04-24')).toBe(5);
  });

  it('when registered, then it adds no weight to the average (weight 0) and can be switched off like any module', () => {
    const registry = createRegistry(EVALUATORS);
    expect(registry.modules.find((m) => m.evaluator.id === 'event-risk')?.settings.weight).toBe(0);
  });
});
