import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

describe.each(BACKENDS)('audit chain links on $name', (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo(), {
      DATA_DIR: `/tmp/trading-buddy-test-audit-${backend.name}-${process.pid}`,
    });
    await app.knowledge.synced();
  });
  afterAll(async () => app.close());

  it('when a posted answer is followed back, then the chain reaches the chart, the passages with their text and the agent signals', async () => {
    const reply = await app.conversation.handle({
      platform: 'cli',
      workspace: 'w',
      channel: 'c',
      thread: '',
      user: 'aud',
      text: 'long TCHA 600 stop 570 target 680',
    });
    const evalId = reply.refs?.evaluationId ?? '';
    const chain = await app.services.audit.chain(evalId);
    expect(chain?.charts).toHaveLength(1);
    expect(chain?.charts[0]?.imageUrl).toMatch(/\.png$/);
    expect(reply.chart?.alt).toBeTruthy();
    expect(chain?.recommendations.map((r) => r['agent']).sort()).toEqual([
      'fundamental',
      'risk',
      'sentiment',
      'technical',
    ]);
    expect(new Set(chain?.recommendations.map((r) => r['chartId']))).toEqual(
      new Set([chain?.charts[0]?.chartId]),
    );
    const passages = chain?.retrievedChunks ?? [];
    expect(passages.length).toBeGreaterThan(0);
    for (const p of passages) {
      expect(p.docPath).toMatch(/^knowledge\/(technical|fundamental|sentiment|risk)\//);
      expect(p.text?.length ?? 0).toBeGreaterThan(20);
    }
  });
});
