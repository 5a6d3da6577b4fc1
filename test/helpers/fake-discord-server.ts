import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Status, type Client } from 'discord.js';
import { WebSocketServer } from 'ws';

export interface DiscordCall {
  method: string;
  /** Path after /api/v10, e.g. /interactions/1/tok/callback. */
  path: string;
  body: Record<string, unknown>;
  /** Names of attached files (multipart requests). */
  files: string[];
  at: number;
}

export interface FakeDiscord {
  /** REST base for discord.js (`rest: { api }`), without the version. */
  api: string;
  calls: DiscordCall[];
  waitFor(
    predicate: (call: DiscordCall) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<DiscordCall[]>;
  /** While set, every REST request answers this HTTP status (an outage); undefined answers normally again. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

/** A message object as Discord returns it, enough for discord.js to build a Message. */
export function messageJson(
  id: string,
  channelId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    channel_id: channelId,
    type: 0,
    content: '',
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    author: {
      id: '900000000000000001',
      username: 'buddy',
      discriminator: '0',
      avatar: null,
      bot: true,
      global_name: null,
    },
    ...extra,
  };
}

/** A local stand-in for discord.com/api: records what discord.js's REST client sends. */
export async function startFakeDiscord(options: { port?: number } = {}): Promise<FakeDiscord> {
  const calls: DiscordCall[] = [];
  let ids = 1_000;
  let outage: number | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const type = req.headers['content-type'] ?? '';
        let body: Record<string, unknown> = {};
        const files: string[] = [];
        if (type.includes('multipart/form-data')) {
          const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
          for (const [key, value] of form) {
            if (key === 'payload_json' && typeof value === 'string')
              body = JSON.parse(value) as Record<string, unknown>;
            else if (typeof value !== 'string') files.push(value.name);
          }
        } else if (raw.length > 0) body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        const path = decodeURIComponent((req.url ?? '').replace(/^\/api\/v\d+/, '').split('?')[0] ?? '');
        calls.push({ method: req.method ?? '', path, body, files, at: Date.now() });
        const send = (status: number, json?: unknown) => {
          res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
          res.end(json === undefined ? undefined : JSON.stringify(json));
        };
        if (outage !== undefined) return send(outage, { message: 'unavailable', code: 0 });
        if (path === '/gateway/bot')
          return send(200, {
            url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
            shards: 1,
            session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
          });
        if (/^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) return send(204);
        if (/^\/webhooks\/[^/]+\/[^/]+\/messages\//.test(path))
          return send(200, messageJson(String((ids += 1)), '700000000000000001', body));
        if (/^\/channels\/[^/]+\/messages$/.test(path))
          return send(200, messageJson(String((ids += 1)), path.split('/')[2] ?? '', body));
        if (/\/commands$/.test(path) && req.method === 'PUT') {
          return send(
            200,
            (body as unknown as Record<string, unknown>[]).map((c) => ({
              ...c,
              id: String((ids += 1)),
              application_id: path.split('/')[2],
              version: '1',
            })),
          );
        }
        return send(404, { message: 'Unknown route', code: 0 });
      })();
    });
  });
  const gateway = fakeGateway(server);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    calls,
    async waitFor(predicate, count = 1, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.filter(predicate).length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `waited ${timeoutMs} ms for ${count} matching Discord calls, got ${calls.filter(predicate).length}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return calls.filter(predicate);
    },
    failWith: (status) => void (outage = status),
    close: async () => {
      for (const socket of gateway.clients) socket.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Just enough of the gateway for client.login(): HELLO, READY after IDENTIFY (no guilds), and
 * heartbeat acknowledgements. discord.js connects to the URL GET /gateway/bot gives it.
 */
function fakeGateway(server: ReturnType<typeof createServer>): WebSocketServer {
  const gateway = new WebSocketServer({ server });
  gateway.on('error', () => undefined);
  gateway.on('connection', (socket) => {
    socket.on('error', () => undefined);
    const send = (packet: Record<string, unknown>) =>
      socket.send(JSON.stringify({ s: null, t: null, d: null, ...packet }));
    send({ op: 10, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op?: unknown };
      if (packet.op === 1) send({ op: 11 });
      if (packet.op === 2)
        send({
          op: 0,
          t: 'READY',
          s: 1,
          d: {
            v: 10,
            user: {
              id: '700000000000000001',
              username: 'buddy',
              discriminator: '0',
              bot: true,
              avatar: null,
            },
            guilds: [],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
            application: { id: '123', flags: 0 },
            shard: [0, 1],
          },
        });
    });
  });
  return gateway;
}

let sequence = 0;

/**
 * Feeds a raw gateway INTERACTION_CREATE packet through discord.js's own packet handling
 * (WebSocketManager.handlePacket -> InteractionCreate action -> Events.InteractionCreate),
 * as a shard would after READY, without a gateway connection.
 */
export function dispatchInteraction(client: Client, data: Record<string, unknown>): void {
  const ws = client.ws as unknown as {
    status: Status;
    handlePacket(packet: unknown, shard: unknown): boolean;
  };
  ws.status = Status.Ready;
  ws.handlePacket({ op: 0, t: 'INTERACTION_CREATE', s: (sequence += 1), d: data }, { id: 0 });
}
