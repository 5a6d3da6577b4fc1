import { checkOutput } from './output.js';
import type { GuardrailFinding } from './types.js';

/** The line every answer carries (DESIGN.md: AI-generated and educational). */
export const AI_NOTICE = 'AI-generated, educational content: not financial advice.';

const HAS_NOTICE = /\bAI[- ]generated\b/i;

/**
 * The parts of a bot Reply that carry prose. Structural, so agents/ needs no import from bot/
 * (dependencies point one way); `Reply` from src/bot/types.ts satisfies it.
 */
export interface GuardableReply {
  text?: string;
  sections: Array<{ heading?: string; text: string }>;
  issues: Array<{ message: string; mitigation: string }>;
  agents: Array<{ reasoning: string; factors: Array<{ text: string; evidence: string }> }>;
  footer?: string;
}

/** Appends the AI notice to the footer unless the reply already says it is AI-generated. */
export function withAiNotice<R extends { text?: string; footer?: string }>(reply: R): R {
  if (HAS_NOTICE.test(reply.footer ?? '') || HAS_NOTICE.test(reply.text ?? '')) return reply;
  return { ...reply, footer: reply.footer ? `${reply.footer} ${AI_NOTICE}` : AI_NOTICE };
}

/**
 * Runs the output guard over every prose field of a reply and adds the AI notice. A field the
 * guard empties gets the removal note in its place. Returns what it found, for the journal.
 */
export function guardReply<R extends GuardableReply>(reply: R): { reply: R; findings: GuardrailFinding[] } {
  const findings: GuardrailFinding[] = [];
  const clean = (text: string): string => {
    const check = checkOutput(text, 'output');
    findings.push(...check.findings);
    return check.text;
  };
  const guarded: R = {
    ...reply,
    ...(reply.text !== undefined ? { text: clean(reply.text) } : {}),
    sections: reply.sections.map((s) => ({ ...s, text: clean(s.text) })),
    issues: reply.issues.map((i) => ({ ...i, message: clean(i.message), mitigation: clean(i.mitigation) })),
    agents: reply.agents.map((a) => ({
      ...a,
      reasoning: clean(a.reasoning),
      factors: a.factors.map((f) => ({ ...f, text: clean(f.text) })),
    })),
  };
  return { reply: withAiNotice(guarded), findings };
}
