import { parseTradeIdea, TRADE_IDEA_EXAMPLE } from '../parsing/index.js';
import type { AgentRun } from '../../agents/index.js';
import type { EvaluationOutcome } from '../../evaluators/index.js';
import type { BotServices } from '../services.js';
import { textReply, type Reply } from '../types.js';
import { agentCards } from './agent-cards.js';
import { reportReply } from './report-reply.js';
import type { Flow, FlowContext, FlowResult } from './types.js';
import type { TradeIntent } from '../../evaluators/index.js';

/**
 * One evaluation as every surface shows it: the evaluators, then the four agents on the same
 * ContextPack, their LLM calls linked to the evaluation for the audit.
 */
export async function evaluateWithAgents(
  services: BotServices,
  input: {
    intent: TradeIntent;
    userId: string;
    sessionId?: string | undefined;
    rawText?: string | undefined;
    asOf?: number | undefined;
    /** 'background': answer without waiting for the chart (`outcome.chartJob` says when it is stored). */
    chart?: 'wait' | 'background';
  },
): Promise<{ outcome: EvaluationOutcome; runs: AgentRun[]; reply: Reply }> {
  const outcome = await services.evaluation.evaluate(input);
  const runs = await services.agents.runner.run({
    intent: input.intent,
    ctx: outcome.context,
    evalId: outcome.evalId,
    chartId: outcome.chart?.chartId,
    userId: input.userId,
    requestId: outcome.evalId,
  });
  if (outcome.chartJob) linkChartWhenStored(services, outcome.evalId, outcome.chartJob.settled);
  const callIds = runs.flatMap((r) => r.llmCallIds);
  if (callIds.length > 0) await services.audit.linkCalls(outcome.evalId, callIds);
  const { intent } = input;
  const report = reportReply(outcome);
  const chart = outcome.chartJob
    ? {
        alt: `${intent.symbol} ${intent.timeframe} candlestick chart (drawing)`,
        follows: outcome.evalId,
      }
    : report.chart;
  // With an LLM, a plain-language summary phrased from the same facts (every number checked
  // against them; the template text when a check fails). Without one the report's own sentences
  // are the explanation, and a template dump would only repeat them.
  const sections = [...report.sections];
  if (services.llm) {
    const explanation = await services.explainer.explain(
      {
        symbol: intent.symbol,
        side: intent.side,
        score: outcome.result.score,
        severity: outcome.result.severity,
        idea: { entry: intent.entry, stop: intent.stop, targets: intent.targets },
        modules: outcome.result.modules,
        agents: runs,
      },
      { userId: input.userId, evalId: outcome.evalId, requestId: outcome.evalId },
    );
    sections.push({
      heading: explanation.source === 'llm' ? 'In plain words (AI)' : 'In plain words',
      text: explanation.text,
      detail: true,
    });
  }
  await services.evaluations.markCompleted(outcome.evalId, new Date());
  return {
    outcome,
    runs,
    reply: { ...report, sections, agents: agentCards(runs, intent.side), ...(chart ? { chart } : {}) },
  };
}

/** The agents' journal rows were written without the chart (still rendering); point them at it once stored. */
function linkChartWhenStored(
  services: BotServices,
  evalId: string,
  settled: Promise<{ chartId: string } | undefined>,
): void {
  settled
    .then((chart) => (chart ? services.evaluation.linkChart(evalId, chart.chartId) : undefined))
    .catch((error: unknown) => services.logger.warn({ err: error, evalId }, 'linking the chart failed'));
}

/**
 * Surfaces that post the report first and attach the chart when it is drawn (the others wait for it).
 * Discord's adapter can add it by a second edit (InteractionDeps.chartFor); not switched on until tested.
 */
const LATE_CHART_PLATFORMS: ReadonlySet<string> = new Set(['slack']);

export async function evaluateIntent(
  ctx: FlowContext,
  intent: TradeIntent,
  rawText: string | undefined,
): Promise<FlowResult> {
  const { outcome, reply } = await evaluateWithAgents(ctx.services, {
    intent,
    userId: ctx.userId,
    sessionId: ctx.session.sessionId,
    rawText,
    chart: LATE_CHART_PLATFORMS.has(ctx.inbound.platform) ? 'background' : 'wait',
  });
  return {
    reply,
    state: { ...ctx.state, lastIntent: intent, lastEvaluationId: outcome.evalId },
    mode: 'idle',
  };
}

/** Words of the message the parser did not use, said back so nothing is dropped silently. */
function ignoredSections(ignored: readonly string[]): Reply['sections'] {
  return ignored.length
    ? [
        {
          heading: 'Not used',
          text: `I did not use: ${ignored.map((w) => `"${w}"`).join(', ')}. If it mattered, say it another way (e.g. "stop 180", "target 195", "risk 1%").`,
        },
      ]
    : [];
}

function withIgnored(reply: Reply, ignored: readonly string[]): Reply {
  return ignored.length ? { ...reply, sections: [...ignoredSections(ignored), ...reply.sections] } : reply;
}

/** Text -> TradeIntent -> Buddy Report, or a precise account of what is missing. */
export const evaluateFlow: Flow = {
  id: 'evaluate',
  async run(ctx, args) {
    await ctx.services.symbols.refresh();
    const { symbols } = ctx.services;
    const parsed = parseTradeIdea(args, {
      isKnownSymbol: (s) => symbols.has(s),
      marketPrice: (s) => symbols.lastClose(s),
    });
    if (parsed.kind === 'intent') {
      const result = await evaluateIntent(ctx, parsed.intent, args);
      return { ...result, reply: withIgnored(result.reply, parsed.slots.ignored ?? []) };
    }
    if (parsed.kind === 'incomplete') {
      const got = [
        parsed.slots.side,
        parsed.slots.symbol,
        parsed.slots.entry !== undefined ? `@ ${parsed.slots.entry}` : undefined,
      ]
        .filter(Boolean)
        .join(' ');
      return {
        reply: {
          ...textReply(
            'I need a bit more to evaluate this',
            `${got ? `So far: ${got}. ` : ''}Missing or unclear:`,
            'error',
          ),
          sections: parsed.problems
            .map((p) => ({ text: `• ${p}` }))
            .concat(ignoredSections(parsed.slots.ignored ?? []))
            .concat([{ text: `Example: \`${TRADE_IDEA_EXAMPLE}\`` }]),
        },
      };
    }
    return {
      reply: textReply(
        'That does not look like a trade idea',
        `Give me a side, a symbol and an entry, e.g. \`${TRADE_IDEA_EXAMPLE}\`.`,
        'error',
      ),
    };
  },
};

/** The Re-evaluate button: the last idea of this conversation, against the latest data. */
export const reevaluateFlow: Flow = {
  id: 'reevaluate',
  async run(ctx) {
    const intent = ctx.state.lastIntent;
    if (!intent)
      return {
        reply: textReply(
          'Nothing to re-evaluate',
          'This conversation has no trade idea yet. Type one, e.g. `long SPX 2870 stop 2790 target 3050`.',
          'error',
        ),
      };
    return evaluateIntent(ctx, intent, undefined);
  },
};
