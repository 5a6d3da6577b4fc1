import { pastStop } from '../evaluators/trade-math.js';
import type { Bar } from '../market/types.js';

/**
 * Whether an exit beyond the stop was the market gapping through it rather than a late exit:
 * the exit bar (after the entry bar, whose previous close was still inside the stop) opened
 * beyond the stop, and the exit was no worse than that open — the stop working as well as the
 * market allowed.
 */
export function gappedThroughStop(
  side: 'long' | 'short',
  stop: number,
  held: readonly Bar[],
  avgExit: number,
  tolerance: number,
): boolean {
  const exitBar = held[held.length - 1];
  const before = held[held.length - 2];
  return (
    exitBar !== undefined &&
    before !== undefined &&
    pastStop(side, stop, before.close) <= tolerance &&
    pastStop(side, stop, exitBar.open) > tolerance &&
    pastStop(side, exitBar.open, avgExit) <= tolerance
  );
}
