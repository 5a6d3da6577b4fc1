export { COMPANY_KINDS, MACRO_KINDS, parseEventsCsv, type EventRowError, type ParsedEvents } from './csv.js';
export { type EventImportReport, importEventsCsv, importEventsFile } from './import.js';
export { loadDemoEvents } from './demo.js';
