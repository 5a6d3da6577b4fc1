// How an education question opens: "what is…", "how do I…", "explain…", "difference between…".
const QUESTION_START =
  /^(?:what(?:'s|s)?|how(?:'s)?|why|when|which|who|where|is|are|does|do|did|can|could|should|would|explain|define|describe|tell me (?:about|what|how|why)|difference between|meaning of)\b/i;

/**
 * A question about a concept rather than a trade plan: it opens like a question or ends with
 * "?". The router asks this only after ruling out a trade idea, so "long TCHA 600 stop 570?" is
 * still evaluated.
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length < 4) return false;
  return QUESTION_START.test(t) || /\?\s*$/.test(t);
}
