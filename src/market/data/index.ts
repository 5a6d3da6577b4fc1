export { parseOhlcvCsv, type ParsedCsv, type SkippedRow } from './csv.js';
export { DEMO_UNIVERSE, generateDemoUniverse, type DemoInstrument } from './demo-universe.js';
export { importCsvFile, loadDemoData, spxCsvPath, type ImportReport } from './import.js';
export { gaussian, mulberry32 } from './prng.js';
export { bucketStart, canResample, resample } from './resample.js';
