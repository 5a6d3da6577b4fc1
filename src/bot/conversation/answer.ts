import { adviceNote } from '../../agents/guardrails/index.js';
import type { SessionRow } from '../../db/index.js';
import { isAppError, toUserMessage } from '../../errors.js';
import { sessionMode } from '../brainstorm/index.js';
import type { SessionState } from '../flows/types.js';
import { route } from '../router.js';
import type { BotServices } from '../services.js';
import { textReply, type Inbound, type Reply } from '../types.js';

export interface Answer {
  reply: Reply;
  mode: string;
  state: SessionState;
  /** The flow's audit record, stored on the reply's row. */
  toolCalls?: unknown[] | undefined;
}

/**
 * Runs one stored inbound message to its answer: input guardrail, routing, the flow, and the
 * output guardrail. Stores nothing: the caller saves the answer under its lease. Shared by the
 * conversation core and the sweeper that finishes interrupted answers.
 */
export async function produceAnswer(
  services: BotServices,
  input: { inbound: Inbound; userId: string; session: SessionRow; msgId: string },
): Promise<Answer> {
  const { inbound, userId, session } = input;
  const state = (session.state ?? {}) as SessionState;
  let reply: Reply;
  let nextState = state;
  let toolCalls: unknown[] | undefined;
  let mode = sessionMode(session, services.brainstorm.idleMs);
  const guard = { userId, requestId: input.msgId };
  try {
    const verdict = await services.guardrails.input(inbound.text, guard);
    if (verdict.action === 'block') {
      reply = textReply('I cannot act on that message', verdict.reason, 'error');
    } else {
      await services.symbols.refresh();
      const target = route(inbound, (s) => services.symbols.has(s), mode);
      const result = await target.flow.run(
        { inbound, userId, session, state, services, requestId: input.msgId },
        target.args,
      );
      toolCalls = result.toolCalls;
      const note = adviceNote(verdict);
      reply = note ? { ...result.reply, sections: [{ text: note }, ...result.reply.sections] } : result.reply;
      nextState = result.state ?? state;
      mode = result.mode ?? mode;
    }
  } catch (error) {
    if (!isAppError(error) || error.category !== 'user')
      services.logger.error({ err: error, userId, sessionId: session.sessionId }, 'flow failed');
    reply = textReply(
      isAppError(error) && error.category === 'user' ? 'I could not do that' : 'Something went wrong',
      toUserMessage(error),
      'error',
    );
  }
  // Every answer passes the output guard: no forecasts or personal advice, mentions
  // neutralised, and the AI-generated notice.
  reply = await services.guardrails.reply(reply, { ...guard, evalId: reply.refs?.evaluationId });
  return { reply, mode, state: nextState, ...(toolCalls ? { toolCalls } : {}) };
}
