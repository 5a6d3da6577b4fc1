import { TradeIntentSchema, type TradeIntent } from '../../evaluators/intent.js';
import { newDraft, type TradeIdeaDraft } from './draft.js';
import { planLine } from './render.js';

export type DraftIntent = { ok: true; intent: TradeIntent } | { ok: false; problems: string[] };

/** The draft as the TradeIntent the normal evaluation takes, validated by the same schema as typed ideas. */
export function draftIntent(draft: TradeIdeaDraft): DraftIntent {
  const missing = (['symbol', 'side', 'entry', 'stop'] as const).filter((slot) => draft[slot] === undefined);
  if (missing.length > 0) return { ok: false, problems: [`still missing: ${missing.join(', ')}`] };
  const parsed = TradeIntentSchema.safeParse({
    symbol: draft.symbol,
    side: draft.side,
    timeframe: draft.timeframe ?? '1d',
    entry: draft.entry,
    stop: draft.stop,
    targets: draft.targets ?? [],
    size: draft.size,
    orderType: draft.entryAtMarket ? 'market' : 'limit',
    holdingHorizon: draft.horizon,
    timeStopBars: draft.timeStopBars,
    thesis: draft.thesis,
  });
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'idea'}: ${i.message}`),
    };
  return { ok: true, intent: parsed.data };
}

/** Edit on a report: the evaluated intent back as a draft, every slot filled, nothing asked yet. */
export function draftFromIntent(intent: TradeIntent, now: Date = new Date()): TradeIdeaDraft {
  return {
    ...newDraft(now),
    symbol: intent.symbol,
    side: intent.side,
    timeframe: intent.timeframe,
    entry: intent.entry,
    ...(intent.stop !== undefined ? { stop: intent.stop } : {}),
    ...(intent.targets.length > 0 ? { targets: intent.targets } : {}),
    ...(intent.size ? { size: intent.size } : {}),
    ...(intent.holdingHorizon ? { horizon: intent.holdingHorizon } : {}),
    ...(intent.timeStopBars !== undefined ? { timeStopBars: intent.timeStopBars } : {}),
    ...(intent.thesis ? { thesis: intent.thesis } : {}),
  };
}

/** The journal entry for "Save chat to journal": the plan, the evaluation it got, then the conversation. */
export function journalNote(
  draft: TradeIdeaDraft,
  evaluation: { score: number; severity: string } | undefined,
): string {
  const head = [
    `Brainstorm: ${planLine(draft, undefined)}`,
    draft.thesis ? `Thesis: ${draft.thesis}` : undefined,
    evaluation
      ? `Evaluation: ${evaluation.score}/100 (${evaluation.severity})${draft.evalId ? `, evaluation ${draft.evalId}` : ''}`
      : 'Not evaluated yet.',
  ].filter(Boolean);
  const transcript = draft.transcript.map((t) => `${t.role === 'trader' ? 'me' : 'buddy'}: ${t.text}`);
  return [...head, '', 'Conversation:', ...transcript].join('\n');
}
