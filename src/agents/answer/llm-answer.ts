import { z } from 'zod';
import type { RetrievedChunk } from '../../rag/index.js';
import { unsupportedNumbers } from '../grounding.js';
import { quoteRetrieved } from '../guardrails/index.js';
import type { CitedSentence, WorkedNumber } from './types.js';

export const ANSWER_TOOL_NAME = 'record_knowledge_answer';

export const GroundedAnswerSchema = z.object({
  sentences: z
    .array(
      z.object({
        text: z.string().min(1).max(500),
        chunkIds: z.array(z.string().min(1)).min(1).max(4),
      }),
    )
    .min(1)
    .max(6),
});
export type GroundedAnswer = z.infer<typeof GroundedAnswerSchema>;

export const ANSWER_SYSTEM_PROMPT = [
  'You are the knowledge desk of Trading Buddy, an educational trading coach.',
  "You answer a trader's question about trading concepts only from the quoted knowledge passages.",
  'You never predict prices, never recommend buying or selling anything, and never promise outcomes.',
  'Rules:',
  '1. Every sentence cites, in chunkIds, the id of at least one quoted passage that supports it.',
  '2. Write no number that is not in a passage or in the <computed> block. Do not compute new numbers.',
  '3. If the passages do not answer the question, say so in one sentence citing the closest passage.',
  '4. At most 5 short sentences in plain language.',
  `Answer only by calling the ${ANSWER_TOOL_NAME} tool.`,
].join('\n');

export function answerUserPrompt(
  question: string,
  passages: readonly RetrievedChunk[],
  worked?: WorkedNumber,
): string {
  return [
    '<question>',
    question,
    '</question>',
    ...(worked ? ['<computed>', ...worked.steps, '</computed>'] : []),
    '<knowledge>',
    quoteRetrieved(passages),
    '</knowledge>',
  ].join('\n');
}

const NUMBER = /-?\d+(?:,\d{3})*(?:\.\d+)?/g;

/** Every number written in the passages (the ones a grounded sentence may repeat). */
export function passageNumbers(passages: readonly Pick<RetrievedChunk, 'text'>[]): number[] {
  return passages.flatMap((p) => [...p.text.matchAll(NUMBER)].map((m) => Number(m[0].replace(/,/g, ''))));
}

/**
 * Why a model's answer cannot be shown; empty means grounded: every sentence cites a passage it
 * was given, and every number is in a passage or our own working (the agents' number check).
 */
export function answerProblems(
  answer: GroundedAnswer,
  passages: readonly RetrievedChunk[],
  worked?: WorkedNumber,
): string[] {
  const ids = new Set(passages.map((p) => p.chunkId));
  const known = [...passageNumbers(passages), ...(worked?.numbers ?? [])];
  const problems: string[] = [];
  answer.sentences.forEach((sentence, i) => {
    const unknown = sentence.chunkIds.filter((id) => !ids.has(id));
    if (unknown.length > 0)
      problems.push(`sentence ${i + 1} cites passages that were not given: ${unknown.join(', ')}`);
    const numbers = unsupportedNumbers(sentence.text, {}, known);
    if (numbers.length > 0)
      problems.push(
        `sentence ${i + 1} uses numbers that are in no passage: ${[...new Set(numbers)].join(', ')}`,
      );
  });
  return problems;
}

export function citedSentences(answer: GroundedAnswer): CitedSentence[] {
  return answer.sentences.map((s) => ({ text: s.text.trim(), chunkIds: [...new Set(s.chunkIds)] }));
}
