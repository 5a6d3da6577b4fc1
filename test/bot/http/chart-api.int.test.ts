import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { createHttpServer } from '../../../src/bot/http/index.js';
import { createChartRepository } from '../../../src/db/index.js';
import { buildTestApp, startTestServer } from '../../helpers/app.js';
import { chartWhenSettled } from '../../helpers/chart-status.js';
import { BACKENDS } from '../../helpers/databases.js';
import { startFakeS3, type FakeS3 } from '../../storage/fake-s3-server.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IDEA = { symbol: 'FINA', side: 'long', entry: 26.3, stop: 25.2, targets: [28.5] };

/** Every string in a JSON value that names a file on this machine or a file:// URL. */
function serverPaths(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.startsWith('file:') || (isAbsolute(value) && existsSync(value))) found.push(value);
  } else if (Array.isArray(value)) for (const item of value) serverPaths(item, found);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) serverPaths(item, found);
  return found;
}

interface EvaluateBody {
  evaluationId: string;
  chart: { chartId: string; url: string; alt: string } | null;
  reply: { chart?: { chartId?: string; path?: string; url?: string; alt: string } };
}

describe.each(BACKENDS)('chart images over HTTP on $name', (backend) => {
  let app: App;
  let server: ReturnType<typeof createHttpServer>;
  let base: string;

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    ({ server, base } = await startTestServer(app));
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('when an evaluation has a chart in the local store, then the response gives our URL and GET on it serves the stored PNG', async () => {
    const res = await post('/api/evaluate', { userId: 'http:api:chart', intent: IDEA });
    expect(res.status).toBe(200);
    const body = (await res.json()) as EvaluateBody;
    // The report is answered before its chart is drawn: the chart's URL comes once it is stored.
    const chart = await chartWhenSettled(base, body.evaluationId);
    const [row] = await createChartRepository(app.database.db).chartsForEvaluation(body.evaluationId);
    if (!row) throw new Error('the evaluation has no chart');
    expect(row.imageUrl).toMatch(/^file:/);
    expect(chart).toEqual({
      chartId: row.chartId,
      status: 'ready',
      url: `/api/charts/${row.chartId}.png`,
      alt: expect.stringContaining('FINA 1d candlestick chart'),
    });
    expect(body.reply.chart?.path).toBeUndefined();

    const image = await fetch(`${base}${chart.url ?? ''}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(0, 8).equals(PNG)).toBe(true);
    expect(bytes.equals((await app.services.chartImages.find(row.chartId))?.bytes ?? Buffer.alloc(0))).toBe(
      true,
    );
  });

  it('when every API route that reports on an evaluation is read, then no response names a file on the server', async () => {
    const evaluated = (await (
      await post('/api/evaluate', { userId: 'http:api:paths', intent: IDEA })
    ).json()) as EvaluateBody;
    const chat = (await (
      await post('/api/messages', { user: 'paths', text: 'long FINA 26.3 stop 25.2 target 28.5' })
    ).json()) as { reply: { refs: { evaluationId: string }; chart?: unknown } };
    expect(chat.reply.chart).toBeDefined();
    const responses: unknown[] = [evaluated, chat];
    for (const id of [evaluated.evaluationId, chat.reply.refs.evaluationId]) {
      await chartWhenSettled(base, id);
      responses.push(await (await fetch(`${base}/api/evaluations/${id}`)).json());
      const audit = (await (await fetch(`${base}/api/evaluations/${id}/audit`)).json()) as {
        charts: { imageUrl: string }[];
      };
      expect(audit.charts.length).toBeGreaterThan(0);
      for (const c of audit.charts) expect(c.imageUrl).toMatch(/^\/api\/charts\/[0-9a-f-]{36}\.png$/);
      responses.push(audit);
    }
    expect(serverPaths(responses)).toEqual([]);
    // The check itself can fail: the stored row does name a file.
    const [row] = await createChartRepository(app.database.db).chartsForEvaluation(evaluated.evaluationId);
    expect(serverPaths(row?.imageUrl)).toHaveLength(1);
  });

  it.each([
    ['/api/charts/00000000-0000-4000-8000-000000000000.png', 404, 'not-found'],
    ['/api/charts/not-a-chart.png', 400, 'invalid-request'],
    ['/api/charts/00000000-0000-4000-8000-000000000000.svg', 400, 'invalid-request'],
    ['/api/charts/..%2F..%2Fetc%2Fpasswd', 400, 'invalid-request'],
  ])('when %s is asked, then it answers %d %s', async (path, status, error) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  });
});

// One back end is enough here: what is checked is the URL, and the first one has its image built.
describe.each(BACKENDS.slice(0, 1))('chart URLs with S3 configured, on $name', (backend) => {
  const S3 = {
    bucket: 'charts-bucket',
    region: 'us-east-1',
    accessKeyId: 'AKIDTEST',
    secretAccessKey: 'secret-test',
  };
  let s3: FakeS3;
  let app: App;
  let server: ReturnType<typeof createHttpServer>;
  let base: string;

  beforeAll(async () => {
    s3 = await startFakeS3(S3);
    app = await buildTestApp(await backend.openDemo(), {
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: S3.bucket,
      S3_REGION: S3.region,
      S3_ACCESS_KEY_ID: S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    });
    ({ server, base } = await startTestServer(app));
  });
  afterAll(async () => {
    await server.close();
    await app.close();
    await s3.close();
  });

  it('when the chart is in S3, then the response gives the S3 URL', async () => {
    const res = await fetch(`${base}/api/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'http:api:s3', intent: IDEA }),
    });
    const body = (await res.json()) as EvaluateBody;
    const chart = await chartWhenSettled(base, body.evaluationId);
    const pattern = new RegExp(`^${s3.endpoint}/${S3.bucket}/FINA/1d/[0-9-]{10}/${body.evaluationId}\\.png$`);
    expect(chart.url).toMatch(pattern);
    expect(body.reply.chart?.path).toBeUndefined();
    // Our route serves it too (from the bucket), for clients that cannot reach the bucket.
    const image = await fetch(`${base}/api/charts/${chart.chartId}.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(0, 8)
        .equals(PNG),
    ).toBe(true);
  });
});
