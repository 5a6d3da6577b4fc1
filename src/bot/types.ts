export {
  DISCLAIMER,
  DISCLAIMER_BRIEF,
  textReply,
  type AgentCard,
  type Reply,
  type ReplyButton,
  type ReplyIssue,
} from '../reply/index.js';

export type Platform = 'cli' | 'http' | 'slack' | 'discord';

/** A message from any surface, after the adapter stripped the platform away. */
export interface Inbound {
  platform: Platform;
  workspace: string;
  channel: string;
  thread: string;
  user: string;
  userName?: string | undefined;
  text: string;
  /** A slash command without its slash, e.g. "evaluate"; its arguments are in `text`. */
  command?: string | undefined;
  /** A button press: which button and the value it carried. */
  action?: { id: string; value: string } | undefined;
  /** The platform's id for this delivery; a retry with the same id is answered from the record. */
  deliveryId?: string | undefined;
  /**
   * The account the message acts for, when the edge already authenticated it (the HTTP API's
   * caller). Absent: the platform identity `platform:workspace:user`.
   */
  accountId?: string | undefined;
}
