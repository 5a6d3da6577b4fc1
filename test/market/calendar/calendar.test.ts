import { describe, expect, it } from 'vitest';
import { latestSlot, nextSlot } from '../../../src/jobs/schedule.js';
import {
  isEarlyClose,
  isTradingDay,
  lastClosedSession,
  sessionOn,
} from '../../../src/market/calendar/index.js';
import { describeFreshness } from '../../../src/market/freshness/index.js';
import { adjustForSplit, impliedSplitRatio, planFetch } from '../../../src/market/ingest/index.js';

const bar = (ts: number, close: number, k = 1) => ({
  ts,
  open: close * k,
  high: close * 1.01 * k,
  low: close * 0.99 * k,
  close: close * k,
  volume: 1_000,
});

describe('the NYSE calendar', () => {
  it.each([
    ['2026-12-07', true, false],
    ['2026-12-05', false, false],
    ['2026-11-26', false, false],
    ['2026-11-27', true, true],
    ['2026-12-24', true, true],
    ['2026-12-25', false, false],
    ['2025-07-03', true, true],
    ['2026-07-03', false, false],
    ['2026-04-03', false, false],
  ])('%s: trading day %s, early close %s', (date, trading, early) => {
    expect(isTradingDay(date)).toBe(trading);
    expect(isEarlyClose(date)).toBe(early);
  });

  it('when a session is read, then its hours are 09:30-16:00 ET (13:00 on a half day), across daylight saving', () => {
    expect(sessionOn('2026-12-07')).toMatchObject({
      open: Date.parse('2026-12-07T14:30:00Z'),
      close: Date.parse('2026-12-07T21:00:00Z'),
    });
    expect(sessionOn('2026-07-06')?.open).toBe(Date.parse('2026-07-06T13:30:00Z'));
    expect(sessionOn('2026-11-27')?.close).toBe(Date.parse('2026-11-27T18:00:00Z'));
  });

  it('when it is Friday after Thanksgiving at 14:00 ET, then the last closed session is that half day', () => {
    expect(lastClosedSession(Date.parse('2026-11-27T19:00:00Z')).date).toBe('2026-11-27');
    expect(lastClosedSession(Date.parse('2026-11-27T17:00:00Z')).date).toBe('2026-11-25');
  });
});

describe('freshness', () => {
  const now = Date.parse('2026-12-07T20:00:00Z');
  it('when the daily bars end at the last close and 15m bars are current, then the line says so with the delay', () => {
    const f = describeFreshness({
      latest: { '1d': Date.parse('2026-12-04T00:00:00Z'), '15m': Date.parse('2026-12-07T19:30:00Z') },
      now,
      source: { label: 'Yahoo Finance', delayMinutes: 15 },
    });
    expect(f.line).toBe(
      '1d bars to 2026-12-04 close; 15m bars to 14:45 ET, delayed 15 min; source Yahoo Finance.',
    );
    expect(f.stale).toBe(false);
  });

  it('when the daily bars end before the last close, then they are named stale with the sessions missing', () => {
    const f = describeFreshness({
      latest: { '1d': Date.parse('2026-11-25T00:00:00Z') },
      now,
      source: undefined,
    });
    // Missing: Nov 27 (half day), Nov 30, Dec 1-4 (Thanksgiving is no session).
    expect(f.line).toBe(
      '1d bars to 2026-11-25 close (stale: 6 sessions behind the 2026-12-04 close); source: imported data, no live provider.',
    );
    expect(f.stale).toBe(true);
  });

  it('when intraday bars stopped an hour ago during the session, then they are stale', () => {
    const f = describeFreshness({
      latest: { '15m': Date.parse('2026-12-07T18:45:00Z') },
      now,
      source: undefined,
    });
    expect(f.line).toContain('15m bars to 14:00 ET (stale)');
  });
});

describe('fetch plans and splits', () => {
  it.each([
    [undefined, '2026-12-07T20:00:00Z', 'backfill'],
    ['2026-12-04T00:00:00Z', '2026-12-07T20:00:00Z', 'up-to-date'],
    ['2026-12-04T00:00:00Z', '2026-12-07T21:05:00Z', 'incremental'],
    ['2026-12-04T00:00:00Z', '2026-12-06T12:00:00Z', 'up-to-date'],
  ])('1d bars stored to %s at %s: %s', (latest, at, kind) => {
    expect(
      planFetch({
        timeframe: '1d',
        latestTs: latest ? Date.parse(latest) : undefined,
        now: Date.parse(at),
        backfillDays: 730,
      }).kind,
    ).toBe(kind);
  });

  it('when a 15m series ends at the close, then nothing is due until the next open plus one bar', () => {
    const latestTs = Date.parse('2026-12-04T20:45:00Z');
    const plan = (at: string) =>
      planFetch({ timeframe: '15m', latestTs, now: Date.parse(at), backfillDays: 30 }).kind;
    expect(plan('2026-12-06T12:00:00Z')).toBe('up-to-date');
    expect(plan('2026-12-07T14:46:00Z')).toBe('incremental');
  });

  it.each([
    [4, 4],
    [0.1, 0.1],
    [1.5, 1.5],
    [1.05, undefined],
  ])(
    'when the re-fetched bar is the stored one divided by %s, then the implied split is %s',
    (ratio, expected) => {
      const stored = bar(1, 100);
      const fetched = bar(1, 100 / ratio);
      const found = impliedSplitRatio(stored, fetched);
      if (expected === undefined) expect(found).toBeUndefined();
      else expect(found).toBeCloseTo(expected, 9);
    },
  );

  it('when only the close moved, then it is not read as a split', () => {
    expect(impliedSplitRatio(bar(1, 100), { ...bar(1, 100), close: 50 })).toBeUndefined();
  });

  it('when bars are adjusted for a 2:1 split, then prices halve and volume doubles', () => {
    expect(adjustForSplit([bar(1, 100)], 2)[0]).toMatchObject({ close: 50, volume: 2_000 });
  });
});

describe('the daily summary schedule', () => {
  const schedule = { localTime: '17:00', timeZone: 'America/New_York' };
  it('when the day is Thanksgiving, then no summary runs that day', () => {
    expect(latestSlot(schedule, new Date('2026-11-26T23:00:00Z'))?.toISOString()).toBe(
      '2026-11-25T22:00:00.000Z',
    );
    expect(nextSlot(schedule, new Date('2026-11-25T23:00:00Z'))?.toISOString()).toBe(
      '2026-11-27T22:00:00.000Z',
    );
  });
});
