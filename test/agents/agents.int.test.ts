import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { fileURLToPath } from 'node:url';
import { fundamentalsImport } from '../../src/bot/cli/commands/fundamentals-import.js';
import { newsImport } from '../../src/bot/cli/commands/news-import.js';
import { createAuditRepository } from '../../src/db/index.js';
import type { Inbound } from '../../src/bot/types.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';

const inbound = (text: string, user = 'agents-user'): Inbound => ({
  platform: 'cli',
  workspace: 'w',
  channel: 'agents',
  thread: '',
  user,
  text,
});

describe.each(BACKENDS)('agents in the evaluate flow on $name (rule mode, no LLM key)', (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  });
  afterAll(async () => app.close());

  it('when an idea on a demo stock is evaluated, then the report carries four cards that cite facts and passages', async () => {
    const reply = await app.conversation.handle(inbound('/evaluate long TCHA 600 stop 570 target 660'));
    expect(reply.kind).toBe('report');
    expect(reply.agents.map((a) => a.agent)).toEqual(['Technical', 'Fundamental', 'Sentiment', 'Risk']);
    for (const card of reply.agents) {
      expect(card.provider).toBe('rules');
      expect(card.factors.length).toBeGreaterThan(0);
      for (const f of card.factors)
        expect(f.evidence).toMatch(/^\w+ = \S|^knowledge\/\w+\/[\w-]+\.md · [0-9a-f]{12}$/);
    }
    // The knowledge base is indexed at start, so each agent read from its own namespace.
    for (const card of reply.agents)
      expect(card.factors.some((f) => f.evidence.startsWith(`knowledge/${card.agent.toLowerCase()}/`))).toBe(
        true,
      );
    expect(reply.agents[1]?.reasoning).toMatch(/synthetic demo values/);
    expect(reply.agents[2]?.reasoning).toMatch(/^No news items for TCHA between 2020-04-10 and 2020-04-17/);
  });

  it('when the idea is on the index, then the fundamental agent abstains and the others still answer', async () => {
    const reply = await app.conversation.handle(inbound('/evaluate long SPX 2870 stop 2790 target 3050'));
    const fundamental = reply.agents.find((a) => a.agent === 'Fundamental');
    expect(fundamental).toMatchObject({
      recommendation: 'HOLD',
      confidence: 10,
      reasoning: 'insufficient data: fundamentals do not apply to an index',
    });
    expect(reply.agents.filter((a) => a.confidence > 10)).toHaveLength(3);
  });

  it('when agents answer, then each result is in ai_journal, linked to the evaluation, with its facts and passages', async () => {
    const reply = await app.conversation.handle(inbound('/evaluate short NRGB 18 stop 20 target 14'));
    const evalId = reply.refs?.evaluationId ?? '';
    const rows = await createAuditRepository(app.database.db).journalForEvaluation(evalId);
    expect(rows.map((r) => r.agent).sort()).toEqual(['fundamental', 'risk', 'sentiment', 'technical']);
    for (const row of rows) {
      const card = reply.agents.find((a) => a.agent.toLowerCase() === row.agent);
      expect(row).toMatchObject({
        llmProvider: 'rules',
        modelName: 'rules-v1',
        symbol: 'NRGB',
        timeframe: '1d',
        signal: card?.recommendation,
        llmCallId: null,
      });
      expect(row.confidence).toBeCloseTo((card?.confidence ?? 0) / 100, 5);
      expect(row.rationale).toBe(card?.reasoning);
      expect(row.retrievedChunkIds.length).toBeGreaterThan(0);
      expect(Object.keys((row.indicatorsSnapshot as { facts: object }).facts).length).toBeGreaterThan(3);
    }
  });

  it('when news for the symbol is imported, then the sentiment agent reads it', async () => {
    const asOf = Date.UTC(2020, 3, 16, 14);
    const items = [
      {
        headline: 'Demo Tech Alpha beats estimates and raises guidance',
        url: 'https://news.test/a',
        publishedAt: new Date(asOf),
        symbols: ['TCHA'],
        source: 'test',
        score: 3,
        scoredWith: 'test',
      },
      {
        headline: 'Demo Tech Alpha wins record contract',
        url: 'https://news.test/b',
        publishedAt: new Date(asOf - 86_400_000),
        symbols: ['TCHA'],
        source: 'test',
        score: 4,
        scoredWith: 'test',
      },
    ];
    expect(await app.services.agents.news.insertMany(items)).toBe(2);
    const reply = await app.conversation.handle(
      inbound('/evaluate long TCHA 600 stop 570 target 660', 'news-reader'),
    );
    const sentiment = reply.agents.find((a) => a.agent === 'Sentiment');
    expect(sentiment?.reasoning).toMatch(/^2 headlines scored with the AFINN-165 word list/);
    expect(sentiment?.factors.map((f) => f.evidence)).toContain('newsMeanScore = 3.5');
  });

  it('when `buddy fundamentals import` and `buddy news import` run, then they report rows by line and entries by position', async () => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(`ERR ${t}`) };
    const csv = fileURLToPath(new URL('../fixtures/fundamentals/good-and-bad.csv', import.meta.url));
    expect(await fundamentalsImport.run(app, [csv], io)).toBe(0);
    expect(out.join('\n')).toMatch(/3 symbols updated from 9 rows/);
    expect(out.join('\n')).toMatch(/line 5: UTLA: as_of "2020-02-30" is not a YYYY-MM-DD date/);
    out.length = 0;
    const feed = fileURLToPath(new URL('../fixtures/news/rss.xml', import.meta.url));
    expect(await newsImport.run(app, [feed, '--symbol', 'SPX'], io)).toBe(0);
    expect(out[0]).toMatch(/rss, 3 headlines read, 3 new, 0 already stored/);
    expect(out.join('\n')).toMatch(/entry 4: missing a valid date/);
    out.length = 0;
    expect(await newsImport.run(app, ['/no/such/file.xml'], io)).toBe(1);
    expect(out[0]).toMatch(/^ERR \/no\/such\/file\.xml: not imported: ENOENT/);
  });
});
