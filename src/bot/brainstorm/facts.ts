import { isAppError } from '../../errors.js';
import type { ContextPackBuilder, UserContext } from '../../market/context/index.js';
import {
  allLevels,
  computeKeyLevels,
  roundPrice,
  type KeyLevels,
  type LevelSource,
} from '../../market/levels/index.js';
import type { Timeframe } from '../../market/types.js';

/** The market numbers a suggestion may quote, all from the same ContextPack the evaluation will use. */
export interface MarketFacts {
  symbol: string;
  timeframe: Timeframe;
  asOf: number;
  lastClose: number;
  atr?: number;
  levels: KeyLevels;
  synthetic: boolean;
  user: UserContext;
}

export interface FactsSource {
  builder: ContextPackBuilder;
  userContext(userId: string): Promise<UserContext>;
}

export type FactsResult = { ok: true; facts: MarketFacts } | { ok: false; problem: string; code: string };

/** Builds the ContextPack for the draft's symbol; a symbol without data is a message, not a crash. */
export async function loadFacts(
  source: FactsSource,
  userId: string,
  symbol: string,
  timeframe: Timeframe,
): Promise<FactsResult> {
  try {
    const user = await source.userContext(userId);
    const ctx = await source.builder.build({ symbol, timeframe, user });
    const { primary } = ctx;
    const levels = computeKeyLevels(primary.bars, primary.features, { timeframe });
    const atr = primary.latest.atr14 ?? levels.atr;
    return {
      ok: true,
      facts: {
        symbol: ctx.symbol,
        timeframe,
        asOf: ctx.asOf,
        lastClose: primary.lastBar.close,
        ...(atr !== undefined ? { atr } : {}),
        levels,
        synthetic: ctx.ticker.isSynthetic,
        user,
      },
    };
  } catch (error) {
    if (isAppError(error) && error.category === 'user')
      return { ok: false, problem: error.userMessage, code: error.code };
    throw error;
  }
}

const SOURCE_NAMES: Record<LevelSource, string> = {
  'prior-high': 'prior bar high',
  'prior-low': 'prior bar low',
  'prior-close': 'prior close',
  'pivot-p': 'pivot',
  'pivot-r1': 'pivot R1',
  'pivot-r2': 'pivot R2',
  'pivot-r3': 'pivot R3',
  'pivot-s1': 'pivot S1',
  'pivot-s2': 'pivot S2',
  'pivot-s3': 'pivot S3',
  'range-high': '20-bar high',
  'range-low': '20-bar low',
  'avwap-swing-high': 'VWAP from the last swing high',
  'avwap-swing-low': 'VWAP from the last swing low',
  'avwap-period-start': 'period VWAP',
  support: 'swing support',
  resistance: 'swing resistance',
};

export interface Level {
  price: number;
  name: string;
}

/**
 * The nearest level beyond `from` in a direction, at least `minAtr` ATR away so a stop is not
 * parked inside the bar-to-bar noise. Swing support/resistance is preferred over pivots when
 * both are within a quarter ATR of each other, because it is where price actually turned.
 */
export function levelBeyond(
  facts: MarketFacts,
  from: number,
  direction: 'below' | 'above',
  minAtr = 0.5,
): Level | undefined {
  const gap = (facts.atr ?? 0) * minAtr;
  const candidates = allLevels(facts.levels)
    .filter((l) => (direction === 'below' ? l.price <= from - gap : l.price >= from + gap))
    .sort((a, b) => Math.abs(a.price - from) - Math.abs(b.price - from));
  const nearest = candidates[0];
  if (!nearest) return undefined;
  const swing = candidates.find(
    (l) =>
      (l.source === 'support' || l.source === 'resistance') &&
      Math.abs(l.price - nearest.price) <= (facts.atr ?? 0) * 0.25,
  );
  const pick = swing ?? nearest;
  const touches = facts.levels.supportResistance.find((s) => s.price === pick.price)?.touches;
  return {
    price: pick.price,
    name: `${SOURCE_NAMES[pick.source]}${touches && touches > 1 ? `, ${touches} touches` : ''}`,
  };
}

/** Prices as traders read them: about six significant digits, never fewer than two decimals. */
export function px(value: number, reference?: number): string {
  return String(roundPrice(value, reference ?? value));
}

export function isoDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}
