/**
 * Model and user text must never ping a channel, a role or a person: the buddy quotes, it does
 * not summon. A zero-width space after the "@" keeps the text readable and breaks the mention
 * on both Slack and Discord; Discord messages also go out with `allowed_mentions: { parse: [] }`.
 */
const ZWSP = '\u200B';

const RULES: [RegExp, (match: string, ...groups: (string | undefined)[]) => string][] = [
  // Slack broadcasts: <!channel>, <!here>, <!everyone>, with an optional |label.
  [/<!(channel|here|everyone)(?:\|[^>]*)?>/gi, (_m, word) => `@${ZWSP}${word ?? ''}`],
  // Slack user groups: <!subteam^S123|@traders>.
  [/<!subteam\^([A-Za-z0-9]+)(?:\|@?([^>]*))?>/g, (_m, id, label) => `@${ZWSP}${label || id || 'group'}`],
  // Discord roles: <@&123>.
  [/<@&(\d+)>/g, () => `@${ZWSP}role`],
  // Slack users <@U123> / <@U123|name>, Discord users <@123> / <@!123>.
  [/<@!?([A-Za-z0-9]+)(?:\|([^>]*))?>/g, (_m, id, label) => `@${ZWSP}${label || id || 'user'}`],
  // Plain-text broadcasts that Slack (with link_names) and Discord turn into pings.
  [/@(everyone|here|channel)/gi, (_m, word) => `@${ZWSP}${word ?? ''}`],
];

export function neutraliseMentions(text: string): string {
  // A replacement can splice a label onto the text after it and spell a new mention
  // ("<@U1|<!her>e>"), so the rules run until nothing changes. Every changing pass removes a
  // "<" or an "@word", so there are at most length + 1 passes.
  let out = text;
  for (let pass = 0; pass <= text.length + 1; pass += 1) {
    let next = out;
    for (const [pattern, replace] of RULES) next = next.replace(pattern, replace);
    if (next === out) return out;
    out = next;
  }
  return out;
}

/** True when the text still holds something a platform would turn into a ping (used by tests and renderers' self-checks). */
export function hasLiveMention(text: string): boolean {
  return /<!(channel|here|everyone)(\|[^>]*)?>|<!subteam\^[A-Za-z0-9]+(\|[^>]*)?>|<@[!&]?[A-Za-z0-9]+(\|[^>]*)?>|@(everyone|here|channel)/i.test(
    text,
  );
}
