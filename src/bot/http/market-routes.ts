import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { namedLevels, nearestNamed } from '../../evaluators/level-facts.js';
import type { MarketSnapshot } from '../../market/snapshots/index.js';
import { TIMEFRAMES } from '../../market/types.js';
import type { HttpDeps } from './deps.js';

const SnapshotQuery = z
  .object({
    symbol: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9.^=-]{1,15}$/, 'must be a ticker symbol like AAPL or SPX'),
    tf: z.enum(TIMEFRAMES, { message: `must be one of ${TIMEFRAMES.join(', ')}` }).default('1d'),
    asOf: z.iso.date('must be a date like 2020-03-20').optional(),
  })
  .strict();

const iso = (ts: number | null): string | null => (ts === null ? null : new Date(ts).toISOString());

function head(snapshot: MarketSnapshot) {
  return {
    symbol: snapshot.symbol,
    timeframe: snapshot.timeframe,
    dataTs: iso(snapshot.ts),
    source: snapshot.source,
  };
}

/**
 * Seed 004's snapshot endpoints: the stored row when there is one, else computed for the answer
 * only. A GET never writes; the snapshot job and evaluations store snapshots.
 */
export function registerMarketRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { snapshots } = deps.services;
  const read = (query: unknown) => {
    const q = SnapshotQuery.parse(query);
    return snapshots.peek(
      q.symbol,
      q.tf,
      q.asOf === undefined ? {} : { asOf: Date.parse(`${q.asOf}T23:59:59.999Z`) },
    );
  };

  app.get('/api/regime-snapshot', async (request) => {
    const snapshot = await read(request.query);
    const { regime } = snapshot;
    const state = regime.hmm?.states[regime.hmm.currentState];
    return {
      ...head(snapshot),
      asOf: iso(regime.asOf),
      version: regime.version,
      label: regime.label,
      transitionRisk: regime.hmm?.transitionRisk ?? null,
      hmmState: state ? { label: state.label, prob: state.prob } : null,
      regime,
    };
  });

  app.get('/api/key-levels', async (request) => {
    const snapshot = await read(request.query);
    const { levels } = snapshot;
    const named = namedLevels(levels);
    const near =
      levels.lastClose !== undefined && levels.atr !== undefined
        ? nearestNamed(named, levels.lastClose, levels.atr)
        : {};
    const nearOut = (l: (typeof near)['support']) =>
      l ? { price: l.price, name: l.name, distanceAtr: Math.round(l.distanceAtr * 100) / 100 } : null;
    return {
      ...head(snapshot),
      asOf: iso(levels.asOf),
      version: levels.version,
      lastClose: levels.lastClose ?? null,
      atr: levels.atr ?? null,
      nearest: { support: nearOut(near.support), resistance: nearOut(near.resistance) },
      named: named.map((l) => ({
        price: l.price,
        name: l.name,
        source: l.source,
        significance: l.significance,
      })),
      levels,
    };
  });
}
