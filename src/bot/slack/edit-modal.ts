import type { types } from '@slack/bolt';
import { z } from 'zod';
import { EDIT_FIELDS, editValuesOf, type EditValues } from '../commands/index.js';
import type { TradeIntent } from '../../evaluators/index.js';

export const EDIT_CALLBACK_ID = 'buddy-edit';

/** What the modal carries from the button press to the submission (private_metadata, 3,000 chars at most). */
const EditMetaSchema = z.object({
  intentId: z.string().min(1).max(100),
  team: z.string().min(1).max(100),
  channel: z.string().min(1).max(100),
  thread: z.string().max(100),
  responseUrl: z.url().max(1_000).optional(),
});
export type EditMeta = z.infer<typeof EditMetaSchema>;

const OPTIONAL: ReadonlySet<string> = new Set(['stop', 'targets', 'size']);

/** The Edit modal: one input per field of the idea, filled with the evaluated values. */
export function editView(intent: TradeIntent, meta: EditMeta): types.ModalView {
  const current = editValuesOf(intent);
  const blocks: types.InputBlock[] = EDIT_FIELDS.map((field) => {
    const value = current[field.key];
    const element: types.InputBlock['element'] =
      'choices' in field
        ? {
            type: 'static_select',
            action_id: 'value',
            options: field.choices.map((c) => ({ text: { type: 'plain_text', text: c }, value: c })),
            ...(value ? { initial_option: { text: { type: 'plain_text', text: value }, value } } : {}),
          }
        : {
            type: 'plain_text_input',
            action_id: 'value',
            placeholder: { type: 'plain_text', text: field.placeholder.slice(0, 150) },
            ...(value ? { initial_value: value } : {}),
          };
    return {
      type: 'input',
      block_id: field.key,
      optional: OPTIONAL.has(field.key),
      label: { type: 'plain_text', text: field.label },
      element,
    };
  });
  return {
    type: 'modal',
    callback_id: EDIT_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Edit trade idea' },
    submit: { type: 'plain_text', text: 'Evaluate' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

const StateSchema = z.record(
  z.string(),
  z.object({
    value: z.object({
      value: z.string().nullish(),
      selected_option: z.object({ value: z.string() }).nullish(),
    }),
  }),
);

/** The submitted fields and the metadata, checked; undefined when the payload is not ours or is damaged. */
export function readEditSubmission(view: {
  private_metadata?: string;
  state?: unknown;
}): { meta: EditMeta; edits: EditValues } | undefined {
  let metaJson: unknown;
  try {
    metaJson = JSON.parse(view.private_metadata ?? '');
  } catch {
    return undefined;
  }
  const meta = EditMetaSchema.safeParse(metaJson);
  const state = StateSchema.safeParse((view.state as { values?: unknown } | undefined)?.values);
  if (!meta.success || !state.success) return undefined;
  const edits: EditValues = {};
  for (const field of EDIT_FIELDS) {
    const entry = state.data[field.key]?.value;
    if (entry) edits[field.key] = (entry.selected_option?.value ?? entry.value ?? '').slice(0, 200);
  }
  return { meta: meta.data, edits };
}
