export type GuardrailStage = 'input' | 'retrieved' | 'output' | 'explanation';
export type GuardrailAction = 'blocked' | 'rewritten' | 'flagged';

/** One thing a check found: which rule, what it did about it, and the words that triggered it. */
export interface GuardrailFinding {
  stage: GuardrailStage;
  rule: string;
  action: GuardrailAction;
  /** The matched words (short); the journal scrubs and cuts it again before storing. */
  excerpt: string;
  /** How the text was read when the rule matched: 'plain', 'base64', 'leet', ... */
  via: string;
}

export type InputVerdict =
  | { action: 'allow'; findings: GuardrailFinding[] }
  | { action: 'block'; reason: string; findings: GuardrailFinding[] };

export interface OutputCheck {
  /** The text with offending sentences replaced and mentions neutralised. */
  text: string;
  findings: GuardrailFinding[];
  /** True when nothing of substance was left: the caller must use its fallback text. */
  blocked: boolean;
}

/** Excerpts stay short: enough to audit the decision, too little to replay an attack. */
export const EXCERPT_CHARS = 120;

export function excerptOf(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
