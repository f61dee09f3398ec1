// User text quoted inside bot-authored text (hand-off summaries, agent relays, the web notice) must
// stay text in every channel: Markdown (the web chat), Slack mrkdwn and Discord markdown. Markup
// characters become look-alikes, links and mentions are defanged, so a posted message can never
// turn into a live link, a ping or formatting authored by the bot.

const LOOKALIKE: Record<string, string> = {
  '[': '［',
  ']': '］',
  '*': '∗',
  _: '＿',
  '`': 'ˋ',
  '~': '∼',
  '|': '¦',
  '<': '‹',
  '>': '›',
  '\\': '⧵',
};
const MARKUP = /[[\]*_`~|<>\\]/g;

/** Returns `text` as inert characters for Markdown, Slack mrkdwn and Discord markdown alike. */
export function neutraliseUserText(text: string): string {
  return (
    text
      .replace(/\r?\n/g, ' ')
      .replace(MARKUP, (c) => LOOKALIKE[c] ?? c)
      // Mass mentions: @everyone / @here (Discord, Slack), @channel (Slack).
      .replace(/@(everyone|here|channel)\b/gi, '@\u200b$1')
      // Links: "https://x" and "www.x" are linkified by Slack and Discord; so is "x.com" by Slack.
      .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//')
      .replace(/\bwww\./gi, 'www[.]')
      .replace(/\b([a-z0-9-]{2,})\.([a-z]{2,24})\b(?![.\w])/gi, '$1[.]$2')
      // A heading or block quote at the start ("# x", "> x") would apply to the whole quote.
      .replace(/^\s*#/, '＃')
  );
}
