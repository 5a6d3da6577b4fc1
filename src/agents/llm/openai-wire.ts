import { z } from 'zod';
import type { ProviderTurn, StopKind, TransportInput } from './transport.js';

/** How the answer is constrained: JSON mode (widest support: Ollama, vLLM), a JSON schema, or a forced tool call. */
export type OpenAiStructuredMode = 'json_object' | 'json_schema' | 'tools';

const ToolCall = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const AssistantMessage = z.object({
  role: z.string().optional(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(ToolCall).nullish(),
});
type AssistantMessage = z.infer<typeof AssistantMessage>;

/** The part of a chat completion we rely on; anything else the server adds is ignored. */
export const ChatCompletion = z.object({
  id: z.string().optional(),
  choices: z.array(z.object({ finish_reason: z.string().nullish(), message: AssistantMessage })).min(1),
  usage: z
    .object({
      prompt_tokens: z.number().optional(),
      completion_tokens: z.number().optional(),
      prompt_tokens_details: z.object({ cached_tokens: z.number().optional() }).nullish(),
    })
    .nullish(),
});
export type ChatCompletion = z.infer<typeof ChatCompletion>;

type ChatMessage = Record<string, unknown> & { role: string };

/** JSON and JSON-schema modes do not carry the tool, so the schema goes into the system prompt. */
function systemFor(input: TransportInput, mode: OpenAiStructuredMode): string {
  if (mode === 'tools') return input.system;
  return (
    `${input.system}\n\nAnswer with one JSON object only (${input.tool.name}: ${input.tool.description}). ` +
    `It must match this JSON Schema:\n${JSON.stringify(input.tool.jsonSchema)}`
  );
}

export function toRequestBody(
  model: string,
  input: TransportInput,
  mode: OpenAiStructuredMode,
  maxTokensField: 'max_tokens' | 'max_completion_tokens',
): Record<string, unknown> {
  const messages: ChatMessage[] = [
    { role: 'system', content: systemFor(input, mode) },
    { role: 'user', content: input.user },
  ];
  if (input.reask) {
    const previous = input.reask.previous.replay as AssistantMessage;
    const call = previous.tool_calls?.[0];
    messages.push({
      role: 'assistant',
      content: previous.content ?? null,
      ...(call ? { tool_calls: previous.tool_calls } : {}),
    });
    messages.push(
      call?.id
        ? { role: 'tool', tool_call_id: call.id, content: input.reask.feedback }
        : { role: 'user', content: input.reask.feedback },
    );
  }
  const { name, description, jsonSchema } = input.tool;
  const constraint =
    mode === 'json_object'
      ? { response_format: { type: 'json_object' } }
      : mode === 'json_schema'
        ? { response_format: { type: 'json_schema', json_schema: { name, description, schema: jsonSchema } } }
        : {
            tools: [{ type: 'function', function: { name, description, parameters: jsonSchema } }],
            tool_choice: { type: 'function', function: { name } },
          };
  return { model, messages, [maxTokensField]: input.maxTokens, ...constraint };
}

function stopOf(finish: string | null | undefined, message: AssistantMessage): StopKind {
  if (message.refusal) return 'refused';
  if (finish === 'length') return 'truncated';
  if (finish === 'content_filter') return 'refused';
  return 'complete';
}

export function toTurn(completion: ChatCompletion, toolName: string): ProviderTurn {
  const choice = completion.choices[0];
  const message: AssistantMessage = choice?.message ?? {};
  const call = message.tool_calls?.find((c) => c.function.name === toolName);
  let structured: ProviderTurn['structured'] = { kind: 'text', text: message.content ?? '' };
  if (call) {
    try {
      structured = { kind: 'tool', input: JSON.parse(call.function.arguments) as unknown };
    } catch {
      // Malformed arguments are treated like free text: extraction then validation decide.
      structured = { kind: 'text', text: call.function.arguments };
    }
  }
  const usage = completion.usage;
  return {
    structured,
    stop: stopOf(choice?.finish_reason, message),
    stopReason: choice?.finish_reason ?? (message.refusal ? 'refusal' : null),
    usage: {
      inputTokens: usage?.prompt_tokens ?? 0,
      outputTokens: usage?.completion_tokens ?? 0,
      cacheReadTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
      cacheWriteTokens: 0,
    },
    replay: message,
  };
}
