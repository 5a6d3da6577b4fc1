export { createConversation, userIdOf, type Conversation } from './conversation.js';
export { InboundSchema } from './inbound-schema.js';
export { produceAnswer, type Answer } from './answer.js';
export { answerRetry, finishClaimed, LOST_ANSWER } from './outbox.js';
export { createAnswerOutbox, leaseOf, type AnswerOutbox } from './outbox-lease.js';
export { createAnswerSweeper, type AnswerSweeper, type AnswerSweeperDeps } from './sweeper.js';
