export { MTFA_VERSION, computeAlignment } from './alignment.js';
export { MIN_FRAME_BARS, assessFrame } from './frame.js';
export type {
  Direction,
  FrameAssessment,
  FrameEvidence,
  InsufficientFrame,
  IntentSide,
  MtfaAspect,
  MtfaConflict,
  MtfaFrameInput,
  MtfaResult,
  SufficientFrame,
} from './types.js';
