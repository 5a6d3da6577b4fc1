import { renderTerminal } from '../../render/terminal.js';
import type { CliCommand } from './types.js';

export const evaluate: CliCommand = {
  path: ['evaluate'],
  usage: 'buddy evaluate [--details] "long SPX 2870 stop 2790 target 3050"',
  description:
    'Evaluate one trade idea and print the Buddy Report (--details: every issue with its numbers).',
  async run(app, args, io) {
    const details = args.includes('--details');
    const text = args
      .filter((a) => a !== '--details')
      .join(' ')
      .trim();
    if (!text) {
      io.err(`Give the idea as text.\nUsage: ${this.usage}`);
      return 2;
    }
    const reply = await app.conversation.handle({
      platform: 'cli',
      workspace: 'local',
      channel: 'command-line',
      thread: '',
      user: app.config.cli.user,
      text: `/evaluate ${text}`,
    });
    const shown = details && reply.kind === 'report' ? { ...reply, view: 'full' as const } : reply;
    io.out(
      renderTerminal(shown, { color: Boolean(process.stdout.isTTY), width: process.stdout.columns ?? 100 }),
    );
    // The compact report leaves the id out; a one-shot command has no conversation to type `details` in.
    const evalId = reply.refs?.evaluationId;
    if (evalId && !details)
      io.out(`Evaluation ${evalId}: \`buddy audit ${evalId}\` for everything, or add --details.`);
    return reply.kind === 'error' ? 1 : 0;
  },
};
