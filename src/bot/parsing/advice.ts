import { findAdviceRequest } from '../../agents/guardrails/index.js';

// "What's a price target in analyst reports?", "what are the odds of 10 losses in a row?" ask
// what a word means; they name no instrument and no future.
const DEFINITION = /^(?:what(?:'s| is| are| does| do)|whats|explain|define|tell me (?:about|what))\b/i;
const OUTCOME =
  /\b(?:will|would|going to|gonna|goes? up|goes? down|tomorrow|next (?:week|month|year)|this (?:week|month))\b/i;

/**
 * A request for a forecast, odds, a promise or a side ("buy or sell SPX?", "good idea right?",
 * "how much will I make"), by the input guard's own patterns; a question about what such a term
 * means is not one.
 */
export function asksForPrediction(text: string, namesSymbol: boolean): boolean {
  if (!findAdviceRequest(text)) return false;
  return namesSymbol || !DEFINITION.test(text.trim()) || OUTCOME.test(text);
}
