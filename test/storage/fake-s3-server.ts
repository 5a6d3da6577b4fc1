import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Every header line as sent, to search for leaked secrets. */
  rawHeaders: string[];
  body: Buffer;
}

export interface FakeS3 {
  endpoint: string;
  requests: RecordedRequest[];
  objects: Map<string, { body: Buffer; contentType: string }>;
  close(): Promise<void>;
}

/**
 * Speaks the path-style PutObject/GetObject REST shape on 127.0.0.1 and checks each request's
 * SigV4 signature the way S3 does (written from the AWS spec, independently of aws4fetch),
 * answering 403 SignatureDoesNotMatch like a real bucket when it is wrong.
 */
export async function startFakeS3(opts: {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}): Promise<FakeS3> {
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, { body: Buffer; contentType: string }>();

  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers,
        rawHeaders: req.rawHeaders,
        body,
      };
      requests.push(recorded);
      const reply = (status: number, code?: string) => {
        res.writeHead(status, { 'content-type': 'application/xml' });
        res.end(
          code === undefined
            ? ''
            : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
        );
      };
      const authProblem = verifySigV4(recorded, opts);
      if (authProblem !== undefined) return reply(403, authProblem);
      const prefix = `/${opts.bucket}/`;
      if (!recorded.url.startsWith(prefix)) return reply(404, 'NoSuchBucket');
      const key = decodeURIComponent(recorded.url.slice(prefix.length));
      if (req.method === 'PUT') {
        if (createHash('sha256').update(body).digest('hex') !== headers['x-amz-content-sha256']) {
          return reply(400, 'XAmzContentSHA256Mismatch');
        }
        objects.set(key, { body, contentType: headers['content-type'] ?? '' });
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        return res.end();
      }
      if (req.method === 'GET') {
        const object = objects.get(key);
        if (object === undefined) return reply(404, 'NoSuchKey');
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length });
        return res.end(object.body);
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204);
        return res.end();
      }
      return reply(405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    objects,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Returns an S3 error code, or undefined when the signature is valid. */
function verifySigV4(
  req: RecordedRequest,
  opts: { region: string; accessKeyId: string; secretAccessKey: string },
): string | undefined {
  const match = AUTH.exec(req.headers.authorization ?? '');
  if (match === null) return 'AccessDenied';
  const [, keyId, date, region, service, signedHeaders, signature] = match;
  if (keyId !== opts.accessKeyId) return 'InvalidAccessKeyId';
  if (region !== opts.region || service !== 's3') return 'AuthorizationHeaderMalformed';
  const amzDate = req.headers['x-amz-date'] ?? '';
  if (!amzDate.startsWith(date ?? '-')) return 'AuthorizationHeaderMalformed';
  const names = (signedHeaders ?? '').split(';');
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256'])
    if (!names.includes(required)) return 'AccessDenied';
  const [path = '', query = ''] = req.url.split('?');
  const canonicalQuery = query === '' ? '' : query.split('&').sort().join('&');
  const canonicalHeaders = names
    .map((n) => `${n}:${(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    req.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    req.headers['x-amz-content-sha256'] ?? '',
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${opts.secretAccessKey}`, date ?? ''), region ?? ''), 's3'),
    'aws4_request',
  );
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return expected === signature ? undefined : 'SignatureDoesNotMatch';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
