import type { OverallSeverity } from '../evaluators/index.js';
import type { Severity } from '../evaluators/types.js';

// The platform-neutral answer every surface renders (terminal, HTTP, Slack, Discord) and the
// scheduled jobs post. It lives outside bot/ so jobs can build one without importing a surface.

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
  /** The recommendation read against the trader's own side: "supports your long", "no clear view". */
  stance?: string;
}

export interface ReplyButton {
  id: 'evaluate' | 'save-journal' | 'edit' | 'cancel' | 'details' | 'settings-form';
  label: string;
  value: string;
}

/** A platform-neutral rich message; each surface's renderer enforces its own limits. */
export interface Reply {
  kind: 'report' | 'text' | 'help' | 'error';
  title: string;
  text?: string;
  badge?: { score: number; severity: OverallSeverity; label: string };
  /**
   * `detail` sections are shown only in the full report (`details`); `brief` is a section's text
   * in the compact one.
   */
  sections: { heading?: string; text: string; detail?: boolean; brief?: string }[];
  issues: ReplyIssue[];
  agents: AgentCard[];
  /**
   * `path`: a local file (terminal, uploads); never sent over HTTP, where `url` is public (see bot/http).
   * `follows`: the evaluation whose chart is still drawing; a surface that can attaches it when ready.
   */
  chart?: { chartId?: string; path?: string; url?: string; alt: string; follows?: string };
  buttons: ReplyButton[];
  footer?: string;
  refs?: { evaluationId?: string; intentId?: string };
  /** Set when this answers a repeated delivery id from the record: surfaces do not post it again. */
  replayed?: boolean;
  /**
   * A report is shown compact unless `full` (reply/compact.ts); the stored reply keeps everything.
   */
  view?: 'compact' | 'full';
  /** Lines shown after the issues and agents, before the chart (the compact report's agents and hint). */
  tail?: { heading?: string; text: string }[];
  /** Issues of a report below the shown cut (low findings the audit keeps). */
  hiddenIssues?: number;
  /** In a compact report: issues left for `details`, and minor ones only the audit lists. */
  more?: { issues: number; minor: number };
  /** The footer of the compact report (the full one adds the evaluation id). */
  footerBrief?: string;
}

export function textReply(title: string, text: string, kind: Reply['kind'] = 'text'): Reply {
  return { kind, title, text, sections: [], issues: [], agents: [], buttons: [] };
}

/** Every answer that interprets a trade carries this line. */
/** The disclaimer in one 80-column line, for the compact report. */
export const DISCLAIMER_BRIEF =
  'AI-generated, educational content: not financial advice. No price predictions.';

export const DISCLAIMER =
  'AI-generated, educational content: not financial advice. Trading Buddy audits your plan; it does not predict prices.';
