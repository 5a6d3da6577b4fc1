export { BrokerFileError, stockSymbol } from './common.js';
export {
  DEFAULT_TIME_ZONE,
  detectFillsFormat,
  FILLS_FORMATS,
  isFillsFormat,
  parseFillsFile,
  type FillsFormat,
} from './fills-file.js';
export { isActivityStatement, parseActivityStatement } from './ibkr-activity-csv.js';
export { flexDateTime, parseFlexQuery } from './ibkr-flex.js';
export { createAlpacaActivities, mapAlpacaActivities, type AlpacaSettings } from './alpaca.js';
export { alpacaOutcome, createAlpacaSync, type AlpacaSyncReport } from './alpaca-sync.js';
