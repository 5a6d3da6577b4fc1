import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { createAnswerSweeper, leaseOf, LOST_ANSWER, userIdOf } from '../../../src/bot/conversation/index.js';
import type { Inbound } from '../../../src/bot/types.js';
import { createMemoryPoster, type SummaryPoster } from '../../../src/jobs/index.js';
import { TradeIntentSchema } from '../../../src/evaluators/index.js';
import { BACKENDS } from '../../helpers/databases.js';
import { twoInstances } from '../../helpers/instances.js';

const LEASE_MS = 60_000;
const later = () => new Date(Date.now() + LEASE_MS + 1_000);
let seq = 0;

const inbound = (over: Partial<Inbound>): Inbound => ({
  platform: 'http',
  workspace: 'api',
  channel: 'api',
  thread: '',
  user: 'alice',
  text: 'long TCHA 600 stop 570 target 680',
  deliveryId: `delivery-${++seq}`,
  ...over,
});

/** What a process does with a message before it dies: the message and its leased job are stored, no answer. */
async function storeAndDie(app: App, message: Inbound): Promise<{ sessionId: string; msgId: string }> {
  const userId = userIdOf(message);
  await app.services.users.ensureUser({ userId, platform: message.platform });
  const session = await app.services.conversations.findOrCreateSession({
    userId,
    platform: message.platform,
    workspace: message.workspace,
    channel: message.channel,
    thread: message.thread,
  });
  const stored = await app.services.outbox.jobs.accept(
    { sessionId: session.sessionId, content: message.text, deliveryId: message.deliveryId, inbound: message },
    leaseOf(app.services.outbox),
  );
  if (!stored) throw new Error('message was already stored');
  return { sessionId: session.sessionId, msgId: stored.msgId };
}

async function repliesTo(app: App, sessionId: string, msgId: string) {
  const messages = await app.services.conversations.listMessages(sessionId);
  return messages.filter((m) => m.inReplyTo === msgId);
}

describe.each(BACKENDS)('answers interrupted by a crash on $name', (backend) => {
  let a: App;
  let b: App;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const instances = await twoInstances(backend, { ANSWER_LEASE_SECONDS: String(LEASE_MS / 1_000) });
    ({ a, b, close } = instances);
  });
  afterAll(async () => close());

  it('when the answering process dies, then after its lease another instance answers once and the retried delivery gets that answer', async () => {
    const message = inbound({});
    const { sessionId, msgId } = await storeAndDie(a, message);

    const early = await b.conversation.handle(message);
    expect(early.title).toBe('Still working on it');

    const sweeper = createAnswerSweeper({ services: b.services, clock: later });
    expect(await sweeper.tick()).toMatchObject({ finished: 1, failed: 0 });
    const retried = await b.conversation.handle(message);
    expect(retried.replayed).toBe(true);
    expect(retried.refs?.evaluationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(retried.title).not.toBe('Still working on it');
    const again = await a.conversation.handle(message);
    expect(again.refs?.evaluationId).toBe(retried.refs?.evaluationId);

    // Nothing is left for either instance's sweeper, and the message has exactly one answer.
    expect((await createAnswerSweeper({ services: a.services, clock: later }).tick()).finished).toBe(0);
    expect(await repliesTo(b, sessionId, msgId)).toHaveLength(1);
    expect(await b.services.outbox.jobs.find(msgId)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('when the dead process comes back after its lease was taken over, then its late answer is not stored', async () => {
    const message = inbound({ text: 'help' });
    const { sessionId, msgId } = await storeAndDie(a, message);
    await createAnswerSweeper({ services: b.services, clock: later }).tick();
    const late = await a.services.outbox.jobs.complete({
      msgId,
      owner: a.services.outbox.owner,
      status: 'done',
      now: new Date(),
      sessionId,
      content: 'late',
      reply: { title: 'late' },
    });
    expect(late).toBeUndefined();
    const replies = await repliesTo(a, sessionId, msgId);
    expect(replies.map((r) => r.content)).not.toContain('late');
    expect(replies).toHaveLength(1);
  });

  it('when two instances sweep the same expired answers at once, then every message is answered exactly once', async () => {
    const stored = [];
    for (let i = 0; i < 6; i++)
      stored.push(await storeAndDie(a, inbound({ user: `racer${i}`, text: 'help' })));
    const [one, two] = await Promise.all([
      createAnswerSweeper({ services: a.services, clock: later }).tick(),
      createAnswerSweeper({ services: b.services, clock: later }).tick(),
    ]);
    expect(one.finished + two.finished).toBe(6);
    for (const { sessionId, msgId } of stored) expect(await repliesTo(a, sessionId, msgId)).toHaveLength(1);
  });

  it('when the interrupted message writes outside the session (a journal note), then it is not run again and the trader is asked to resend it', async () => {
    const message = inbound({
      user: 'journaler',
      command: 'journal',
      text: 'add lesson: wait for the close',
    });
    const { sessionId, msgId } = await storeAndDie(a, message);
    const report = await createAnswerSweeper({ services: b.services, clock: later }).tick();
    expect(report).toMatchObject({ finished: 0, failed: 1 });
    const retried = await b.conversation.handle(message);
    expect(retried.title).toBe(LOST_ANSWER.title);
    expect(await b.services.trading.journal.list(userIdOf(message))).toHaveLength(0);
    expect(await b.services.outbox.jobs.find(msgId)).toMatchObject({ status: 'failed' });
    expect(await repliesTo(b, sessionId, msgId)).toHaveLength(1);
  });

  it('when a recovered Slack answer cannot be posted at first, then the sweeper posts it on a later tick, once', async () => {
    const memory = createMemoryPoster();
    let failures = 1;
    const flaky: SummaryPoster = {
      post: async (channel, reply) =>
        failures-- > 0 ? Promise.reject(new Error('slack 503')) : memory.post(channel, reply),
    };
    const message = inbound({ platform: 'slack', workspace: 'T1', channel: 'C9', user: 'U1', text: 'help' });
    await storeAndDie(a, message);
    const sweeper = createAnswerSweeper({
      services: b.services,
      clock: later,
      posters: new Map([['slack', flaky]]),
    });
    expect(await sweeper.tick()).toMatchObject({ finished: 1, delivered: 0, deliveryErrors: 1 });
    expect(await sweeper.tick()).toMatchObject({ finished: 0, delivered: 1, deliveryErrors: 0 });
    expect(await sweeper.tick()).toMatchObject({ delivered: 0 });
    expect(memory.posts.map((p) => p.channel)).toEqual([
      { platform: 'slack', workspace: 'T1', channel: 'C9' },
    ]);
    expect(memory.posts[0]?.reply.replayed).toBe(false);
  });

  it('when an evaluation was saved but its process died before the agents ran, then the sweeper marks it interrupted and a finished one stays complete', async () => {
    await a.services.users.ensureUser({ userId: 'http:api:cut', platform: 'http' });
    const intent = TradeIntentSchema.parse({
      symbol: 'SPX',
      side: 'long',
      entry: 2870,
      stop: 2860,
      targets: [2890],
    });
    // The evaluation service's part (evaluators, stored rows, chart) without the agents that follow it.
    const cut = await a.services.evaluation.evaluate({ intent, userId: 'http:api:cut' });
    const whole = await a.conversation.handle(
      inbound({ user: 'cut', text: 'long SPX 2870 stop 2860 target 2890' }),
    );
    const evalId = whole.refs?.evaluationId ?? '';
    // Two leases on: older than anything a live process could still be working on.
    const sweeper = createAnswerSweeper({
      services: b.services,
      clock: () => new Date(Date.now() + 3 * LEASE_MS),
    });
    expect((await sweeper.tick()).interrupted).toBeGreaterThanOrEqual(1);
    const cutRow = await b.services.evaluations.getEvaluation(cut.evalId);
    expect(cutRow?.evaluation.interruptedAt).toBeInstanceOf(Date);
    expect(cutRow?.evaluation.completedAt).toBeNull();
    const wholeRow = await b.services.evaluations.getEvaluation(evalId);
    expect(wholeRow?.evaluation.completedAt).toBeInstanceOf(Date);
    expect(wholeRow?.evaluation.interruptedAt).toBeNull();
    expect((await sweeper.tick()).interrupted).toBe(0);
  });

  it('when a message is answered normally, then its job is closed and a retry returns the stored answer without running again', async () => {
    const message = inbound({ user: 'bob' });
    const first = await a.conversation.handle(message);
    const retry = await b.conversation.handle(message);
    expect(retry).toMatchObject({ replayed: true, refs: { evaluationId: first.refs?.evaluationId } });
    expect(await createAnswerSweeper({ services: b.services, clock: later }).tick()).toMatchObject({
      finished: 0,
    });
  });
});
