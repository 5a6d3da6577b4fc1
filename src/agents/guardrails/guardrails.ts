import type { GuardrailJournal } from '../audit/guardrail-journal.js';
import { checkInput } from './input.js';
import { checkOutput } from './output.js';
import { guardReply, type GuardableReply } from './reply.js';
import { screenRetrieved, type QuotableChunk, type ScreenedChunks } from './retrieved.js';
import type { GuardrailFinding, GuardrailStage, InputVerdict, OutputCheck } from './types.js';

/** Who and what a check was about, so its journal rows join the rest of the audit chain. */
export interface GuardContext {
  userId?: string | undefined;
  requestId?: string | undefined;
  evalId?: string | undefined;
}

/** The pure checks plus journaling: every block, rewrite and flag lands in `guardrail_events`. */
export interface Guardrails {
  input(text: string, ctx?: GuardContext): Promise<InputVerdict>;
  retrieved<C extends QuotableChunk>(
    chunks: readonly C[],
    ctx?: GuardContext,
    options?: { keepFlagged?: boolean },
  ): Promise<ScreenedChunks<C>>;
  output(text: string, ctx?: GuardContext, stage?: GuardrailStage): Promise<OutputCheck>;
  reply<R extends GuardableReply>(reply: R, ctx?: GuardContext): Promise<R>;
  journal(findings: readonly GuardrailFinding[], ctx?: GuardContext): Promise<void>;
}

export function createGuardrails(deps: { journal: GuardrailJournal; maxInputChars?: number }): Guardrails {
  const journal = async (findings: readonly GuardrailFinding[], ctx: GuardContext = {}) => {
    if (findings.length === 0) return;
    await deps.journal.record(
      findings.map((f) => ({
        stage: f.stage,
        rule: f.rule,
        action: f.action,
        excerpt: f.via === 'plain' ? f.excerpt : `(${f.via}) ${f.excerpt}`,
        userId: ctx.userId,
        requestId: ctx.requestId,
        evalId: ctx.evalId,
      })),
    );
  };
  return {
    journal,
    async input(text, ctx) {
      const verdict = checkInput(
        text,
        deps.maxInputChars === undefined ? {} : { maxChars: deps.maxInputChars },
      );
      await journal(verdict.findings, ctx);
      return verdict;
    },
    async retrieved(chunks, ctx, options) {
      const screened = screenRetrieved(chunks, options);
      await journal(screened.findings, ctx);
      return screened;
    },
    async output(text, ctx, stage = 'output') {
      const check = checkOutput(text, stage);
      await journal(check.findings, ctx);
      return check;
    },
    async reply(reply, ctx) {
      const guarded = guardReply(reply);
      await journal(guarded.findings, ctx);
      return guarded.reply;
    },
  };
}
