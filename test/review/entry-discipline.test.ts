import { describe, expect, it } from 'vitest';
import type { Bar } from '../../src/market/types.js';
import {
  type EntryRules,
  type EntryWarning,
  entryDiscipline,
  fieldOf,
  processScore,
  RULE_BROKEN_CAP,
  reviewTrade,
  type ReviewInput,
  summarizeFills,
  warningFindings,
} from '../../src/review/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);
const at = (day: number) => T0 + day * DAY + 15 * 3_600_000;
const bars: Bar[] = [
  [596, 604],
  [590, 620],
  [610, 650],
].map(([low = 0, high = 0], i) => ({
  ts: T0 + i * DAY,
  open: (low + high) / 2,
  high,
  low,
  close: (low + high) / 2,
  volume: 1000,
}));
const rules: EntryRules = {
  equity: 50_000,
  maxRiskPct: 1,
  maxPositionPct: 100,
  minRewardRisk: 1.5,
  requireStop: true,
  dailyLossLimitPct: 3,
  version: 4,
  teamVersion: 0,
};
const plan = { entry: 600, stop: 570, targets: [680], timeframe: '1d' };
const riskWarning: EntryWarning = {
  code: 'risk-above-limit',
  severity: 'critical',
  message: 'This risks 3000 (6% of equity 50000), above your 1% limit',
};
const noiseWarning: EntryWarning = {
  code: 'stop-inside-noise',
  severity: 'high',
  message: 'The stop is in noise',
};
const regimeWarning: EntryWarning = {
  code: 'regime-style-mismatch',
  severity: 'high',
  message: 'Breakouts fail in this regime',
};
const proposed = { entry: 600, stop: 570, target: 680, shares: 100 };

/** The scenario: 100 TCHA @ 600, stop 570, target 680, closed at 640, with 50k equity and a 1% limit. */
const trade = (over: Partial<ReviewInput> = {}, shares = 100): ReviewInput => ({
  symbol: 'TCHA',
  side: 'long',
  plan,
  bars,
  fills: [
    { ts: at(0), qty: shares, price: 600 },
    { ts: at(2), qty: -shares, price: 640 },
  ],
  rules,
  proposed,
  entryWarnings: [riskWarning],
  ...over,
});

describe('entry discipline: the trader rules at entry', () => {
  it('when the plan is followed but the entry broke max risk and max position, then the grade is capped at C and both rules are named with limit and number', () => {
    const review = reviewTrade(trade());
    const broken = review.findings.filter((f) => f.kind === 'rule');
    expect(broken.map((f) => f.code)).toEqual(['rule-max-risk', 'rule-max-position']);
    expect(broken[0]?.message).toContain('max risk per trade');
    expect(broken[0]?.message).toContain(
      '3000 at risk to the stop, 6% of equity 50000, against a limit of 1%',
    );
    expect(broken[1]?.message).toContain('60000, 120% of equity 50000, against a limit of 100%');
    expect(broken[0]?.evidence).toMatchObject({ riskPct: 6, maxRiskPct: 1, rulesVersion: 4 });
    expect(review.processScore).toBeLessThanOrEqual(RULE_BROKEN_CAP);
    expect(['C', 'D', 'F']).toContain(review.processGrade);
    expect(review.verdict).toBe('bad win');
    expect(review.toImprove.join(' ')).toContain('max risk per trade');
  });

  it('when the same trade is sized inside the rules, then no rule is broken and the grade is not capped', () => {
    const review = reviewTrade(trade({}, 16));
    expect(review.findings.filter((f) => f.kind === 'rule')).toEqual([]);
    expect(review.findings.find((f) => f.kind === 'warning')?.code).toBe('warning-heeded');
    expect(review.processGrade).toBe('A');
  });

  it('when no rules are known, then rule adherence is not judged (the plan alone grades)', () => {
    const review = reviewTrade(trade({ rules: undefined, entryWarnings: [] }));
    expect(review.findings.some((f) => f.kind === 'rule')).toBe(false);
    expect(review.processScore).toBeGreaterThan(RULE_BROKEN_CAP);
  });

  it.each([
    [{ ...rules, minRewardRisk: 3 }, 16, 'rule-min-reward-risk', '2.67R from the average entry 600'],
    [{ ...rules, maxPositionPct: 10 }, 16, 'rule-max-position', 'against a limit of 10%'],
  ])('when the rules are %j and %i shares are bought, then %s is broken: %s', (r, shares, code, text) => {
    const findings = entryDiscipline({
      side: 'long',
      plan,
      fills: summarizeFills('long', trade({}, shares).fills),
      rules: r,
      warnings: [],
      proposed: undefined,
    });
    expect(findings.map((f) => f.code)).toEqual([code]);
    expect(findings[0]?.message).toContain(text);
  });

  it('when the trade has no stop and the rules require one, then the stop rule is broken', () => {
    const findings = entryDiscipline({
      side: 'long',
      plan: { ...plan, stop: undefined },
      fills: summarizeFills('long', trade({}, 16).fills),
      rules,
      warnings: [],
      proposed: undefined,
    });
    expect(findings.map((f) => f.code)).toEqual(['rule-stop-required']);
  });

  it.each([
    [-1_600, 'already lost that day, at or past the limit of 1500'],
    [-1_200, 'a full loss of 480 would have reached 1680, past the limit of 1500'],
  ])('when %d was lost earlier that day, then the daily loss limit is broken: %s', (pnl, text) => {
    const findings = entryDiscipline({
      side: 'long',
      plan,
      fills: summarizeFills('long', trade({}, 16).fills),
      rules,
      warnings: [],
      proposed: undefined,
      pnlTodayBefore: pnl,
    });
    expect(findings.map((f) => f.code)).toEqual(['rule-daily-loss-limit']);
    expect(findings[0]?.message).toContain(text);
  });
});

describe('entry discipline: what was done with the high-severity warnings', () => {
  const actual = (over: Partial<typeof proposed>) => ({ ...proposed, ...over });

  it.each([
    [noiseWarning, actual({ stop: 560 }), undefined, 'heeded'],
    [noiseWarning, actual({}), undefined, 'ignored'],
    [noiseWarning, actual({}), 'support held three times', 'acknowledged'],
    [regimeWarning, actual({ shares: 50 }), undefined, 'heeded'],
    [regimeWarning, actual({ stop: 560 }), undefined, 'ignored'],
    [{ ...regimeWarning, code: 'entry-extended' }, actual({ entry: 590 }), undefined, 'heeded'],
    [{ ...regimeWarning, code: 'level-before-target' }, actual({ target: 650 }), undefined, 'heeded'],
  ])('when the warning is %j and the trade is %j (reason %s), then it was %s', (w, act, reason, outcome) => {
    const [finding] = warningFindings({
      warnings: [w],
      proposed,
      actual: act,
      brokenRules: new Set(),
      acknowledgement: reason,
    });
    expect(finding?.evidence.outcome).toBe(outcome);
    if (outcome === 'acknowledged') expect(finding?.message).toContain(`"${reason}"`);
  });

  it('when a warning is below high severity, then it is not weighed', () => {
    expect(
      warningFindings({
        warnings: [{ ...noiseWarning, severity: 'medium' }],
        proposed,
        actual: proposed,
        brokenRules: new Set(),
      }),
    ).toEqual([]);
  });

  it('when warnings are ignored, then the grade drops by severity; acknowledged costs less; heeded nothing', () => {
    const score = (reason: string | undefined, act = proposed) =>
      processScore(
        warningFindings({
          warnings: [noiseWarning, { ...regimeWarning, severity: 'critical' }],
          proposed,
          actual: act,
          brokenRules: new Set(),
          acknowledgement: reason,
        }),
        true,
      );
    expect(score(undefined)).toBe(100 - 15 - 30);
    expect(score('I accept the gap risk')).toBe(100 - 5 - 5);
    expect(score(undefined, { ...proposed, stop: 560, shares: 50 })).toBe(100);
  });

  it('when a rule warning was not heeded, then the broken rule carries the cost once (not the warning too)', () => {
    const review = reviewTrade(trade());
    const warning = review.findings.find((f) => f.kind === 'warning');
    expect(warning).toMatchObject({ code: 'warning-ignored', severity: 'info' });
    const acknowledged = reviewTrade(trade({ acknowledgement: 'conviction trade' }));
    expect(acknowledged.findings.find((f) => f.kind === 'warning')?.code).toBe('warning-acknowledged');
    expect(acknowledged.processScore).toBeLessThanOrEqual(RULE_BROKEN_CAP);
  });

  it.each([
    ['stop-inside-level', 'stop'],
    ['entry-after-gap', 'entry'],
    ['target-beyond-timeframe', 'target'],
    ['thin-volume', 'size'],
  ])('when the warning is %s, then it is about the %s', (code, field) => {
    expect(fieldOf(code)).toBe(field);
  });
});
