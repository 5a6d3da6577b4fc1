import type { AuditRepository } from '../../db/index.js';
import type { GuardrailAction, GuardrailStage } from '../guardrails/types.js';
import type { Scrubber } from '../llm/index.js';

export interface GuardrailEventInput {
  stage: GuardrailStage;
  rule: string;
  action: GuardrailAction;
  excerpt: string;
  userId?: string | null | undefined;
  requestId?: string | null | undefined;
  evalId?: string | null | undefined;
}

/** Where guardrail decisions go: `guardrail_events` in production, memory in a bare run. */
export interface GuardrailJournal {
  record(events: readonly GuardrailEventInput[]): Promise<void>;
}

export interface MemoryGuardrailJournal extends GuardrailJournal {
  readonly events: ReadonlyArray<GuardrailEventInput & { ts: Date }>;
}

/** Stored excerpts are short: enough to audit a decision, not enough to replay an attack. */
export const STORED_EXCERPT_CHARS = 200;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= STORED_EXCERPT_CHARS ? flat : `${flat.slice(0, STORED_EXCERPT_CHARS - 1)}…`;
}

/** Scrubs each excerpt of credentials (a trader may paste a key into chat) before storing it. */
export function createDbGuardrailJournal(
  repo: Pick<AuditRepository, 'insertGuardrailEvent'>,
  scrub: Scrubber,
): GuardrailJournal {
  return {
    async record(events) {
      for (const e of events) {
        await repo.insertGuardrailEvent({
          stage: e.stage,
          rule: e.rule,
          action: e.action,
          excerpt: clip(scrub(e.excerpt)),
          userId: e.userId ?? null,
          requestId: e.requestId ?? null,
          evalId: e.evalId ?? null,
        });
      }
    },
  };
}

export function createMemoryGuardrailJournal(scrub: Scrubber = (t) => t): MemoryGuardrailJournal {
  const events: Array<GuardrailEventInput & { ts: Date }> = [];
  return {
    events,
    async record(batch) {
      for (const e of batch) events.push({ ...e, excerpt: clip(scrub(e.excerpt)), ts: new Date() });
    },
  };
}
