/**
 * Writes the TA-Lib reference values that pin `computeFeatures` (test/fixtures/reference/*.json).
 *
 * Not part of the build and not run by the tests: it needs the native `talib` binding (node-talib,
 * which compiles TA-Lib's C source with node-gyp), installed in a scratch directory OUTSIDE the
 * repository so the product never depends on it:
 *
 *   mkdir -p /tmp/talib-ref && cd /tmp/talib-ref && npm init -y && npm install talib@1.1.6
 *   cd - && TALIB_DIR=/tmp/talib-ref npx tsx scripts/reference/talib-fixtures.ts \
 *     --bars 500 --out test/fixtures/reference AMD AMAT AES
 *
 * talib 2.0.5 (the latest) asks for Node 24 and its tarball ships macOS object files that the
 * Linux link rejects; on Node 20 it builds after `npm install talib@2.0.5 --ignore-scripts`, then
 * in node_modules/talib: `rm src/lib/temp/csr/*.o src/lib/lib/*.a && node src/lib/build.js &&
 * node-gyp configure build --nodedir=/usr`. Both bundle TA-Lib C 0.6.0-dev and gave identical
 * values for the committed fixtures (written with 2.0.5).
 *
 * The bars are read with the product's own CSV parser from ../shared/data/market/daily, so rows
 * with an empty price are skipped exactly as an import skips them. Only dates and indicator values
 * are written, never the OHLCV bars: the shared data is not copied into the repository.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseOhlcvCsv } from '../../src/market/data/index.js';
import type { Bar } from '../../src/market/types.js';

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
interface Talib {
  version: string;
  execute(params: Record<string, unknown>): TalibResult;
}

const { values: args, positionals: symbols } = parseArgs({
  allowPositionals: true,
  options: {
    bars: { type: 'string', default: '500' },
    out: { type: 'string', default: 'test/fixtures/reference' },
    data: { type: 'string', default: join(import.meta.dirname, '../../../shared/data/market/daily') },
  },
});
const talibDir = process.env.TALIB_DIR ?? '/tmp/talib-ref';
const talib = createRequire(join(talibDir, 'package.json'))('talib') as Talib;
const talibPackage = JSON.parse(readFileSync(join(talibDir, 'node_modules/talib/package.json'), 'utf8')) as {
  version: string;
};
const cVersion =
  /#define MAJOR "(\d+)"[\s\S]*#define MINOR "(\d+)"[\s\S]*#define BUILD "(\d+)"[\s\S]*#define EXTRA "(\w*)"/.exec(
    readFileSync(join(talibDir, 'node_modules/talib/src/lib/src/ta_common/ta_version.c'), 'utf8'),
  );

/** One indicator output: its first valid bar (TA-Lib's begIndex) and the values from there on. */
interface Series {
  first: number;
  values: number[];
}

/** 12 significant digits: far below the 1e-6 relative tolerance the tests use, a third of the size. */
const round = (v: number): number => Number(v.toPrecision(12));

function run(name: string, bars: readonly Bar[], params: Record<string, unknown>): Record<string, Series> {
  const out = talib.execute({
    name,
    startIdx: 0,
    endIdx: bars.length - 1,
    open: bars.map((b) => b.open),
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
    volume: bars.map((b) => b.volume),
    inReal: bars.map((b) => b.close),
    ...params,
  });
  const series: Record<string, Series> = {};
  for (const [key, values] of Object.entries(out.result))
    series[key] = { first: out.begIndex, values: values.slice(0, out.nbElement).map(round) };
  return series;
}

/** Feature name -> [TA-Lib function, parameters, output]. Inputs: close for inReal, H/L/C/V bars. */
const CALLS: Record<string, [string, Record<string, number>, string]> = {
  sma20: ['SMA', { optInTimePeriod: 20 }, 'outReal'],
  sma50: ['SMA', { optInTimePeriod: 50 }, 'outReal'],
  sma200: ['SMA', { optInTimePeriod: 200 }, 'outReal'],
  ema20: ['EMA', { optInTimePeriod: 20 }, 'outReal'],
  ema50: ['EMA', { optInTimePeriod: 50 }, 'outReal'],
  ema200: ['EMA', { optInTimePeriod: 200 }, 'outReal'],
  rsi14: ['RSI', { optInTimePeriod: 14 }, 'outReal'],
  atr14: ['ATR', { optInTimePeriod: 14 }, 'outReal'],
  macd: ['MACD', { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, 'outMACD'],
  macdSignal: ['MACD', { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, 'outMACDSignal'],
  macdHist: ['MACD', { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, 'outMACDHist'],
  bbUpper: [
    'BBANDS',
    { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 },
    'outRealUpperBand',
  ],
  bbMiddle: [
    'BBANDS',
    { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 },
    'outRealMiddleBand',
  ],
  bbLower: [
    'BBANDS',
    { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 },
    'outRealLowerBand',
  ],
  adx14: ['ADX', { optInTimePeriod: 14 }, 'outReal'],
  plusDi: ['PLUS_DI', { optInTimePeriod: 14 }, 'outReal'],
  minusDi: ['MINUS_DI', { optInTimePeriod: 14 }, 'outReal'],
  stochK: [
    'STOCH',
    {
      optInFastK_Period: 14,
      optInSlowK_Period: 3,
      optInSlowK_MAType: 0,
      optInSlowD_Period: 3,
      optInSlowD_MAType: 0,
    },
    'outSlowK',
  ],
  stochD: [
    'STOCH',
    {
      optInFastK_Period: 14,
      optInSlowK_Period: 3,
      optInSlowK_MAType: 0,
      optInSlowD_Period: 3,
      optInSlowD_MAType: 0,
    },
    'outSlowD',
  ],
  obv: ['OBV', {}, 'outReal'],
};

const maxBars = Number(args.bars);
if (!Number.isInteger(maxBars) || maxBars < 250)
  throw new Error(`--bars must be an integer >= 250, got ${args.bars}`);
if (symbols.length === 0) throw new Error('name at least one symbol of the daily folder, e.g. AMD');
mkdirSync(args.out, { recursive: true });

for (const symbol of symbols) {
  const file = join(args.data, `${symbol}.csv`);
  const [all] = parseOhlcvCsv(readFileSync(file, 'utf8')).bySymbol.values();
  const bars = (all ?? []).slice(0, maxBars);
  const indicators: Record<string, Series> = {};
  for (const [feature, [fn, params, output]] of Object.entries(CALLS)) {
    const series = run(fn, bars, params)[output];
    if (!series) throw new Error(`TA-Lib ${fn} gave no ${output}`);
    indicators[feature] = series;
  }
  const dates = bars.map((b) => new Date(b.ts).toISOString().slice(0, 10));
  const fixture = {
    source: {
      library: `TA-Lib C ${cVersion ? `${cVersion[1]}.${cVersion[2]}.${cVersion[3]}${cVersion[4] ? `-${cVersion[4]}` : ''}` : '(unknown)'}, default compatibility, no unstable period, through the npm binding talib ${talibPackage.version}`,
      generator: 'scripts/reference/talib-fixtures.ts',
      data: `../shared/data/market/daily/${symbol}.csv read with parseOhlcvCsv (rows with an empty price skipped)`,
      range: `${dates[0]} to ${dates.at(-1)}: the first ${bars.length} bars of the file`,
      calls: Object.fromEntries(
        Object.entries(CALLS).map(([feature, [fn, params, output]]) => [
          feature,
          `${fn}(${fn === 'OBV' ? 'close, volume' : /ADX|DI|ATR|STOCH/.test(fn) ? 'high, low, close' : 'close'}${Object.entries(
            params,
          )
            .map(([k, v]) => `, ${k}=${v}`)
            .join('')}).${output}`,
        ]),
      ),
      rounding: 'values rounded to 12 significant digits',
    },
    symbol,
    dates,
    indicators,
  };
  writeFileSync(join(args.out, `${symbol}.talib.json`), `${JSON.stringify(fixture)}\n`);
  console.log(`${symbol}: ${bars.length} bars ${dates[0]}..${dates.at(-1)}`);
}
