import type { EventRepository, MarketRepository } from '../../db/index.js';
import { generateDemoEvents } from '../data/demo-events.js';

/** The demo bars start on the first trading day of 2000. */
const DEMO_FIRST_DAY = '2000-01-01';

/**
 * Stores the synthetic demo earnings calendar over the dates of the demo bars (2000 to SPX's
 * last bar), once: a database that has it already is left alone.
 */
export async function loadDemoEvents(
  events: Pick<EventRepository, 'insertMany' | 'hasSynthetic'>,
  market: Pick<MarketRepository, 'latestBarTs'>,
): Promise<{ added: number }> {
  if (await events.hasSynthetic()) return { added: 0 };
  const last = await market.latestBarTs('SPX', '1d');
  if (last === undefined) return { added: 0 };
  const until = new Date(last).toISOString().slice(0, 10);
  return { added: await events.insertMany(generateDemoEvents(DEMO_FIRST_DAY, until)) };
}
