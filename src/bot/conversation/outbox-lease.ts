import type { AnswerJobRepository, Lease } from '../../db/index.js';

/** The answer path's outbox: the job repository, who this process is, and how long a lease lasts. */
export interface AnswerOutbox {
  jobs: AnswerJobRepository;
  owner: string;
  leaseMs: number;
  clock: () => Date;
}

export function createAnswerOutbox(
  jobs: AnswerJobRepository,
  options: { owner: string; leaseMs: number; clock?: () => Date },
): AnswerOutbox {
  return { jobs, owner: options.owner, leaseMs: options.leaseMs, clock: options.clock ?? (() => new Date()) };
}

export function leaseOf(outbox: AnswerOutbox): Lease {
  return { owner: outbox.owner, now: outbox.clock(), leaseMs: outbox.leaseMs };
}
