import type { Retriever } from '../../rag/index.js';
import type { GuardContext, Guardrails } from '../guardrails/index.js';
import type { LlmClient } from '../llm/index.js';
import { extractiveAnswer } from './extractive.js';
import { DEFAULT_MIN_STRENGTH } from './select.js';
import {
  ANSWER_SYSTEM_PROMPT,
  ANSWER_TOOL_NAME,
  answerProblems,
  answerUserPrompt,
  citedSentences,
  GroundedAnswerSchema,
} from './llm-answer.js';
import type { KnowledgeAnswer } from './types.js';

/**
 * What the answer is journaled with (on the reply's `assistant_messages.tool_calls`): the
 * question, the passages found, screened out and quoted, and with a model its validated output,
 * the `llm_calls` rows that hold the prompt and the raw response (blanked after
 * LLM_RAW_RETENTION_DAYS like every other call, so they are not copied here), or why the
 * extractive answer was used instead.
 */
export interface AnswerRecord {
  tool: 'knowledge-answer';
  question: string;
  outcome: KnowledgeAnswer['kind'];
  mode: 'extractive' | 'llm' | 'none';
  strength: number;
  minStrength: number;
  retrieved: { chunkId: string; docPath: string; heading: string; similarity: number | null }[];
  /** Passages the retrieved-text guard left out as instructions rather than data. */
  screenedOut: string[];
  quoted: string[];
  /** The model's validated output (as `llm_calls.parsed_output`), whether or not it was grounded. */
  modelOutput?: unknown;
  llmCallIds: string[];
  fallback?: string;
}

export interface KnowledgeAnswerer {
  answer(question: string, ctx?: GuardContext): Promise<{ answer: KnowledgeAnswer; record: AnswerRecord }>;
}

export interface KnowledgeAnswererDeps {
  retriever: Retriever;
  guardrails: Pick<Guardrails, 'retrieved'>;
  llm?: LlmClient | undefined;
  minStrength?: number;
  /** Hits read before selection (default 8). */
  k?: number;
}

/** Retrieval, the retrieved-text guard, the extractive core and, when configured, the grounded model answer. */
export function createKnowledgeAnswerer(deps: KnowledgeAnswererDeps): KnowledgeAnswerer {
  const minStrength = deps.minStrength ?? DEFAULT_MIN_STRENGTH;
  return {
    async answer(question, ctx = {}) {
      const hits = await deps.retriever.retrieve(question, { k: deps.k ?? 8 });
      const screened = await deps.guardrails.retrieved(hits, ctx);
      const extractive = extractiveAnswer(question, screened.kept, { minStrength });
      const record: AnswerRecord = {
        tool: 'knowledge-answer',
        question,
        outcome: extractive.kind,
        mode: extractive.kind === 'answer' ? 'extractive' : 'none',
        strength: extractive.strength,
        minStrength,
        retrieved: hits.map((h) => ({
          chunkId: h.chunkId,
          docPath: h.docPath,
          heading: h.heading,
          similarity: h.similarity ?? null,
        })),
        screenedOut: screened.flagged.map((f) => f.chunk.chunkId),
        quoted: extractive.kind === 'answer' ? extractive.passages.map((p) => p.chunkId) : [],
        llmCallIds: [],
      };
      if (extractive.kind !== 'answer' || !deps.llm) return { answer: extractive, record };

      const quoted = new Set(record.quoted);
      const passages = screened.kept.filter((h) => quoted.has(h.chunkId));
      const user = answerUserPrompt(question, passages, extractive.worked);
      const result = await deps.llm.generate({
        purpose: 'answer',
        system: ANSWER_SYSTEM_PROMPT,
        user,
        schema: GroundedAnswerSchema,
        toolName: ANSWER_TOOL_NAME,
        toolDescription: 'Record the answer to the question, each sentence citing the passages it rests on.',
        ...(ctx.userId ? { userId: ctx.userId } : {}),
        ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      });
      record.llmCallIds = result.callIds;
      if (!result.ok) {
        record.fallback = `the LLM call failed (${result.error.code}): ${result.error.message}`;
        return { answer: extractive, record };
      }
      record.modelOutput = result.value;
      const problems = answerProblems(result.value, passages, extractive.worked);
      if (problems.length > 0) {
        record.fallback = `the LLM answer was not grounded: ${problems.join('; ')}`;
        return { answer: extractive, record };
      }
      record.mode = 'llm';
      return { answer: { ...extractive, mode: 'llm', sentences: citedSentences(result.value) }, record };
    },
  };
}
