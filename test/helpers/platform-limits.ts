import type { DiscordMessage } from '../../src/bot/render/discord.js';
import { embedChars } from '../../src/bot/render/discord.js';
import { hasLiveMention } from '../../src/bot/render/mentions.js';
import type { SlackMessage } from '../../src/bot/render/slack.js';

/**
 * Independent checks of each platform's published limits: the renderers' own constants are
 * not used, so a wrong constant in a renderer shows up here as a violation.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(
  where: string,
  text: unknown,
  max: number,
  out: string[],
  options: { mrkdwn?: boolean } = {},
): void {
  if (typeof text !== 'string') return void out.push(`${where}: not a string`);
  if (text.length === 0) out.push(`${where}: empty`);
  if (text.length > max) out.push(`${where}: ${text.length} > ${max}`);
  if (hasLiveMention(text)) out.push(`${where}: live mention`);
  if (loneSurrogate.test(text)) out.push(`${where}: split surrogate pair`);
  if (options.mrkdwn && /&[a-z]{0,4}$/.test(text)) out.push(`${where}: ends inside an entity`);
  if (options.mrkdwn && /<|>/.test(text)) out.push(`${where}: unescaped < or >`);
}

export function slackViolations(message: SlackMessage): string[] {
  const out: string[] = [];
  if (message.blocks.length > 50) out.push(`blocks: ${message.blocks.length} > 50`);
  checkText('text', message.text, 40_000, out, { mrkdwn: true });
  message.blocks.forEach((raw, i) => {
    const block = raw as unknown as Record<string, unknown> & { type: string };
    const at = `block ${i} (${block.type})`;
    if (block.type === 'header') checkText(at, (block.text as { text: string }).text, 150, out);
    else if (block.type === 'section')
      checkText(at, (block.text as { text: string }).text, 3_000, out, { mrkdwn: true });
    else if (block.type === 'context') {
      const elements = block.elements as { text: string }[];
      if (elements.length > 10) out.push(`${at}: ${elements.length} elements`);
      elements.forEach((e, j) => checkText(`${at}.${j}`, e.text, 3_000, out, { mrkdwn: true }));
    } else if (block.type === 'actions') {
      const elements = block.elements as { action_id: string; text: { text: string }; value: string }[];
      if (elements.length > 25) out.push(`${at}: ${elements.length} elements > 25`);
      if (new Set(elements.map((e) => e.action_id)).size !== elements.length)
        out.push(`${at}: repeated action_id`);
      for (const e of elements) {
        checkText(`${at} button`, e.text.text, 75, out);
        if (e.value.length > 2_000) out.push(`${at}: value ${e.value.length} > 2000`);
        if (e.action_id.length > 255) out.push(`${at}: action_id too long`);
      }
    } else if (block.type === 'image') {
      checkText(`${at} alt`, block.alt_text, 2_000, out);
      if ((block.image_url as string).length > 3_000) out.push(`${at}: image_url too long`);
    } else out.push(`${at}: unexpected block type`);
  });
  return out;
}

export function discordViolations(message: DiscordMessage): string[] {
  const out: string[] = [];
  if (message.content.length > 2_000) out.push(`content: ${message.content.length} > 2000`);
  if (hasLiveMention(message.content)) out.push('content: live mention');
  if (message.allowed_mentions.parse.length !== 0) out.push('allowed_mentions not empty');
  if (message.embeds.length > 10) out.push(`embeds: ${message.embeds.length} > 10`);
  if (embedChars(message.embeds) > 6_000) out.push(`embed total: ${embedChars(message.embeds)} > 6000`);
  message.embeds.forEach((e, i) => {
    if (e.title !== undefined) checkText(`embed ${i} title`, e.title, 256, out);
    if (e.description !== undefined) checkText(`embed ${i} description`, e.description, 4_096, out);
    if (e.footer) checkText(`embed ${i} footer`, e.footer.text, 2_048, out);
    if ((e.fields?.length ?? 0) > 25) out.push(`embed ${i}: ${e.fields?.length} fields > 25`);
    e.fields?.forEach((f, j) => {
      checkText(`embed ${i} field ${j} name`, f.name, 256, out);
      checkText(`embed ${i} field ${j} value`, f.value, 1_024, out);
    });
  });
  if (message.components.length > 5) out.push(`rows: ${message.components.length} > 5`);
  const ids = message.components.flatMap((row) =>
    row.components.map((b) => ('custom_id' in b ? b.custom_id : '')),
  );
  if (new Set(ids).size !== ids.length) out.push('repeated custom_id');
  for (const row of message.components) {
    if (row.components.length > 5) out.push(`row: ${row.components.length} buttons > 5`);
    for (const b of row.components) {
      if ('label' in b && b.label !== undefined) checkText('button label', b.label, 80, out);
      if ('custom_id' in b && b.custom_id.length > 100) out.push(`custom_id ${b.custom_id.length} > 100`);
    }
  }
  return out;
}
