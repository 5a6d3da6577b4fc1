import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedNumbers,
  checkNumbers,
  explainFacts,
  templateExplanation,
} from '../../../src/agents/explain/index.js';
import { guardReply } from '../../../src/agents/guardrails/index.js';
import type { App } from '../../../src/app.js';
import { reportReply } from '../../../src/bot/flows/report-reply.js';
import { openPglite } from '../../helpers/databases.js';
import { TradeIntentSchema, type TradeIntentInput } from '../../../src/evaluators/index.js';
import { buildTestApp } from '../../helpers/app.js';

const USER = 'cli:local:reports';

/** A spread of plans that trips most issue messages: no stop, no target, tight and wide stops, oversize. */
function ideas(symbol: string, close: number): TradeIntentInput[] {
  const p = (x: number) => Math.round(x * 100) / 100;
  return [
    { symbol, side: 'long', entry: p(close), stop: p(close * 0.97), targets: [p(close * 1.06)] },
    {
      symbol,
      side: 'long',
      entry: p(close),
      stop: p(close * 0.999),
      targets: [p(close * 1.002)],
      size: { kind: 'risk-pct', value: 4 },
    },
    {
      symbol,
      side: 'short',
      entry: p(close),
      stop: p(close * 1.2),
      targets: [p(close * 0.5)],
      size: { kind: 'shares', value: 100_000 },
    },
    { symbol, side: 'long', entry: p(close) },
    {
      symbol,
      side: 'short',
      entry: p(close),
      stop: p(close * 1.02),
      targets: [p(close * 0.9), p(close * 0.95)],
      timeStopBars: 500,
      holdingHorizon: 'intraday',
    },
  ];
}

describe('guardrails on real Buddy Reports', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(await openPglite({ demo: true }));
    await app.services.users.ensureUser({ userId: USER, platform: 'cli' });
    await app.services.symbols.refresh();
  }, 120_000);
  afterAll(() => app.close());

  it('when every demo symbol is evaluated with varied plans, then the output guard changes nothing and every template explanation is grounded', async () => {
    const tickers = await app.services.market.listTickers();
    let reports = 0;
    const findings: string[] = [];
    const ungrounded: string[] = [];
    for (const t of tickers) {
      const close = app.services.symbols.lastClose(t.symbol);
      if (close === undefined) continue;
      for (const input of ideas(t.symbol, close)) {
        const parsed = TradeIntentSchema.safeParse(input);
        if (!parsed.success) continue;
        const outcome = await app.services.evaluation.evaluate({ intent: parsed.data, userId: USER });
        const reply = reportReply(outcome);
        const guarded = guardReply(reply);
        findings.push(...guarded.findings.map((f) => `${t.symbol}: ${f.rule} "${f.excerpt}"`));
        const explain = {
          symbol: t.symbol,
          side: parsed.data.side,
          score: outcome.result.score,
          severity: outcome.result.severity,
          modules: outcome.result.modules,
        };
        const check = checkNumbers(templateExplanation(explain), allowedNumbers(explainFacts(explain)));
        ungrounded.push(...check.unsupported.map((u) => `${t.symbol}: ${u.raw}`));
        reports += 1;
      }
    }
    console.info(
      `real reports checked: ${reports}, output-guard findings: ${findings.length}, ungrounded template numbers: ${ungrounded.length}`,
    );
    expect(reports).toBeGreaterThanOrEqual(40);
    expect(findings).toEqual([]);
    expect(ungrounded).toEqual([]);
  }, 120_000);
});
