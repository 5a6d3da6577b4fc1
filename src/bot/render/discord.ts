import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { compactReport, moreText } from '../../reply/index.js';
import type { Reply, ReplyButton } from '../types.js';
import { neutraliseMentions } from './mentions.js';
import { CUT_MARKER, truncate } from './text-limits.js';

/** Discord message limits (discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2_000,
  embeds: 10,
  title: 256,
  description: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  total: 6_000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** Local files to attach; an embed refers to them as attachment://name. */
  files: { path: string; name: string }[];
  allowed_mentions: { parse: [] };
}

const COLOR: Record<string, number> = {
  ok: 0x2ecc71,
  info: 0x95a5a6,
  low: 0xf1c40f,
  medium: 0xe67e22,
  high: 0xe74c3c,
  critical: 0x8e44ad,
};
const STYLE: Record<
  ReplyButton['id'],
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger
> = {
  evaluate: ButtonStyle.Primary,
  'save-journal': ButtonStyle.Success,
  'settings-form': ButtonStyle.Secondary,
  edit: ButtonStyle.Secondary,
  cancel: ButtonStyle.Danger,
  details: ButtonStyle.Secondary,
};
const BLANK = '\u200B';
const safe = (text: string, max: number) => truncate(neutraliseMentions(text), max);
const field = (name: string, value: string): APIEmbedField => ({
  name: safe(name, DISCORD_LIMITS.fieldName) || BLANK,
  value: safe(value, DISCORD_LIMITS.fieldValue) || BLANK,
});

/** `custom_id` of a button: the Reply button id and its value, read back by the adapter. */
export function buttonCustomId(button: Pick<ReplyButton, 'id' | 'value'>): string {
  return `${button.id}:${button.value}`;
}

/**
 * A Reply as Discord embeds and buttons within Discord's limits: every text is cut with a
 * visible marker at its own limit, issues past 25 fields become a "not shown" line, and the
 * 6,000-character total is met by shortening the longest texts first.
 */
export function renderDiscord(full: Reply): DiscordMessage {
  const reply = compactReport(full);
  const badge = reply.badge ? `${reply.badge.score}/100 · ${reply.badge.label}` : '';
  const title = reply.title.trim() || 'Trading Buddy';
  const description = [
    badge ? `**${neutraliseMentions(badge)}**` : '',
    reply.text ?? '',
    ...reply.sections.map((s) => (s.heading ? `**${s.heading}**\n${s.text}` : s.text)),
  ]
    .filter((p) => p.trim())
    .join('\n\n');

  const main: APIEmbed = {
    title: safe(title, DISCORD_LIMITS.title),
    color: COLOR[reply.badge?.severity ?? (reply.kind === 'error' ? 'high' : 'info')] ?? COLOR.info,
  };
  if (description) main.description = safe(description, DISCORD_LIMITS.description);
  main.fields = capFields(
    reply.issues.map((issue, i) =>
      field(
        `${i + 1}. ${issue.severity.toUpperCase()} · ${issue.code}`,
        [
          issue.message,
          issue.evidence.length
            ? `**Numbers:** ${issue.evidence.map((e) => `${e.label} ${e.value}`).join(' · ')}`
            : '',
          `**→** ${issue.mitigation}`,
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    ),
    'issue',
  );

  const files: DiscordMessage['files'] = [];
  const chart = reply.chart;
  let chartNote = '';
  if (chart?.url && /^https?:\/\//.test(chart.url)) main.image = { url: chart.url };
  else if (chart?.path) {
    files.push({ path: chart.path, name: 'chart.png' });
    main.image = { url: 'attachment://chart.png' };
  } else if (chart?.follows) chartNote = 'The chart follows in a moment.';
  else if (chart) chartNote = `Chart not shown here: ${chart.alt}`;

  const embeds: APIEmbed[] = [main];
  if (reply.agents.length > 0) {
    embeds.push({
      title: 'Agents',
      color: COLOR.info,
      fields: capFields(
        reply.agents.map((card) =>
          field(
            `${card.agent}: ${card.stance ?? card.recommendation} · ${card.confidence}/100`,
            [
              card.reasoning,
              ...card.factors.map((f) => `• ${f.text} [${f.evidence}]`),
              `_${card.provider}_`,
            ].join('\n'),
          ),
        ),
        'agent card',
      ),
    });
  }
  const more = moreText(reply.more);
  const tail = [
    ...(reply.tail ?? []).map((l) => (l.heading ? `**${l.heading}:** ${l.text}` : l.text)),
    ...(more ? [`_${more}: press Details for every issue with its numbers._`] : []),
  ];
  if (tail.length > 0) main.fields = [...(main.fields ?? []), field(BLANK, tail.join('\n'))];
  const footer = [chartNote, reply.footer ?? ''].filter(Boolean).join('\n');
  const last = embeds[embeds.length - 1];
  if (footer && last) last.footer = { text: safe(footer, DISCORD_LIMITS.footer) };
  for (const embed of embeds) if (embed.fields?.length === 0) delete embed.fields;
  fitTotal(embeds);

  return {
    content: safe(`**${title}**${badge ? ` · ${badge}` : ''}`, DISCORD_LIMITS.content),
    embeds: embeds.slice(0, DISCORD_LIMITS.embeds),
    components: buttonRows(
      reply.view === 'full' ? reply.buttons.filter((b) => b.id !== 'details') : reply.buttons,
    ),
    files,
    allowed_mentions: { parse: [] },
  };
}

function capFields(fields: APIEmbedField[], what: string): APIEmbedField[] {
  if (fields.length <= DISCORD_LIMITS.fields) return fields;
  const shown = fields.slice(0, DISCORD_LIMITS.fields - 1);
  const hidden = fields.length - shown.length;
  return [
    ...shown,
    {
      name: CUT_MARKER,
      value: `${hidden} more ${what}${hidden === 1 ? '' : 's'} not shown: Discord allows ${DISCORD_LIMITS.fields} fields in an embed.`,
    },
  ];
}

/** Buttons whose custom_id would not fit (or repeats) are left out: a shortened id would point at the wrong thing. */
function buttonRows(buttons: ReplyButton[]): DiscordMessage['components'] {
  const usable = buttons
    .filter(
      (b, i, all) =>
        buttonCustomId(b).length <= DISCORD_LIMITS.customId &&
        all.findIndex((o) => buttonCustomId(o) === buttonCustomId(b)) === i,
    )
    .slice(0, DISCORD_LIMITS.rows * DISCORD_LIMITS.buttonsPerRow);
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < usable.length; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + DISCORD_LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        style: STYLE[b.id],
        custom_id: buttonCustomId(b),
        label: safe(b.label || b.id, DISCORD_LIMITS.buttonLabel) || b.id,
      })),
    });
  }
  return rows;
}

/** Characters Discord counts towards the 6,000 total of a message's embeds. */
export function embedChars(embeds: APIEmbed[]): number {
  let total = 0;
  for (const e of embeds) {
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0);
    for (const f of e.fields ?? []) total += f.name.length + f.value.length;
  }
  return total;
}

/** Shortens the longest texts first (down to a readable floor), then drops trailing fields. */
function fitTotal(embeds: APIEmbed[]): void {
  const floor = 160;
  for (let guard = 0; guard < 200 && embedChars(embeds) > DISCORD_LIMITS.total; guard += 1) {
    const excess = embedChars(embeds) - DISCORD_LIMITS.total;
    const texts: { length: number; set(text: string): void; get(): string }[] = [];
    for (const e of embeds) {
      if (e.description)
        texts.push({
          length: e.description.length,
          get: () => e.description ?? '',
          set: (t) => {
            e.description = t;
          },
        });
      for (const f of e.fields ?? [])
        texts.push({
          length: f.value.length,
          get: () => f.value,
          set: (t) => {
            f.value = t;
          },
        });
      if (e.footer) {
        const footer = e.footer;
        texts.push({
          length: footer.text.length,
          get: () => footer.text,
          set: (t) => {
            footer.text = t;
          },
        });
      }
    }
    const longest = texts.filter((t) => t.length > floor).sort((a, b) => b.length - a.length)[0];
    if (longest) {
      longest.set(truncate(longest.get(), Math.max(floor, longest.length - excess)));
      continue;
    }
    const withFields = [...embeds].reverse().find((e) => (e.fields?.length ?? 0) > 0);
    if (!withFields?.fields) break;
    withFields.fields.pop();
    if (withFields.fields.length === 0) delete withFields.fields;
  }
}
