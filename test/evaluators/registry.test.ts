import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exitPlan } from '../../src/evaluators/exit-plan.js';
import { EVALUATORS } from '../../src/evaluators/index.js';
import { createRegistry } from '../../src/evaluators/registry.js';
import { riskReward } from '../../src/evaluators/risk-reward.js';
import {
  register,
  scoreFrom,
  severityRank,
  type Evaluator,
  type Issue,
  type Severity,
} from '../../src/evaluators/types.js';

// The two modules these tests pin down; EVALUATORS grows as modules are added.
const SPINE = [register(riskReward), register(exitPlan)];

const plugin = (id: string, version = 1): Evaluator => ({
  id,
  version,
  title: id,
  configSchema: z.object({ limit: z.number().positive() }),
  defaults: { limit: 1 },
  evaluate: () => ({ score: 100, issues: [], explainFacts: {} }),
});

describe('createRegistry', () => {
  it('when the shipped module list is registered, then it boots with unique ids including the spine modules', () => {
    const ids = createRegistry(EVALUATORS).modules.map((m) => m.evaluator.id);
    expect(ids).toEqual(expect.arrayContaining(['risk-reward', 'exit-plan']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when real modules are registered, then every module is enabled with weight 1 and its defaults', () => {
    const registry = createRegistry(SPINE);
    expect(registry.modules.map((m) => [m.evaluator.id, m.settings.enabled, m.settings.weight])).toEqual([
      ['risk-reward', true, 1],
      ['exit-plan', true, 1],
    ]);
    expect(registry.modules[0]?.settings.config).toEqual(riskReward.defaults);
    expect(registry.maxIssuesShown).toBe(5);
  });

  it('when two modules share an id, then boot fails naming it', () => {
    expect(() => createRegistry([plugin('dup'), plugin('ok'), plugin('dup')])).toThrow(
      'duplicate evaluator id "dup"',
    );
  });

  it('when settings name a module that does not exist, then boot fails naming it and the known ids', () => {
    expect(() => createRegistry([plugin('a'), plugin('b')], { c: { weight: 2 } })).toThrow(
      'settings given for unknown evaluator "c" (known: a, b)',
    );
  });

  it.each([
    ['a negative threshold', { config: { limit: -1 } }, 'invalid config for evaluator "a"'],
    ['a threshold of the wrong type', { config: { limit: 'high' } }, 'invalid config for evaluator "a"'],
    ['a weight above 10', { weight: 11 }, 'invalid settings for evaluator "a"'],
    ['a negative weight', { weight: -1 }, 'invalid settings for evaluator "a"'],
    ['enabled given as a string', { enabled: 'yes' }, 'invalid settings for evaluator "a"'],
    ['an unknown setting', { colour: 'red' }, 'invalid settings for evaluator "a"'],
    ['settings that are not an object', 'on', 'invalid settings for evaluator "a"'],
  ])('when a module is given %s, then boot fails naming the module', (_what, settings, message) => {
    expect(() => createRegistry([plugin('a')], { a: settings })).toThrow(message);
  });

  it('when the real risk-reward module gets a negative noise threshold, then boot fails', () => {
    expect(() => createRegistry(SPINE, { 'risk-reward': { config: { noiseStopAtr: -0.5 } } })).toThrow(
      /invalid config for evaluator "risk-reward"/,
    );
  });

  it('when a config override is partial, then it is merged over the defaults', () => {
    const registry = createRegistry(SPINE, { 'risk-reward': { config: { noiseStopAtr: 0.7 }, weight: 2 } });
    expect(registry.modules[0]?.settings).toEqual({
      enabled: true,
      weight: 2,
      config: { ...riskReward.defaults, noiseStopAtr: 0.7 },
    });
  });

  it.each([[2], [7], [0], [4.5], [Number.NaN]])('when maxIssuesShown is %d, then boot fails', (max) => {
    expect(() => createRegistry([plugin('a')], {}, { maxIssuesShown: max })).toThrow(
      /maxIssuesShown must be a whole number from 3 to 6/,
    );
  });

  it.each([[3], [4], [5], [6]])('when maxIssuesShown is %d, then it is accepted', (max) => {
    expect(createRegistry([plugin('a')], {}, { maxIssuesShown: max }).maxIssuesShown).toBe(max);
  });

  it('when the same list and settings are registered twice, then the config version is the same', () => {
    expect(createRegistry(SPINE, { 'exit-plan': { weight: 2 } }).configVersion).toBe(
      createRegistry(SPINE, { 'exit-plan': { weight: 2 } }).configVersion,
    );
  });

  it.each([
    ['a weight', [plugin('a')], { a: { weight: 2 } }],
    ['a threshold', [plugin('a')], { a: { config: { limit: 2 } } }],
    ['enabled', [plugin('a')], { a: { enabled: false } }],
    ['a module version', [plugin('a', 2)], {}],
    ['the module list', [plugin('a'), plugin('b')], {}],
  ])('when %s changes, then the config version changes', (_what, evaluators, overrides) => {
    expect(createRegistry(evaluators, overrides).configVersion).not.toBe(
      createRegistry([plugin('a')]).configVersion,
    );
  });
});

describe('register', () => {
  it('when a registered module is called with an invalid config, then it throws instead of running on it', () => {
    const registered = register(riskReward);
    expect(() =>
      registered.evaluate({} as never, {} as never, { ...riskReward.defaults, maxSlippageR: -1 }),
    ).toThrow(/maxSlippageR/);
  });
});

describe('scoreFrom and severityRank', () => {
  const of = (...severities: Severity[]): Issue[] =>
    severities.map((severity) => ({ code: 'x', severity, message: '', evidence: {}, mitigation: '' }));

  it.each([
    [[], 100],
    [['info'], 100],
    [['low'], 95],
    [['medium'], 85],
    [['high'], 65],
    [['critical'], 40],
    [['medium', 'low', 'low'], 75],
    [['critical', 'high'], 5],
    [['critical', 'critical'], 0],
  ] as [Severity[], number][])('when the issues are %j, then the module score is %d', (severities, score) => {
    expect(scoreFrom(of(...severities))).toBe(score);
  });

  it('when severities are ranked, then info < low < medium < high < critical', () => {
    const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
    expect(order.map(severityRank)).toEqual([0, 1, 2, 3, 4]);
  });
});
