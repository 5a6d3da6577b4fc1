import { Cron } from 'croner';
import { holidayOn } from '../market/calendar/index.js';
import { suggestSymbols } from '../market/symbols.js';
import { canonicalTimeZone, localDate } from '../trading/index.js';

export const TIME_ZONE_EXAMPLES = 'America/New_York, Europe/London, Asia/Tokyo';

/** "17:30", "9:05", "5:30pm", "0930" -> "17:30" / "09:05" / "17:30" / "09:30"; undefined when not a time. */
export function parseLocalTime(text: string): string | undefined {
  const m = /^(\d{1,2}):?(\d{2})\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export type TimeZoneCheck = { ok: true; timeZone: string } | { ok: false; message: string };

/** Validates an IANA zone with Intl; the error names examples and the closest real zones. */
export function checkTimeZone(name: string): TimeZoneCheck {
  const canonical = canonicalTimeZone(name);
  if (canonical) return { ok: true, timeZone: canonical };
  const zones = Intl.supportedValuesOf('timeZone');
  const byUpper = new Map(zones.map((z) => [z.toUpperCase(), z]));
  // Compare the city part too, so "New York" and "Amercia/New_York" both find America/New_York.
  const wanted = name.trim().replace(/\s+/g, '_').toUpperCase();
  const near = suggestSymbols(wanted, [...byUpper.keys()], 3);
  const byCity = zones.filter((z) => z.split('/').pop()?.toUpperCase() === wanted.split('/').pop());
  const suggestions = [...new Set([...byCity, ...near.map((z) => byUpper.get(z) ?? z)])].slice(0, 3);
  return {
    ok: false,
    message: `"${name}" is not a time zone I know. Use an IANA name such as ${TIME_ZONE_EXAMPLES}${suggestions.length ? `; did you mean ${suggestions.join(' or ')}?` : '.'}`,
  };
}

export interface Schedule {
  localTime: string;
  timeZone: string;
}

/** Weekdays at the local time, in the subscription's zone: weekends never run (holidays: see onHoliday). */
function cronOf(schedule: Schedule): Cron {
  const [hour, minute] = schedule.localTime.split(':').map(Number);
  return new Cron(`${minute ?? 0} ${hour ?? 0} * * 1-5`, { timezone: schedule.timeZone, paused: true });
}

/** Exchange holidays (NYSE calendar) on the slot's local date do not run either. */
function onHoliday(slot: Date, schedule: Schedule): boolean {
  return holidayOn(localDate(slot.getTime(), schedule.timeZone)) !== undefined;
}

/** Steps over holiday slots with `step` (at most two weeks of them). */
function skipHolidays(
  first: Date | undefined,
  schedule: Schedule,
  step: (slot: Date) => Date | undefined,
): Date | undefined {
  let slot = first;
  for (let i = 0; slot && onHoliday(slot, schedule) && i < 10; i++) slot = step(slot);
  return slot;
}

/** The latest scheduled instant at or before `now`. */
export function latestSlot(schedule: Schedule, now: Date): Date | undefined {
  const cron = cronOf(schedule);
  return skipHolidays(
    cron.previousRuns(1, new Date(now.getTime() + 1))[0],
    schedule,
    (s) => cron.previousRuns(1, s)[0],
  );
}

/** The scheduled instant before `slot`: the start of the window a run covers. */
export function previousSlot(schedule: Schedule, slot: Date): Date | undefined {
  const cron = cronOf(schedule);
  return skipHolidays(cron.previousRuns(1, slot)[0], schedule, (s) => cron.previousRuns(1, s)[0]);
}

export function nextSlot(schedule: Schedule, after: Date): Date | undefined {
  const cron = cronOf(schedule);
  return skipHolidays(cron.nextRun(after) ?? undefined, schedule, (s) => cron.nextRun(s) ?? undefined);
}

/** One run per subscription per local trading day. */
export function dailyRunKey(subscriptionId: string, slot: Date, timeZone: string): string {
  return `${subscriptionId}:${localDate(slot.getTime(), timeZone)}`;
}
