import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { getHolidays } from 'nyse-holidays';

dayjs.extend(utc);
dayjs.extend(timezone);

export const NYSE_TIME_ZONE = 'America/New_York';

/** One regular trading session of the exchange, times in epoch ms (UTC). */
export interface Session {
  /** The session's date in the exchange's time zone, YYYY-MM-DD. */
  date: string;
  open: number;
  close: number;
  /** Closes at 13:00 ET instead of 16:00. */
  early: boolean;
}

const holidayCache = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let found = holidayCache.get(year);
  if (!found) {
    found = new Map(getHolidays(year).map((h) => [h.dateString, h.name]));
    holidayCache.set(year, found);
  }
  return found;
}

/** The holiday closing the exchange on `date` (YYYY-MM-DD), if any. */
export function holidayOn(date: string): string | undefined {
  return holidaysOf(Number(date.slice(0, 4))).get(date);
}

function weekday(date: string): number {
  return dayjs.utc(date).day();
}

export function isTradingDay(date: string): boolean {
  const d = weekday(date);
  return d !== 0 && d !== 6 && holidayOn(date) === undefined;
}

/**
 * NYSE early closes (13:00 ET): the day before Independence Day, the day after Thanksgiving and
 * Christmas Eve, when each is a trading day. nyse-holidays lists full closures only, so these
 * three published rules are applied here.
 */
export function isEarlyClose(date: string): boolean {
  if (!isTradingDay(date)) return false;
  const md = date.slice(5);
  if (md === '07-03' || md === '12-24') return true;
  const thanksgiving = [...holidaysOf(Number(date.slice(0, 4))).entries()].find(([, name]) =>
    name.startsWith('Thanksgiving'),
  )?.[0];
  return thanksgiving !== undefined && dayjs.utc(thanksgiving).add(1, 'day').format('YYYY-MM-DD') === date;
}

/** The regular session on `date`, or undefined when the exchange is closed that day. */
export function sessionOn(date: string): Session | undefined {
  if (!isTradingDay(date)) return undefined;
  const early = isEarlyClose(date);
  return {
    date,
    open: dayjs.tz(`${date} 09:30`, NYSE_TIME_ZONE).valueOf(),
    close: dayjs.tz(`${date} ${early ? '13:00' : '16:00'}`, NYSE_TIME_ZONE).valueOf(),
    early,
  };
}

/** The exchange-local date (YYYY-MM-DD) of an instant. */
export function exchangeDate(ts: number): string {
  return dayjs(ts).tz(NYSE_TIME_ZONE).format('YYYY-MM-DD');
}

/** Formats an instant as the exchange's wall-clock time, e.g. "14:45 ET". */
export function exchangeTime(ts: number): string {
  return `${dayjs(ts).tz(NYSE_TIME_ZONE).format('HH:mm')} ET`;
}

function shiftDate(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** The latest session that has closed at or before `now`. */
export function lastClosedSession(now: number): Session {
  let date = exchangeDate(now);
  for (let i = 0; i < 30; i++, date = shiftDate(date, -1)) {
    const session = sessionOn(date);
    if (session && session.close <= now) return session;
  }
  throw new Error(`no NYSE session closed in the 30 days before ${new Date(now).toISOString()}`);
}

/** The session in progress at `now`, if the market is open. */
export function openSession(now: number): Session | undefined {
  const session = sessionOn(exchangeDate(now));
  return session && session.open <= now && now < session.close ? session : undefined;
}

/** Sessions whose dates fall between the two instants (inclusive), oldest first. */
export function sessionsBetween(from: number, to: number): Session[] {
  const out: Session[] = [];
  const last = exchangeDate(to);
  for (let date = exchangeDate(from); date <= last; date = shiftDate(date, 1)) {
    const session = sessionOn(date);
    if (session) out.push(session);
  }
  return out;
}
