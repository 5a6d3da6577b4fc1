import { textReply } from '../types.js';
import { brainstormEditFlow } from './brainstorm.js';
import { reevaluateFlow } from './evaluate.js';
import { saveJournalFlow } from './journal.js';
import type { Flow } from './types.js';

/**
 * A report's buttons typed as words in the terminal (or any chat): "save", "edit", "re-evaluate".
 * They act on the newest report of the conversation, as the button under it would.
 */
export const typedSaveFlow: Flow = {
  id: 'save-journal-typed',
  async run(ctx) {
    const evalId = ctx.state.lastEvaluationId;
    if (!evalId)
      return {
        reply: textReply(
          'Nothing to save',
          'This conversation has no Buddy Report yet. Type an idea first, e.g. `long SPX 2870 stop 2790 target 3050`.',
          'error',
        ),
      };
    return saveJournalFlow.run(ctx, evalId);
  },
};

export const typedEditFlow: Flow = { id: 'edit-typed', run: (ctx) => brainstormEditFlow.run(ctx, '') };
export const typedReevaluateFlow: Flow = {
  id: 'reevaluate-typed',
  run: (ctx) => reevaluateFlow.run(ctx, ''),
};
