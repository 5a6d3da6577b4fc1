import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../errors.js';
import type { ChartRenderer } from './chart-renderer.js';
import type { CandleChartSpec } from './spec.js';

export interface ChartPoolOptions {
  /** Worker threads; the default leaves one core to the event loop. */
  threads?: number;
  /** Charts waiting for a worker; one more is refused (that chart fails, the answer does not). */
  maxQueue?: number;
  /** Told about a worker that failed outside a chart (its chart, if any, has failed already). */
  onWorkerError?: (error: unknown) => void;
}

/** One core for the event loop, the rest for charts, at least one worker. */
export function defaultChartWorkers(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

// Under tsx (npm start, tests, benchmarks) the worker is this folder's .ts file and needs
// tsx's loader; a compiled build would load the .js file as is.
const SELF = import.meta.url;
const IS_TS = SELF.endsWith('.ts');
const WORKER_FILE = new URL(`./render-worker.${IS_TS ? 'ts' : 'js'}`, SELF).href;

/** Renders chart PNGs in a piscina pool of worker threads with a bounded queue. */
export function createChartWorkerPool(options: ChartPoolOptions = {}): ChartRenderer & {
  readonly threads: number;
  /** The pool's live worker threads (for tests that need to take one down). */
  readonly workers: () => ReadonlyArray<{ terminate(): Promise<number> }>;
} {
  const threads = options.threads ?? defaultChartWorkers();
  const pool = new Piscina<CandleChartSpec, Uint8Array>({
    filename: WORKER_FILE,
    // Started on the first chart, then kept: a CLI command or a test that draws nothing pays nothing.
    minThreads: 0,
    maxThreads: threads,
    maxQueue: options.maxQueue ?? 1_000,
    // Idle workers stay: starting one costs ECharts, resvg and the fonts again.
    idleTimeout: Number.POSITIVE_INFINITY,
    execArgv: IS_TS ? ['--import', 'tsx'] : [],
  });
  // Piscina replaces a dead worker itself; an 'error' it emits must not end the process.
  pool.on('error', (error: unknown) => options.onWorkerError?.(error));
  return {
    kind: 'workers',
    threads,
    workers: () => pool.threads,
    async render(spec) {
      try {
        const png = await pool.run(spec);
        return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
      } catch (error) {
        throw new AppError({
          code: 'chart-render-failed',
          category: 'internal',
          message: `Chart worker failed: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
        });
      }
    },
    close: () => pool.destroy(),
  };
}
