export { createConversation, userIdOf, type Conversation } from './conversation.js';
export { InboundSchema } from './inbound-schema.js';
export { produceAnswer, type Answer } from './answer.js';
export {
  answerRetry,
  createAnswerOutbox,
  finishClaimed,
  leaseOf,
  LOST_ANSWER,
  type AnswerOutbox,
} from './outbox.js';
export { createAnswerSweeper, type AnswerSweeper, type AnswerSweeperDeps } from './sweeper.js';
