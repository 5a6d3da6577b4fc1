import type { AgentRecommendation, FactValue } from './schema.js';
import type { Facts } from './types.js';

/**
 * A model's answer is used only if everything it cites is on record: each feature with the
 * value we gave, each passage among those retrieved, and every number in its text one of ours.
 * These checks are what "works from facts, never from numbers the model produces" means.
 */

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * True when `written` (as the model wrote it) is `fact` rounded to the digits written: 61.2 and
 * 61 are 61.23, 61.3 is not. The model may drop trailing digits, never change one.
 */
export function sameNumber(written: number, fact: number, writtenText = String(written)): boolean {
  const f = 10 ** decimals(writtenText);
  return Math.abs(Math.round(fact * f) / f - written) < 1e-9 * Math.max(1, Math.abs(fact));
}

export function sameFact(cited: FactValue, fact: FactValue): boolean {
  if (typeof fact === 'number') {
    if (typeof cited === 'number') return sameNumber(cited, fact);
    if (typeof cited !== 'string' || cited.trim() === '') return false;
    const parsed = Number(cited.trim());
    return Number.isFinite(parsed) && sameNumber(parsed, fact, cited.trim());
  }
  if (typeof fact === 'boolean') return cited === fact || String(cited).toLowerCase() === String(fact);
  return String(cited).trim().toLowerCase() === fact.trim().toLowerCase();
}

/** Citations that do not match the record, in words for the audit. */
export function citationProblems(
  answer: AgentRecommendation,
  facts: Facts,
  chunkIds: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const { evidence } of answer.key_factors) {
    if (evidence.kind === 'chunk') {
      if (!chunkIds.has(evidence.chunkId))
        problems.push(`cites passage ${evidence.chunkId}, which was not retrieved`);
      continue;
    }
    const fact = facts[evidence.name];
    if (fact === undefined) problems.push(`cites ${evidence.name}, which is not among the facts`);
    else if (!sameFact(evidence.value, fact))
      problems.push(`cites ${evidence.name} = ${String(evidence.value)}, but the fact is ${String(fact)}`);
  }
  return problems;
}

// Dates and timeframes ("2020-04-17", "1d", "15m") are not quantities a model could invent.
const NOT_QUANTITIES = /\b\d{4}-\d{2}-\d{2}\b|\b\d+(?:m|h|d|w|M)\b/g;
const NUMBER = /(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])-?\d+(?:\.\d+)?/g;

/**
 * Numbers in the model's own words that match nothing we gave it: no fact value, no number in a
 * fact's name or string value (EMA50, "1w"), no number of the idea itself, no count up to 10.
 */
export function unsupportedNumbers(text: string, facts: Facts, extra: readonly number[] = []): string[] {
  const known: number[] = [...extra];
  for (const [name, value] of Object.entries(facts)) {
    if (typeof value === 'number') known.push(value);
    for (const m of `${name} ${typeof value === 'string' ? value : ''}`.matchAll(/\d+(?:\.\d+)?/g))
      known.push(Number(m[0]));
  }
  const out: string[] = [];
  for (const match of text.replace(NOT_QUANTITIES, ' ').matchAll(NUMBER)) {
    const raw = match[0].replace(/,/g, '');
    const value = Number(raw);
    if (!Number.isFinite(value)) continue;
    const digits = raw.replace(/^-/, '');
    const abs = Math.abs(value);
    if (Number.isInteger(value) && abs <= 10) continue;
    if (known.some((k) => sameNumber(abs, Math.abs(k), digits))) continue;
    out.push(match[0]);
  }
  return out;
}

/** Every reason not to use an answer; empty means it is grounded. */
export function groundingProblems(
  answer: AgentRecommendation,
  facts: Facts,
  chunkIds: ReadonlySet<string>,
  extra: readonly number[],
): string[] {
  const texts = [answer.reasoning, ...answer.key_factors.map((k) => k.factor)].join('\n');
  const numbers = unsupportedNumbers(texts, facts, extra);
  return [
    ...citationProblems(answer, facts, chunkIds),
    ...(numbers.length > 0
      ? [`uses numbers that are not in the facts: ${[...new Set(numbers)].slice(0, 5).join(', ')}`]
      : []),
  ];
}
