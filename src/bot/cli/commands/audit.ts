import { z } from 'zod';
import { formatAuditChain } from '../../../agents/audit/index.js';
import type { CliCommand } from './types.js';

const EvaluationId = z.uuid();

export const audit: CliCommand = {
  path: ['audit'],
  usage: 'buddy audit EVALUATION_ID [--json]',
  description:
    'Show the audit chain of one evaluation: intent, context facts, evaluator results, agent signals, passages, prompts, raw LLM answers, guardrail events.',
  async run(app, args, io) {
    const json = args.includes('--json');
    const rest = args.filter((a) => a !== '--json');
    const id = rest[0];
    if (rest.length !== 1 || id === undefined || !EvaluationId.safeParse(id).success) {
      io.err(`Give one evaluation id (a UUID, as printed under the Buddy Report).\nUsage: ${this.usage}`);
      return 2;
    }
    const chain = await app.services.audit.chain(id);
    if (!chain) {
      io.err(`No evaluation ${id}.`);
      return 1;
    }
    io.out(json ? JSON.stringify(chain, null, 2) : formatAuditChain(chain));
    return 0;
  },
};
