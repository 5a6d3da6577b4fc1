import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { AGENT_TOOL_NAME } from '../../src/agents/llm-mode.js';
import { createAuditRepository } from '../../src/db/index.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';
import {
  anthropicReplies as reply,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../helpers/fake-anthropic-server.js';

// An answer any agent may give: no number, no citation, so it is grounded whatever the facts.
const plain = {
  recommendation: 'HOLD',
  confidence: 40,
  reasoning: 'The facts point in different directions for this idea.',
  key_factors: [],
};

describe.each(BACKENDS)('agents through the app with an Anthropic key on $name (fake API)', (backend) => {
  let app: App;
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    app = await buildTestApp(await backend.openDemo(), {
      ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_MODEL: 'claude-fake',
      LLM_MAX_RETRIES: '0',
    });
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('when the model answers every agent, then the cards show the model and the journal links each call', async () => {
    server.reset();
    server.enqueue(...[1, 2, 3].map(() => reply.toolUse(AGENT_TOOL_NAME, plain)));
    const result = await app.conversation.handle({
      platform: 'cli',
      workspace: 'w',
      channel: 'llm',
      thread: '',
      user: 'llm-user',
      text: '/evaluate long TCHA 600 stop 570 target 660',
    });
    // TCHA has bars and fundamentals, so all four agents ask; three answers are scripted and the
    // fourth request finds the script empty (a 500), so that agent falls back to its rules. The
    // fifth request is the report's plain-language summary, which falls back to the template.
    expect(server.requests).toHaveLength(5);
    const byProvider = result.agents.map((a) => a.provider).sort();
    expect(byProvider).toEqual([
      'anthropic claude-fake',
      'anthropic claude-fake',
      'anthropic claude-fake',
      'rules (LLM answer set aside)',
    ]);
    const fallback = result.agents.find((a) => a.provider.startsWith('rules'));
    expect(fallback?.reasoning).toMatch(/^Rule mode: the LLM call failed/);

    const rows = await createAuditRepository(app.database.db).journalForEvaluation(
      result.refs?.evaluationId ?? '',
    );
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.llmProvider === 'anthropic')).toHaveLength(3);
    for (const row of rows) expect(row.llmCallId).toEqual(expect.any(String));
    const chain = await app.services.audit.chain(result.refs?.evaluationId ?? '');
    expect(chain?.llmCalls.map((c) => c['purpose']).sort()).toEqual([
      'agent',
      'agent',
      'agent',
      'agent',
      'explanation',
    ]);
  });
});
