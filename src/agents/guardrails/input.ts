import { ADVICE_PATTERNS, INJECTION_RULES, type InjectionRule } from './injection-patterns.js';
import { canonical, readings, squash } from './normalize.js';
import { excerptOf, type GuardrailFinding, type GuardrailStage, type InputVerdict } from './types.js';

export interface InputGuardOptions {
  /** Longer messages are refused before any other work: 4,000 matches the HTTP message limit. */
  maxChars?: number;
}

export const DEFAULT_MAX_INPUT_CHARS = 4_000;

const ADVICE_NOTE =
  'I do not forecast prices or tell anyone what to buy or sell. Share your own idea (entry, stop, target) and I will audit it against the data and your rules.';

function firstMatch(rule: InjectionRule, text: string): string | undefined {
  for (const pattern of rule.patterns) {
    const m = pattern.exec(text);
    if (m) return m[0];
  }
  const squashed = squash(text);
  for (const pattern of rule.squashed ?? []) {
    const m = pattern.exec(squashed);
    if (m) return m[0];
  }
  return undefined;
}

/**
 * Every injection rule that matches any reading of the text; one finding per rule (the first
 * reading that shows it). Shared by the input and retrieved-text guards.
 */
export function findInjections(
  text: string,
  stage: GuardrailStage,
  action: GuardrailFinding['action'],
): GuardrailFinding[] {
  const found: GuardrailFinding[] = [];
  const views = readings(text);
  for (const rule of INJECTION_RULES) {
    if (rule.stages && !(rule.stages as readonly string[]).includes(stage)) continue;
    for (const view of views) {
      const hit = firstMatch(rule, view.text);
      if (hit !== undefined) {
        found.push({ stage, rule: rule.id, action, excerpt: excerptOf(hit), via: view.via });
        break;
      }
    }
  }
  return found;
}

/** A request for a forecast or a personal buy/sell call (flagged, never blocked: the answer redirects). */
export function findAdviceRequest(text: string): GuardrailFinding | undefined {
  const plain = canonical(text);
  for (const pattern of ADVICE_PATTERNS) {
    const m = pattern.exec(plain);
    if (m)
      return {
        stage: 'input',
        rule: 'advice-request',
        action: 'flagged',
        excerpt: excerptOf(m[0]),
        via: 'plain',
      };
  }
  return undefined;
}

/**
 * Screens a trader's message before any flow sees it. Blocks oversized text and injection
 * attempts with a reason that is safe to show (it never echoes the attack); flags requests for
 * predictions so the answer can redirect to auditing the trader's own plan.
 */
export function checkInput(text: string, options: InputGuardOptions = {}): InputVerdict {
  const maxChars = options.maxChars ?? DEFAULT_MAX_INPUT_CHARS;
  if (text.length > maxChars) {
    const finding: GuardrailFinding = {
      stage: 'input',
      rule: 'oversized-input',
      action: 'blocked',
      excerpt: `${text.length} chars > ${maxChars}`,
      via: 'plain',
    };
    return {
      action: 'block',
      reason: `Your message is ${text.length.toLocaleString('en-US')} characters; I read at most ${maxChars.toLocaleString('en-US')}. Send the trade idea on its own.`,
      findings: [finding],
    };
  }
  const injections = findInjections(text, 'input', 'blocked');
  const first = injections[0];
  if (first) {
    const rule = INJECTION_RULES.find((r) => r.id === first.rule);
    return {
      action: 'block',
      reason: `I can't act on that message: ${rule?.reason ?? 'it looks like an attempt to change how I work'}.${first.rule === 'role-play-jailbreak' ? ' In any role I do not predict prices or tell anyone what to buy or sell.' : ''} I audit trade ideas; try "long SPX 2870 stop 2790 target 3050".`,
      findings: injections,
    };
  }
  const advice = findAdviceRequest(text);
  return { action: 'allow', findings: advice ? [advice] : [] };
}

/** What to tell a trader whose message was flagged as asking for a forecast or a call. */
export function adviceNote(verdict: InputVerdict): string | undefined {
  return verdict.findings.some((f) => f.rule === 'advice-request') ? ADVICE_NOTE : undefined;
}
