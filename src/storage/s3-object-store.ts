import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { z } from 'zod';
import {
  assertValidContentType,
  assertValidKey,
  joinUrl,
  ObjectStoreError,
  type ObjectStore,
} from './object-store.js';

const optionsSchema = z.object({
  /** e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000 for MinIO. */
  endpoint: z.url({ protocol: /^https?$/ }),
  bucket: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'S3 bucket names are 3-63 lowercase letters, digits, "." or "-"',
    ),
  region: z.string().min(1),
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  /** MinIO and most self-hosted stores need path-style URLs (endpoint/bucket/key). */
  forcePathStyle: z.boolean().default(false),
  /** Public URL prefix (CDN, public bucket) for the URLs put() returns; default: the object URL. */
  publicBaseUrl: z.string().optional(),
  /** Retries on 5xx and 429, with backoff (aws4fetch's own loop). */
  retries: z.number().int().min(0).max(10).default(2),
});

export type S3ObjectStoreOptions = z.input<typeof optionsSchema>;

/** Object URL for `key`, path-style (`endpoint/bucket/key`) or virtual-hosted (`bucket.host/key`). */
export function s3ObjectUrl(endpoint: string, bucket: string, key: string, forcePathStyle: boolean): string {
  const url = new URL(endpoint);
  const basePath = url.pathname.replace(/\/+$/, '');
  if (forcePathStyle) return `${url.origin}${basePath}/${bucket}/${key}`;
  return `${url.protocol}//${bucket}.${url.host}${basePath}/${key}`;
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, R2...) over plain fetch, signed with SigV4 by
 * aws4fetch. The payload hash is sent and signed, so a corrupted upload is refused.
 */
export function createS3ObjectStore(input: S3ObjectStoreOptions): ObjectStore {
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) {
    // Only the failing option names are reported: a message must never carry the secret.
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ObjectStoreError('object-store-failed', `Invalid S3 object store options: ${names.join('; ')}`);
  }
  const options = parsed.data;
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region: options.region,
    retries: options.retries,
  });
  const urlOf = (key: string) => s3ObjectUrl(options.endpoint, options.bucket, key, options.forcePathStyle);

  async function send(
    key: string,
    init: RequestInit & { headers: Record<string, string> },
  ): Promise<Response> {
    try {
      return await client.fetch(urlOf(key), init);
    } catch (error) {
      throw new ObjectStoreError(
        'object-store-failed',
        `S3 ${init.method ?? 'GET'} ${JSON.stringify(key)} failed: network error`,
        error,
      );
    }
  }

  return {
    async put(key, bytes, contentType) {
      assertValidKey(key);
      assertValidContentType(contentType);
      const response = await send(key, {
        method: 'PUT',
        // A copy typed as ArrayBuffer-backed, which fetch's BodyInit requires; charts are small.
        body: new Uint8Array(bytes),
        headers: {
          'content-type': contentType,
          'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
        },
      });
      if (!response.ok) throw await failure('PUT', key, response);
      await response.body?.cancel();
      return {
        key,
        url: options.publicBaseUrl === undefined ? urlOf(key) : joinUrl(options.publicBaseUrl, key),
      };
    },

    async get(key) {
      assertValidKey(key);
      const response = await send(key, { method: 'GET', headers: {} });
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await failure('GET', key, response);
      return Buffer.from(await response.arrayBuffer());
    },

    async delete(key) {
      assertValidKey(key);
      const response = await send(key, { method: 'DELETE', headers: {} });
      // S3 answers 204 for a delete, whether or not the key existed.
      if (!response.ok && response.status !== 404) throw await failure('DELETE', key, response);
      await response.body?.cancel();
    },
  };
}

/** S3 errors come as XML with a <Code>; that code and the status are what an operator needs. */
async function failure(method: string, key: string, response: Response): Promise<ObjectStoreError> {
  const body = await response.text().catch(() => '');
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
  return new ObjectStoreError(
    'object-store-failed',
    `S3 ${method} ${JSON.stringify(key)} failed: HTTP ${response.status}${code === undefined ? '' : ` ${code}`}`,
    undefined,
    { status: response.status, s3Code: code },
  );
}
