import type { OverallSeverity } from '../evaluators/index.js';
import type { Severity } from '../evaluators/types.js';

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
}

export interface ReplyIssue {
  severity: Severity;
  code: string;
  module: string;
  message: string;
  evidence: { label: string; value: string }[];
  mitigation: string;
}

export interface AgentCard {
  agent: string;
  recommendation: 'BUY' | 'SELL' | 'HOLD';
  confidence: number;
  reasoning: string;
  factors: { text: string; evidence: string }[];
  provider: string;
}

export interface ReplyButton {
  id: 'evaluate' | 'save-journal' | 'edit' | 'cancel';
  label: string;
  value: string;
}

/** A platform-neutral rich message; each surface's renderer enforces its own limits. */
export interface Reply {
  kind: 'report' | 'text' | 'help' | 'error';
  title: string;
  text?: string;
  badge?: { score: number; severity: OverallSeverity; label: string };
  sections: { heading?: string; text: string }[];
  issues: ReplyIssue[];
  agents: AgentCard[];
  chart?: { path?: string; url?: string; alt: string };
  buttons: ReplyButton[];
  footer?: string;
  refs?: { evaluationId?: string; intentId?: string };
}

export function textReply(title: string, text: string, kind: Reply['kind'] = 'text'): Reply {
  return { kind, title, text, sections: [], issues: [], agents: [], buttons: [] };
}

/** Every answer that interprets a trade carries this line. */
export const DISCLAIMER = 'Educational, not financial advice. Trading Buddy audits your plan; it does not predict prices.';
