export { anchoredVwap } from './anchored-vwap.js';
export { EXTREME_WINDOWS, rollingExtremes, type RollingExtreme } from './extremes.js';
export { KEY_LEVELS_VERSION, atrOrRange, computeKeyLevels } from './key-levels.js';
export { allLevels, nearestLevels } from './nearest.js';
export {
  ANCHOR_PERIOD,
  cadenceOf,
  floorPivots,
  periodStart,
  priorBarOf,
  type AnchorPeriod,
  type Cadence,
  type Pivots,
  type PriorBar,
} from './periods.js';
export { roundPrice, roundTo } from './round.js';
export { clusterSwings, type SwingCluster } from './support-resistance.js';
export {
  findSwings,
  roundedStructure,
  structureOf,
  type Structure,
  type StructureBias,
  type SwingKind,
  type SwingPoint,
} from './swings.js';
export type {
  AnchorKind,
  AnchoredVwap,
  KeyLevels,
  KeyLevelsOptions,
  LevelSource,
  NearLevel,
  NearestLevels,
  SupportResistanceLevel,
} from './types.js';
