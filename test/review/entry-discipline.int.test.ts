import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Inbound, Reply } from '../../src/bot/types.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';

const all = (reply: Reply) =>
  [
    reply.title,
    reply.text ?? '',
    ...reply.sections.map((s) => `${s.heading ?? ''}: ${s.text}`),
    ...reply.issues.map((i) => i.message),
  ].join('\n');

describe.each(BACKENDS)(
  'issue 13: the process grade counts the trader rules, through chat on $name',
  (backend) => {
    let app: App;
    const chat = (user: string, text: string): Promise<Reply> =>
      app.conversation.handle({
        platform: 'slack',
        workspace: 'T1',
        channel: 'C1',
        thread: '',
        user,
        text,
      } satisfies Inbound);

    beforeAll(async () => {
      app = await buildTestApp(await backend.openDemo());
    }, 120_000);
    afterAll(async () => app.close());

    it('when a new user follows a plan that broke their rules, then the review caps the process grade and names the rules', async () => {
      const report = await chat('newbie', 'long TCHA 600 stop 570 target 680 size 100');
      expect(all(report)).toContain('above your 1% limit');
      const opened = await chat('newbie', '/trade open TCHA long 100 @ 600 stop 570 target 680');
      expect(all(opened)).toContain(`its evaluation ${report.refs?.evaluationId}`);
      expect(all(opened)).toContain('None recorded: the review counts these warnings as ignored');
      const closed = await chat('newbie', '/trade close TCHA @ 640');
      const line = all(closed).match(/Process ([A-F]) · Outcome ([A-F]): a ([a-z ]+)\./);
      expect(line?.[1]).toMatch(/[CDF]/);
      expect(line?.[3]).toBe('bad win');

      const review = all(await chat('newbie', '/review TCHA'));
      expect(review).toContain(
        'Broke your max risk per trade rule at entry: 3000 at risk to the stop, 6% of equity 50000, against a limit of 1%.',
      );
      expect(review).toContain(
        'Broke your max position rule at entry: a position of 60000, 120% of equity 50000, against a limit of 100%.',
      );
      expect(review).toContain(
        'capped at 70 (C at best) for breaking your max risk per trade, max position and daily loss limit rules',
      );
      expect(review).toContain('a full loss of 3000 would have gone past the limit of 1500 (3% of equity)');
      expect(review).toMatch(/The critical warning "This risks 3,?000.*" was ignored/);
      expect(review).not.toContain('good win');
    });

    it('when the trader gives a reason with `because`, then it is stored and the review shows the warnings as acknowledged', async () => {
      await chat('knowing', 'long TCHA 600 stop 570 target 680 size 100');
      const opened = await chat(
        'knowing',
        '/trade open TCHA long 100 @ 600 stop 570 target 680 because Earnings beat, I accept the size',
      );
      expect(all(opened)).toContain('"Earnings beat, I accept the size": recorded');
      const [trade] = await app.services.trading.tradeRows.openTrades('slack:T1:knowing');
      expect(trade?.entryReason).toBe('Earnings beat, I accept the size');
      await chat('knowing', '/trade close TCHA @ 640');
      const review = all(await chat('knowing', '/review TCHA'));
      expect(review).toContain('taken knowingly, with your reason: "Earnings beat, I accept the size"');
      expect(review).toContain('capped at 70');
    });

    it('when the trade is sized down to the rules, then the risk warning counts as heeded and no rule is broken', async () => {
      await chat('careful', 'long TCHA 600 stop 570 target 680 size 100');
      await chat('careful', '/trade open TCHA long 16 @ 600 stop 570 target 680');
      await chat('careful', '/trade close TCHA @ 640');
      const review = all(await chat('careful', '/review TCHA'));
      expect(review).not.toContain('Broke your');
      expect(review).not.toContain('capped at');
      expect(review).toMatch(/The critical warning "This risks 3,?000.*" was heeded/);
    });

    it('when `because` has no reason after it, then the open is refused and nothing is stored', async () => {
      const reply = await chat('blank', '/trade open TCHA long 10 @ 600 stop 570 because   ');
      expect(all(reply)).toContain('say the reason after `because`');
      expect(await app.services.trading.tradeRows.openTrades('slack:T1:blank')).toEqual([]);
    });

    it('when the rules change after the entry, then the review judges the entry by the version its evaluation recorded', async () => {
      const userId = 'slack:T1:loose';
      await chat('loose', '/buddy settings');
      await app.services.settings.updateUser(
        userId,
        { maxRiskPct: 10, maxPositionPct: 200, dailyLossLimitPct: 10 },
        userId,
      );
      await chat('loose', 'long TCHA 600 stop 570 target 680 size 100');
      await chat('loose', '/trade open TCHA long 100 @ 600 stop 570 target 680');
      // Tightened after the entry: the trade was inside the rules in force when it was opened.
      await app.services.settings.updateUser(
        userId,
        { maxRiskPct: 1, maxPositionPct: 100, dailyLossLimitPct: 3 },
        userId,
      );
      await chat('loose', '/trade close TCHA @ 640');
      const review = all(await chat('loose', '/review TCHA'));
      expect(review).not.toContain('max risk per trade rule');
      expect(review).not.toContain('max position rule');
      expect(review).not.toContain('capped at');
    });
  },
);
