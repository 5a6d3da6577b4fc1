import { expect } from 'vitest';
import type { App } from '../../../src/app.js';
import {
  loadFacts,
  readDraft,
  type MarketFacts,
  type SlotName,
  type TradeIdeaDraft,
} from '../../../src/bot/brainstorm/index.js';
import type { Inbound, Reply } from '../../../src/bot/types.js';
import { roundPrice } from '../../../src/market/levels/index.js';
import type { Timeframe } from '../../../src/market/types.js';

/** The market facts a dialogue's expectations are computed from (the same ContextPack brainstorm reads). */
export type FactsOf = (symbol: string, timeframe?: Timeframe) => MarketFacts;

export interface Turn {
  /** What the trader types; a slash command is typed as such ("/brainstorm ..."). */
  say?: string;
  /** A button press; value "draft" means this trader's current draft, "button" the value the previous reply's button carried. */
  press?: { id: string; value?: string };
  /** The slot the buddy asks for next; null when it asks nothing. */
  asks?: SlotName | null;
  /** Slots the draft must hold after this turn (partial match), or a function of the market facts. */
  slots?: Partial<TradeIdeaDraft> | ((facts: FactsOf) => Partial<TradeIdeaDraft>);
  /** Slots that must be empty after this turn. */
  empty?: (keyof TradeIdeaDraft)[];
  reply?: RegExp;
  title?: RegExp;
  mode?: string;
  check?: (turn: {
    reply: Reply;
    draft: TradeIdeaDraft | undefined;
    app: App;
    userId: string;
  }) => void | Promise<void>;
}

export interface Dialogue {
  name: string;
  turns: Turn[];
}

export const r2 = (value: number, reference = value) => roundPrice(value, reference);

/** Loads the facts for every demo symbol once, so expectations are plain arithmetic. */
export async function factsFor(app: App, symbols: string[]): Promise<FactsOf> {
  const loaded = new Map<string, MarketFacts>();
  const source = {
    builder: app.services.brainstorm.builder,
    userContext: (id: string) => app.services.evaluation.userContext(id),
  };
  for (const symbol of symbols) {
    for (const timeframe of ['1d', '1w'] as const) {
      const result = await loadFacts(source, 'facts:reader', symbol, timeframe);
      if (result.ok) loaded.set(`${symbol}|${timeframe}`, result.facts);
    }
  }
  return (symbol, timeframe = '1d') => {
    const facts = loaded.get(`${symbol}|${timeframe}`);
    if (!facts) throw new Error(`no facts loaded for ${symbol} ${timeframe}`);
    return facts;
  };
}

export function inbound(user: string, over: Partial<Inbound>, channel = 'desk'): Inbound {
  return { platform: 'slack', workspace: 'T1', channel, thread: '', user, text: '', ...over };
}

export async function sessionOf(app: App, user: string, channel = 'desk') {
  // The conversation core creates the account on the first message; reading before it needs one too.
  await app.services.users.ensureUser({ userId: `slack:T1:${user}`, platform: 'slack' });
  return app.services.conversations.findOrCreateSession({
    userId: `slack:T1:${user}`,
    platform: 'slack',
    workspace: 'T1',
    channel,
    thread: '',
  });
}

/** Plays a dialogue through the real conversation core and checks every turn. */
export async function play(
  app: App,
  facts: FactsOf,
  dialogue: Dialogue,
  user: string,
  channel = 'desk',
): Promise<void> {
  let previous: Reply | undefined;
  for (const [index, turn] of dialogue.turns.entries()) {
    const before = readDraft((await sessionOf(app, user, channel)).state['draft']);
    const pressed =
      turn.press?.value === 'button'
        ? previous?.buttons.find((b) => b.id === turn.press?.id)?.value
        : turn.press?.value;
    const message = turn.press
      ? {
          text: '',
          action: {
            id: turn.press.id,
            value: pressed === 'draft' || pressed === undefined ? `draft:${before?.id ?? 'none'}` : pressed,
          },
        }
      : { text: turn.say ?? '' };
    const reply = await app.conversation.handle(inbound(user, message, channel));
    previous = reply;
    const session = await sessionOf(app, user, channel);
    const draft = readDraft(session.state['draft']);
    const where = `${dialogue.name}, turn ${index + 1} ("${turn.say ?? turn.press?.id}"): ${reply.title} | ${reply.text ?? ''}`;
    if (turn.title) expect(reply.title, where).toMatch(turn.title);
    if (turn.reply)
      expect(
        `${reply.title}\n${reply.text ?? ''}\n${reply.sections.map((s) => s.text).join('\n')}`,
        where,
      ).toMatch(turn.reply);
    if (turn.mode) expect(session.mode, where).toBe(turn.mode);
    if (turn.asks !== undefined) expect(draft?.asked ?? null, where).toBe(turn.asks);
    if (turn.slots) {
      const wanted = typeof turn.slots === 'function' ? turn.slots(facts) : turn.slots;
      expect(draft, where).toMatchObject(wanted);
    }
    for (const key of turn.empty ?? [])
      expect(draft?.[key], `${where}: ${key} should be empty`).toBeUndefined();
    await turn.check?.({ reply, draft, app, userId: `slack:T1:${user}` });
  }
}
