import type { AnswerJobRow, SessionRow } from '../../db/index.js';
import { sessionMode } from '../brainstorm/index.js';
import { route } from '../router.js';
import type { BotServices } from '../services.js';
import { textReply, type Inbound, type Reply } from '../types.js';
import { produceAnswer, type Answer } from './answer.js';
import { InboundSchema } from './inbound-schema.js';
import { leaseOf } from './outbox-lease.js';

/**
 * Flows that change nothing outside the session (whose state is saved only with the answer),
 * so running them again for a message whose answer was lost repeats no side effect. An
 * evaluation run again stores a new, complete evaluation.
 */
const RERUNNABLE = new Set([
  'ask',
  'no-predictions',
  'evaluate',
  'reevaluate',
  'help',
  'guidance',
  'brainstorm',
  'brainstorm-edit',
]);
/** A message whose answer crashed the process this many times is failed, not tried again. */
const MAX_ATTEMPTS = 3;

export const LOST_ANSWER = textReply(
  'I lost this answer when I restarted — please send it again',
  'The service restarted while it was working on this message, and running it again could repeat what it did. Nothing else was changed.',
  'error',
);

export function storeAnswer(
  services: BotServices,
  job: { msgId: string; sessionId: string; owner: string },
  answer: Answer | { reply: Reply },
  options: { status: 'done' | 'failed'; recovered: boolean },
) {
  const { reply } = answer;
  return services.outbox.jobs.complete({
    msgId: job.msgId,
    owner: job.owner,
    status: options.status,
    now: services.outbox.clock(),
    sessionId: job.sessionId,
    content: reply.text ?? reply.title,
    reply: reply as unknown as Record<string, unknown>,
    session: 'mode' in answer ? { mode: answer.mode, state: answer.state } : undefined,
    toolCalls: 'toolCalls' in answer ? answer.toolCalls : undefined,
    recovered: options.recovered,
  });
}

/** The stored answer to an inbound message, marked as a replay. */
export async function storedReply(services: BotServices, msgId: string): Promise<Reply | undefined> {
  const answer = await services.conversations.findReplyTo(msgId);
  return answer?.reply ? { ...(answer.reply as unknown as Reply), replayed: true } : undefined;
}

function rerunnable(services: BotServices, inbound: Inbound, session: SessionRow): boolean {
  const mode = sessionMode(session, services.brainstorm.idleMs);
  return RERUNNABLE.has(route(inbound, (s) => services.symbols.has(s), mode).flow.id);
}

/**
 * Finishes a job this process has just claimed after its lease ran out: runs the answer again
 * when that is safe, else stores the explicit failure. Returns the answer now stored (ours, or
 * the one another process stored first).
 */
export async function finishClaimed(services: BotServices, job: AnswerJobRow): Promise<Reply | undefined> {
  const session = await services.conversations.getSession(job.sessionId);
  const inbound = InboundSchema.safeParse(job.inbound);
  if (!session || !inbound.success) {
    await storeAnswer(services, job, { reply: LOST_ANSWER }, { status: 'failed', recovered: true });
    return storedReply(services, job.msgId);
  }
  await services.symbols.refresh();
  if (job.attempts <= MAX_ATTEMPTS && rerunnable(services, inbound.data, session)) {
    const answer = await produceAnswer(services, {
      inbound: inbound.data,
      userId: session.userId,
      session,
      msgId: job.msgId,
    });
    await storeAnswer(services, job, answer, { status: 'done', recovered: true });
  } else {
    await storeAnswer(services, job, { reply: LOST_ANSWER }, { status: 'failed', recovered: true });
  }
  return storedReply(services, job.msgId);
}

/**
 * What a retried delivery gets: the stored answer; or, when the first attempt's lease ran out
 * (its process died), the answer finished now; or "still working" while the lease holds.
 */
export async function answerRetry(services: BotServices, msgId: string): Promise<Reply> {
  const stored = await storedReply(services, msgId);
  if (stored) return stored;
  const claimed = await services.outbox.jobs.claimOne(msgId, leaseOf(services.outbox));
  const finished = claimed ? await finishClaimed(services, claimed) : undefined;
  // Stored before the outbox existed: nothing will ever answer it.
  if (!claimed && !(await services.outbox.jobs.find(msgId))) return { ...LOST_ANSWER, replayed: true };
  return (
    finished ?? {
      ...textReply('Still working on it', 'That message is already being handled; the answer follows.'),
      replayed: true,
    }
  );
}
