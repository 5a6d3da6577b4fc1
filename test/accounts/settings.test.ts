import { describe, expect, it } from 'vitest';
import { applyChanges, MODULE_IDS, resolveSettings, startupSettings } from '../../src/accounts/index.js';
import { looksLikeSettingsText, parseSettingsCommand } from '../../src/bot/parsing/index.js';

const STARTUP = startupSettings({ equity: 50_000, maxRiskPct: 1, minRewardRisk: 1.5 });

describe('settings text', () => {
  it.each([
    ['set my max risk to 0.5%', { maxRiskPct: 0.5 }],
    ['my account is 25k', { equity: 25_000 }],
    ['risk 0.5%', { maxRiskPct: 0.5 }],
    ['settings risk 0.5% rr 2', { maxRiskPct: 0.5, minRewardRisk: 2 }],
    ['reset risk rr', { maxRiskPct: null, minRewardRisk: null }],
    ['equity 25,000 EUR', { equity: 25_000, baseCurrency: 'EUR' }],
    ['rr 2; strictness medium', { minRewardRisk: 2, strictness: 'medium' }],
    ['min reward:risk = 2R, stop required no', { minRewardRisk: 2, requireStop: false }],
    ['change my currency to gbp', { baseCurrency: 'GBP' }],
    ['daily loss limit 3% and nudges off', { dailyLossLimitPct: 3, nudgeSensitivity: 'off' }],
    ['disclosure private', { disclosure: 'private' }],
    ['reset risk', { maxRiskPct: null }],
    ['risk -1%', { maxRiskPct: -1 }],
  ] as const)('when the trader types "%s", then the changes are %j', (text, changes) => {
    const parsed = parseSettingsCommand(text);
    expect(parsed.kind).toBe('change');
    if (parsed.kind === 'change') expect(parsed.changes).toEqual(changes);
  });

  it('when modules are switched off and on, then they are listed for the caller to apply', () => {
    expect(parseSettingsCommand('modules off mtfa, regime-fit strictness high')).toMatchObject({
      changes: { strictness: 'high' },
      kind: 'change',
      modules: { off: ['mtfa', 'regime-fit'], on: [] },
    });
    expect(parseSettingsCommand('team modules on mtfa')).toMatchObject({
      scope: 'team',
      modules: { off: [], on: ['mtfa'] },
    });
  });

  it.each([
    ['', 'show'],
    ['show', 'show'],
    ['history', 'history'],
    ['team', 'show'],
  ])('when the args are "%s", then it is %s', (text, kind) => {
    expect(parseSettingsCommand(text).kind).toBe(kind);
  });

  it.each([
    ['colour blue', /do not know the setting "colour blue"/],
    ['risk lots', /"lots" is not a number/],
    ['stop required maybe', /stop required is yes or no/],
  ])('when the text is "%s", then it names what is wrong', (text, message) => {
    const parsed = parseSettingsCommand(text);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toMatch(message);
  });

  it.each([
    ['set my max risk to 0.5%', true],
    ['my account is 25k', true],
    ['change my rr to 2', true],
    ['set my stop to 570', false],
    ['long TCHA 600 stop 570 target 680', false],
    ['my account got hit today', false],
  ])('when plain text is "%s", then it is a settings change: %s', (text, expected) => {
    expect(looksLikeSettingsText(text)).toBe(expected);
  });
});

describe('settings core', () => {
  it.each([
    [{ equity: -5000 }, /equity must be above 0 \(got -5000\)/],
    [{ maxRiskPct: 40 }, /max risk per trade is at most 10% of equity \(got 40\)/],
    [{ maxRiskPct: 0 }, /max risk per trade must be above 0%/],
    [{ baseCurrency: 'XYZ' }, /currency "XYZ" is not an ISO 4217 code/],
    [{ disabledModules: ['mtfa', 'astrology'] }, /unknown module "astrology": the modules are/],
    [{ colour: 'blue' }, /unknown setting "colour": the settings are equity, baseCurrency/],
    [{ strictness: 'extreme' }, /strictness "extreme" is not one of low, medium, high/],
    [{ minRewardRisk: 50 }, /min reward:risk is at most 20R/],
    [{ requireStop: 'maybe' }, /stop required is yes or no/],
    [{ equity: 'lots' }, /equity must be a number/],
  ])('when the change is %j, then it is refused naming the problem', (change, message) => {
    const result = applyChanges({ maxRiskPct: 0.5 }, change);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('; ')).toMatch(message);
  });

  it('when one value of several is bad, then nothing of the change applies', () => {
    const result = applyChanges({}, { maxRiskPct: 0.5, equity: -1 });
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/equity/)] });
  });

  it('when values are set and reset, then the stored object holds only what was set', () => {
    const set = applyChanges({ equity: 10_000 }, { maxRiskPct: 0.5, baseCurrency: 'eur', equity: null });
    expect(set).toEqual({
      ok: true,
      next: { maxRiskPct: 0.5, baseCurrency: 'EUR' },
      changed: expect.any(Array),
    });
  });

  it('when team and own settings exist, then own wins over team over the start-up defaults, with sources', () => {
    const resolved = resolveSettings(STARTUP, { maxRiskPct: 0.75, minRewardRisk: 2 }, { maxRiskPct: 0.5 });
    expect(resolved.values).toMatchObject({ maxRiskPct: 0.5, minRewardRisk: 2, equity: 50_000 });
    expect(resolved.source).toMatchObject({ maxRiskPct: 'own', minRewardRisk: 'team', equity: 'default' });
  });

  it('when the modules are listed, then any registered evaluator may be switched off, but not all of them', () => {
    expect(MODULE_IDS).toContain('risk-reward');
    expect(applyChanges({}, { disabledModules: MODULE_IDS.slice(1) }).ok).toBe(true);
    const none = applyChanges({}, { disabledModules: [...MODULE_IDS] });
    expect(none.ok ? [] : none.problems).toEqual([
      'at least one module must stay on: with none, nothing is checked',
    ]);
  });
});
