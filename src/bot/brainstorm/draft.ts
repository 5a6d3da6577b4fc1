import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HOLDING_HORIZONS, SizeSchema } from '../../evaluators/intent.js';
import { TIMEFRAMES } from '../../market/types.js';

export const SLOT_NAMES = [
  'symbol',
  'side',
  'entry',
  'stop',
  'target',
  'size',
  'thesis',
  'horizon',
  'timeframe',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** Without these four there is nothing to evaluate; they are asked first and cannot be skipped. */
export const REQUIRED_SLOTS: readonly SlotName[] = ['symbol', 'side', 'entry', 'stop'];
/** Asked after the required ones, most useful first; each can be skipped. The timeframe defaults to daily and is never asked. */
export const OPTIONAL_SLOTS: readonly SlotName[] = ['target', 'size', 'thesis', 'horizon'];

const OffsetSchema = z.object({ unit: z.enum(['atr', 'pct', 'points', 'r']), value: z.number().positive() });

/** A value the buddy proposed with its last question; "ok" takes it. */
const OfferSchema = z.object({
  slot: z.enum(SLOT_NAMES),
  price: z.number().positive().optional(),
  size: SizeSchema.optional(),
  /** A second proposal the trader can name ("support", "resistance"). */
  level: z.number().positive().optional(),
});

const TurnSchema = z.object({ role: z.enum(['trader', 'buddy']), text: z.string().max(2_000) });

/**
 * A trade idea being talked into shape. Lives in the session state (jsonb), so it is parsed
 * with this schema whenever it is read back: a stale or hand-edited state starts a clean draft.
 */
export const TradeIdeaDraftSchema = z.object({
  id: z.string().min(1).max(40),
  status: z.enum(['open', 'evaluated', 'saved']),
  startedAt: z.string(),
  updatedAt: z.string(),
  symbol: z.string().min(1).max(15).optional(),
  side: z.enum(['long', 'short']).optional(),
  timeframe: z.enum(TIMEFRAMES).optional(),
  entry: z.number().positive().optional(),
  entryAtMarket: z.boolean().optional(),
  stop: z.number().positive().optional(),
  /** Kept after resolving, so a new entry or side moves the stop with it. */
  stopOffset: OffsetSchema.optional(),
  targets: z.array(z.number().positive()).max(5).optional(),
  targetOffset: OffsetSchema.optional(),
  size: SizeSchema.optional(),
  horizon: z.enum(HOLDING_HORIZONS).optional(),
  timeStopBars: z.number().int().positive().max(1000).optional(),
  thesis: z.string().max(2_000).optional(),
  skipped: z.array(z.enum(SLOT_NAMES)),
  asked: z.enum(SLOT_NAMES).optional(),
  offer: OfferSchema.optional(),
  transcript: z.array(TurnSchema),
  evalId: z.string().optional(),
  intentId: z.string().optional(),
  journalId: z.string().optional(),
});

export type TradeIdeaDraft = z.infer<typeof TradeIdeaDraftSchema>;
export type DraftOffset = z.infer<typeof OffsetSchema>;
export type DraftOffer = z.infer<typeof OfferSchema>;

/** The transcript kept for "Save chat to journal" is capped so the session row stays small. */
export const MAX_TRANSCRIPT_TURNS = 80;

export function newDraft(now: Date = new Date()): TradeIdeaDraft {
  const at = now.toISOString();
  return {
    id: randomUUID().slice(0, 8),
    status: 'open',
    startedAt: at,
    updatedAt: at,
    skipped: [],
    transcript: [],
  };
}

/** Reads the draft back from session state; anything that does not validate is treated as no draft. */
export function readDraft(value: unknown): TradeIdeaDraft | undefined {
  const parsed = TradeIdeaDraftSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function hasSlot(draft: TradeIdeaDraft, slot: SlotName): boolean {
  switch (slot) {
    case 'target':
      return (draft.targets?.length ?? 0) > 0 || draft.targetOffset !== undefined;
    case 'stop':
      return draft.stop !== undefined || draft.stopOffset !== undefined;
    case 'entry':
      return draft.entry !== undefined || draft.entryAtMarket === true;
    case 'horizon':
      return draft.horizon !== undefined || draft.timeStopBars !== undefined;
    default:
      return draft[slot] !== undefined;
  }
}

export function isReady(draft: TradeIdeaDraft): boolean {
  return (
    draft.symbol !== undefined &&
    draft.side !== undefined &&
    draft.entry !== undefined &&
    draft.stop !== undefined
  );
}

export function withTurn(draft: TradeIdeaDraft, role: 'trader' | 'buddy', text: string): TradeIdeaDraft {
  const transcript = [...draft.transcript, { role, text: text.slice(0, 2_000) }].slice(-MAX_TRANSCRIPT_TURNS);
  return { ...draft, transcript };
}
