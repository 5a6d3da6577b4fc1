import { AppError } from '../../errors.js';

export type LlmErrorCode =
  | 'llm-invalid-output'
  | 'llm-truncated'
  | 'llm-refused'
  | 'llm-unavailable'
  | 'llm-spend-limit'
  | 'llm-budget-exceeded'
  | 'llm-timeout';

const USER_MESSAGES: Record<LlmErrorCode, string> = {
  'llm-invalid-output': 'The AI answer was not usable, so the rule-based analysis is shown instead.',
  'llm-truncated': 'The AI answer was cut off, so the rule-based analysis is shown instead.',
  'llm-refused': 'The AI declined to answer this one, so the rule-based analysis is shown instead.',
  'llm-unavailable': 'The AI service is unavailable right now, so the rule-based analysis is shown instead.',
  'llm-spend-limit':
    'The AI account has reached its spending limit, so the rule-based analysis is shown instead.',
  'llm-budget-exceeded':
    'Your daily AI budget is used up, so rule mode is used instead until tomorrow (UTC).',
  'llm-timeout': 'The AI service took too long to answer, so the rule-based analysis is shown instead.',
};

/**
 * Why a structured LLM call produced no value. `message` is for logs and is scrubbed of
 * credentials by the clients; `userMessage` is what a trader may see.
 */
export class LlmError extends AppError {
  override readonly code: LlmErrorCode;
  /** Whether asking again later may succeed (a caller-level retry, not a transport one). */
  readonly retryable: boolean;

  constructor(options: { code: LlmErrorCode; message: string; retryable: boolean; cause?: unknown }) {
    super({
      code: options.code,
      category: options.code === 'llm-budget-exceeded' ? 'user' : 'upstream',
      message: options.message,
      userMessage: USER_MESSAGES[options.code],
      cause: options.cause,
    });
    this.name = 'LlmError';
    this.code = options.code;
    this.retryable = options.retryable;
  }
}

export function llmError(code: LlmErrorCode, message: string, cause?: unknown): LlmError {
  const retryable = code === 'llm-unavailable' || code === 'llm-timeout' || code === 'llm-truncated';
  return new LlmError({ code, message, retryable, cause });
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
