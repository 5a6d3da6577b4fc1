import type { FactValue } from '../schema.js';
import type { Facts } from '../types.js';

/** Rounded so a model can copy the value and the check can compare it exactly. */
export function rounded(value: number, digits = 2): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** A fact builder that skips what is missing or not finite, so a fact is never NaN or a guess. */
export function factSet(): {
  put(name: string, value: FactValue | undefined | null, digits?: number): void;
  facts: Facts;
} {
  const facts: Facts = {};
  return {
    facts,
    put(name, value, digits = 2) {
      if (value === undefined || value === null) return;
      if (typeof value === 'number') {
        if (Number.isFinite(value)) facts[name] = rounded(value, digits);
        return;
      }
      facts[name] = value;
    },
  };
}

export function num(facts: Facts, name: string): number | undefined {
  const value = facts[name];
  return typeof value === 'number' ? value : undefined;
}

/** "1234.5": for reasoning text; the same rounding as the facts (no grouping), so the numbers match them. */
export function show(value: number, digits = 2): string {
  return rounded(value, digits).toLocaleString('en-US', {
    maximumFractionDigits: digits,
    useGrouping: false,
  });
}

/** YYYY-MM-DD of an epoch-ms time. */
export function day(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}
