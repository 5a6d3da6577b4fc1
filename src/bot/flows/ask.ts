import { citation, markers, type KnowledgeAnswer } from '../../agents/answer/index.js';
import { DISCLAIMER, textReply, type Reply } from '../types.js';
import { issueAskedAbout } from './report-followup.js';
import type { Flow, FlowContext } from './types.js';

/** The section answering from the conversation's last report, when the question is about one of its issues. */
async function lastReportIssue(
  ctx: FlowContext,
  question: string,
): Promise<{ heading: string; text: string } | undefined> {
  if (!ctx.state.lastEvaluationId) return undefined;
  const row = await ctx.services.conversations.findReport(ctx.session.sessionId);
  const report = row?.reply as Reply | null | undefined;
  const found = report ? issueAskedAbout(question, report.issues) : undefined;
  if (!report || !found) return undefined;
  const { issue, index } = found;
  const numbers = issue.evidence.map((e) => `${e.label} ${e.value}`).join(' · ');
  return {
    heading: `Your last report, issue ${index + 1}`,
    text: `${issue.message}${numbers ? `\nNumbers: ${numbers}` : ''}\nWhat would change it: ${issue.mitigation}`,
  };
}

const USAGE =
  'Ask about a trading concept, e.g. `/ask what does ATR mean and how do people use it for stops?` or `/ask how big a position with 1% risk on a 50k account with a $2 stop`.';

function workedSection(answer: KnowledgeAnswer) {
  if (!answer.worked) return [];
  return [
    {
      heading: 'Worked out from your numbers',
      text: `${answer.worked.steps.join('\n')}\n→ ${answer.worked.result}. Computed by Trading Buddy's own arithmetic, not taken from the documents.`,
    },
  ];
}

/** The answer as a neutral Reply: a summary, each passage quoted with its citation, the worked number. */
export function answerReply(answer: KnowledgeAnswer): Reply {
  if (answer.kind === 'not-covered') {
    const nearest = answer.nearest.map((d) => `${d.title} (${d.docPath})`).join('; ');
    return {
      ...textReply(
        'Not covered by the knowledge base',
        `The knowledge base does not cover "${answer.question}" well enough to answer from it, so I will not quote a document about something else. It covers technical analysis, fundamentals, sentiment and risk management.${nearest ? ` The nearest documents were: ${nearest}.` : ''}`,
      ),
      sections: workedSection(answer),
      footer: DISCLAIMER,
    };
  }
  const summary =
    answer.mode === 'llm'
      ? answer.sentences.map((s) => `${s.text} ${markers(s.chunkIds, answer.passages)}`.trim()).join(' ')
      : 'Quoted from the knowledge base: the passages that answer your question, each with its source.';
  return {
    ...textReply(
      answer.mode === 'llm' ? 'From the knowledge base (AI summary)' : 'From the knowledge base',
      summary,
    ),
    sections: [
      ...answer.passages.map((p, i) => ({
        heading: `[${i + 1}] ${p.heading.startsWith(p.title) ? p.heading.replace(/ > /g, ' › ') : `${p.title} › ${p.heading}`}`,
        text: `"${p.quote}"\nSource: ${citation(p)}`,
      })),
      ...workedSection(answer),
    ],
    footer: DISCLAIMER,
  };
}

/** `/ask <question>` and free-text questions: answered from the knowledge base, every passage cited. */
export const askFlow: Flow = {
  id: 'ask',
  async run(ctx, args) {
    const question = args.trim();
    if (question.length === 0) return { reply: textReply('Ask me about a trading concept', USAGE, 'help') };
    const { answer, record } = await ctx.services.answers.answer(question, {
      userId: ctx.userId,
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    });
    const reply = answerReply(answer);
    // A follow-up about the last report ("why is my stop in noise?") leads with that issue's own numbers.
    const about = await lastReportIssue(ctx, question);
    return { reply: about ? { ...reply, sections: [about, ...reply.sections] } : reply, toolCalls: [record] };
  },
};
