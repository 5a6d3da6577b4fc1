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
            heading: 'Questions',
            text: 'Ask about a concept and I answer from the knowledge base, quoting each passage with its source: `/ask what does ATR mean and how do people use it for stops?`, or just type the question. With numbers (`how big a position with 1% risk on a 50k account with a $2 stop`) I work the size out myself.',
          },
          {
            heading: 'Commands',
            text: [
              '`/evaluate <idea>`',
              '`/brainstorm [idea]`',
              '`/ask <question>` answers from the knowledge base, with sources',
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
        `I do not predict prices or pick trades. Tell me yours, e.g. \`${TRADE_IDEA_EXAMPLE}\`, and I will check it against the data and your rules; ask a question about a concept with \`/ask\`. Type \`help\` for more.`,
      ),
    };
  },
};

/**
 * A request to pick a side, vouch for a plan or put odds or money on the outcome ("buy or sell
 * SPX?", "good idea right?", "what's the probability"). The conversation core adds the input
 * guard's note (src/agents/guardrails: "I do not forecast prices or tell anyone what to buy or
 * sell...") above this text, so the two read as one answer.
 */
export const noPredictionsFlow: Flow = {
  id: 'no-predictions',
  async run() {
    return {
      reply: textReply(
        'I do not predict prices',
        `I do not predict prices, put odds on a trade or promise what it will make, so I will not pick a side for you. Give me your own plan, e.g. \`${TRADE_IDEA_EXAMPLE}\`, or ask about a concept with \`/ask\`.`,
      ),
    };
  },
};

/** A message in another language: said plainly, in English, instead of guessing numbers out of it. */
export const otherLanguageFlow: Flow = {
  id: 'other-language',
  async run() {
    return {
      reply: textReply(
        'I read English only',
        `I understand trade ideas and questions in English, so I will not guess at numbers in this message. Try e.g. \`${TRADE_IDEA_EXAMPLE}\`, or ask "what does ATR mean?".`,
      ),
    };
  },
};
