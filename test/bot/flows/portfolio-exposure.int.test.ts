import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Inbound } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

const say = (app: App, user: string, text: string) =>
  app.conversation.handle({
    platform: 'cli',
    workspace: 'w',
    channel: 'c',
    thread: '',
    user,
    text,
  } satisfies Inbound);

describe.each(BACKENDS)('open positions reach the evaluation on $name', (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  });
  afterAll(async () => app.close());

  it('when the trader already holds the symbol, then the report names the added exposure; another trader sees none', async () => {
    const opened = await say(app, 'pat', '/trade open TCHA long 10 @ 600 stop 570 target 660');
    expect(opened.kind).not.toBe('error');
    const report = await say(app, 'pat', 'long TCHA 600 stop 570 target 680');
    const codes =
      (await app.services.evaluations.getEvaluation(report.refs?.evaluationId ?? ''))?.items.map(
        (i) => i.issueCode,
      ) ?? [];
    expect(codes).toContain('same-symbol-open');
    const risk = report.agents.find((a) => a.agent.toLowerCase().includes('risk'));
    expect(risk?.factors.map((f) => f.text).join(' ')).toMatch(/already open/);

    const other = await say(app, 'quinn', 'long TCHA 600 stop 570 target 680');
    const otherCodes =
      (await app.services.evaluations.getEvaluation(other.refs?.evaluationId ?? ''))?.items.map(
        (i) => i.issueCode,
      ) ?? [];
    expect(otherCodes).not.toContain('same-symbol-open');
  });
});
