import { DEMO_UNIVERSE } from './demo-universe.js';
import { mulberry32 } from './prng.js';

export const DEMO_EVENTS_SEED = 20_240_602;
export const DEMO_EVENTS_NOTE = 'synthetic demo calendar';
const REPORT_MONTHS = [0, 3, 6, 9];

export interface DemoEvent {
  symbol: string;
  date: string;
  kind: 'earnings';
  note: string;
  isSynthetic: true;
}

/**
 * A synthetic earnings calendar for the demo universe: one report a quarter per symbol, in the
 * second half of January, April, July and October (when companies usually report), on a weekday
 * drawn from a seeded generator, so it is the same on every machine. Only dates in [from, until]:
 * it covers the demo bars' own dates and invents nothing past them.
 */
export function generateDemoEvents(from: string, until: string, seed = DEMO_EVENTS_SEED): DemoEvent[] {
  const random = mulberry32(seed);
  const out: DemoEvent[] = [];
  const first = Number(from.slice(0, 4));
  const last = Number(until.slice(0, 4));
  for (const d of DEMO_UNIVERSE) {
    for (let year = first; year <= last; year++) {
      for (const month of REPORT_MONTHS) {
        const day = new Date(Date.UTC(year, month, 14 + Math.floor(random() * 14)));
        const weekday = day.getUTCDay();
        if (weekday === 6) day.setUTCDate(day.getUTCDate() + 2);
        if (weekday === 0) day.setUTCDate(day.getUTCDate() + 1);
        const date = day.toISOString().slice(0, 10);
        if (date >= from && date <= until)
          out.push({ symbol: d.symbol, date, kind: 'earnings', note: DEMO_EVENTS_NOTE, isSynthetic: true });
      }
    }
  }
  return out;
}
