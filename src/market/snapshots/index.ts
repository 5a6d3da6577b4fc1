export { computeMarketState, type MarketState } from './compute.js';
export { keyLevelsFromRow, keyLevelsToRow, regimeFromRow, regimeToRow } from './rows.js';
export {
  BASE_BARS,
  FRAME_BARS,
  barCloseTs,
  frameBars,
  isIntraday,
  pickBase,
  requireBase,
  requireTicker,
} from './series.js';
export {
  createSnapshotService,
  type FrameInput,
  type MarketSnapshot,
  type SnapshotService,
} from './service.js';
