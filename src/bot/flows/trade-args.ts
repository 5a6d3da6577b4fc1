import { z } from 'zod';

export const TRADE_USAGE = [
  '`/trade open TCHA long 10 @ 600 stop 570 target 680` (optional `fee 1.5`, `#tags`, and `because <reason>` last: why you take it despite the warnings, quoted in the review)',
  '`/trade add TCHA 5 @ 590` (scale in)',
  '`/trade close TCHA @ 640` (all) or `/trade close TCHA 5 @ 630` (part)',
  '`/trade stop TCHA 585` (move the stop) or `/trade stop TCHA none` (remove it)',
  '`/trade list`',
  '`/review` or `/review AAPL`: the post-trade review of your latest closed trade (made when it closes)',
].join('\n');

/** Long enough for a sentence or two of why; the review quotes it. */
const REASON_MAX = 500;

const positive = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .positive(`${what} must be positive`)
    .finite();
const symbol = z.string().regex(/^[A-Z][A-Z0-9.^=-]{0,14}$/, 'a symbol like AAPL');

const OpenSchema = z.object({
  kind: z.literal('open'),
  symbol,
  side: z.enum(['long', 'short'], { error: 'say long or short' }),
  qty: positive('The quantity'),
  price: positive('The price'),
  stop: positive('The stop').optional(),
  target: positive('The target').optional(),
  fee: z.number().min(0, 'a fee cannot be negative').optional(),
  tags: z.array(z.string()),
  reason: z
    .string()
    .trim()
    .min(1, 'say the reason after `because`')
    .max(REASON_MAX, `the reason after \`because\` is at most ${REASON_MAX} characters`)
    .optional(),
});
const AddSchema = z.object({
  kind: z.literal('add'),
  symbol,
  qty: positive('The quantity'),
  price: positive('The price'),
  fee: z.number().min(0, 'a fee cannot be negative').optional(),
});
const CloseSchema = z.object({
  kind: z.literal('close'),
  symbol,
  qty: positive('The quantity').optional(),
  price: positive('The price'),
  fee: z.number().min(0, 'a fee cannot be negative').optional(),
});
const StopSchema = z.object({ kind: z.literal('stop'), symbol, stop: positive('The stop').nullable() });
const TradeCommandSchema = z.discriminatedUnion('kind', [
  OpenSchema,
  AddSchema,
  CloseSchema,
  StopSchema,
  z.object({ kind: z.literal('list') }),
]);

export type TradeCommand = z.infer<typeof TradeCommandSchema>;
export type ParsedTradeCommand = { ok: true; command: TradeCommand } | { ok: false; problem: string };

const KEYWORDS: Record<string, 'stop' | 'target' | 'fee'> = {
  stop: 'stop',
  sl: 'stop',
  'stop-loss': 'stop',
  target: 'target',
  tp: 'target',
  tgt: 'target',
  fee: 'fee',
  fees: 'fee',
  commission: 'fee',
};
const SIDES: Record<string, 'long' | 'short'> = { long: 'long', buy: 'long', short: 'short', sell: 'short' };
const FILLER = new Set(['shares', 'share', 'sh', 'x', 'of', 'units']);
const NUMBER = /^\$?[+-]?(\d[\d,]*(\.\d+)?|\.\d+)$/;

function toNumber(raw: string): number {
  return Number(raw.replace(/[$,]/g, ''));
}

/**
 * Reads `/trade` arguments. Words may come in any order after the sub-command: a bare number is
 * the quantity, the number after `@` (or `at`) is the price, `stop`/`target`/`fee` take the
 * number after them, `#word` is a tag.
 */
export function parseTradeCommand(input: string): ParsedTradeCommand {
  // `because ...` ends an open: everything after it is the trader's reason, kept as written.
  const because = /^\s*open\b/i.test(input) ? /\s+because(?:\s+|$)/i.exec(input) : null;
  const text = because ? input.slice(0, because.index) : input;
  const reason = because ? input.slice(because.index + because[0].length) : undefined;
  const words = text
    .replace(/@/g, ' @ ')
    .replace(/([a-z])[=:](?=\S)/gi, '$1 ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const sub = words.shift()?.toLowerCase();
  if (!sub) return { ok: false, problem: 'Tell me what to do with the trade.' };
  if (!['open', 'add', 'close', 'list', 'stop'].includes(sub))
    return { ok: false, problem: `I do not know \`/trade ${sub}\`.` };
  if (sub === 'stop') return parseStop(words);
  const draft: Record<string, unknown> = { kind: sub, tags: [] as string[] };
  if (reason !== undefined) draft.reason = reason;
  const extra: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    const next = words[i + 1];
    if (lower === '@' || lower === 'at') {
      if (next === undefined || !NUMBER.test(next))
        return { ok: false, problem: `A price must follow \`@\`${next ? `, not "${next}"` : ''}.` };
      draft.price = toNumber(next);
      i++;
    } else if (KEYWORDS[lower]) {
      if (next === undefined || !NUMBER.test(next))
        return { ok: false, problem: `A number must follow \`${word}\`${next ? `, not "${next}"` : ''}.` };
      draft[KEYWORDS[lower]] = toNumber(next);
      i++;
    } else if (SIDES[lower] && sub === 'open' && draft.side === undefined) {
      draft.side = SIDES[lower];
    } else if (FILLER.has(lower)) {
      continue;
    } else if (word.startsWith('#') && word.length > 1) {
      (draft.tags as string[]).push(word.slice(1).toLowerCase());
    } else if (NUMBER.test(word) && draft.qty === undefined) {
      draft.qty = toNumber(word);
    } else if (/^\$?[A-Za-z][A-Za-z0-9.^=-]{0,14}$/.test(word) && draft.symbol === undefined) {
      draft.symbol = word.replace(/^\$/, '').toUpperCase();
    } else {
      extra.push(word);
    }
  }
  if (extra.length > 0) return { ok: false, problem: `I did not understand "${extra.join(' ')}".` };
  if (sub === 'list') return { ok: true, command: { kind: 'list' } };
  if (draft.symbol === undefined) return { ok: false, problem: `\`/trade ${sub}\` needs a symbol.` };
  if (draft.price === undefined)
    return { ok: false, problem: `\`/trade ${sub}\` needs a price after \`@\`.` };
  if (sub !== 'close' && draft.qty === undefined)
    return { ok: false, problem: `\`/trade ${sub}\` needs a quantity.` };
  if (sub !== 'open') delete draft.tags;
  const checked = TradeCommandSchema.safeParse(draft);
  if (!checked.success)
    return { ok: false, problem: `${checked.error.issues.map((i) => i.message).join('; ')}.` };
  return { ok: true, command: checked.data };
}

const NO_STOP = new Set(['none', 'off', 'remove', 'removed', 'no', 'cancel']);

/** `/trade stop AAPL 182` or `/trade stop AAPL none`: a symbol and the new stop ("to"/"@" optional). */
function parseStop(words: string[]): ParsedTradeCommand {
  const rest = words.filter((w) => !['to', '@', 'at', 'stop', 'sl'].includes(w.toLowerCase()));
  const [rawSymbol, level, ...extra] = rest;
  if (!rawSymbol || level === undefined)
    return {
      ok: false,
      problem:
        '`/trade stop` needs a symbol and the new stop, e.g. `/trade stop AAPL 182` or `/trade stop AAPL none`.',
    };
  if (extra.length > 0) return { ok: false, problem: `I did not understand "${extra.join(' ')}".` };
  const lower = level.toLowerCase();
  if (!NO_STOP.has(lower) && !NUMBER.test(level))
    return { ok: false, problem: `The stop must be a price or \`none\`, not "${level}".` };
  const draft = {
    kind: 'stop',
    symbol: rawSymbol.replace(/^\$/, '').toUpperCase(),
    stop: NO_STOP.has(lower) ? null : toNumber(level),
  };
  const checked = TradeCommandSchema.safeParse(draft);
  if (!checked.success)
    return { ok: false, problem: `${checked.error.issues.map((i) => i.message).join('; ')}.` };
  return { ok: true, command: checked.data };
}
