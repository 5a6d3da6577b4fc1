import { lexicalTerms } from '../../rag/index.js';

// Words every question carries ("what does X mean", "how do people use it"): matching them says
// nothing about whether a passage is on topic.
const FILLER = new Set(
  lexicalTerms(
    'what how why when which who does do did mean means meaning use used using people work works tell explain ' +
      'difference between good better best should need matter affect ok okay thing things way ways really',
  ),
);

/** The distinct content terms of a question (stems, stop words and question filler removed). */
export function questionTerms(question: string): string[] {
  return [...new Set(lexicalTerms(question).filter((t) => !FILLER.has(t)))];
}

/** How many of `terms` occur in `text`. */
export function termsIn(terms: readonly string[], text: string): number {
  const present = new Set(lexicalTerms(text));
  return terms.filter((t) => present.has(t)).length;
}
