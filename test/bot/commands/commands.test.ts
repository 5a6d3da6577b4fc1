import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LIST, COMMANDS_BY_NAME, ideaText, runCommand } from '../../../src/bot/commands/index.js';
import { discordCommandData } from '../../../src/bot/discord/index.js';
import { parseTradeIdea } from '../../../src/bot/parsing/index.js';
import { COMMANDS } from '../../../src/bot/router.js';
import type { App } from '../../../src/app.js';
import type { Database } from '../../../src/db/index.js';
import type { TradeIntent } from '../../../src/evaluators/index.js';
import { BACKENDS } from '../../helpers/databases.js';
import { buildTestApp } from '../../helpers/app.js';

const command = (name: string) => {
  const found = COMMANDS_BY_NAME.get(name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
};

describe('command definitions', () => {
  it.each([
    ['evaluate', { idea: 'long SPX 2870 stop 2790 target 3050' }, 'long SPX 2870 stop 2790 target 3050'],
    [
      'journal',
      { action: 'add', text: 'waited for the retest #patience $SPX' },
      'add waited for the retest #patience $SPX',
    ],
    ['journal', { action: 'list' }, 'list'],
    ['journal', { action: 'list', text: '5' }, 'list 5'],
    [
      'trade',
      { action: 'open', details: 'AAPL long 100 @ 185 stop 180 target 195' },
      'open AAPL long 100 @ 185 stop 180 target 195',
    ],
    ['trade', { action: 'list' }, 'list'],
    [
      'buddy',
      { topic: 'summary', details: 'here 17:30 America/New_York' },
      'summary here 17:30 America/New_York',
    ],
    ['buddy', {}, ''],
    ['review', {}, ''],
  ])('when /%s gets options %j, then the core receives the text %j', (name, options, text) => {
    expect(command(name).textFromOptions(options)).toEqual({ ok: true, text });
  });

  it.each([
    ['evaluate', {}, 'idea'],
    ['journal', { action: 'add' }, 'needs the note'],
    ['journal', { action: 'list', text: 'all of them' }, 'how many'],
    ['trade', { action: 'close' }, 'needs the symbol'],
    ['trade', { action: 'sell' }, 'action'],
  ])('when /%s gets options %j, then it says what is wrong (%s)', (name, options, problem) => {
    const result = command(name).textFromOptions(options);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain(problem);
  });

  it('when the commands are registered with Discord, then each fits its rules (lower-case name, description ≤ 100, required options first)', () => {
    const data = discordCommandData();
    expect(data.map((c) => c.name)).toEqual([
      'evaluate',
      'brainstorm',
      'ask',
      'journal',
      'trade',
      'review',
      'buddy',
    ]);
    for (const c of data) {
      expect(c.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(c.description.length).toBeLessThanOrEqual(100);
      const required = (c.options ?? []).map((o) => ('required' in o ? Boolean(o.required) : false));
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const o of c.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
    }
    expect(COMMAND_LIST.length).toBe(data.length);
  });
});

describe.each(BACKENDS)('runCommand on $name', (backend) => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await backend.openDemo();
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
  });
  const inbound = (name: string, text: string) => ({
    platform: 'http' as const,
    workspace: 'w',
    channel: 'c',
    thread: '',
    user: 'u',
    command: name,
    text,
  });

  it('when /brainstorm has no flow registered, then it says plainly that brainstorm mode is coming', async () => {
    const reply = await runCommand(app.conversation, inbound('brainstorm', 'SPX pullback'), {
      evaluate: COMMANDS.evaluate,
    });
    expect(reply.text).toContain('Brainstorm mode is coming in a later release');
  });

  it('when /review has no flow registered, then it says it is a placeholder until the review release', async () => {
    const reply = await runCommand(app.conversation, inbound('review', ''), { evaluate: COMMANDS.evaluate });
    expect(reply.text).toContain('placeholder');
  });

  it('when /buddy has no flow registered, then the help flow answers', async () => {
    const reply = await runCommand(app.conversation, inbound('buddy', 'help'), { help: COMMANDS.help });
    expect(reply.kind).toBe('help');
  });

  it('when /evaluate is registered, then the conversation core evaluates the text', async () => {
    const reply = await runCommand(
      app.conversation,
      inbound('evaluate', 'long SPX 2870 stop 2790 target 3050'),
    );
    expect(reply.kind).toBe('report');
    expect(reply.badge?.score).toEqual(expect.any(Number));
  });
});

describe('ideaText', () => {
  const symbols = ['SPX', 'TCHA', 'FINA', 'NRGB', 'AAPL'];
  const price = fc.integer({ min: 100, max: 500_000 }).map((c) => c / 100);
  const intentArb: fc.Arbitrary<TradeIntent> = fc
    .record({
      symbol: fc.constantFrom(...symbols),
      side: fc.constantFrom('long' as const, 'short' as const),
      timeframe: fc.constantFrom('15m' as const, '1h' as const, '4h' as const, '1d' as const, '1w' as const),
      entry: price,
      stopFrac: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      targetFracs: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }),
      size: fc.option(
        fc.oneof(
          fc.record({ kind: fc.constant('shares' as const), value: fc.integer({ min: 1, max: 5_000 }) }),
          fc.record({ kind: fc.constant('risk-pct' as const), value: fc.constantFrom(0.5, 1, 2) }),
          fc.record({
            kind: fc.constant('risk-amount' as const),
            value: fc.integer({ min: 10, max: 5_000 }),
          }),
          fc.record({
            kind: fc.constant('notional' as const),
            value: fc.integer({ min: 1_000, max: 90_000 }),
          }),
        ),
        { nil: undefined },
      ),
      timeStopBars: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      holdingHorizon: fc.option(fc.constantFrom('intraday' as const, 'swing' as const, 'position' as const), {
        nil: undefined,
      }),
      thesis: fc.option(
        fc.constantFrom('breakout retest', 'pullback to rising average', 'earnings gap fill'),
        { nil: undefined },
      ),
    })
    .map(({ stopFrac, targetFracs, ...rest }) => {
      const dir = rest.side === 'long' ? 1 : -1;
      const round = (n: number) => Math.round(n * 100) / 100;
      const stop = stopFrac === undefined ? undefined : round(rest.entry * (1 - (dir * stopFrac) / 100));
      const targets = [...targetFracs]
        .sort((a, b) => a - b)
        .map((t) => round(rest.entry * (1 + (dir * t) / 100)));
      return { ...rest, stop, targets, orderType: 'limit' as const };
    })
    .filter((i) => i.stop === undefined || (i.stop > 0 && i.stop !== i.entry))
    .filter(
      (i) => new Set(i.targets).size === i.targets.length && i.targets.every((t) => t > 0 && t !== i.entry),
    );

  it('when any idea is written as text and parsed back, then it is the same idea (what the Edit forms rely on)', () => {
    fc.assert(
      fc.property(intentArb, (intent) => {
        const parsed = parseTradeIdea(ideaText(intent), { isKnownSymbol: (s) => symbols.includes(s) });
        expect(parsed.kind).toBe('intent');
        if (parsed.kind !== 'intent') return;
        const strip = (i: TradeIntent) => JSON.parse(JSON.stringify(i)) as unknown;
        expect(strip(parsed.intent)).toEqual(strip(intent));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('when fields are edited, then the edited values replace the original ones', () => {
    const intent = {
      symbol: 'SPX',
      side: 'long',
      timeframe: '1d',
      entry: 2870,
      stop: 2790,
      targets: [3050],
      orderType: 'limit',
      size: { kind: 'risk-pct', value: 1 },
    } as const satisfies TradeIntent;
    expect(
      ideaText({ ...intent, targets: [...intent.targets] }, { entry: '2850', targets: '3000, 3100' }),
    ).toBe('long SPX @ 2850 stop 2790 target 3000 target 3100 risk 1% 1d');
  });
});
