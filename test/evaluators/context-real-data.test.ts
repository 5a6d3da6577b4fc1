import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALUATORS, createRegistry, runEvaluators } from '../../src/evaluators/index.js';
import {
  keyLevelsFromRow,
  keyLevelsToRow,
  regimeFromRow,
  regimeToRow,
} from '../../src/market/snapshots/index.js';
import { contextPack, intentOf } from '../helpers/context.js';
import { DAILY_DIR, dailyFiles, loadDailyCsv } from '../market/regime/daily-csv.js';

const files = dailyFiles();
if (files.length === 0) console.warn(`real-data evaluator checks skipped: no CSV files in ${DAILY_DIR}`);

const registry = createRegistry(EVALUATORS);
const NEW_MODULES = ['mtfa', 'regime-fit', 'entry-quality', 'missing-scanner'];

describe.skipIf(files.length === 0)('market-context evaluators over real daily bars', () => {
  it.each(files.map((f) => [basename(f, '.csv'), f]))(
    'when %s is evaluated long and short, then every issue has numbers and a numeric fix',
    async (symbol, file) => {
      const ctx = contextPack({ symbol, bars: loadDailyCsv(file) });
      const close = ctx.primary.lastBar.close;
      const atr = ctx.primary.latest.atr14 ?? close * 0.02;
      const ideas = [
        intentOf({ symbol, side: 'long', entry: close, stop: close - 1.5 * atr, targets: [close + 3 * atr] }),
        intentOf({
          symbol,
          side: 'short',
          entry: close,
          stop: close + 1.5 * atr,
          targets: [close - 3 * atr],
        }),
      ];
      for (const intent of ideas) {
        const result = await runEvaluators(registry, intent, ctx, { timeoutMs: 2_000 });
        const runs = result.modules.filter((m) => NEW_MODULES.includes(m.id));
        expect(runs.map((m) => [m.id, m.status])).toEqual(NEW_MODULES.map((id) => [id, 'ok']));
        for (const issue of result.issues.filter(
          (i) => NEW_MODULES.includes(i.module) && i.severity !== 'info',
        )) {
          const numbers = Object.values(issue.evidence).filter((v): v is number => typeof v === 'number');
          expect(numbers.length, `${issue.code} has no numeric evidence`).toBeGreaterThan(0);
          for (const n of numbers) expect(Number.isFinite(n), `${issue.code}: ${n}`).toBe(true);
          expect(issue.message, issue.code).toMatch(/\d/);
          expect(issue.mitigation, `${issue.code}: ${issue.mitigation}`).toMatch(/\d/);
          expect(issue.mitigation).not.toMatch(/NaN|undefined|Infinity/);
        }
        for (const run of runs) expect(run.score).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it.each(files.map((f) => [basename(f, '.csv'), f]))(
    'when the %s snapshot goes through its table rows, then it comes back equal',
    (symbol, file) => {
      const ctx = contextPack({ symbol, bars: loadDailyCsv(file) });
      const levelsRow = { ...keyLevelsToRow(symbol, '1d', ctx.asOf, ctx.levels), computedAt: new Date() };
      const regimeRow = { ...regimeToRow(symbol, '1d', ctx.asOf, ctx.regime), computedAt: new Date() };
      // JSON first, as jsonb would store it.
      const stored = <T>(row: T): T =>
        JSON.parse(JSON.stringify(row), (key, value: unknown) =>
          /Ts$|^ts$|At$/.test(key) && typeof value === 'string' ? new Date(value) : value,
        ) as T;
      expect(keyLevelsFromRow(stored(levelsRow) as Parameters<typeof keyLevelsFromRow>[0])).toEqual(
        ctx.levels,
      );
      expect(regimeFromRow(stored(regimeRow) as Parameters<typeof regimeFromRow>[0])).toEqual(ctx.regime);
    },
  );
});
