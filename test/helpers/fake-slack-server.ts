import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  /** Web API method (chat.postMessage) or the path of a response_url / upload URL. */
  path: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeSlack {
  /** Web API base to give the WebClient (slackApiUrl), ending in /api/. */
  apiUrl: string;
  /** A response_url Slack would put in a payload. */
  responseUrl(id: string): string;
  calls: SlackCall[];
  /** Calls of one Web API method or path prefix. */
  of(path: string): SlackCall[];
  /** The next `n` calls to `path` answer 429 with Retry-After `seconds`. */
  rateLimit(path: string, n: number, seconds: number): void;
  /** What apps.connections.open answers: the WebSocket URL of a local Socket Mode server. */
  socketUrl: string;
  /** Resolves once `count` calls to `path` have arrived (or rejects after `timeoutMs`). */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** While set, every request answers this HTTP status (an outage); undefined answers normally again. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for slack.com: the real WebClient and Bolt's respond() talk HTTP to it.
 * Web API bodies arrive form-encoded (with JSON-encoded nested fields, as the SDK sends them).
 */
export async function startFakeSlack(options: { port?: number } = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  let outage: number | undefined;
  const limits = new Map<string, { n: number; seconds: number }>();
  let ts = 1_700_000_000;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      if (outage !== undefined) {
        res.writeHead(outage, { 'content-type': 'text/plain' });
        res.end('unavailable');
        return;
      }
      const limit = limits.get(path);
      if (limit && limit.n > 0) {
        limit.n -= 1;
        res.writeHead(429, { 'retry-after': String(limit.seconds), 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      calls.push({
        method: req.method ?? '',
        path,
        body: parseBody(raw, req.headers['content-type']),
        at: Date.now(),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(path, (ts += 1))));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const of = (path: string) => calls.filter((c) => c.path === path || c.path.startsWith(`${path}/`));
  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/api/response/${id}`,
    calls,
    of,
    rateLimit: (path, n, seconds) => void limits.set(path, { n, seconds }),
    async waitFor(path, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (of(path).length < count) {
        if (Date.now() > deadline)
          throw new Error(`waited ${timeoutMs} ms for ${count} × ${path}, got ${of(path).length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return of(path);
    },
    failWith: (status) => void (outage = status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    socketUrl: '',
  };
  return fake;

  function answer(path: string, n: number): Record<string, unknown> {
    if (path === 'auth.test')
      return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'buddy' };
    if (path === 'chat.postMessage') return { ok: true, channel: 'C1', ts: `${n}.000100` };
    if (path === 'views.open') return { ok: true, view: { id: `V${n}` } };
    if (path === 'files.getUploadURLExternal')
      return { ok: true, upload_url: `${base}/api/upload/F${n}`, file_id: `F${n}` };
    if (path === 'files.completeUploadExternal') return { ok: true, files: [{ id: 'F1' }] };
    if (path === 'apps.connections.open') return { ok: true, url: fake.socketUrl };
    return { ok: true };
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { raw };
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      try {
        out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
      } catch {
        out[key] = value;
      }
    }
    return out;
  }
  return { raw, bytes: raw.length };
}

/** Signs a request body exactly as Slack does: v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body)). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  secret: string,
  body: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
}
