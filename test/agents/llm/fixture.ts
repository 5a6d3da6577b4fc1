import { z } from 'zod';
import type { LlmLogger, StructuredRequest } from '../../../src/agents/llm/index.js';

export const API_KEY = 'sk-ant-api03-TESTSECRET-0123456789abcdefghij';

export const Recommendation = z.object({
  recommendation: z.enum(['BUY', 'SELL', 'HOLD']),
  confidence: z.number().int().min(0).max(100),
  reasoning: z.string().min(1),
  key_factors: z.array(z.string()).max(5),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const VALID: Recommendation = {
  recommendation: 'HOLD',
  confidence: 62,
  reasoning: 'Price sits mid-range under the 50-day average; the plan risks 1R for 1.4R.',
  key_factors: ['below SMA50', 'RSI 48', 'R:R 1.4'],
};

export function request(
  overrides: Partial<StructuredRequest<Recommendation>> = {},
): StructuredRequest<Recommendation> {
  return {
    purpose: 'agent',
    system: 'You are the Technical agent. Never predict prices.',
    user: 'Facts: close 184.2, sma50 186.9, rsi14 48. Idea: long AAPL 185 stop 180 target 192.',
    schema: Recommendation,
    toolName: 'agent_recommendation',
    toolDescription: 'Report the recommendation with confidence and reasoning.',
    userId: 'U123',
    requestId: 'msg-1',
    ...overrides,
  };
}

/** A logger that keeps every line, so a test can grep what would have been logged. */
export function captureLogger(): LlmLogger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, ...rest: unknown[]) =>
    void lines.push([message, ...rest.map((r) => JSON.stringify(r))].join(' '));
  return { lines, debug: write, info: write, warn: write, error: write };
}
