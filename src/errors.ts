export type ErrorCategory = 'user' | 'upstream' | 'internal';

/**
 * The one error type that crosses module boundaries. `userMessage` is safe to show a trader;
 * `message` and `cause` are for logs only.
 */
export class AppError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: {
    code: string;
    category: ErrorCategory;
    message: string;
    userMessage?: string;
    cause?: unknown;
    details?: Record<string, unknown>;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.category = options.category;
    this.userMessage =
      options.userMessage ??
      (options.category === 'user'
        ? options.message
        : 'Something went wrong on our side. It has been logged.');
    this.details = options.details;
  }
}

export function userError(code: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError({ code, category: 'user', message, userMessage: message, details });
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What a surface may show for any thrown value: never the raw text of an unknown error. */
export function toUserMessage(error: unknown): string {
  return isAppError(error) ? error.userMessage : 'Something went wrong on our side. It has been logged.';
}
