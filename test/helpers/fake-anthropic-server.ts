import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer, served to the next request in order. */
export type ScriptedReply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'destroy' }
  | { kind: 'hang' };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  receivedAt: number;
}

export interface ScriptedServer {
  url: string;
  requests: ReceivedRequest[];
  enqueue(...replies: ScriptedReply[]): void;
  /** Replies still queued: a test that leaves some unused asked for fewer calls than it scripted. */
  pending(): number;
  /** Forgets queued replies and received requests, between tests sharing one server. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers from a queue, so the SDK's own request,
 * retry and timeout code runs. `idHeader` names the provider's request-id header.
 */
export async function startScriptedServer(path: string, idHeader: string): Promise<ScriptedServer> {
  const queue: ScriptedReply[] = [];
  const requests: ReceivedRequest[] = [];
  let served = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    served += 1;
    res.writeHead(status, { 'content-type': 'application/json', [idHeader]: `req_${served}`, ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text: a malformed request is itself worth asserting on
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        receivedAt: Date.now(),
      });
      if (req.method !== 'POST' || req.url !== path) {
        send(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${req.url}` } });
        return;
      }
      const reply = queue.shift();
      if (!reply) {
        send(res, 500, {
          type: 'error',
          error: { type: 'api_error', message: 'fake server: script exhausted' },
        });
      } else if (reply.kind === 'destroy') {
        req.socket.destroy();
      } else if (reply.kind === 'json') {
        send(res, reply.status, reply.body, reply.headers);
      }
      // 'hang': never answer; close() drops the socket.
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

const DEFAULT_USAGE: Usage = {
  input_tokens: 120,
  output_tokens: 40,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
};

let messageSeq = 0;

function message(content: unknown[], stopReason: string, usage: Usage): ScriptedReply {
  messageSeq += 1;
  return {
    kind: 'json',
    status: 200,
    body: {
      id: `msg_fake_${messageSeq}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-fake',
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage,
    },
  };
}

export const anthropicReplies = {
  toolUse(name: string, input: unknown, opts: { stopReason?: string; usage?: Usage } = {}): ScriptedReply {
    const block = { type: 'tool_use', id: `toolu_fake_${messageSeq + 1}`, name, input };
    return message([block], opts.stopReason ?? 'tool_use', opts.usage ?? DEFAULT_USAGE);
  },
  text(text: string, opts: { stopReason?: string; usage?: Usage } = {}): ScriptedReply {
    return message([{ type: 'text', text }], opts.stopReason ?? 'end_turn', opts.usage ?? DEFAULT_USAGE);
  },
  error(
    status: number,
    type: string,
    message: string,
    opts: { headers?: Record<string, string>; errorCode?: string } = {},
  ): ScriptedReply {
    const details = opts.errorCode ? { details: { error_code: opts.errorCode } } : {};
    const body = { type: 'error', error: { type, message, ...details } };
    return { kind: 'json', status, body, ...(opts.headers ? { headers: opts.headers } : {}) };
  },
};

/** A fake of `POST /v1/messages`; the SDK appends the path to the base URL. */
export function startFakeAnthropicServer(): Promise<ScriptedServer> {
  return startScriptedServer('/v1/messages', 'request-id');
}
