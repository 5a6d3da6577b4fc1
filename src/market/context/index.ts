export { assembleContextPack, liquidityOf } from './assemble.js';
export {
  createContextPackBuilder,
  EVENT_WINDOW_DAYS,
  type BuildRequest,
  type ContextPackBuilder,
} from './builder.js';
export type {
  ContextPack,
  EventFact,
  FrameContext,
  LiquidityFacts,
  MarketContext,
  PortfolioFacts,
  TickerInfo,
} from './types.js';
export {
  defaultRules,
  STRICTNESS,
  type Strictness,
  UserRulesSchema,
  type UserContext,
  type UserRules,
} from './user.js';
