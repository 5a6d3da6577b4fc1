import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { audit } from '../../src/bot/cli/commands/audit.js';
import { renderTerminal } from '../../src/bot/render/terminal.js';
import type { ModuleRun } from '../../src/evaluators/index.js';
import { buildTestApp, startTestServer } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';

const USER = 'carol';
const USER_ID = `cli:local:${USER}`;
const IDEA = 'long TCHA 600 stop 570 target 680';
let turn = 0;

describe.each(BACKENDS)('settings change real evaluations on $name', (backend) => {
  let app: App;
  let base: string;
  let close: () => Promise<void>;

  /** One terminal turn, as `runTerminalChat` sends it, and the reply as printed. */
  const terminal = async (text: string) => {
    const reply = await app.conversation.handle({
      platform: 'cli',
      workspace: 'local',
      channel: 'terminal',
      thread: '',
      user: USER,
      text,
      deliveryId: `settings-test-${(turn += 1)}`,
    });
    return { reply, printed: renderTerminal(reply, { color: false, width: 200 }) };
  };
  const evaluateIdea = async () => {
    const { reply } = await terminal(IDEA);
    const evalId = reply.refs?.evaluationId ?? '';
    const stored = await app.services.evaluations.getEvaluation(evalId);
    if (!stored) throw new Error(`no evaluation for "${IDEA}"`);
    const modules = stored.evaluation.modulesRun as ModuleRun[];
    const risk = modules.find((m) => m.id === 'risk-reward');
    return { evalId, stored, modules, risk };
  };

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    const started = await startTestServer(app);
    base = started.base;
    close = async () => {
      await started.server.close();
      await app.close();
    };
  }, 60_000);
  afterAll(() => close());

  it('when the trader changes settings in the terminal, then /buddy settings shows them as theirs', async () => {
    const before = await terminal('/buddy settings');
    expect(before.printed).toContain('max risk per trade: 1% of equity (default)');
    const saved = await terminal('/buddy settings risk 0.5% rr 2 currency EUR');
    expect(saved.reply.title).toBe('Settings saved');
    const after = await terminal('/buddy settings');
    expect(after.printed).toContain('max risk per trade: 0.5% of equity (yours)');
    expect(after.printed).toContain('min reward:risk: 2R (yours)');
    expect(after.printed).toContain('equity: 50,000 EUR (default)');
    expect(after.printed).toContain('Rules version 1');
  });

  it('when the trader types a settings sentence, then it changes the setting and is never evaluated', async () => {
    const count = await app.services.evaluations.countEvaluations();
    const risk = await terminal('set my max risk to 0.25%');
    expect(risk.reply.title).toBe('Settings saved');
    const account = await terminal('my account is 25k');
    expect(account.printed).toContain('equity: 25,000 EUR (yours)');
    expect(await app.services.evaluations.countEvaluations()).toBe(count);
    const history = await terminal('/buddy settings history');
    expect(history.printed).toMatch(/v3 ·[\s\S]*v2 ·[\s\S]*v1 ·/);
  });

  it('when equity and risk change, then the risk evaluator sizes to them and the evaluation records the rules version', async () => {
    await terminal('/buddy settings reset risk equity');
    const defaults = await evaluateIdea();
    // 1% of 50,000 over a 30-point stop.
    expect(defaults.risk?.explainFacts).toMatchObject({
      sharesAtMaxRisk: 16,
      maxRiskPct: 1,
      minRewardRisk: 2,
    });
    expect(defaults.stored.evaluation.rulesVersion).toBe(4);

    await terminal('/buddy settings equity 25k risk 0.5%');
    const mine = await evaluateIdea();
    // 0.5% of 25,000 over the same stop.
    expect(mine.risk?.explainFacts).toMatchObject({ sharesAtMaxRisk: 4, maxRiskPct: 0.5 });
    expect(mine.stored.evaluation).toMatchObject({ rulesVersion: 5, teamRulesVersion: 0 });
    expect(mine.stored.evaluation.contextFacts).toMatchObject({ user: { equity: 25_000, rulesVersion: 5 } });

    const res = await fetch(`${base}/api/evaluations/${mine.evalId}/audit`);
    const chain = (await res.json()) as { evaluation: { rulesVersion: number; teamRulesVersion: number } };
    expect(chain.evaluation).toMatchObject({ rulesVersion: 5, teamRulesVersion: 0 });
    const printed: string[] = [];
    await audit.run(app, [mine.evalId], { out: (t) => printed.push(t), err: (t) => printed.push(t) });
    expect(printed.join('\n')).toContain('rules v5 · team rules v0');
  });

  it('when modules are switched off, then they are skipped; strictness hides findings but the evaluation keeps them', async () => {
    const all = await evaluateIdea();
    const allShown = all.stored.items.filter((i) => i.shown);
    expect(allShown.some((i) => i.severity === 'low' || i.severity === 'medium')).toBe(true);

    await terminal('/buddy settings modules off mtfa regime-fit strictness high');
    const strict = await evaluateIdea();
    const status = Object.fromEntries(strict.modules.map((m) => [m.id, m.status]));
    expect(status).toMatchObject({ mtfa: 'disabled', 'regime-fit': 'disabled', 'risk-reward': 'ok' });
    expect(strict.stored.items.some((i) => i.moduleName === 'mtfa')).toBe(false);
    const shown = strict.stored.items.filter((i) => i.shown);
    expect(shown.every((i) => i.severity === 'high' || i.severity === 'critical')).toBe(true);
    // Hidden, not dropped: the low and medium findings are stored with the evaluation.
    expect(
      strict.stored.items.some((i) => !i.shown && (i.severity === 'low' || i.severity === 'medium')),
    ).toBe(true);

    await terminal('/buddy settings modules on mtfa');
    expect((await app.services.settings.forUser(USER_ID)).values.disabledModules).toEqual(['regime-fit']);
  });

  it("when the trader's disclosure changes, then the team channel's summary shows all, all but the journal, or nothing of theirs", async () => {
    await terminal('/journal add carol-private-note sized up after a loss');
    const preview = async () => {
      const reply = await app.conversation.handle({
        platform: 'cli',
        workspace: 'local',
        channel: 'terminal',
        thread: '',
        user: 'dave',
        text: '/buddy summary preview',
        deliveryId: `settings-test-${(turn += 1)}`,
      });
      return renderTerminal(reply, { color: false, width: 200 });
    };
    const full = await preview();
    expect(full).toContain('carol-private-note');
    expect(full).toContain('TCHA');
    await terminal('/buddy settings disclosure summary');
    const summary = await preview();
    expect(summary).not.toContain('carol-private-note');
    expect(summary).toContain('TCHA');
    await terminal('/buddy settings disclosure private');
    const none = await preview();
    expect(none).not.toContain('carol');
    expect(none).not.toContain('TCHA');
  });

  it('when the trader lost past their daily loss limit today, then the next evaluation says the day is over', async () => {
    await terminal('/buddy settings modules on regime-fit strictness low daily loss 3%');
    const before = await evaluateIdea();
    expect(before.stored.items.map((i) => i.issueCode)).not.toContain('daily-loss-limit-reached');
    await terminal('/trade open FINA long 100 @ 40 stop 38 target 46');
    await terminal('/trade close FINA @ 30');
    const after = await evaluateIdea();
    // 100 x (30 - 40) = -1,000 today against 3% of 25,000 = 750.
    const issue = after.stored.items.find((i) => i.issueCode === 'daily-loss-limit-reached');
    expect(issue).toMatchObject({ severity: 'critical', shown: true });
    expect(issue?.evidence).toMatchObject({ lostToday: 1_000, dailyLossLimit: 750 });
  });
});
