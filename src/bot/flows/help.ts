import { TRADE_IDEA_EXAMPLE } from '../parsing/index.js';
import { DISCLAIMER, textReply } from '../types.js';
import type { Flow } from './types.js';

export const helpFlow: Flow = {
  id: 'help',
  async run(ctx) {
    await ctx.services.symbols.refresh();
    const sample = ['SPX', 'TCHA', 'FINA', 'NRGA'].filter((s) => ctx.services.symbols.has(s));
    return {
      reply: {
        ...textReply(
          'Trading Buddy',
          'I check a trade idea you already have against market data and your own rules, and show the numbers behind every warning.',
          'help',
        ),
        sections: [
          {
            heading: 'Evaluate an idea',
            text: `Type it as you would to a colleague: \`${TRADE_IDEA_EXAMPLE}\`, \`short SPX @ 2870 sl 2950 tp 2700 size 10\`, or \`/evaluate SPX buy entry=2870 stop=2790 t=3050\`. Add a timeframe (\`4h\`, \`weekly\`), a time stop (\`time stop 10 bars\`) or a thesis (\`because ...\`).`,
          },
          {
            heading: 'Symbols with data',
            text: sample.length
              ? `${sample.join(', ')} and more (\`buddy data import FILE.csv\` adds your own).`
              : 'None yet: import bars with `buddy data import FILE.csv --symbol XYZ`.',
          },
          {
            heading: 'Not sure yet?',
            text: '`/brainstorm` (or just "thinking about TCHA") talks an idea into shape one question at a time, then evaluates it and can save the chat to your journal.',
          },
          {
            heading: 'Commands',
            text: [
              '`/evaluate <idea>`',
              '`/brainstorm [idea]`',
              '`/trade open TCHA long 100 @ 600 stop 570 target 680` · `/trade add|close|stop|list`',
              '`/review [SYMBOL]` grades the process and the outcome of a closed trade',
              '`/journal add <text> [#tag] [$SYMBOL]` · `/journal list|search`',
              '`/buddy settings` your equity, risk limits, strictness and modules (or "set my max risk to 0.5%")',
              '`/buddy summary here 17:30 America/New_York` (daily team summary) · `/buddy help`',
            ].join('\n'),
          },
        ],
        footer: DISCLAIMER,
      },
    };
  },
};

export const guidanceFlow: Flow = {
  id: 'guidance',
  async run() {
    return {
      reply: textReply(
        'I evaluate trade ideas',
        `I do not predict prices or pick trades. Tell me yours, e.g. \`${TRADE_IDEA_EXAMPLE}\`, and I will check it against the data and your rules. Type \`help\` for more.`,
      ),
    };
  },
};
