import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditChain } from '../../../src/agents/audit/index.js';
import { AgentRecommendationSchema, createDbAgentJournal } from '../../../src/agents/index.js';
import { EXPLANATION_TOOL } from '../../../src/agents/explain/index.js';
import { buildApp, type App } from '../../../src/app.js';
import { audit as auditCommand } from '../../../src/bot/cli/commands/audit.js';
import { createHttpServer } from '../../../src/bot/http/index.js';
import { loadConfig } from '../../../src/config.js';
import { createAuditRepository } from '../../../src/db/index.js';
import {
  anthropicReplies as reply,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../../helpers/fake-anthropic-server.js';
import { BACKENDS } from '../../helpers/databases.js';

const KEY = 'sk-ant-api03-AUDITCHAINSECRET-9f8e7d6c5b4a3210zz';
const USER = 'cli:local:auditor';

describe.each(BACKENDS)('audit chain with an LLM on $name', (backend) => {
  let server: ScriptedServer;
  let app: App;
  const logs: string[] = [];
  let evalId = '';
  let cliText = '';
  let cliJson = '';
  let httpBody = '';

  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    const config = loadConfig({
      CHART_WORKERS: '0',
      DATA_DIR: '/tmp/trading-buddy-test',
      ANTHROPIC_API_KEY: KEY,
      ANTHROPIC_BASE_URL: server.url,
      LLM_MAX_RETRIES: '1',
      LOG_LEVEL: 'trace',
    });
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
    app = await buildApp(config, logger, { database: await backend.open() });
    const { services } = app;
    await services.users.ensureUser({ userId: USER, platform: 'cli' });
    const intent = {
      symbol: 'SPX',
      side: 'long' as const,
      timeframe: '1d' as const,
      entry: 2870,
      stop: 2790,
      targets: [3050],
      orderType: 'limit' as const,
    };
    const outcome = await services.evaluation.evaluate({
      intent,
      userId: USER,
      rawText: 'long SPX 2870 stop 2790 target 3050',
    });
    evalId = outcome.evalId;
    const explainInput = {
      symbol: 'SPX',
      side: 'long' as const,
      score: outcome.result.score,
      severity: outcome.result.severity,
      idea: { entry: 2870, stop: 2790, targets: [3050] },
      modules: outcome.result.modules,
    };
    const ctx = { userId: USER, evalId, requestId: 'msg-audit-1' };

    // 1. Explanation: a 500 that echoes the key (retried), then a text with an invented number.
    server.enqueue(
      reply.error(500, 'api_error', `upstream failed for x-api-key ${KEY}`),
      reply.toolUse(EXPLANATION_TOOL, {
        text: 'AI-generated and educational. SPX could reach 3,400 on this plan.',
      }),
    );
    const rejected = await services.explainer.explain(explainInput, ctx);
    expect(rejected).toMatchObject({ source: 'template', fallbackReason: expect.stringContaining('3,400') });

    // 2. Explanation: a grounded text is used as written.
    server.enqueue(
      reply.toolUse(EXPLANATION_TOOL, {
        text: `AI-generated, educational: your plan scores ${outcome.result.score} out of 100.`,
      }),
    );
    const used = await services.explainer.explain(explainInput, ctx);
    expect(used.source).toBe('llm');

    // 3. An agent answer through the real client, journaled by the agents' DB journal.
    const view = {
      recommendation: 'HOLD',
      confidence: 40,
      reasoning: 'Trend is up but the stop is tight.',
      key_factors: [{ factor: 'entry', evidence: { kind: 'feature', name: 'entry', value: 2870 } }],
    };
    server.enqueue(reply.toolUse('record_agent_view', view));
    const answer = await services.llm?.generate({
      purpose: 'agent',
      system: 'You are the Technical agent.',
      user: 'facts',
      schema: AgentRecommendationSchema,
      toolName: 'record_agent_view',
      toolDescription: 'Record the view.',
      userId: USER,
      requestId: evalId,
    });
    if (!answer?.ok) throw new Error('agent call failed');
    await createDbAgentJournal(createAuditRepository(app.database.db)).record({
      agent: 'technical',
      recommendation: answer.value,
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      evalId,
      userId: USER,
      symbol: 'SPX',
      timeframe: '1d',
      indicatorsSnapshot: { entry: 2870 },
      retrievedChunkIds: ['technical/atr-based-stops.md#0'],
      llmCallIds: answer.callIds,
    });

    const io = (sink: (t: string) => void) => ({ out: sink, err: sink });
    expect(
      await auditCommand.run(
        app,
        [evalId],
        io((t) => (cliText += t)),
      ),
    ).toBe(0);
    expect(
      await auditCommand.run(
        app,
        [evalId, '--json'],
        io((t) => (cliJson += t)),
      ),
    ).toBe(0);
    const http = createHttpServer({
      conversation: app.conversation,
      services,
      logger,
      databaseKind: app.database.kind,
    });
    const res = await http.inject({ method: 'GET', url: `/api/evaluations/${evalId}/audit` });
    expect(res.statusCode).toBe(200);
    httpBody = res.body;
    await http.close();
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('when the chain is read, then it holds intent, context facts, evaluator results, agent signals, passages, prompts, raw answers and guardrail events', () => {
    const chain = JSON.parse(httpBody) as AuditChain;
    expect(chain).toMatchObject({
      evaluationId: evalId,
      symbol: 'SPX',
      intent: { symbol: 'SPX', proposedEntry: 2870, rawText: 'long SPX 2870 stop 2790 target 3050' },
    });
    expect((chain.contextFacts['frames'] as unknown[]).length).toBeGreaterThan(0);
    expect((chain.evaluation.modules as Array<{ id: string }>).map((m) => m.id)).toContain('risk-reward');
    const recs = chain.recommendations;
    expect(recs).toEqual([
      expect.objectContaining({ agent: 'technical', signal: 'HOLD', confidence: 0.4, provider: 'anthropic' }),
    ]);
    expect(chain.retrievedChunks).toEqual([
      { chunkId: 'technical/atr-based-stops.md#0', agents: ['technical'] },
    ]);
    const calls = chain.llmCalls;
    expect(calls.map((c) => `${String(c['purpose'])}#${String(c['attempt'])}`)).toEqual([
      'explanation#1',
      'explanation#2',
      'explanation#1',
      'agent#1',
    ]);
    expect(calls.map((c) => c['id'])).toContain(recs[0]?.['llmCallId']);
    expect(calls[0]?.['rawResponse']).toContain('upstream failed for x-api-key [redacted]');
    expect(calls[1]?.['rawResponse']).toContain('3,400');
    expect(calls[1]?.['systemPrompt']).toContain('Never predict prices');
    expect(calls[1]?.['userPrompt']).toContain('<facts>');
    expect(chain.guardrailEvents).toEqual([
      expect.objectContaining({
        stage: 'explanation',
        rule: 'number-not-in-facts',
        action: 'rewritten',
        excerpt: 'not in facts: 3,400',
      }),
    ]);
  });

  it('when the CLI prints the chain, then every section is there and --json gives the same chain as the API', () => {
    for (const heading of [
      '1. Intent',
      '2. ContextPack facts',
      '3. Evaluator results',
      '4. Agent recommendations (1)',
      '5. Retrieved passages (1)',
      '6. LLM calls (4)',
      '7. Guardrail events (1)',
    ]) {
      expect(cliText).toContain(heading);
    }
    // The same chain, except where the chart is: the terminal (on the server) gets the stored file
    // URL, the API a URL to fetch it by (GET /api/charts/:chartId.png), never a server path.
    const cli = JSON.parse(cliJson) as { charts: { chartId: string; imageUrl: string }[] };
    const http = JSON.parse(httpBody) as { charts: { chartId: string; imageUrl: string }[] };
    expect(cli.charts.length).toBeGreaterThan(0);
    for (const chart of cli.charts) expect(chart.imageUrl).toMatch(/^file:/);
    expect(http.charts.map((c) => c.imageUrl)).toEqual(cli.charts.map((c) => `/api/charts/${c.chartId}.png`));
    const withoutUrls = (chain: typeof cli) => ({
      ...chain,
      charts: chain.charts.map(({ imageUrl: _url, ...rest }) => rest),
    });
    expect(withoutUrls(cli)).toEqual(withoutUrls(http));
  });

  it('when the key was sent to the provider and echoed back, then it appears nowhere: audit output, API body, any DB row, any log line', async () => {
    expect(
      server.requests.some(
        (r) => r.headers['authorization'] === `Bearer ${KEY}` || r.headers['x-api-key'] === KEY,
      ),
    ).toBe(true);
    expect(cliText).not.toContain(KEY);
    expect(cliJson).not.toContain(KEY);
    expect(httpBody).not.toContain(KEY);
    expect(logs.length).toBeGreaterThan(0);
    console.info(
      `log lines: ${logs.length}, from the LLM client: ${logs.filter((l) => l.includes('"component":"llm"')).length}`,
    );
    expect(logs.filter((l) => l.includes(KEY))).toEqual([]);
    const query = async <T>(q: ReturnType<typeof sql>) =>
      ((await app.database.db.execute(q)) as unknown as { rows: T[] }).rows;
    const names = (
      await query<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      )
    ).map((r) => r.table_name);
    expect(names).toEqual(expect.arrayContaining(['llm_calls', 'ai_journal', 'guardrail_events']));
    const leaks: string[] = [];
    for (const name of names) {
      const [found] = await query<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text like ${`%${KEY}%`}`,
      );
      if (Number(found?.n) > 0) leaks.push(name);
    }
    expect(leaks).toEqual([]);
  });

  it('when a trader pastes a key-shaped secret into the idea, then the chain shows it redacted', async () => {
    const pasted = 'sk-ant-api03-PASTEDBYTRADER-0a1b2c3d4e5f';
    const intent = {
      symbol: 'SPX',
      side: 'long' as const,
      timeframe: '1d' as const,
      entry: 2870,
      stop: 2790,
      targets: [3050],
      orderType: 'limit' as const,
    };
    const outcome = await app.services.evaluation.evaluate({
      intent,
      userId: USER,
      rawText: `long SPX 2870 stop 2790 my key ${pasted}`,
    });
    const chain = await app.services.audit.chain(outcome.evalId);
    expect(chain?.intent['rawText']).toBe('long SPX 2870 stop 2790 my key [redacted]');
    expect(JSON.stringify(chain)).not.toContain(pasted);
  });

  it('when the evaluation id is unknown or not a UUID, then the API answers 404 or 400 and the CLI exits 1 or 2', async () => {
    const http = createHttpServer({
      conversation: app.conversation,
      services: app.services,
      logger: app.services.logger,
      databaseKind: app.database.kind,
    });
    expect(
      (
        await http.inject({
          method: 'GET',
          url: '/api/evaluations/00000000-0000-4000-8000-000000000000/audit',
        })
      ).statusCode,
    ).toBe(404);
    expect((await http.inject({ method: 'GET', url: '/api/evaluations/not-a-uuid/audit' })).statusCode).toBe(
      400,
    );
    await http.close();
    const sink = { out: () => undefined, err: () => undefined };
    expect(await auditCommand.run(app, ['00000000-0000-4000-8000-000000000000'], sink)).toBe(1);
    expect(await auditCommand.run(app, ['nope'], sink)).toBe(2);
  });
});
