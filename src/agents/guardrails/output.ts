import { canonical } from './normalize.js';
import { MENTION, NEGATION, OUTPUT_RULES } from './output-patterns.js';
import { excerptOf, type GuardrailFinding, type GuardrailStage, type OutputCheck } from './types.js';

export const REMOVED_NOTE =
  '(Part of this answer was removed: Trading Buddy does not forecast prices, promise outcomes or tell anyone what to buy or sell.)';

// "No doubt it will..." reads as a negation word but asserts the opposite.
const INTENSIFIER =
  /\b(?:no doubt|no question|without (?:a |any )?doubt|not only|nothing (?:can|will) stop|no way (?:it|this|that) (?:won'?t|doesn'?t)|no reason (?:it|to doubt)|never been (?:a )?better)\b/;

export interface SentenceFinding {
  rule: string;
  match: string;
}

/**
 * Splits after . ! ? and at blank lines or list items, keeping numbers like 2,870.5, "e.g."
 * and hard-wrapped lines together (a negation on one line governs the next).
 */
export function sentences(text: string): string[] {
  return text
    .split(
      /(?<=[.!?…])(?<!\b(?:e\.g|i\.e|vs|approx|etc|no|incl)\.)\s+(?=\S)|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/,
    )
    .filter((s) => s.trim().length > 0);
}

/** Every output rule broken by one sentence; empty when the sentence is fine. */
export function sentenceFindings(sentence: string): SentenceFinding[] {
  const text = canonical(sentence);
  const found: SentenceFinding[] = [];
  for (const rule of OUTPUT_RULES) {
    for (const pattern of rule.patterns) {
      const global = new RegExp(
        pattern.source,
        pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
      );
      const hit = [...text.matchAll(global)].find((m) => {
        if (!rule.negatable) return true;
        const before = text.slice(Math.max(0, m.index - 60), m.index);
        return !NEGATION.test(before) || INTENSIFIER.test(before);
      });
      if (hit) {
        found.push({ rule: rule.id, match: hit[0] });
        break;
      }
    }
  }
  return found;
}

/** Breaks mentions so no answer can ping a channel or a person; the name stays readable. */
export function neutraliseMentions(text: string): { text: string; mentions: string[] } {
  const mentions: string[] = [];
  const out = text.replace(MENTION, (m) => {
    mentions.push(m);
    const name = m
      .replace(/^<[!@]?[!&]?/, '')
      .replace(/\|.*$/, '')
      .replace(/>$/, '')
      .replace(/^subteam\^/i, '')
      .replace(/^@/, '');
    // A zero-width space after "@" keeps the text legible and stops both platforms from pinging.
    return `@\u200b${name}`;
  });
  return { text: out, mentions };
}

/**
 * Screens text an LLM (or anything else) wrote before a trader sees it. Sentences that
 * forecast, promise or tell the reader what to buy are replaced by one note; mentions are
 * neutralised. `blocked` means no sentence survived: the caller shows its fallback instead.
 */
export function checkOutput(text: string, stage: GuardrailStage = 'output'): OutputCheck {
  const findings: GuardrailFinding[] = [];
  const kept: string[] = [];
  let removed = 0;
  const parts = sentences(text);
  for (const sentence of parts) {
    const hits = sentenceFindings(sentence);
    if (hits.length === 0) {
      kept.push(sentence);
      continue;
    }
    removed += 1;
    for (const hit of hits)
      findings.push({
        stage,
        rule: hit.rule,
        action: 'rewritten',
        excerpt: excerptOf(hit.match),
        via: 'plain',
      });
  }
  let out = removed === 0 ? text : [...kept, REMOVED_NOTE].join(' ');
  const { text: safe, mentions } = neutraliseMentions(out);
  out = safe;
  for (const m of mentions)
    findings.push({ stage, rule: 'mention', action: 'rewritten', excerpt: excerptOf(m), via: 'plain' });
  const blocked = removed > 0 && kept.length === 0;
  if (blocked) for (const f of findings) if (f.rule !== 'mention') f.action = 'blocked';
  return { text: blocked ? REMOVED_NOTE : out, findings, blocked };
}
