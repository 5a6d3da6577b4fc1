export {
  type DataFreshness,
  describeFreshness,
  type FrameFreshness,
  type FreshnessInput,
} from './describe.js';
