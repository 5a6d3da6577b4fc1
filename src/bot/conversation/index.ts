export { createConversation, userIdOf, type Conversation } from './conversation.js';
export { InboundSchema } from './inbound-schema.js';
