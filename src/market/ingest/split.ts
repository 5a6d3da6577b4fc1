import type { Bar } from '../types.js';

/** A price jump this size on the same bar cannot be a data revision; the smallest usual split is 5:4. */
const MIN_SPLIT_MOVE = 0.2;
/** OHLC of a re-fetched bar must all move by the same factor (to this tolerance) to read as a split. */
const CONSISTENCY = 0.01;

/**
 * The split ratio implied by a bar we stored and the provider's split-adjusted copy of the same
 * bar fetched later (e.g. 4 for a 4:1 split, 0.1 for a 1:10 reverse split), or undefined when
 * the two agree or differ in a way no split explains.
 */
export function impliedSplitRatio(stored: Bar | undefined, fetched: Bar | undefined): number | undefined {
  if (!stored || !fetched || stored.ts !== fetched.ts) return undefined;
  const ratio = stored.close / fetched.close;
  if (!Number.isFinite(ratio) || ratio <= 0 || Math.abs(Math.log(ratio)) < Math.log(1 + MIN_SPLIT_MOVE))
    return undefined;
  const consistent = (['open', 'high', 'low'] as const).every(
    (k) => Math.abs(stored[k] / fetched[k] / ratio - 1) <= CONSISTENCY,
  );
  return consistent ? ratio : undefined;
}

/** Bars as they read after a split of `ratio`: prices divided, volume multiplied. */
export function adjustForSplit(bars: readonly Bar[], ratio: number): Bar[] {
  return bars.map((b) => ({
    ts: b.ts,
    open: b.open / ratio,
    high: b.high / ratio,
    low: b.low / ratio,
    close: b.close / ratio,
    volume: Math.round(b.volume * ratio),
  }));
}
