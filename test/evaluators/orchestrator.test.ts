import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exitPlan } from '../../src/evaluators/exit-plan.js';
import { runEvaluators } from '../../src/evaluators/orchestrator.js';
import { createRegistry } from '../../src/evaluators/registry.js';
import { riskReward } from '../../src/evaluators/risk-reward.js';
import {
  register,
  type EvaluationResult,
  type Evaluator,
  type Issue,
  type Severity,
} from '../../src/evaluators/types.js';
import { contextPack, intentOf } from '../helpers/context.js';

const ctx = contextPack();
const intent = intentOf({ stop: 97, targets: [106], size: { kind: 'risk-pct', value: 1 }, timeStopBars: 12 });
const anyConfig = z.record(z.string(), z.unknown());
const SPINE = [register(riskReward), register(exitPlan)];

function issue(code: string, severity: Severity, topic?: string): Issue {
  return {
    code,
    severity,
    message: `${code} message`,
    evidence: { n: 1 },
    mitigation: `${code} fix`,
    ...(topic ? { topic } : {}),
  };
}

/** A plugin that returns a fixed result, optionally after a delay: test modules, not stand-ins for ours. */
function fixed(id: string, result: Partial<EvaluationResult>, delayMs = 0): Evaluator {
  const full: EvaluationResult = { score: 100, issues: [], explainFacts: { id }, ...result };
  return {
    id,
    version: 1,
    title: id,
    configSchema: anyConfig,
    defaults: {},
    evaluate:
      delayMs > 0
        ? async () => {
            await sleep(delayMs);
            return full;
          }
        : () => full,
  };
}

function throwing(id: string, how: 'sync' | 'async'): Evaluator {
  return {
    id,
    version: 1,
    title: id,
    configSchema: anyConfig,
    defaults: {},
    evaluate:
      how === 'sync'
        ? () => {
            throw new Error(`${id} broke`);
          }
        : async () => {
            await sleep(1);
            throw new Error(`${id} broke later`);
          },
  };
}

const run = (
  evaluators: Evaluator[],
  overrides: Record<string, unknown> = {},
  maxIssuesShown = 5,
  timeoutMs = 1_000,
) => runEvaluators(createRegistry(evaluators, overrides, { maxIssuesShown }), intent, ctx, { timeoutMs });

describe('runEvaluators: failures are reported, not fatal', () => {
  it('when one module is slower than the timeout, then it is reported as timeout and the others still count', async () => {
    const result = await run(
      [
        fixed('fast', { score: 80, issues: [issue('a', 'medium')] }),
        fixed('slow', { score: 0, issues: [issue('b', 'critical')] }, 300),
      ],
      {},
      5,
      40,
    );
    expect(result.modules.map((m) => [m.id, m.status])).toEqual([
      ['fast', 'ok'],
      ['slow', 'timeout'],
    ]);
    expect(result.modules[1]).toMatchObject({ score: null, issueCount: 0, error: 'timed out after 40 ms' });
    expect(result.issues.map((i) => i.code)).toEqual(['a']);
    // 80 for the module, times 0.87 for its one medium finding (issue 13's score model).
    expect(result.score).toBe(70);
  });

  it.each([['sync' as const], ['async' as const]])(
    'when a module throws (%s), then it is failed, its error kept for the log, and the rest count',
    async (how) => {
      const result = await run([throwing('boom', how), fixed('ok', { score: 70 })]);
      expect(result.modules[0]).toMatchObject({
        id: 'boom',
        status: 'failed',
        score: null,
        explainFacts: {},
      });
      expect(result.modules[0]?.error).toMatch(/boom broke/);
      expect(result.score).toBe(70);
      expect(result.severity).toBe('ok');
    },
  );

  it('when a registered module is handed a config its schema rejects, then it fails alone', async () => {
    const strict = register({
      ...fixed('strict', { score: 50 }),
      configSchema: z.object({ limit: z.number() }),
      defaults: { limit: 1 },
    });
    const registry = createRegistry([strict, fixed('ok', { score: 90 })]);
    const broken = {
      ...registry,
      modules: registry.modules.map((m) =>
        m.evaluator.id === 'strict' ? { ...m, settings: { ...m.settings, config: { limit: 'x' } } } : m,
      ),
    };
    const result = await runEvaluators(broken, intent, ctx, { timeoutMs: 1_000 });
    expect(result.modules.map((m) => m.status)).toEqual(['failed', 'ok']);
    expect(result.score).toBe(90);
  });

  it('when every module fails, then the score is 0 and the report says nothing was checked', async () => {
    const result = await run([throwing('a', 'sync'), throwing('b', 'async')]);
    expect(result).toMatchObject({ score: 0, severity: 'high' });
    expect(result.issues.map((i) => [i.code, i.shown, i.evidence.modulesFailed])).toEqual([
      ['checks-failed', true, 2],
    ]);
  });
});

describe('runEvaluators: ranking, dedupe and the shown cap', () => {
  it('when issues differ in severity and module weight, then they rank by severity first and weight second', async () => {
    const result = await run(
      [
        fixed('light', { issues: [issue('light-medium', 'medium')] }),
        fixed('heavy', { issues: [issue('heavy-medium', 'medium'), issue('heavy-low', 'low')] }),
        fixed('other', { issues: [issue('other-high', 'high')] }),
      ],
      { heavy: { weight: 3 } },
    );
    expect(result.issues.map((i) => [i.rank, i.code, i.module])).toEqual([
      [1, 'other-high', 'other'],
      [2, 'heavy-medium', 'heavy'],
      [3, 'light-medium', 'light'],
      [4, 'heavy-low', 'heavy'],
    ]);
  });

  it.each([
    ['the first module has the worse issue', ['high', 'medium'], 'a'],
    ['the second module has the worse issue', ['medium', 'critical'], 'b'],
    ['both are equally severe (module order wins)', ['medium', 'medium'], 'a'],
  ] as const)(
    'when two modules raise the same topic and %s, then only the most severe is kept',
    async (_what, [first, second], kept) => {
      const result = await run([
        fixed('a', { issues: [issue('wide-stop', first, 'stop-distance')] }),
        fixed('b', { issues: [issue('no-stop', second, 'stop-distance')] }),
      ]);
      expect(result.issues.map((i) => i.module)).toEqual([kept]);
    },
  );

  it('when two modules raise the same code with no topic, then they are deduplicated by code', async () => {
    const result = await run([
      fixed('a', { issues: [issue('same', 'low')] }),
      fixed('b', { issues: [issue('same', 'high'), issue('other', 'low')] }),
    ]);
    expect(result.issues.map((i) => [i.code, i.severity, i.module])).toEqual([
      ['same', 'high', 'b'],
      ['other', 'low', 'b'],
    ]);
  });

  it.each([[3], [4], [5], [6]])(
    'when %d issues may be shown out of 8, then exactly that many are shown, the top ranks',
    async (cap) => {
      const many = ['critical', 'high', 'high', 'medium', 'medium', 'low', 'low', 'low'] as const;
      const result = await run([fixed('m', { issues: many.map((s, i) => issue(`c${i}`, s)) })], {}, cap);
      expect(result.issues.filter((i) => i.shown).map((i) => i.rank)).toEqual(
        Array.from({ length: cap }, (_, i) => i + 1),
      );
      expect(result.issues).toHaveLength(8);
    },
  );

  it('when there is room on the list, then info issues are still never shown', async () => {
    const result = await run([fixed('m', { issues: [issue('note', 'info'), issue('warn', 'low')] })], {}, 6);
    expect(result.issues.map((i) => [i.code, i.shown])).toEqual([
      ['warn', true],
      ['note', false],
    ]);
    expect(result.severity).toBe('low');
  });

  it('when only info issues exist, then the overall severity is ok', async () => {
    const result = await run([fixed('m', { score: 97, issues: [issue('note', 'info')] })]);
    expect(result).toMatchObject({ severity: 'ok', score: 97 });
  });
});

describe('runEvaluators: the overall score', () => {
  // Issue 13 replaced the flat caps (critical 35, high 60, medium 85) with one factor per finding
  // by severity and size, still bounded by the worst severity (see overall-score.ts).
  it.each([
    ['critical', 35],
    ['high', 70],
    ['medium', 87],
    ['low', 96],
  ] as const)(
    'when the one issue is %s (halfway past its line), then the score is %d',
    async (severity, score) => {
      const result = await run([fixed('m', { score: 100, issues: [issue('x', severity)] })]);
      expect(result.score).toBe(score);
      expect(result.severity).toBe(severity);
    },
  );

  it('when plans are worse by known steps, then their scores fall in the same order', async () => {
    const plans = [
      [],
      [issue('l', 'low')],
      [issue('m', 'medium')],
      [issue('m', 'medium'), issue('l1', 'low'), issue('l2', 'low')],
      [issue('h', 'high')],
      [issue('h1', 'high'), issue('m', 'medium')],
      [issue('h1', 'high'), issue('h2', 'high')],
      [issue('h1', 'high'), issue('h2', 'high'), issue('h3', 'high')],
      [issue('c', 'critical'), issue('h1', 'high'), issue('h2', 'high')],
    ];
    const scores: number[] = [];
    for (const issues of plans) scores.push((await run([fixed('m', { score: 100, issues })])).score);
    for (let i = 1; i < scores.length; i++)
      expect(scores[i], `plan ${i}: ${scores.join(', ')}`).toBeLessThan(scores[i - 1] ?? 0);
  });

  it("when a medium finding breaks the trader's own reward:risk, then it ranks before a bigger medium finding of another kind", async () => {
    const result = await run([
      fixed('m', {
        score: 100,
        issues: [
          { ...issue('level', 'medium'), size: 0.9 },
          { ...issue('rr', 'medium'), size: 0.2, topic: 'reward-risk' },
        ],
      }),
    ]);
    expect(result.issues.map((i) => i.code)).toEqual(['rr', 'level']);
  });

  it('when one high finding is far past its line and another just over it, then the far one scores lower and ranks first', async () => {
    const far = await run([fixed('m', { score: 100, issues: [{ ...issue('far', 'high'), size: 1 }] })]);
    const near = await run([fixed('m', { score: 100, issues: [{ ...issue('near', 'high'), size: 0 }] })]);
    expect(far.score).toBeLessThan(near.score);
    const both = await run([
      fixed('m', {
        score: 100,
        issues: [
          { ...issue('near', 'high'), size: 0.1 },
          { ...issue('far', 'high'), size: 0.9 },
        ],
      }),
    ]);
    expect(both.issues.map((i) => i.code)).toEqual(['far', 'near']);
  });

  it('when modules have weights, then the score is their weighted mean', async () => {
    const result = await run([fixed('a', { score: 90 }), fixed('b', { score: 30 })], { a: { weight: 2 } });
    expect(result.score).toBe(70);
  });

  it('when a module has weight 0, then its issues still rank but its score does not count', async () => {
    const result = await run(
      [fixed('a', { score: 90 }), fixed('b', { score: 0, issues: [issue('x', 'low')] })],
      { b: { weight: 0 } },
    );
    // 90 from module a, times 0.96 for b's low finding: a weight-0 module's findings still count.
    expect(result.score).toBe(86);
    expect(result.issues.map((i) => i.code)).toEqual(['x']);
  });

  it('when a module returns a score outside 0-100, then it is clamped', async () => {
    const result = await run([fixed('a', { score: 250 }), fixed('b', { score: Number.NaN })]);
    expect(result.modules.map((m) => m.score)).toEqual([100, 0]);
  });

  it('when a module is disabled, then it does not run, raises nothing and does not count', async () => {
    const result = await run(
      [fixed('on', { score: 90 }), fixed('off', { score: 0, issues: [issue('x', 'critical')] })],
      { off: { enabled: false } },
    );
    expect(result.modules[1]).toMatchObject({
      id: 'off',
      status: 'disabled',
      score: null,
      issueCount: 0,
      durationMs: 0,
    });
    expect(result).toMatchObject({ score: 90, severity: 'ok', issues: [] });
  });
});

describe('runEvaluators with the real modules', () => {
  it('when a clean idea runs through the real registry next to a slow module, then the real modules score it 100', async () => {
    const registry = createRegistry([...SPINE, fixed('slow', { score: 0 }, 300)]);
    const result = await runEvaluators(registry, intent, ctx, { timeoutMs: 50 });
    expect(result.modules.map((m) => [m.id, m.status])).toEqual([
      ['risk-reward', 'ok'],
      ['exit-plan', 'ok'],
      ['slow', 'timeout'],
    ]);
    expect(result).toMatchObject({ score: 100, severity: 'ok', issues: [] });
    expect(result.configVersion).toBe(registry.configVersion);
  });

  it('when an idea has no stop and a tight R:R, then the critical no-stop leads and the score is capped', async () => {
    const result = await runEvaluators(createRegistry(SPINE), intentOf({ targets: [101] }), ctx, {
      timeoutMs: 1_000,
    });
    expect(result.issues[0]).toMatchObject({
      code: 'no-stop',
      severity: 'critical',
      module: 'exit-plan',
      rank: 1,
      shown: true,
    });
    expect(result.severity).toBe('critical');
    expect(result.score).toBeLessThanOrEqual(35);
  });
});
