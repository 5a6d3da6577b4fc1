import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openPglite } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/app.js';
import { startFakeS3, type FakeS3 } from '../storage/fake-s3-server.js';

const S3 = {
  bucket: 'buddy-charts',
  region: 'eu-west-1',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('chart settings', () => {
  it.each([
    [{ DATA_DIR: '/srv/buddy' }, { dir: '/srv/buddy/charts', s3: undefined }],
    [
      { DATA_DIR: '/srv/buddy', CHART_DIR: '/var/charts' },
      { dir: '/var/charts', s3: undefined },
    ],
    [
      {
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
        S3_FORCE_PATH_STYLE: 'true',
      },
      {
        s3: {
          endpoint: 'http://127.0.0.1:9000',
          bucket: 'b',
          region: 'us-east-1',
          accessKeyId: 'k',
          secretAccessKey: 's',
          forcePathStyle: true,
          publicBaseUrl: undefined,
        },
      },
    ],
  ])('when the environment is %j, then charts go to %j', (env, expected) => {
    expect(loadConfig(env).charts).toMatchObject(expected);
  });
});

describe('evaluation charts in an S3-compatible bucket', () => {
  let s3: FakeS3;
  let app: App;

  beforeAll(async () => {
    s3 = await startFakeS3(S3);
    app = await buildTestApp(await openPglite({ demo: true }), {
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: S3.bucket,
      S3_REGION: S3.region,
      S3_ACCESS_KEY_ID: S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    });
  });
  afterAll(async () => {
    await app.close();
    await s3.close();
  });

  it('when S3 settings are given, then the chart is uploaded there and the reply carries its URL, not a path', async () => {
    const reply = await app.conversation.handle({
      platform: 'cli',
      workspace: 'w',
      channel: 'c',
      thread: '',
      user: 'sam',
      text: '/evaluate long SPX 2880 stop 2780 target 3100',
    });
    expect(reply.kind).toBe('report');
    const chart = reply.chart;
    if (!chart) throw new Error('no chart in the reply');
    expect(chart.path).toBeUndefined();
    expect(chart.url).toMatch(
      new RegExp(`^${s3.endpoint}/${S3.bucket}/SPX/1d/2020-04-17/[0-9a-f-]{36}\\.png$`),
    );
    const key = (chart.url ?? '').slice(`${s3.endpoint}/${S3.bucket}/`.length);
    const object = s3.objects.get(key);
    expect(object?.contentType).toBe('image/png');
    expect(object?.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
