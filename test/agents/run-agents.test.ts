import { describe, expect, it } from 'vitest';
import { AGENTS } from '../../src/agents/list.js';
import { createMemoryAgentJournal, type AgentJournal } from '../../src/agents/journal.js';
import { createAgentRunner, type AgentRunRequest } from '../../src/agents/run-agents.js';
import type { Agent } from '../../src/agents/types.js';
import { technicalAgent } from '../../src/agents/technical.js';
import { contextPack, intentOf } from '../helpers/context.js';
import { fundamentals, headline, trendBars } from './fixtures.js';

const ctx = contextPack({ bars: trendBars() });
const request: AgentRunRequest = {
  intent: intentOf({ entry: ctx.primary.lastBar.close, stop: ctx.primary.lastBar.close * 0.97 }),
  ctx,
  evalId: 'eval-1',
  userId: 'u-1',
};

describe('createAgentRunner (rule mode)', () => {
  it('when four agents run, then each answers by rules and each result is journaled with its facts', async () => {
    const journal = createMemoryAgentJournal();
    const asked: string[] = [];
    const runner = createAgentRunner({
      agents: AGENTS,
      journal,
      timeoutMs: 5_000,
      news: {
        forSymbol: async (symbol) => (asked.push(`news:${symbol}`), [headline(ctx.asOf - 86_400_000, 3)]),
      },
      fundamentals: { get: async (symbol) => (asked.push(`fundamentals:${symbol}`), fundamentals()) },
    });
    expect(runner.mode).toBe('rules');
    const runs = await runner.run(request);
    expect(runs.map((r) => [r.agent, r.status, r.mode, r.provider])).toEqual([
      ['technical', 'ok', 'rules', 'rules'],
      ['fundamental', 'ok', 'rules', 'rules'],
      ['sentiment', 'ok', 'rules', 'rules'],
      ['risk', 'ok', 'rules', 'rules'],
    ]);
    // Each input is loaded once, for the agent that reads it.
    expect(asked.sort()).toEqual(['fundamentals:TEST', 'news:TEST']);
    expect(runs.find((r) => r.agent === 'sentiment')?.facts['newsCount']).toBe(1);
    expect(journal.entries.map((e) => e.agent).sort()).toEqual([
      'fundamental',
      'risk',
      'sentiment',
      'technical',
    ]);
    for (const run of runs) {
      const entry = journal.entries.find((e) => e.id === run.journalId);
      expect(entry).toMatchObject({
        provider: 'rules',
        model: 'rules-v1',
        evalId: 'eval-1',
        userId: 'u-1',
        symbol: 'TEST',
        timeframe: '1d',
        llmCallIds: [],
      });
      expect(entry?.recommendation).toEqual(run.recommendation);
      expect(entry?.indicatorsSnapshot).toMatchObject({ facts: run.facts, status: 'ok', mode: 'rules' });
    }
  });

  it('when an agent throws, then its card abstains without the error text and the journal keeps the error', async () => {
    const journal = createMemoryAgentJournal();
    const broken: Agent = {
      ...technicalAgent,
      analyse: () => {
        throw new Error('boom: internal detail');
      },
    };
    const [run] = await createAgentRunner({ agents: [broken], journal, timeoutMs: 1_000 }).run(request);
    expect(run).toMatchObject({ status: 'failed', provider: 'none' });
    expect(run?.recommendation.reasoning).toBe(
      'insufficient data: the technical agent failed; the audit has the details',
    );
    expect(journal.entries[0]?.indicatorsSnapshot).toMatchObject({
      status: 'failed',
      error: 'boom: internal detail',
    });
  });

  it('when the journal cannot record a result, then the result is not shown', async () => {
    const failing: AgentJournal = {
      record: async () => {
        throw new Error('database down');
      },
    };
    const [run] = await createAgentRunner({
      agents: [technicalAgent],
      journal: failing,
      timeoutMs: 1_000,
    }).run(request);
    expect(run?.status).toBe('failed');
    expect(run?.recommendation.reasoning).toBe(
      'insufficient data: the technical result could not be recorded in the journal, so it is not shown',
    );
    expect(run?.journalId).toBeUndefined();
  });

  it('when retrieval fails, then the agent still answers by its rules, without passages, and the journal says why', async () => {
    const journal = createMemoryAgentJournal();
    const retriever = {
      retrieve: async () => {
        throw new Error('qdrant unreachable');
      },
    };
    const [run] = await createAgentRunner({
      agents: [technicalAgent],
      journal,
      retriever,
      timeoutMs: 1_000,
    }).run(request);
    expect(run).toMatchObject({
      status: 'ok',
      mode: 'rules',
      chunks: [],
      retrievalError: 'qdrant unreachable',
    });
    expect(run?.recommendation.key_factors.every((k) => k.evidence.kind === 'feature')).toBe(true);
    expect(journal.entries[0]?.indicatorsSnapshot['retrievalError']).toBe('qdrant unreachable');
  });
});
