import { renderTerminal } from '../../render/terminal.js';
import type { CliCommand } from './types.js';

export const evaluate: CliCommand = {
  path: ['evaluate'],
  usage: 'buddy evaluate "long SPX 2870 stop 2790 target 3050"',
  description: 'Evaluate one trade idea and print the Buddy Report.',
  async run(app, args, io) {
    const text = args.join(' ').trim();
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
    io.out(
      renderTerminal(reply, { color: Boolean(process.stdout.isTTY), width: process.stdout.columns ?? 100 }),
    );
    return reply.kind === 'error' ? 1 : 0;
  },
};
