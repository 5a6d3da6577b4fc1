export {
  DISCLAIMER,
  DISCLAIMER_BRIEF,
  textReply,
  type AgentCard,
  type Reply,
  type ReplyButton,
  type ReplyIssue,
} from './types.js';
export { agentsLine, COMPACT_ISSUES, compactReport, moreText, shorten } from './compact.js';
