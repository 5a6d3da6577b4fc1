import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalObjectStore,
  createS3ObjectStore,
  ObjectStoreError,
  s3ObjectUrl,
} from '../../src/storage/index.js';
import { startFakeS3, type FakeS3 } from './fake-s3-server.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 250, 251]);

const BAD_KEYS: [string, string][] = [
  ['../escape.png', '".." segments'],
  ['charts/../../escape.png', '".." segments'],
  ['/etc/passwd', 'absolute paths'],
  ['C:/windows/x.png', 'absolute paths'],
  ['charts\\x.png', 'backslashes'],
  ['', 'empty'],
  ['charts//x.png', 'single "/"'],
  ['charts/./x.png', '"." segments'],
  ['charts/x.png?acl', 'use letters, digits'],
  ['a'.repeat(1025), 'longer than 1024'],
];

async function expectObjectStoreError(
  promise: Promise<unknown>,
  code: string,
  fragment: string,
): Promise<ObjectStoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ObjectStoreError);
  const typed = error as ObjectStoreError;
  expect(typed.code).toBe(code);
  expect(typed.message).toContain(fragment);
  return typed;
}

describe('local object store', () => {
  let parent: string;
  let dir: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'tb-store-'));
    dir = join(parent, 'objects');
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('when bytes are put, then get returns the same bytes and the url is a file URL to them', async () => {
    const store = createLocalObjectStore({ dir });
    const put = await store.put('charts/2024/eval-1.png', png, 'image/png');
    expect(put.key).toBe('charts/2024/eval-1.png');
    expect(put.url.startsWith('file://')).toBe(true);
    expect(await readFile(fileURLToPath(put.url))).toEqual(png);
    expect(await store.get('charts/2024/eval-1.png')).toEqual(png);
  });

  it('when an object is deleted, then get returns undefined and deleting it again is not an error', async () => {
    const store = createLocalObjectStore({ dir });
    await store.put('charts/gone.png', new Uint8Array([1, 2, 3]), 'image/png');
    await store.delete('charts/gone.png');
    expect(await store.get('charts/gone.png')).toBeUndefined();
    await expect(store.delete('charts/gone.png')).resolves.toBeUndefined();
  });

  it('when a publicBaseUrl is set, then the url is that base plus the key', async () => {
    const store = createLocalObjectStore({ dir, publicBaseUrl: 'https://cdn.example.test/buddy/' });
    const put = await store.put('charts/a.png', png, 'image/png');
    expect(put.url).toBe('https://cdn.example.test/buddy/charts/a.png');
  });

  it('when a key is overwritten, then get returns the latest bytes and no temp file is left', async () => {
    const store = createLocalObjectStore({ dir });
    await store.put('a.png', png, 'image/png');
    await store.put('a.png', Buffer.from('second'), 'image/png');
    expect((await store.get('a.png'))?.toString()).toBe('second');
    expect(await readdir(dir)).toEqual(['a.png']);
  });

  it.each([['missing.png'], ['charts']])(
    'when nothing is stored under %s, then get returns undefined',
    async (key) => {
      const store = createLocalObjectStore({ dir });
      await store.put('charts/x.png', png, 'image/png');
      expect(await store.get(key)).toBeUndefined();
    },
  );

  it.each(BAD_KEYS)('when the key is %j, then put rejects (%s) and writes nothing', async (key, fragment) => {
    const store = createLocalObjectStore({ dir });
    await expectObjectStoreError(store.put(key, png, 'image/png'), 'object-key-invalid', fragment);
    await expectObjectStoreError(store.get(key), 'object-key-invalid', fragment);
    expect(await readdir(parent)).toEqual([]);
  });

  it('when the content type is malformed, then put rejects and writes nothing', async () => {
    const store = createLocalObjectStore({ dir });
    await expectObjectStoreError(store.put('a.png', png, 'png'), 'object-content-type-invalid', '"png"');
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('S3 object store', () => {
  const credentials = {
    bucket: 'buddy-charts',
    region: 'eu-central-1',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY',
  };
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3(credentials);
  });
  afterAll(async () => {
    await s3.close();
  });
  beforeEach(() => {
    s3.requests.length = 0;
    s3.objects.clear();
  });
  const store = (overrides: Partial<Parameters<typeof createS3ObjectStore>[0]> = {}) =>
    createS3ObjectStore({ endpoint: s3.endpoint, forcePathStyle: true, ...credentials, ...overrides });

  it('when bytes are put, then the bucket holds them with their content type and get returns them', async () => {
    const put = await store().put('charts/eval-1.png', png, 'image/png');
    expect(put).toEqual({ key: 'charts/eval-1.png', url: `${s3.endpoint}/buddy-charts/charts/eval-1.png` });
    expect(s3.objects.get('charts/eval-1.png')).toEqual({ body: png, contentType: 'image/png' });
    expect(await store().get('charts/eval-1.png')).toEqual(png);
    expect(s3.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /buddy-charts/charts/eval-1.png',
      'GET /buddy-charts/charts/eval-1.png',
    ]);
  });

  it('when requests are sent, then each is signed AWS4-HMAC-SHA256 with the right scope and never carries the secret', async () => {
    await store().put('charts/eval-2.png', png, 'image/png');
    await store().get('charts/eval-2.png');
    await store().get('charts/missing.png');
    expect(s3.requests).toHaveLength(3);
    for (const request of s3.requests) {
      const day = (request.headers['x-amz-date'] ?? '').slice(0, 8);
      expect(
        Math.abs(Date.parse(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`) - Date.now()),
      ).toBeLessThan(2 * 86_400_000);
      expect(request.headers.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${day}/eu-central-1/s3/aws4_request, ?SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, ?Signature=[0-9a-f]{64}$`,
        ),
      );
      const everything = [request.url, ...request.rawHeaders, request.body.toString('latin1')].join('\n');
      expect(everything).not.toContain(credentials.secretAccessKey);
    }
    expect(s3.requests[0]?.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when an object is deleted, then the bucket no longer holds it', async () => {
    const s = store();
    await s.put('charts/gone.png', new Uint8Array([9]), 'image/png');
    await s.delete('charts/gone.png');
    expect(s3.objects.has('charts/gone.png')).toBe(false);
    expect(await s.get('charts/gone.png')).toBeUndefined();
  });

  it('when the key does not exist, then get returns undefined', async () => {
    expect(await store().get('charts/nothing.png')).toBeUndefined();
  });

  it('when the secret is wrong, then put rejects with the S3 error code and the message has no secret', async () => {
    const wrong = 'not-the-secret-0123456789';
    const error = await expectObjectStoreError(
      store({ secretAccessKey: wrong }).put('charts/x.png', png, 'image/png'),
      'object-store-failed',
      'HTTP 403 SignatureDoesNotMatch',
    );
    expect(error.category).toBe('upstream');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrong);
    expect(s3.objects.size).toBe(0);
  });

  it.each(BAD_KEYS)('when the key is %j, then put rejects (%s) before any request', async (key, fragment) => {
    await expectObjectStoreError(store().put(key, png, 'image/png'), 'object-key-invalid', fragment);
    expect(s3.requests).toHaveLength(0);
  });

  it('when nothing listens at the endpoint, then put rejects as an upstream failure', async () => {
    const dead = createS3ObjectStore({
      ...credentials,
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      retries: 0,
    });
    await expectObjectStoreError(dead.put('a.png', png, 'image/png'), 'object-store-failed', 'network error');
  });

  it('when options are invalid, then creation fails naming the option but not the secret', () => {
    let error: unknown;
    try {
      createS3ObjectStore({ ...credentials, endpoint: 'not a url', bucket: 'Bad_Bucket' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ObjectStoreError);
    expect((error as Error).message).toContain('endpoint');
    expect((error as Error).message).toContain('bucket');
    expect((error as Error).message).not.toContain(credentials.secretAccessKey);
  });

  it.each([
    ['http://127.0.0.1:9000', true, 'http://127.0.0.1:9000/bkt/charts/a.png'],
    [
      'https://s3.eu-central-1.amazonaws.com',
      false,
      'https://bkt.s3.eu-central-1.amazonaws.com/charts/a.png',
    ],
    ['https://minio.internal/s3/', true, 'https://minio.internal/s3/bkt/charts/a.png'],
  ])(
    'when the endpoint is %s and forcePathStyle=%s, then the object URL is %s',
    (endpoint, pathStyle, url) => {
      expect(s3ObjectUrl(endpoint, 'bkt', 'charts/a.png', pathStyle)).toBe(url);
    },
  );
});
