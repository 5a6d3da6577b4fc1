import type { SessionRow } from '../../db/index.js';
import type { TradeIntent } from '../../evaluators/index.js';
import type { BotServices } from '../services.js';
import type { Inbound, Reply } from '../types.js';

/** What the buddy remembers between turns of one conversation. */
export interface SessionState {
  lastIntent?: TradeIntent;
  lastEvaluationId?: string;
  [key: string]: unknown;
}

export interface FlowContext {
  inbound: Inbound;
  userId: string;
  session: SessionRow;
  state: SessionState;
  services: BotServices;
  /** Our id of this message (its `assistant_messages` row): LLM calls and guardrail events file under it. */
  requestId?: string | undefined;
}

export interface FlowResult {
  reply: Reply;
  state?: SessionState;
  mode?: string;
  /** What the answer rests on (retrieval, prompts, model output), stored with the reply as its audit record. */
  toolCalls?: unknown[];
}

export interface Flow {
  id: string;
  run(ctx: FlowContext, args: string): Promise<FlowResult>;
}
