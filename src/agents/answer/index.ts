export {
  createKnowledgeAnswerer,
  type AnswerRecord,
  type KnowledgeAnswerer,
  type KnowledgeAnswererDeps,
} from './answerer.js';
export { citation, markers } from './citation.js';
export { extractiveAnswer, type ExtractiveOptions } from './extractive.js';
export {
  ANSWER_SYSTEM_PROMPT,
  ANSWER_TOOL_NAME,
  answerProblems,
  GroundedAnswerSchema,
  type GroundedAnswer,
} from './llm-answer.js';
export {
  coverage,
  DEFAULT_MIN_STRENGTH,
  EXTRA_PASSAGE_MARGIN,
  retrievalStrength,
  selectPassages,
} from './select.js';
export { trimToAnswer } from './trim.js';
export type { AnswerPassage, CitedSentence, KnowledgeAnswer, WorkedNumber } from './types.js';
export { workedNumber } from './worked-number.js';
export { questionTerms, termsIn } from './question-terms.js';
