export { parseFundamentalsCsv, type ParsedFundamentals, type SkippedFundamentalsRow } from './csv.js';
export { DEMO_FUNDAMENTALS_AS_OF, demoFundamentals, demoUniverseFundamentals } from './demo.js';
export {
  fundamentalsOf,
  importFundamentalsFile,
  loadDemoFundamentals,
  type FundamentalsImportReport,
} from './import.js';
export {
  DEMO_FUNDAMENTALS_SOURCE,
  FUNDAMENTAL_FIELDS,
  type FundamentalField,
  type Fundamentals,
} from './types.js';
