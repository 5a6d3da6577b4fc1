import { startScriptedServer, type ScriptedReply, type ScriptedServer } from './fake-anthropic-server.js';

export type { ScriptedReply, ScriptedServer };

export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
}

const DEFAULT_USAGE: OpenAiUsage = {
  prompt_tokens: 150,
  completion_tokens: 50,
  prompt_tokens_details: { cached_tokens: 0 },
};

let seq = 0;

function completion(
  message: Record<string, unknown>,
  finishReason: string,
  usage: OpenAiUsage,
): ScriptedReply {
  seq += 1;
  return {
    kind: 'json',
    status: 200,
    body: {
      id: `chatcmpl-fake-${seq}`,
      object: 'chat.completion',
      created: 1_700_000_000 + seq,
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

export const openAiReplies = {
  /** JSON mode: the answer is the message content. */
  content(content: string, opts: { finishReason?: string; usage?: OpenAiUsage } = {}): ScriptedReply {
    return completion({ content }, opts.finishReason ?? 'stop', opts.usage ?? DEFAULT_USAGE);
  },
  toolCall(name: string, args: unknown, opts: { usage?: OpenAiUsage } = {}): ScriptedReply {
    const call = {
      id: `call_fake_${seq + 1}`,
      type: 'function',
      function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) },
    };
    return completion({ content: null, tool_calls: [call] }, 'tool_calls', opts.usage ?? DEFAULT_USAGE);
  },
  refusal(text: string): ScriptedReply {
    return completion({ content: null, refusal: text }, 'stop', DEFAULT_USAGE);
  },
  error(
    status: number,
    type: string,
    message: string,
    opts: { headers?: Record<string, string>; code?: string } = {},
  ): ScriptedReply {
    const body = { error: { message, type, param: null, code: opts.code ?? null } };
    return { kind: 'json', status, body, ...(opts.headers ? { headers: opts.headers } : {}) };
  },
};

/** A fake of `POST /v1/chat/completions`; the client's baseURL is `${url}/v1`. */
export function startFakeOpenAiServer(): Promise<ScriptedServer> {
  return startScriptedServer('/v1/chat/completions', 'x-request-id');
}
