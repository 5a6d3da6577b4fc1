import type { BotServices } from '../services.js';
import { textReply, type Inbound, type Reply } from '../types.js';
import { produceAnswer } from './answer.js';
import { InboundSchema } from './inbound-schema.js';
import { leaseOf } from './outbox-lease.js';
import { answerRetry, storeAnswer, storedReply } from './outbox.js';

export interface Conversation {
  handle(inbound: Inbound): Promise<Reply>;
}

export function userIdOf(inbound: Pick<Inbound, 'platform' | 'workspace' | 'user' | 'accountId'>): string {
  return inbound.accountId ?? `${inbound.platform}:${inbound.workspace}:${inbound.user}`;
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
      // The HTTP API counts its callers at the edge; platform identities are counted here.
      if (inbound.accountId === undefined) {
        const waitMs = await services.access.rateLimit.take(userId);
        if (waitMs > 0)
          return textReply(
            'One moment',
            `You have sent ${services.access.rateLimit.perMinute} messages in the last minute, my limit per person. Try again in ${Math.ceil(waitMs / 1000)} s; nothing from this message was kept.`,
            'error',
          );
      }
      const content = inbound.action
        ? `[button ${inbound.action.id}:${inbound.action.value}]`
        : inbound.command
          ? `/${inbound.command} ${inbound.text}`
          : inbound.text;
      // One transaction: the user, the session, the message and its answer job, or none of them.
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
        store: (tx, sessionId) =>
          services.outbox.jobs
            .within(tx)
            .accept(
              { sessionId, content, deliveryId: inbound.deliveryId, inbound },
              leaseOf(services.outbox),
            ),
      });
      if (!stored) return replayed(services, session.sessionId, inbound.deliveryId);
      const answer = await produceAnswer(services, { inbound, userId, session, msgId: stored.msgId });
      const job = { msgId: stored.msgId, sessionId: session.sessionId, owner: services.outbox.owner };
      // Our lease ran out and another process answered first: its answer is the one stored.
      if (!(await storeAnswer(services, job, answer, { status: 'done', recovered: false })))
        return (await storedReply(services, stored.msgId)) ?? answer.reply;
      return answer.reply;
    },
  };
}

async function replayed(
  services: BotServices,
  sessionId: string,
  deliveryId: string | undefined,
): Promise<Reply> {
  const original = deliveryId ? await services.conversations.findInbound(sessionId, deliveryId) : undefined;
  if (original) return answerRetry(services, original.msgId);
  return {
    ...textReply('Still working on it', 'That message is already being handled; the answer follows.'),
    replayed: true,
  };
}
