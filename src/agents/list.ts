import { fundamentalAgent } from './fundamental.js';
import { riskAgent } from './risk.js';
import { sentimentAgent } from './sentiment.js';
import { technicalAgent } from './technical.js';
import type { Agent } from './types.js';

/** The four analysis agents, in report order. Adding one = one file + one line here. */
export const AGENTS: readonly Agent[] = [technicalAgent, fundamentalAgent, sentimentAgent, riskAgent];
