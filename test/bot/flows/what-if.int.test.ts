import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Inbound, Reply } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

describe.each(BACKENDS)('what-ifs on the last idea on $name', (backend) => {
  let app: App;
  const say = (user: string, text: string) =>
    app.conversation.handle({
      platform: 'cli',
      workspace: 'local',
      channel: 'c',
      thread: '',
      user,
      text,
    } satisfies Inbound);
  const whatIf = (reply: Reply) => reply.sections.find((s) => s.heading === 'What if')?.text ?? '';
  const evaluations = async () => {
    const rows = (await app.database.db.execute(
      'select count(*)::int as n from trade_evaluations',
    )) as unknown as {
      rows: { n: number }[];
    };
    return Number(rows.rows[0]?.n);
  };

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  });
  afterAll(async () => app.close());

  it('when the trader asks "what if" about the stop, the target and the timeframe, then each change is evaluated and the reply says what moved', async () => {
    const first = await say('wes', 'long SPX 2870 stop 2790 target 3050');
    const atr = Number(/ATR\(14\) ([\d.]+)/.exec(first.sections.map((s) => s.text).join(' '))?.[1]);
    expect(atr).toBeGreaterThan(0);

    const stop = await say('wes', 'what if the stop is 2 ATR below?');
    expect(stop.kind).toBe('report');
    const wider = Math.round((2870 - 2 * atr) * 100) / 100;
    expect(whatIf(stop)).toContain(`stop 2790 → ${wider}`);
    expect(whatIf(stop)).toMatch(new RegExp(`Score ${first.badge?.score} → ${stop.badge?.score} \\(`));
    expect(stop.refs?.evaluationId).not.toBe(first.refs?.evaluationId);

    const target = await say('wes', 'and with a target of 3100');
    expect(whatIf(target)).toContain('target 3050 → 3100');
    expect(whatIf(target)).toContain(`Score ${stop.badge?.score} → ${target.badge?.score}`);
    expect(target.sections.find((s) => s.heading === 'Plan')?.text).toContain(`stop ${wider}`);

    const weekly = await say('wes', 'same idea on the weekly');
    expect(whatIf(weekly)).toContain('timeframe 1d → 1w');
    expect(weekly.sections.find((s) => s.heading === 'Plan')?.text).toMatch(/· 1w$/);
  });

  it('when a "what if" names nothing of the plan, or there is no idea yet, then it is answered as a question and nothing is evaluated', async () => {
    await say('xia', 'long TCHA 600 stop 570 target 680');
    const before = await evaluations();
    const gap = await say('xia', 'what if the market gaps?');
    expect(gap.kind).not.toBe('report');
    const fresh = await say('yan', 'what if the stop is 2 ATR below?');
    expect(fresh.kind).not.toBe('report');
    expect(await evaluations()).toBe(before);
  });

  it('when the change makes the plan invalid, then it says why and nothing is evaluated', async () => {
    await say('zed', 'long SPX 2870 stop 2790 target 3050');
    const before = await evaluations();
    const reply = await say('zed', 'what if the stop is 2900?');
    expect(reply.kind).toBe('error');
    expect(reply.text).toMatch(/stop must be below the entry/);
    expect(await evaluations()).toBe(before);
  });
});

describe.each(BACKENDS)('follow-up questions about the last report on $name', (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  });
  afterAll(async () => app.close());

  it('when the trader asks "why is my stop in noise?" after a report that says so, then the answer leads with that issue and its numbers, then the knowledge', async () => {
    const say = (text: string) =>
      app.conversation.handle({
        platform: 'cli',
        workspace: 'local',
        channel: 'c',
        thread: '',
        user: 'ola',
        text,
      });
    const report = await say('long SPX 2870 stop 2860 target 2880 risk 5%');
    const index = report.issues.findIndex(
      (i) => /stop/.test(i.message) && /ATR/.test(i.message) && /reach/.test(i.message),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const answer = await say('why is my stop in noise?');
    const [first, ...rest] = answer.sections;
    expect(first?.heading).toBe(`Your last report, issue ${index + 1}`);
    expect(first?.text).toContain(report.issues[index]?.message ?? '');
    expect(first?.text).toContain(report.issues[index]?.evidence[0]?.value ?? '');
    expect(rest.some((s) => /Source: knowledge\//.test(s.text))).toBe(true);
  });
});
