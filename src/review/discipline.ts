import { entryRuleFindings } from './entry-rules.js';
import type { FillSummary } from './fills.js';
import type { EntryRules, EntryWarning, Finding, Levels, ReviewPlan } from './types.js';
import { warningFindings } from './warnings-heeded.js';

export interface DisciplineInput {
  side: 'long' | 'short';
  plan: ReviewPlan | undefined;
  fills: Pick<FillSummary, 'entries' | 'avgEntry' | 'maxQty'>;
  rules: EntryRules | undefined;
  /** The evaluation's issues; only the high and critical ones are weighed. */
  warnings: readonly EntryWarning[];
  /** The idea as evaluated (levels and shares); undefined when the trade carried out no idea. */
  proposed: Levels | undefined;
  acknowledgement?: string | undefined;
  pnlTodayBefore?: number | undefined;
}

/**
 * The discipline at entry, beside plan adherence: each rule of the trader's broken by the actual
 * entry, and what was done with each high-severity warning. Pure over (plan, fills, rules,
 * evaluation issues, acknowledgement).
 */
export function entryDiscipline(input: DisciplineInput): Finding[] {
  const stop = input.plan?.stop;
  const target = input.plan?.targets[0];
  const rules = input.rules
    ? entryRuleFindings(
        {
          side: input.side,
          fills: input.fills,
          stop,
          target,
          pnlTodayBefore: input.pnlTodayBefore,
        },
        input.rules,
      )
    : [];
  const warnings = warningFindings({
    warnings: input.warnings,
    proposed: input.proposed,
    actual: { entry: input.fills.avgEntry, stop, target, shares: input.fills.maxQty },
    brokenRules: new Set(rules.map((f) => f.code)),
    acknowledgement: input.acknowledgement,
  });
  return [...rules, ...warnings];
}
