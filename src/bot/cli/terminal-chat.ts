import { createInterface } from 'node:readline/promises';
import type { Conversation } from '../conversation/index.js';
import { renderTerminal } from '../render/terminal.js';

/** The interactive terminal chat: one line in, one rendered Reply out, until "exit" or Ctrl-D. */
export async function runTerminalChat(
  conversation: Conversation,
  options: {
    user: string;
    input: NodeJS.ReadableStream;
    output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  },
): Promise<void> {
  const rl = createInterface({
    input: options.input,
    output: options.output,
    terminal: Boolean(options.output.isTTY),
  });
  const write = (text: string) => options.output.write(`${text}\n`);
  write('Trading Buddy: type a trade idea (e.g. "long SPX 2870 stop 2790 target 3050"), "help", or "exit".');
  let turn = 0;
  try {
    for (;;) {
      const line = await rl.question('you> ').catch(() => undefined);
      if (line === undefined) break;
      const text = line.trim();
      if (text === '') continue;
      if (/^(exit|quit|\/exit|\/quit)$/i.test(text)) break;
      turn++;
      const reply = await conversation.handle({
        platform: 'cli',
        workspace: 'local',
        channel: 'terminal',
        thread: '',
        user: options.user,
        text,
        deliveryId: `cli-${process.pid}-${Date.now()}-${turn}`,
      });
      write(
        renderTerminal(reply, { color: Boolean(options.output.isTTY), width: options.output.columns ?? 100 }),
      );
    }
  } finally {
    rl.close();
  }
}
