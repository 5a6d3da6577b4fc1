import type { PositionSize } from '../../evaluators/intent.js';
import { parseAmount, parsePercent } from './numbers.js';
import type { Token } from './tokens.js';
import { THESIS_WORDS, TIMEFRAME_WORDS } from './vocabulary.js';

/** A number followed by one of these is a size, never another target ("targets 195 200 500 shares"). */
const SIZE_UNITS = new Set(['shares', 'sh', 'shs', 'contracts', 'units', 'risk', 'notional', 'position']);

export function claimTargets(tokens: Token[], start: number, used: Set<number>): number[] {
  const targets: number[] = [];
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === 'and' || token.text === '&' || token.text === 'then') continue;
    // "15m" and "1m" read as amounts (15 million) but here they name a timeframe.
    if (TIMEFRAME_WORDS[token.text]) break;
    const parts = token.text.split('/');
    const values = parts.map((p) => parseAmount(p));
    if (used.has(i) || values.some((v) => v === undefined)) break;
    const next = tokens[i + 1]?.text;
    if (targets.length > 0 && next !== undefined && SIZE_UNITS.has(next)) break;
    used.add(i);
    targets.push(...(values as number[]));
  }
  return targets;
}

export function riskAt(tokens: Token[], at: number, used: Set<number>): PositionSize | undefined {
  const token = tokens[at];
  if (!token || used.has(at)) return undefined;
  const percent = parsePercent(token.text);
  if (percent !== undefined) {
    used.add(at);
    return { kind: 'risk-pct', value: percent };
  }
  const amount = parseAmount(token.text);
  if (amount === undefined) return undefined;
  used.add(at);
  return { kind: 'risk-amount', value: amount };
}

export function findThesis(text: string): { start: number; thesis: string } | undefined {
  const match = new RegExp(`(?:^|[\\s,;.])(${[...THESIS_WORDS].join('|')})\\b[:\\s-]*`, 'i').exec(text);
  if (!match || match.index === undefined) return undefined;
  const thesis = text.slice(match.index + match[0].length).trim();
  return thesis.length >= 3 ? { start: match.index, thesis } : undefined;
}
