export { computeFeatures, featureAt, snapshotAt } from './compute.js';
export { FEATURE_NAMES, type FeatureColumns, type FeatureName, type FeatureSnapshot } from './names.js';
