import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../src/market/features/index.js';
import { allLevels, computeKeyLevels, nearestLevels } from '../../../src/market/levels/index.js';
import { computeAlignment } from '../../../src/market/mtfa/index.js';
import { computeRegime } from '../../../src/market/regime/index.js';
import { resample } from '../../../src/market/data/index.js';
import { DAILY_DIR, dailyFiles, loadDailyCsv } from '../regime/daily-csv.js';

const files = dailyFiles();
if (files.length === 0) console.warn(`context real-data checks skipped: no CSV files in ${DAILY_DIR}`);

const TREND = ['uptrend', 'downtrend', 'range', 'insufficient'];
const VOL = ['low', 'normal', 'high', 'insufficient'];
const LIQUIDITY = ['thin', 'normal', 'heavy', 'insufficient'];

describe.skipIf(files.length === 0)('levels, regime and MTFA over real daily bars', () => {
  it.each(files.map((f) => [basename(f, '.csv'), f]))(
    'when %s is analysed, then every invariant holds',
    (_symbol, file) => {
      const bars = loadDailyCsv(file);
      const last = bars.at(-1);
      if (!last) throw new Error(`${file} has no usable rows`);
      const features = computeFeatures(bars, { intraday: false });

      const levels = computeKeyLevels(bars, features, { timeframe: '1d' });
      expect(levels.asOf).toBe(last.ts);
      expect(JSON.parse(JSON.stringify(levels))).toEqual(levels);
      for (const level of allLevels(levels)) expect(Number.isFinite(level.price)).toBe(true);
      expect(levels.supportResistance.length).toBeGreaterThan(0);
      expect(levels.supportResistance.length).toBeLessThanOrEqual(8);
      const distances = levels.supportResistance.map((l) => Math.abs(l.price - last.close));
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      for (const l of levels.supportResistance)
        expect(l.kind).toBe(l.price > last.close ? 'resistance' : 'support');
      expect(levels.anchoredVwaps.map((a) => a.anchor).sort()).toEqual([
        'period-start',
        'swing-high',
        'swing-low',
      ]);
      const near = nearestLevels(levels, last.close, levels.atr ?? 0);
      expect(near.support ?? near.resistance).toBeDefined();
      if (near.support) expect(near.support.price).toBeLessThanOrEqual(last.close);
      if (near.resistance) expect(near.resistance.price).toBeGreaterThanOrEqual(last.close);

      const regime = computeRegime(bars, features);
      expect(JSON.parse(JSON.stringify(regime))).toEqual(regime);
      expect(TREND).toContain(regime.trendState);
      expect(VOL).toContain(regime.volState);
      expect(LIQUIDITY).toContain(regime.liquidityState);
      expect(regime.trendStrength).toBeGreaterThanOrEqual(0);
      expect(regime.trendStrength).toBeLessThanOrEqual(100);
      expect(regime.atrPercentile).toBeGreaterThanOrEqual(0);
      expect(regime.atrPercentile).toBeLessThanOrEqual(100);
      const hmm = regime.hmm;
      if (!hmm) throw new Error('five years of bars should fit an HMM');
      expect(hmm.states.reduce((a, s) => a + s.prob, 0)).toBeCloseTo(1, 3);
      for (const row of hmm.transitionMatrix) expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 3);
      expect(Math.max(...hmm.states.map((s) => s.prob))).toBe(hmm.states[hmm.currentState]?.prob);
      expect(hmm.transitionRisk).toBeGreaterThanOrEqual(0);
      expect(hmm.transitionRisk).toBeLessThanOrEqual(1);
      expect(Number.isFinite(hmm.logLikelihood)).toBe(true);

      const weeks = resample(bars, '1d', '1w');
      const months = resample(bars, '1d', '1M');
      const mtfa = computeAlignment('long', [
        { timeframe: '1d', bars, features },
        { timeframe: '1w', bars: weeks, features: computeFeatures(weeks, { intraday: false }) },
        { timeframe: '1M', bars: months, features: computeFeatures(months, { intraday: false }) },
      ]);
      expect(mtfa.frames.map((f) => f.timeframe)).toEqual(['1d', '1w', '1M']);
      expect(mtfa.frames[0]?.status).toBe('ok');
      expect(mtfa.score).toBeGreaterThanOrEqual(0);
      expect(mtfa.score).toBeLessThanOrEqual(100);
      for (const c of mtfa.conflicts) {
        expect(c.message.startsWith('long on 1d')).toBe(true);
        for (const v of Object.values(c.evidence)) expect(Number.isFinite(v)).toBe(true);
      }
    },
  );
});
