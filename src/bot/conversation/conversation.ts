import { adviceNote } from '../../agents/guardrails/index.js';
import { isAppError, toUserMessage } from '../../errors.js';
import type { SessionState } from '../flows/types.js';
import { sessionMode } from '../brainstorm/index.js';
import { route } from '../router.js';
import type { BotServices } from '../services.js';
import { textReply, type Inbound, type Reply } from '../types.js';
import { InboundSchema } from './inbound-schema.js';

export interface Conversation {
  handle(inbound: Inbound): Promise<Reply>;
}

export function userIdOf(inbound: Pick<Inbound, 'platform' | 'workspace' | 'user'>): string {
  return `${inbound.platform}:${inbound.workspace}:${inbound.user}`;
}

/**
 * The conversation core every surface shares: session per (platform, workspace, channel,
 * thread, user), every message stored, routing, and session state saved with the answer.
 * A repeated delivery id is answered from the record without running anything again.
 */
export function createConversation(services: BotServices): Conversation {
  return {
    async handle(raw) {
      const checked = InboundSchema.safeParse(raw);
      if (!checked.success) {
        return textReply(
          'I could not read that message',
          checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          'error',
        );
      }
      const inbound = checked.data;
      const userId = userIdOf(inbound);
      const content = inbound.action
        ? `[button ${inbound.action.id}:${inbound.action.value}]`
        : inbound.command
          ? `/${inbound.command} ${inbound.text}`
          : inbound.text;
      // One transaction: a failure here leaves no user or session without its message.
      const { session, stored } = await services.conversations.openTurn({
        user: { userId, platform: inbound.platform, displayName: inbound.userName },
        session: {
          userId,
          platform: inbound.platform,
          workspace: inbound.workspace,
          channel: inbound.channel,
          thread: inbound.thread,
        },
        content,
        deliveryId: inbound.deliveryId,
      });
      if (!stored) return replayed(services, session.sessionId, inbound.deliveryId);

      const state = (session.state ?? {}) as SessionState;
      let reply: Reply;
      let nextState = state;
      let mode = sessionMode(session, services.brainstorm.idleMs);
      const guard = { userId, requestId: stored.msgId };
      try {
        const verdict = await services.guardrails.input(inbound.text, guard);
        if (verdict.action === 'block') {
          reply = textReply('I cannot act on that message', verdict.reason, 'error');
        } else {
          await services.symbols.refresh();
          const target = route(inbound, (s) => services.symbols.has(s), mode);
          const result = await target.flow.run({ inbound, userId, session, state, services }, target.args);
          const note = adviceNote(verdict);
          reply = note
            ? { ...result.reply, sections: [{ text: note }, ...result.reply.sections] }
            : result.reply;
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
      await services.conversations.appendReplyAndState({
        sessionId: session.sessionId,
        inReplyTo: stored.msgId,
        content: reply.text ?? reply.title,
        reply: reply as unknown as Record<string, unknown>,
        mode,
        state: nextState,
      });
      return reply;
    },
  };
}

async function replayed(
  services: BotServices,
  sessionId: string,
  deliveryId: string | undefined,
): Promise<Reply> {
  const original = deliveryId ? await services.conversations.findInbound(sessionId, deliveryId) : undefined;
  const answer = original ? await services.conversations.findReplyTo(original.msgId) : undefined;
  if (answer?.reply) return { ...(answer.reply as unknown as Reply), replayed: true };
  return {
    ...textReply('Still working on it', 'That message is already being handled; the answer follows.'),
    replayed: true,
  };
}
