export {
  DISCLAIMER,
  textReply,
  type AgentCard,
  type Reply,
  type ReplyButton,
  type ReplyIssue,
} from './types.js';
